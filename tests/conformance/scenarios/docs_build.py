"""docs/build.md: ``build`` before compile, and a skip connection built functionally
(``_build_map`` reaches the input twice)."""
import numpy as np
from tensorflow.keras import layers
from tensorflow.keras.models import Model, Sequential

model = Sequential([layers.Dense(16, activation="relu"), layers.Dense(10, activation="softmax")])
model.build(input_shape=(None, 12))

x = layers.Input((4,), name="x")
h = layers.Dense(4, name="h")(x)
skip = Model(x, layers.Add(name="add")([layers.Dense(4, name="g")(h), x]))
print(sorted(skip._nodes_by_depth))
print(np.array(model.output_shape[1:]))
