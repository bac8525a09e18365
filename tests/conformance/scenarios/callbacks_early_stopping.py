"""EarlyStopping: the loss must fall by 10 each epoch, so training stops after the
second epoch (patience 0)."""
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

stop = callbacks.EarlyStopping(monitor="loss", min_delta=10, patience=0, verbose=1)
history = model.fit(x, y, epochs=5, batch_size=10, callbacks=[stop], verbose=0, shuffle=False)
print(len(history.history["loss"]), model.stop_training)
