"""Chapter "Sequential vs Functional fit": the same data through a Functional model.

Input(64) → Dense(64, relu) → Dense(64, relu) → Dense(10, softmax), compiled
with categorical crossentropy on one-hot labels. Run it traced:
    python -m tracekeras run examples/sequential_vs_functional.py
"""
from tracekeras import Input, layers
from tracekeras.datasets import digits
from tracekeras.models import Model
from tracekeras.utils import to_categorical

(x, y), _ = digits.load_data()
x = x.reshape(len(x), 64).astype("float32") / 16

inputs = Input(shape=(64,))
h = layers.Dense(64, activation="relu")(inputs)
h = layers.Dense(64, activation="relu")(h)
predictions = layers.Dense(10, activation="softmax")(h)
model = Model(inputs=inputs, outputs=predictions)
model.compile(optimizer="rmsprop", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(x, to_categorical(y, 10), epochs=2, batch_size=128, verbose=2)
