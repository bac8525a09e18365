"""docs/sequential-vs-functional.md (examples/sequential_vs_functional.py): the same three
Dense layers as a functional Model, built when it is constructed, and as a Sequential given
no input shape, built inside its first train step; both fitted on one-hot labels. The
Sequential's layers start from the functional model's starting weights (an initializer
that returns them), so both engines fit the same numbers."""
import numpy as np
from tensorflow.keras import layers
from tensorflow.keras.models import Model, Sequential
from tensorflow.keras.utils import to_categorical

rng = np.random.default_rng(3)
x = rng.random((48, 12), dtype="float32")
y_onehot = to_categorical(rng.integers(0, 10, size=48), 10)

inputs = layers.Input(shape=(12,))
h = layers.Dense(16, activation="relu")(inputs)
h = layers.Dense(16, activation="relu")(h)
predictions = layers.Dense(10, activation="softmax")(h)
model = Model(inputs=inputs, outputs=predictions)
start = [rng.uniform(-0.3, 0.3, w.shape).astype("float32") for w in model.get_weights()]
model.set_weights(start)
model.compile(optimizer="rmsprop", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y_onehot, epochs=2, batch_size=16, verbose=2, shuffle=False)


def starting(value):
    """An initializer giving ``value`` (the functional model's float32 starting weight)."""
    return lambda shape, dtype=None: value.copy()


seq = Sequential([
    layers.Dense(16, activation="relu", kernel_initializer=starting(start[0]),
                 bias_initializer=starting(start[1])),
    layers.Dense(16, activation="relu", kernel_initializer=starting(start[2]),
                 bias_initializer=starting(start[3])),
    layers.Dense(10, activation="softmax", kernel_initializer=starting(start[4]),
                 bias_initializer=starting(start[5]))])
seq.compile(optimizer="rmsprop", loss="categorical_crossentropy", metrics=["accuracy"])
seq.fit(x, y_onehot, epochs=1, batch_size=16, verbose=0, shuffle=False)
