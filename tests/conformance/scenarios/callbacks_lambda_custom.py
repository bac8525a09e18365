"""LambdaCallback and a custom Callback subclass side by side."""
import numpy as np
from tensorflow import keras
from tensorflow.keras import callbacks, layers

rng = np.random.default_rng(30)
x = rng.random((40, 5), dtype="float32")
y = rng.random((40, 1), dtype="float32")
x_val = rng.random((10, 5), dtype="float32")
y_val = rng.random((10, 1), dtype="float32")
model = keras.Sequential([layers.Dense(6, activation="relu"), layers.Dense(1)])
model.build((None, 5))
model.set_weights([rng.uniform(-0.5, 0.5, w.shape).astype("float32")
                   for w in model.get_weights()])
model.compile(optimizer="sgd", loss="mse", metrics=["mae"])

seen = []
note = callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: seen.append(epoch),
                                on_train_batch_end=lambda batch, logs: seen.append(batch))


class Halve(callbacks.Callback):
    """Halves the learning rate after each epoch."""

    def on_epoch_end(self, epoch, logs=None):
        rate = self.model.optimizer.learning_rate
        rate.assign(rate * 0.5)


model.fit(x, y, epochs=2, batch_size=10, callbacks=[note, Halve()], verbose=0, shuffle=False)
print(seen)
