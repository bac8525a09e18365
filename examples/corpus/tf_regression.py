"""Basic regression: predict fuel efficiency with Normalization and Dense models.

Source: https://www.tensorflow.org/tutorials/keras/regression (TensorFlow docs,
Apache-2.0). Changed: the Auto MPG CSV (read with pandas) is replaced by a NumPy table
of the same width from ``corpus_data.tabular``; the seaborn/matplotlib figures are
left out; 20 epochs (was 100).
"""
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

import corpus_data

np.set_printoptions(precision=3, suppress=True)
print(tf.__version__)

features, labels = corpus_data.tabular(n=392, features=9)
train_features, test_features = features[:314], features[314:]
train_labels, test_labels = labels[:314], labels[314:]

normalizer = tf.keras.layers.Normalization(axis=-1)
normalizer.adapt(np.array(train_features))
print(normalizer.mean.numpy())

first = np.array(train_features[:1])
with np.printoptions(precision=2, suppress=True):
    print("First example:", first)
    print("Normalized:", normalizer(first).numpy())

horsepower = np.array(train_features[:, 2])
horsepower_normalizer = layers.Normalization(input_shape=[1, ], axis=None)
horsepower_normalizer.adapt(horsepower)

horsepower_model = tf.keras.Sequential([horsepower_normalizer, layers.Dense(units=1)])
horsepower_model.summary()
print(horsepower_model.predict(horsepower[:10]))
horsepower_model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=0.1),
                         loss="mean_absolute_error")
history = horsepower_model.fit(train_features[:, 2], train_labels, epochs=20, verbose=0,
                               validation_split=0.2)
test_results = {}
test_results["horsepower_model"] = horsepower_model.evaluate(test_features[:, 2], test_labels,
                                                             verbose=0)

linear_model = tf.keras.Sequential([normalizer, layers.Dense(units=1)])
print(linear_model.predict(train_features[:10]))
print(linear_model.layers[1].kernel)
linear_model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=0.1),
                     loss="mean_absolute_error")
history = linear_model.fit(train_features, train_labels, epochs=20, verbose=0,
                           validation_split=0.2)
test_results["linear_model"] = linear_model.evaluate(test_features, test_labels, verbose=0)


def build_and_compile_model(norm):
    model = keras.Sequential([
        norm,
        layers.Dense(64, activation="relu"),
        layers.Dense(64, activation="relu"),
        layers.Dense(1)
    ])
    model.compile(loss="mean_absolute_error", optimizer=tf.keras.optimizers.Adam(0.001))
    return model


dnn_model = build_and_compile_model(normalizer)
dnn_model.summary()
history = dnn_model.fit(train_features, train_labels, validation_split=0.2, verbose=0,
                        epochs=20)
test_results["dnn_model"] = dnn_model.evaluate(test_features, test_labels, verbose=0)
print(test_results)
test_predictions = dnn_model.predict(test_features).flatten()
print(test_predictions[:5])
