"""Introduction to convnets: a small functional convnet on MNIST.

Source: Deep Learning with Python, 2nd edition, chapter 8, notebook
chapter08_intro-to-convnets (github.com/fchollet/deep-learning-with-python-notebooks,
MIT). Changed: ``mnist.load_data()`` is replaced by ``corpus_data.mnist()``; 2 epochs
(was 5); the dogs-vs-cats part (a Kaggle download) is left out.
"""
from tensorflow import keras
from tensorflow.keras import layers

import corpus_data

inputs = keras.Input(shape=(28, 28, 1))
x = layers.Conv2D(filters=32, kernel_size=3, activation="relu")(inputs)
x = layers.MaxPooling2D(pool_size=2)(x)
x = layers.Conv2D(filters=64, kernel_size=3, activation="relu")(x)
x = layers.MaxPooling2D(pool_size=2)(x)
x = layers.Conv2D(filters=128, kernel_size=3, activation="relu")(x)
x = layers.Flatten()(x)
outputs = layers.Dense(10, activation="softmax")(x)
model = keras.Model(inputs=inputs, outputs=outputs)
model.summary()

(train_images, train_labels), (test_images, test_labels) = corpus_data.mnist(
    n_train=1000, n_test=200)
train_images = train_images.reshape((len(train_images), 28, 28, 1))
train_images = train_images.astype("float32") / 255
test_images = test_images.reshape((len(test_images), 28, 28, 1))
test_images = test_images.astype("float32") / 255
model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
model.fit(train_images, train_labels, epochs=2, batch_size=64)
test_loss, test_acc = model.evaluate(test_images, test_labels)
print(f"Test accuracy: {test_acc:.3f}")
