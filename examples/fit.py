"""Chapter "What fit does": the seed model on the bundled digits, three epochs.

The model is not built before fit: the first train step builds it. The seed makes the
initial weights and the batch order tf_keras's own for the same seed. Run it traced:
    python -m tracekeras run examples/fit.py
"""
from tracekeras import layers
from tracekeras.datasets import digits
from tracekeras.models import Sequential
from tracekeras.utils import set_random_seed

set_random_seed(0)

(x, y), (x_test, y_test) = digits.load_data()
x = x.reshape(len(x), 64).astype("float32") / 16
x_test = x_test.reshape(len(x_test), 64).astype("float32") / 16

model = Sequential([layers.Dense(512, activation="relu"),
                    layers.Dense(10, activation="softmax")])
model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
model.fit(x, y, epochs=3, batch_size=128, verbose=2)
print(model.evaluate(x_test, y_test, verbose=0))
