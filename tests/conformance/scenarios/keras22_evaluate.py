"""The Keras 2.2 loop with a functional model, ``validation_split`` and a callback, then
``evaluate`` and ``predict`` (``training_arrays.test_loop``/``predict_loop``)."""
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

tf.compat.v1.disable_eager_execution()

rng = np.random.default_rng(42)
x = rng.random((40, 5), dtype="float32")
y = rng.random((40, 1), dtype="float32")
inputs = keras.Input(shape=(5,))
outputs = layers.Dense(1)(layers.Dense(6, activation="relu")(inputs))
model = keras.Model(inputs, outputs)
model.set_weights([rng.uniform(-0.5, 0.5, w.shape).astype("float32")
                   for w in model.get_weights()])
model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
seen = []
note = keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: seen.append(epoch))
model.fit(x, y, epochs=2, batch_size=10, validation_split=0.25, callbacks=[note], verbose=0,
          shuffle=False)
print(model.evaluate(x, y, batch_size=10, verbose=0))
print(model.predict(x, batch_size=10).shape)
