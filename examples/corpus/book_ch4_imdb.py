"""Classifying movie reviews: binary classification of multi-hot encoded IMDB reviews.

Source: Deep Learning with Python, 2nd edition, chapter 4, notebook
chapter04_getting-started-with-neural-networks (github.com/fchollet/deep-learning-with-python-notebooks,
MIT). Changed: ``imdb.load_data(num_words=10000)`` is replaced by
``corpus_data.imdb(num_words=10000)`` and the word-index decoding is left out; the
matplotlib figures are left out; the validation split takes the stand-in's size.
"""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

import corpus_data

(train_data, train_labels), (test_data, test_labels) = corpus_data.imdb(num_words=10000)
print(train_data[0][:10], train_labels[0], max([max(sequence) for sequence in train_data]))


def vectorize_sequences(sequences, dimension=10000):
    results = np.zeros((len(sequences), dimension))
    for i, sequence in enumerate(sequences):
        for j in sequence:
            results[i, j] = 1.
    return results


x_train = vectorize_sequences(train_data)
x_test = vectorize_sequences(test_data)
y_train = np.asarray(train_labels).astype("float32")
y_test = np.asarray(test_labels).astype("float32")

model = keras.Sequential([
    layers.Dense(16, activation="relu"),
    layers.Dense(16, activation="relu"),
    layers.Dense(1, activation="sigmoid")
])
model.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])

x_val = x_train[:300]
partial_x_train = x_train[300:]
y_val = y_train[:300]
partial_y_train = y_train[300:]
history = model.fit(partial_x_train, partial_y_train, epochs=20, batch_size=512,
                    validation_data=(x_val, y_val))
history_dict = history.history
print(history_dict.keys())

model = keras.Sequential([
    layers.Dense(16, activation="relu"),
    layers.Dense(16, activation="relu"),
    layers.Dense(1, activation="sigmoid")
])
model.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=4, batch_size=512)
results = model.evaluate(x_test, y_test)
print(results)
print(model.predict(x_test)[:3])
