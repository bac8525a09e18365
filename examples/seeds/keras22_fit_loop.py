"""Seed 002 — the Keras 2.2 ``fit``: ``training_arrays.fit_loop`` with validation data.

The article reads ``model.fit(X_train, y_train, batch_size=BATCH_SIZE,
nb_epoch=1, validation_data=(X_val, y_val))`` through Keras 2.2's
``fit_loop``: ``callbacks.set_model``/``set_params``, ``BaseLogger``, batch
shuffling, ``make_batches``, ``slice_arrays``, ``batch_logs`` with ``batch``
and ``size``, the backend ``Function`` and validation after the last batch
(``val_`` names). ``nb_epoch`` is the Keras 1 spelling that Keras 2.2 still
accepted with a warning; Keras 2 (and tracekeras) call it ``epochs``.
TensorFlow 2 runs the same loop after ``disable_eager_execution()``.
"""
import tensorflow as tf
from keras.datasets import mnist
from keras.models import Sequential
from keras.layers import Dense, Activation
from keras.optimizers import RMSprop
from keras.utils import np_utils

tf.compat.v1.disable_eager_execution()

BATCH_SIZE = 128
NB_CLASSES = 10

(X_train, y_train), (X_test, y_test) = mnist.load_data()
X_train = X_train.reshape(60000, 784).astype('float32') / 255
X_test = X_test.reshape(10000, 784).astype('float32') / 255
X_train, X_val = X_train[:50000], X_train[50000:]
y_train, y_val = y_train[:50000], y_train[50000:]
y_train = np_utils.to_categorical(y_train, NB_CLASSES)
y_val = np_utils.to_categorical(y_val, NB_CLASSES)

model = Sequential()
model.add(Dense(512, input_shape=(784,)))
model.add(Activation('relu'))
model.add(Dense(NB_CLASSES))
model.add(Activation('softmax'))
model.summary()

model.compile(loss='categorical_crossentropy', optimizer=RMSprop(), metrics=['accuracy'])

history = model.fit(X_train, y_train, batch_size=BATCH_SIZE, epochs=1,
                    validation_data=(X_val, y_val))
print(sorted(history.history))
