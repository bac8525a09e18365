"""ModelCheckpoint: weights saved when val_loss improves, into a temporary folder."""
import os
import tempfile

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

with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "weights.{epoch:02d}.h5")
    keep = callbacks.ModelCheckpoint(path, monitor="val_loss", save_best_only=True,
                                     save_weights_only=True)
    model.fit(x, y, epochs=2, batch_size=10, validation_data=(x_val, y_val), callbacks=[keep],
              verbose=0, shuffle=False)
    print(sorted(os.listdir(folder)))
