"""Seed 002, the Keras 2.2 ``fit``: ``disable_eager_execution()`` then
``training_arrays.fit_loop`` with validation data (``val_`` names). The article's
``optimizer=RMSprop()`` is the name "rmsprop" here: tf_keras 2.21's ``RMSprop`` class is
the new optimizer, which the graph-mode loop cannot use (it has no ``get_updates``);
the name gives the legacy one, as in Keras 2.2."""
import numpy as np
import tensorflow as tf
from keras.layers import Activation, Dense
from keras.models import Sequential
from keras.utils import to_categorical

tf.compat.v1.disable_eager_execution()

rng = np.random.default_rng(0)
X_train = rng.random((48, 20)).astype("float32")
y_train = to_categorical(rng.integers(0, 10, size=48), 10)
X_val = rng.random((16, 20)).astype("float32")
y_val = to_categorical(rng.integers(0, 10, size=16), 10)

model = Sequential()
model.add(Dense(32, input_shape=(20,)))
model.add(Activation("relu"))
model.add(Dense(10))
model.add(Activation("softmax"))
model.set_weights([rng.uniform(-0.3, 0.3, w.shape).astype("float32")
                   for w in model.get_weights()])
model.compile(loss="categorical_crossentropy", optimizer="rmsprop", metrics=["accuracy"])
history = model.fit(X_train, y_train, batch_size=16, epochs=1, shuffle=False,
                    validation_data=(X_val, y_val))
