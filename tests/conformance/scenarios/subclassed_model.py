"""A subclassed Model: layers made in __init__, call written by hand; built by
``build(input_shape)`` before the weights are set."""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers


class TwoLayer(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = layers.Dense(6, activation="relu")
        self.out = layers.Dense(2)

    def call(self, inputs):
        return self.out(self.hidden(inputs))


rng = np.random.default_rng(40)
x = rng.random((30, 4), dtype="float32")
y = rng.random((30, 2), dtype="float32")
model = TwoLayer()
model.build((None, 4))
model.set_weights([rng.uniform(-0.5, 0.5, w.shape).astype("float32")
                   for w in model.get_weights()])
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
model.fit(x, y, epochs=2, batch_size=10, verbose=0, shuffle=False)
