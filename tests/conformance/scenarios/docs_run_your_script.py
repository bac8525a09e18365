"""docs/run-your-script.md: the chapter's script (adam, two classes), smaller."""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

rng = np.random.default_rng(0)
x = rng.random((64, 20), dtype="float32")
y = (x[:, 0] > 0.5).astype("int64")

model = keras.Sequential([layers.Dense(16, activation="relu"),
                          layers.Dense(2, activation="softmax")])
model.build((None, 20))
model.set_weights([rng.uniform(-0.3, 0.3, w.shape).astype("float32")
                   for w in model.get_weights()])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=2, batch_size=32, verbose=2, shuffle=False)
print("done")
