"""Text classification with an RNN: IMDB reviews as a ``tf.data`` dataset of (text, label)
pairs, shuffled, batched and prefetched, a TextVectorization encoder adapted on the texts
alone (a mapped dataset), ``get_vocabulary`` and a round trip of encoded examples, a
Sequential of the encoder, an ``Embedding(mask_zero=True)``, a Bidirectional LSTM and Dense
layers (``supports_masking`` of each layer), ``model.predict`` on raw strings with and
without padding, fit with ``validation_steps``, evaluate; then a stacked model of two
Bidirectional LSTMs (the first with ``return_sequences=True``) and Dropout.

Source: https://www.tensorflow.org/text/tutorials/text_classification_rnn (TensorFlow Text
docs, Apache-2.0; the tf.keras version, ``docs/tutorials/text_classification_rnn.ipynb`` of
tensorflow/text). Changed: ``tfds.load('imdb_reviews', with_info=True,
as_supervised=True)`` (a download, and the tensorflow_datasets package) is replaced by
``load_imdb_reviews`` below: 192 training and 64 test reviews of 6 to 15 words of
``corpus_data.imdb_reviews`` (were 25000 and 25000 reviews of hundreds of words; byte
strings and int64 labels, as tfds's) fed through ``tf.data.Dataset.from_tensor_slices``,
and ``info`` by ``corpus_data.tfds_info``; ``BUFFER_SIZE = 192`` and ``BATCH_SIZE = 16``
(were 10000 and 64: more, shorter steps, so that Adam(1e-4) moves the loss in a few
seconds), 4 epochs for the first model and 2 for the stacked one (were 10 each) and
``validation_steps=1`` (was 30, more batches than this test set has); the padding sample
is ``"the " * 200`` (was 2000: a long LSTM step loop for one
prediction); ``tfds.disable_progress_bar()`` and the matplotlib history plots are left out.
"""
import numpy as np

import tensorflow as tf

import corpus_data


def load_imdb_reviews():
    (train_texts, train_labels), (test_texts, test_labels) = corpus_data.imdb_reviews(
        n_train=192, n_test=64, length=(6, 16))
    dataset = {'train': tf.data.Dataset.from_tensor_slices((train_texts, train_labels)),
               'test': tf.data.Dataset.from_tensor_slices((test_texts, test_labels))}
    return dataset, corpus_data.tfds_info(train=len(train_texts), test=len(test_texts))


dataset, info = load_imdb_reviews()
train_dataset, test_dataset = dataset['train'], dataset['test']

print(train_dataset.element_spec)

for example, label in train_dataset.take(1):
  print('text: ', example.numpy())
  print('label: ', label.numpy())

BUFFER_SIZE = 192
BATCH_SIZE = 16

train_dataset = train_dataset.shuffle(BUFFER_SIZE).batch(BATCH_SIZE).prefetch(tf.data.AUTOTUNE)
test_dataset = test_dataset.batch(BATCH_SIZE).prefetch(tf.data.AUTOTUNE)

for example, label in train_dataset.take(1):
  print('texts: ', example.numpy()[:3])
  print()
  print('labels: ', label.numpy()[:3])

VOCAB_SIZE = 1000
encoder = tf.keras.layers.TextVectorization(
    max_tokens=VOCAB_SIZE)
encoder.adapt(train_dataset.map(lambda text, label: text))

vocab = np.array(encoder.get_vocabulary())
print(vocab[:20])

encoded_example = encoder(example)[:3].numpy()
print(encoded_example)

for n in range(3):
  print("Original: ", example[n].numpy())
  print("Round-trip: ", " ".join(vocab[encoded_example[n]]))
  print()

model = tf.keras.Sequential([
    encoder,
    tf.keras.layers.Embedding(
        input_dim=len(encoder.get_vocabulary()),
        output_dim=64,
        # Use masking to handle the variable sequence lengths
        mask_zero=True),
    tf.keras.layers.Bidirectional(tf.keras.layers.LSTM(64)),
    tf.keras.layers.Dense(64, activation='relu'),
    tf.keras.layers.Dense(1)
])

print([layer.supports_masking for layer in model.layers])

# predict on a sample text without padding.

sample_text = ('The movie was cool. The animation and the graphics '
               'were out of this world. I would recommend this movie.')
predictions = model.predict(np.array([sample_text]))
print(predictions[0])

# predict on a sample text with padding

padding = "the " * 200
predictions = model.predict(np.array([sample_text, padding]))
print(predictions[0])

model.compile(loss=tf.keras.losses.BinaryCrossentropy(from_logits=True),
              optimizer=tf.keras.optimizers.Adam(1e-4),
              metrics=['accuracy'])

history = model.fit(train_dataset, epochs=4,
                    validation_data=test_dataset,
                    validation_steps=1)

test_loss, test_acc = model.evaluate(test_dataset)

print('Test Loss:', test_loss)
print('Test Accuracy:', test_acc)

sample_text = ('The movie was cool. The animation and the graphics '
               'were out of this world. I would recommend this movie.')
predictions = model.predict(np.array([sample_text]))
print(predictions)

model = tf.keras.Sequential([
    encoder,
    tf.keras.layers.Embedding(len(encoder.get_vocabulary()), 64, mask_zero=True),
    tf.keras.layers.Bidirectional(tf.keras.layers.LSTM(64,  return_sequences=True)),
    tf.keras.layers.Bidirectional(tf.keras.layers.LSTM(32)),
    tf.keras.layers.Dense(64, activation='relu'),
    tf.keras.layers.Dropout(0.5),
    tf.keras.layers.Dense(1)
])

model.compile(loss=tf.keras.losses.BinaryCrossentropy(from_logits=True),
              optimizer=tf.keras.optimizers.Adam(1e-4),
              metrics=['accuracy'])

history = model.fit(train_dataset, epochs=2,
                    validation_data=test_dataset,
                    validation_steps=1)

test_loss, test_acc = model.evaluate(test_dataset)

print('Test Loss:', test_loss)
print('Test Accuracy:', test_acc)

# predict on a sample text without padding.

sample_text = ('The movie was not good. The animation and the graphics '
               'were terrible. I would not recommend this movie.')
predictions = model.predict(np.array([sample_text]))
print(predictions)
