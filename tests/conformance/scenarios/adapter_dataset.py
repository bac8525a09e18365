"""DatasetAdapter: a batched tf.data.Dataset (fit's batch_size is not given)."""
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

rng = np.random.default_rng(20)
x = rng.random((40, 4), dtype="float32")
y = (x.sum(axis=1) > 2).astype("float32")
model = keras.Sequential([layers.Dense(8, activation="relu"),
                          layers.Dense(1, activation="sigmoid")])
model.build((None, 4))
model.set_weights([rng.uniform(-0.5, 0.5, w.shape).astype("float32")
                   for w in model.get_weights()])
model.compile(optimizer="sgd", loss="binary_crossentropy", metrics=["accuracy"])

dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(10)
model.fit(dataset, epochs=2, verbose=0)
