"""Basic classification: classify images of clothing.

Source: https://www.tensorflow.org/tutorials/keras/classification (TensorFlow docs,
Apache-2.0). Changed: ``fashion_mnist.load_data()`` is replaced by
``corpus_data.fashion_mnist()``; the matplotlib figures are left out; 3 epochs (was 10).
"""
import numpy as np
import tensorflow as tf

import corpus_data

print(tf.__version__)

(train_images, train_labels), (test_images, test_labels) = corpus_data.fashion_mnist()

class_names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
               "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]

print(train_images.shape, len(train_labels), train_labels)
train_images = train_images / 255.0
test_images = test_images / 255.0

model = tf.keras.Sequential([
    tf.keras.layers.Flatten(input_shape=(28, 28)),
    tf.keras.layers.Dense(128, activation="relu"),
    tf.keras.layers.Dense(10),
])

model.compile(optimizer="adam",
              loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=["accuracy"])

model.fit(train_images, train_labels, epochs=3)

test_loss, test_acc = model.evaluate(test_images, test_labels, verbose=2)
print("\nTest accuracy:", test_acc)

probability_model = tf.keras.Sequential([model, tf.keras.layers.Softmax()])
predictions = probability_model.predict(test_images)
print(predictions[0], np.argmax(predictions[0]), test_labels[0])

img = test_images[1]
img = np.expand_dims(img, 0)
predictions_single = probability_model.predict(img)
print(predictions_single, class_names[np.argmax(predictions_single[0])])
