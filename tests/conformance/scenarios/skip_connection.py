"""A residual block: Dense -> Dense added back to its input."""
import numpy as np
from tensorflow.keras import layers
from tensorflow.keras.models import Model

rng = np.random.default_rng(12)
x = rng.random((32, 4), dtype="float32")
y = rng.random((32, 4), dtype="float32")
inputs = layers.Input((4,), name="x")
h = layers.Dense(4, activation="relu", name="h")(inputs)
g = layers.Dense(4, name="g")(h)
outputs = layers.Add(name="add")([g, inputs])
model = Model(inputs, outputs)
model.set_weights([rng.uniform(-0.5, 0.5, w.shape).astype("float32")
                   for w in model.get_weights()])
model.compile(optimizer="sgd", loss="mse")
model.fit(x, y, epochs=2, batch_size=8, verbose=0, shuffle=False)
