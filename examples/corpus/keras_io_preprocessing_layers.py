"""Working with preprocessing layers: the guide's quick recipes on their small arrays.

Source: https://keras.io/guides/preprocessing_layers/ (keras-io, Apache-2.0; the Keras 2
version, last modified 2021/04/23). Changed: the sections on CIFAR-10 pictures (a
download and a ResNet50V2) are left out; the recipes that follow run as written:
Normalization and TextVectorization adapted to arrays, StringLookup and IntegerLookup
with a given vocabulary (int and one_hot), Hashing into CategoryEncoding (multi_hot),
TextVectorization adapted to a Dataset feeding an Embedding and a GRU through a mapped
Dataset, then multi_hot and tf_idf bigrams, each adapted layer reused in an end-to-end
model on raw strings. Each fit is one epoch on two sentences, as in the guide.
"""
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

data = np.array([[0.1, 0.2, 0.3], [0.8, 0.9, 1.0], [1.5, 1.6, 1.7]])
layer = layers.Normalization()
layer.adapt(data)
normalized_data = layer(data)
print("Features mean: %.2f" % (normalized_data.numpy().mean()))
print("Features std: %.2f" % (normalized_data.numpy().std()))

data = [
    "ξεῖν᾽, ἦ τοι μὲν ὄνειροι ἀμήχανοι ἀκριτόμυθοι",
    "γίγνοντ᾽, οὐδέ τι πάντα τελείεται ἀνθρώποισι.",
    "δοιαὶ γάρ τε πύλαι ἀμενηνῶν εἰσὶν ὀνείρων:",
    "αἱ μὲν γὰρ κεράεσσι τετεύχαται, αἱ δ᾽ ἐλέφαντι:",
]
layer = layers.TextVectorization()
layer.adapt(data)
vectorized_text = layer(data)
print(vectorized_text)

vocab = ["a", "b", "c", "d"]
data = tf.constant([["a", "c", "d"], ["d", "z", "b"]])
layer = layers.StringLookup(vocabulary=vocab)
vectorized_data = layer(data)
print(vectorized_data)

vocab = ["a", "b", "c"]
lookup = layers.StringLookup(vocabulary=vocab, output_mode="one_hot")
test_data = tf.constant([["a"], ["b"], ["c"], ["d"], ["e"], [""]])
encoded_data = lookup(test_data)
print(encoded_data)

vocab = [12, 36, 1138, 42]
lookup = layers.IntegerLookup(vocabulary=vocab, output_mode="one_hot")
test_data = tf.constant([[12], [36], [1138], [42], [7], [0]])
encoded_data = lookup(test_data)
print(encoded_data)

data = np.random.randint(0, 100000, size=(10000, 1))
hasher = layers.Hashing(num_bins=64, salt=1337)
encoder = layers.CategoryEncoding(num_tokens=64, output_mode="multi_hot")
encoded_data = encoder(hasher(data))
print(encoded_data.shape)

adapt_data = tf.data.Dataset.from_tensor_slices(
    ["The Brain is wider than the Sky", "For put them side by side",
     "The one the other will contain", "With ease and You beside"])
text_vectorizer = layers.TextVectorization(output_mode="int")
text_vectorizer.adapt(adapt_data)
print("Encoded text:\n", text_vectorizer(["The Brain is deeper than the sea"]).numpy(), "\n")

inputs = keras.Input(shape=(None,), dtype="int64")
x = layers.Embedding(input_dim=text_vectorizer.vocabulary_size(), output_dim=16)(inputs)
x = layers.GRU(8)(x)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
train_dataset = tf.data.Dataset.from_tensor_slices(
    (["The Brain is wider than the Sky", "For put them side by side"], [1, 0]))
train_dataset = train_dataset.batch(2).map(lambda x, y: (text_vectorizer(x), y))
print("\nTraining model...")
model.compile(optimizer="rmsprop", loss="mse")
model.fit(train_dataset)
inputs = keras.Input(shape=(1,), dtype="string")
x = text_vectorizer(inputs)
outputs = model(x)
end_to_end_model = keras.Model(inputs, outputs)
print("\nCalling end-to-end model on test string...")
test_data = tf.constant(["The one the other will absorb"])
test_output = end_to_end_model(test_data)
print("Model output:", test_output)

text_vectorizer = layers.TextVectorization(output_mode="multi_hot", ngrams=2)
text_vectorizer.adapt(adapt_data)
print("Encoded text:\n", text_vectorizer(["The Brain is deeper than the sea"]).numpy(), "\n")
inputs = keras.Input(shape=(text_vectorizer.vocabulary_size(),))
outputs = layers.Dense(1)(inputs)
model = keras.Model(inputs, outputs)
train_dataset = tf.data.Dataset.from_tensor_slices(
    (["The Brain is wider than the Sky", "For put them side by side"], [1, 0]))
train_dataset = train_dataset.batch(2).map(lambda x, y: (text_vectorizer(x), y))
model.compile(optimizer="rmsprop", loss="mse")
model.fit(train_dataset)
inputs = keras.Input(shape=(1,), dtype="string")
x = text_vectorizer(inputs)
outputs = model(x)
end_to_end_model = keras.Model(inputs, outputs)
print("Model output:", end_to_end_model(tf.constant(["The one the other will absorb"])))

text_vectorizer = layers.TextVectorization(output_mode="tf_idf", ngrams=2)
text_vectorizer.adapt(adapt_data)
print("Encoded text:\n", text_vectorizer(["The Brain is deeper than the sea"]).numpy(), "\n")
