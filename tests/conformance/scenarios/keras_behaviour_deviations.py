"""The departures listed in tests/training/test_keras_behaviour.py (DEVIATIONS), as a
trace: ``run_eagerly`` with ``jit_compile`` (tf_keras refuses it after marking the
model compiled, tracekeras before changing anything), an unknown metric name (tf_keras
fails inside the first step with a TypeError, tracekeras names the string when fit
starts) and two weighted metrics with one name (the same error, one space apart in the
message, which a trace does not compare)."""
import numpy as np
from tensorflow.keras import layers
from tensorflow.keras.models import Sequential

x = np.ones((8, 3), "float32")
y = np.zeros((8, 1), "float32")

model = Sequential([layers.Dense(1)])
model.build((None, 3))
try:
    model.compile(optimizer="sgd", loss="mse", run_eagerly=True, jit_compile=True)
except ValueError as error:
    print("refused:", error)

model = Sequential([layers.Dense(1)])
model.build((None, 3))
model.compile(optimizer="sgd", loss="mse", metrics=["acuracy"])
try:
    model.fit(x, y, verbose=0)
except (TypeError, ValueError) as error:
    print("refused:", type(error).__name__, error)
