"""Classifying newswires: single-label multiclass classification of Reuters topics.

Source: Deep Learning with Python, 2nd edition, chapter 4, notebook
chapter04_getting-started-with-neural-networks (github.com/fchollet/deep-learning-with-python-notebooks,
MIT). Changed: ``reuters.load_data(num_words=10000)`` is replaced by
``corpus_data.reuters(num_words=10000)`` and the decoding is left out; the figures are
left out; the validation split takes the stand-in's size.
"""
import copy

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.utils import to_categorical

import corpus_data

(train_data, train_labels), (test_data, test_labels) = corpus_data.reuters(num_words=10000)
print(len(train_data), len(test_data))


def vectorize_sequences(sequences, dimension=10000):
    results = np.zeros((len(sequences), dimension))
    for i, sequence in enumerate(sequences):
        for j in sequence:
            results[i, j] = 1.
    return results


x_train = vectorize_sequences(train_data)
x_test = vectorize_sequences(test_data)
y_train = to_categorical(train_labels)
y_test = to_categorical(test_labels)

model = keras.Sequential([
    layers.Dense(64, activation="relu"),
    layers.Dense(64, activation="relu"),
    layers.Dense(46, activation="softmax")
])
model.compile(optimizer="rmsprop", loss="categorical_crossentropy", metrics=["accuracy"])
x_val = x_train[:300]
partial_x_train = x_train[300:]
y_val = y_train[:300]
partial_y_train = y_train[300:]
history = model.fit(partial_x_train, partial_y_train, epochs=9, batch_size=512,
                    validation_data=(x_val, y_val))
results = model.evaluate(x_test, y_test)
print(results)

test_labels_copy = copy.copy(test_labels)
np.random.shuffle(test_labels_copy)
hits_array = np.array(test_labels) == np.array(test_labels_copy)
print(hits_array.mean())
predictions = model.predict(x_test)
print(predictions[0].shape, np.sum(predictions[0]), np.argmax(predictions[0]))

y_train = np.array(train_labels)
y_test = np.array(test_labels)
model = keras.Sequential([
    layers.Dense(64, activation="relu"),
    layers.Dense(4, activation="relu"),
    layers.Dense(46, activation="softmax")
])
model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
model.fit(partial_x_train, y_train[300:], epochs=5, batch_size=128,
          validation_data=(x_val, y_train[:300]))
