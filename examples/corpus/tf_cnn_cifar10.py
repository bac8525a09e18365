"""Convolutional Neural Network (CNN) on CIFAR-10.

Source: https://www.tensorflow.org/tutorials/images/cnn (TensorFlow docs, Apache-2.0).
Changed: ``datasets.cifar10.load_data()`` is replaced by ``corpus_data.cifar10()``;
the matplotlib figures are left out; 2 epochs (was 10).
"""
import tensorflow as tf
from tensorflow.keras import layers, models

import corpus_data

(train_images, train_labels), (test_images, test_labels) = corpus_data.cifar10()

train_images, test_images = train_images / 255.0, test_images / 255.0

model = models.Sequential()
model.add(layers.Conv2D(32, (3, 3), activation="relu", input_shape=(32, 32, 3)))
model.add(layers.MaxPooling2D((2, 2)))
model.add(layers.Conv2D(64, (3, 3), activation="relu"))
model.add(layers.MaxPooling2D((2, 2)))
model.add(layers.Conv2D(64, (3, 3), activation="relu"))
model.summary()

model.add(layers.Flatten())
model.add(layers.Dense(64, activation="relu"))
model.add(layers.Dense(10))
model.summary()

model.compile(optimizer="adam",
              loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=["accuracy"])

history = model.fit(train_images, train_labels, epochs=2,
                    validation_data=(test_images, test_labels))

test_loss, test_acc = model.evaluate(test_images, test_labels, verbose=2)
print(test_acc)
