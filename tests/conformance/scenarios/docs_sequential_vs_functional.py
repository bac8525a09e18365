"""docs/sequential-vs-functional.md: the same network as a functional Model and as a
Sequential, each fitted on one-hot labels."""
import numpy as np
from tensorflow.keras import layers
from tensorflow.keras.models import Model, Sequential
from tensorflow.keras.utils import to_categorical

rng = np.random.default_rng(3)
x = rng.random((48, 12), dtype="float32")
y_onehot = to_categorical(rng.integers(0, 10, size=48), 10)

inputs = layers.Input(shape=(12,))
hidden = layers.Dense(16, activation="relu")(inputs)
predictions = layers.Dense(10, activation="softmax")(hidden)
model = Model(inputs=inputs, outputs=predictions)
start = [rng.uniform(-0.3, 0.3, w.shape).astype("float32") for w in model.get_weights()]
model.set_weights(start)
model.compile(optimizer="rmsprop", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y_onehot, epochs=2, batch_size=16, verbose=2, shuffle=False)

seq = Sequential([layers.Dense(16, activation="relu"), layers.Dense(10, activation="softmax")])
seq.build((None, 12))
seq.set_weights(start)
seq.compile(optimizer="rmsprop", loss="categorical_crossentropy", metrics=["accuracy"])
seq.fit(x, y_onehot, epochs=1, batch_size=16, verbose=0, shuffle=False)
