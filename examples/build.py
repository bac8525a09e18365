"""Chapter "What build does": the seed model built by hand before compile.

Run it traced:  python -m tracekeras run examples/build.py
"""
from tracekeras import layers
from tracekeras.models import Sequential

model = Sequential([layers.Dense(512, activation="relu"),
                    layers.Dense(10, activation="softmax")])
model.build(input_shape=(None, 784))
model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
model.summary()
