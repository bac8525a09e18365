"""Chapter "Callbacks and the Keras 2.2 fit_loop": the older loop, through compat.v1.

Run it traced:  python -m tracekeras run examples/callbacks_keras22.py
"""
import tracekeras
from tracekeras import layers
from tracekeras.datasets import digits
from tracekeras.models import Sequential

(x, y), (x_test, y_test) = digits.load_data()
x = x.reshape(len(x), 64).astype("float32") / 16
x_test = x_test.reshape(len(x_test), 64).astype("float32") / 16

tracekeras.compat.v1.disable_eager_execution()
model = Sequential([layers.Dense(64, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=2, batch_size=512, validation_data=(x_test, y_test), verbose=2)
tracekeras.compat.v1.enable_eager_execution()
