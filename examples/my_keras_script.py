"""Chapter "Run your own script": an ordinary tf.keras script, not one line changed.

It imports tensorflow.keras; `tracekeras run` makes those imports resolve to tracekeras:
    python -m tracekeras run examples/my_keras_script.py
"""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

rng = np.random.default_rng(0)
x = rng.random((256, 20), dtype="float32")
y = (x[:, 0] > 0.5).astype("int64")

model = keras.Sequential([layers.Dense(16, activation="relu"),
                          layers.Dense(2, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=2, batch_size=64, verbose=2)
print("done")
