"""docs/callbacks-and-keras22.md: a callback that notes every hook, with validation data
(the Keras 2.2 loop has its own scenario, seed_keras22_fit_loop)."""
import numpy as np
from tensorflow.keras import callbacks, layers
from tensorflow.keras.models import Sequential

rng = np.random.default_rng(4)
x = rng.random((40, 8), dtype="float32")
y = rng.integers(0, 10, size=40)
x_test = rng.random((20, 8), dtype="float32")
y_test = rng.integers(0, 10, size=20)


class Hooks(callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.calls = []

    def on_train_begin(self, logs=None):
        self.calls.append("on_train_begin")

    def on_epoch_begin(self, epoch, logs=None):
        self.calls.append(f"on_epoch_begin({epoch})")

    def on_test_end(self, logs=None):
        self.calls.append(f"on_test_end {sorted(logs)}")

    def on_epoch_end(self, epoch, logs=None):
        self.calls.append(f"on_epoch_end({epoch}) {sorted(logs)}")


model = Sequential([layers.Dense(16, activation="relu"), layers.Dense(10, activation="softmax")])
model.build((None, 8))
model.set_weights([rng.uniform(-0.3, 0.3, w.shape).astype("float32")
                   for w in model.get_weights()])
model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
hooks = Hooks()
history = model.fit(x, y, epochs=2, batch_size=16, validation_data=(x_test, y_test),
                    callbacks=[hooks], verbose=2, shuffle=False)
print("\n".join(hooks.calls))
