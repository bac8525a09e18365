"""A first look at a neural network: MNIST with two Dense layers.

Source: Deep Learning with Python, 2nd edition, chapter 2, notebook
chapter02_mathematical-building-blocks (github.com/fchollet/deep-learning-with-python-notebooks,
MIT). Changed: ``mnist.load_data()`` is replaced by ``corpus_data.mnist()`` (and the
reshape takes the stand-in's sample counts).
"""
from tensorflow import keras
from tensorflow.keras import layers

import corpus_data

(train_images, train_labels), (test_images, test_labels) = corpus_data.mnist()
print(train_images.shape, len(train_labels), train_labels)

model = keras.Sequential([
    layers.Dense(512, activation="relu"),
    layers.Dense(10, activation="softmax")
])
model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])

train_images = train_images.reshape((len(train_images), 28 * 28))
train_images = train_images.astype("float32") / 255
test_images = test_images.reshape((len(test_images), 28 * 28))
test_images = test_images.astype("float32") / 255

model.fit(train_images, train_labels, epochs=5, batch_size=128)

test_digits = test_images[0:10]
predictions = model.predict(test_digits)
print(predictions[0], predictions[0].argmax(), predictions[0][7], test_labels[0])
test_loss, test_acc = model.evaluate(test_images, test_labels)
print(f"test_acc: {test_acc}")
