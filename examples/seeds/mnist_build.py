"""Seed 001 — "Model Build operation process": the same MNIST example, built first.

``model.build(input_shape=(None, 784))`` before ``compile`` runs
``_build_graph_network_for_inferred_shape`` -> ``Input`` -> each layer's
``__call__`` -> ``Dense.build`` -> ``add_weight``, then ``_init_graph_network``
-> ``_map_graph_network`` -> ``_build_map``; ``fit`` then finds the model built.
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

model.build(input_shape=(None, 784))

model.compile(optimizer="rmsprop",
              loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])

model.fit(train_images, train_labels, epochs=5, batch_size=128)
