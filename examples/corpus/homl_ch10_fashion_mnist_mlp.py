"""Introduction to artificial neural networks with Keras: image classifiers with the
Sequential API.

Source: Hands-On Machine Learning with Scikit-Learn, Keras and TensorFlow, 2nd edition,
chapter 10, notebook 10_neural_nets_with_keras (github.com/ageron/handson-ml2,
Apache-2.0): the Fashion MNIST classifier and the MNIST exercise's solution (a learning
rate found by an exponentially growing rate, then early stopping and a checkpoint).
Changed: ``keras.datasets.fashion_mnist.load_data()`` and ``keras.datasets.mnist.load_data()``
are replaced by ``corpus_data.fashion_mnist(n_train=1200)`` and
``corpus_data.mnist(n_train=1200)`` (the validation sets are the first 200 pictures, were
5000); 3 epochs (were 30), and the MNIST model trains 3 epochs with ``patience=2`` (were
100 and 20); ``keras.__version__`` is not printed (tf_keras has no such attribute); the
Perceptron and the activation-function plots before the Keras part (scikit-learn and
NumPy only), ``plot_model``, pandas and every matplotlib figure are left out; the
TensorBoard callback and the ``%tensorboard`` magics are left out (TensorBoard is not
installed beside the tf_keras the fixtures are made with); the bare expressions the
notebook displays are printed. The ``np.random.seed(42)`` and ``tf.random.set_seed(42)``
lines are the notebook's own.
"""
import os

import numpy as np
import tensorflow as tf
from tensorflow import keras

import corpus_data

np.random.seed(42)

print(tf.__version__)

fashion_mnist = keras.datasets.fashion_mnist
(X_train_full, y_train_full), (X_test, y_test) = corpus_data.fashion_mnist(n_train=1200)
print(X_train_full.shape, X_train_full.dtype)

X_valid, X_train = X_train_full[:200] / 255., X_train_full[200:] / 255.
y_valid, y_train = y_train_full[:200], y_train_full[200:]
X_test = X_test / 255.

class_names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
               "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
print(class_names[y_train[0]])
print(X_valid.shape, X_test.shape)

model = keras.models.Sequential()
model.add(keras.layers.Flatten(input_shape=[28, 28]))
model.add(keras.layers.Dense(300, activation="relu"))
model.add(keras.layers.Dense(100, activation="relu"))
model.add(keras.layers.Dense(10, activation="softmax"))

keras.backend.clear_session()
np.random.seed(42)
tf.random.set_seed(42)

model = keras.models.Sequential([
    keras.layers.Flatten(input_shape=[28, 28]),
    keras.layers.Dense(300, activation="relu"),
    keras.layers.Dense(100, activation="relu"),
    keras.layers.Dense(10, activation="softmax")
])
print(model.layers)
model.summary()

hidden1 = model.layers[1]
print(hidden1.name)
print(model.get_layer(hidden1.name) is hidden1)
weights, biases = hidden1.get_weights()
print(weights, weights.shape)
print(biases, biases.shape)

model.compile(loss="sparse_categorical_crossentropy",
              optimizer="sgd",
              metrics=["accuracy"])
history = model.fit(X_train, y_train, epochs=3,
                    validation_data=(X_valid, y_valid))
print(history.params)
print(history.epoch)
print(history.history.keys())

print(model.evaluate(X_test, y_test))
X_new = X_test[:3]
y_proba = model.predict(X_new)
print(y_proba.round(2))
y_pred = np.argmax(model.predict(X_new), axis=-1)
print(y_pred)
print(np.array(class_names)[y_pred])
y_new = y_test[:3]
print(y_new)

# Exercise 10: a deep MLP on MNIST
(X_train_full, y_train_full), (X_test, y_test) = corpus_data.mnist(n_train=1200)
X_valid, X_train = X_train_full[:200] / 255., X_train_full[200:] / 255.
y_valid, y_train = y_train_full[:200], y_train_full[200:]
X_test = X_test / 255.

K = keras.backend


class ExponentialLearningRate(keras.callbacks.Callback):
    def __init__(self, factor):
        self.factor = factor
        self.rates = []
        self.losses = []

    def on_batch_end(self, batch, logs):
        self.rates.append(K.get_value(self.model.optimizer.learning_rate))
        self.losses.append(logs["loss"])
        K.set_value(self.model.optimizer.learning_rate,
                    self.model.optimizer.learning_rate * self.factor)


keras.backend.clear_session()
np.random.seed(42)
tf.random.set_seed(42)

model = keras.models.Sequential([
    keras.layers.Flatten(input_shape=[28, 28]),
    keras.layers.Dense(300, activation="relu"),
    keras.layers.Dense(100, activation="relu"),
    keras.layers.Dense(10, activation="softmax")
])
model.compile(loss="sparse_categorical_crossentropy",
              optimizer=keras.optimizers.SGD(learning_rate=1e-3),
              metrics=["accuracy"])
expon_lr = ExponentialLearningRate(factor=1.005)
history = model.fit(X_train, y_train, epochs=1,
                    validation_data=(X_valid, y_valid),
                    callbacks=[expon_lr])
print(min(expon_lr.losses), min(expon_lr.rates), max(expon_lr.rates))

keras.backend.clear_session()
np.random.seed(42)
tf.random.set_seed(42)

model = keras.models.Sequential([
    keras.layers.Flatten(input_shape=[28, 28]),
    keras.layers.Dense(300, activation="relu"),
    keras.layers.Dense(100, activation="relu"),
    keras.layers.Dense(10, activation="softmax")
])
model.compile(loss="sparse_categorical_crossentropy",
              optimizer=keras.optimizers.SGD(learning_rate=3e-1),
              metrics=["accuracy"])

run_index = 1  # increment this at every run
run_logdir = os.path.join(os.curdir, "my_mnist_logs", "run_{:03d}".format(run_index))
print(run_logdir)

early_stopping_cb = keras.callbacks.EarlyStopping(patience=2)
checkpoint_cb = keras.callbacks.ModelCheckpoint("my_mnist_model.h5", save_best_only=True)
history = model.fit(X_train, y_train, epochs=3,
                    validation_data=(X_valid, y_valid),
                    callbacks=[checkpoint_cb, early_stopping_cb])
model = keras.models.load_model("my_mnist_model.h5")  # rollback to best model
print(model.evaluate(X_test, y_test))
