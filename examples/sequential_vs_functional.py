"""Chapter "Sequential vs Functional fit": the same data through a Functional model and a
Sequential model made of the same layers.

Functional: Input(64) → Dense(64, relu) → Dense(64, relu) → Dense(10, softmax), built
when it is constructed, fitted for two epochs. Sequential: the same three Dense layers
(new ones, with their own starting weights) given no input shape, so built inside its
first train step, fitted for one epoch. Both use rmsprop and categorical crossentropy on
one-hot labels. Run it traced:
    python -m tracekeras run examples/sequential_vs_functional.py
"""
from tracekeras import Input, layers
from tracekeras.datasets import digits
from tracekeras.models import Model, Sequential
from tracekeras.utils import to_categorical

(x, y), _ = digits.load_data()
x = x.reshape(len(x), 64).astype("float32") / 16
y_onehot = to_categorical(y, 10)

inputs = Input(shape=(64,))
h = layers.Dense(64, activation="relu")(inputs)
h = layers.Dense(64, activation="relu")(h)
predictions = layers.Dense(10, activation="softmax")(h)
model = Model(inputs=inputs, outputs=predictions)
model.compile(optimizer="rmsprop", loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y_onehot, epochs=2, batch_size=128, verbose=2)

seq = Sequential([layers.Dense(64, activation="relu"),
                  layers.Dense(64, activation="relu"),
                  layers.Dense(10, activation="softmax")])
seq.compile(optimizer="rmsprop", loss="categorical_crossentropy", metrics=["accuracy"])
seq.fit(x, y_onehot, epochs=1, batch_size=128, verbose=0)
