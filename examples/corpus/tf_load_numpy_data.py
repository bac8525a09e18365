"""Load NumPy data with tf.data.

Source: https://www.tensorflow.org/tutorials/load_data/numpy (TensorFlow docs,
Apache-2.0). Changed: the ``mnist.npz`` download is replaced by
``corpus_data.mnist()``; 3 epochs (was 10).
"""
import tensorflow as tf

import corpus_data

(train_examples, train_labels), (test_examples, test_labels) = corpus_data.mnist()

train_dataset = tf.data.Dataset.from_tensor_slices((train_examples, train_labels))
test_dataset = tf.data.Dataset.from_tensor_slices((test_examples, test_labels))

BATCH_SIZE = 64
SHUFFLE_BUFFER_SIZE = 100

train_dataset = train_dataset.shuffle(SHUFFLE_BUFFER_SIZE).batch(BATCH_SIZE)
test_dataset = test_dataset.batch(BATCH_SIZE)

model = tf.keras.Sequential([
    tf.keras.layers.Flatten(input_shape=(28, 28)),
    tf.keras.layers.Dense(128, activation="relu"),
    tf.keras.layers.Dense(10),
])

model.compile(optimizer=tf.keras.optimizers.RMSprop(),
              loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=["sparse_categorical_accuracy"])

model.fit(train_dataset, epochs=3)
model.evaluate(test_dataset)
