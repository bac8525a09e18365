"""docs/compile.md: a misspelt optimizer and a duplicated metric are refused, then the
model compiles and a fit without compile is refused."""
import numpy as np
from tensorflow.keras import layers
from tensorflow.keras.models import Sequential

model = Sequential([layers.Dense(1)])
try:
    model.compile(optimizer="rmsprp", loss="mse")
except ValueError as error:
    print("refused:", str(error)[:60])
model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
fresh = Sequential([layers.Dense(1)])
try:
    fresh.fit(np.zeros((4, 3)), np.zeros(4), verbose=0)
except RuntimeError as error:
    print("refused:", error)
