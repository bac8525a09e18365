"""A functional model that branches and joins: two Dense branches, concatenated."""
import numpy as np
from tensorflow.keras import layers
from tensorflow.keras.models import Model

rng = np.random.default_rng(10)
x = rng.random((32, 6), dtype="float32")
y = rng.random((32, 1), dtype="float32")
inputs = layers.Input((6,), name="features")
left = layers.Dense(4, activation="relu", name="left")(inputs)
right = layers.Dense(3, activation="tanh", name="right")(inputs)
joined = layers.Concatenate(name="join")([left, right])
outputs = layers.Dense(1, name="out")(joined)
model = Model(inputs, outputs)
model.set_weights([rng.uniform(-0.5, 0.5, w.shape).astype("float32")
                   for w in model.get_weights()])
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
model.fit(x, y, epochs=2, batch_size=8, verbose=0, shuffle=False)
