"""DatasetCreatorAdapter: a DatasetCreator, whose function makes the dataset."""
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


def make_dataset(input_context):
    return tf.data.Dataset.from_tensor_slices((x, y)).batch(10).repeat()


model.fit(keras.utils.experimental.DatasetCreator(make_dataset), steps_per_epoch=4, epochs=1,
          verbose=0)
