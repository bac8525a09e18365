"""Seed 000 — "Model Fit operation process": the Keras site's MNIST example.

Sequential Dense(512, relu) -> Dense(10, softmax), rmsprop, sparse categorical
crossentropy, accuracy, fit for 5 epochs with batch size 128. The model is
built lazily inside the first train step. Plain Keras code: run it traced with
``tracekeras run examples/seeds/mnist_fit.py``.
"""
from tensorflow.keras.models import Sequential
from tensorflow.keras.datasets import mnist

(train_images, train_labels), (test_images, test_labels) = mnist.load_data()
train_images = train_images.reshape((60000, 28 * 28))
train_images = train_images.astype("float32") / 255
test_images = test_images.reshape((10000, 28 * 28))
test_images = test_images.astype("float32") / 255

from tensorflow.keras import layers
from tensorflow.keras.models import Model

model = Sequential([
    layers.Dense(512, activation="relu"),
    layers.Dense(10, activation="softmax"),
])

model.compile(optimizer="rmsprop",
              loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])

model.fit(train_images, train_labels, epochs=5, batch_size=128)
