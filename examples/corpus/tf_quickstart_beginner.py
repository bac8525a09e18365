"""TensorFlow 2 quickstart for beginners.

Source: https://www.tensorflow.org/tutorials/quickstart/beginner (TensorFlow docs,
Apache-2.0). Changed: ``mnist.load_data()`` is replaced by ``corpus_data.mnist()``
(same shapes and dtypes, fewer images).
"""
import tensorflow as tf

import corpus_data

print("TensorFlow version:", tf.__version__)

(x_train, y_train), (x_test, y_test) = corpus_data.mnist()
x_train, x_test = x_train / 255.0, x_test / 255.0

model = tf.keras.models.Sequential([
    tf.keras.layers.Flatten(input_shape=(28, 28)),
    tf.keras.layers.Dense(128, activation="relu"),
    tf.keras.layers.Dropout(0.2),
    tf.keras.layers.Dense(10),
])

predictions = model(x_train[:1]).numpy()
print(predictions)
print(tf.nn.softmax(predictions).numpy())

loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
print(loss_fn(y_train[:1], predictions).numpy())

model.compile(optimizer="adam", loss=loss_fn, metrics=["accuracy"])
model.fit(x_train, y_train, epochs=5)
model.evaluate(x_test, y_test, verbose=2)

probability_model = tf.keras.Sequential([model, tf.keras.layers.Softmax()])
print(probability_model(x_test[:5]))
