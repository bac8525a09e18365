"""Serialization and saving: the .keras format, custom objects, get_config/from_config,
to_json, clone_model, weights only.

Source: https://www.tensorflow.org/guide/keras/serialization_and_saving (keras.io guide
by Neel Kovelamudi and fchollet, Apache-2.0). Changed: files go to a temporary folder;
the SavedModel and HDF5 sections are left out.
"""
import os
import tempfile

import numpy as np
import tensorflow as tf
from tensorflow import keras

work = tempfile.mkdtemp()


def get_model():
    inputs = keras.Input(shape=(32,))
    outputs = keras.layers.Dense(1)(inputs)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer="adam", loss="mean_squared_error")
    return model


model = get_model()
test_input = np.random.random((128, 32))
test_target = np.random.random((128, 1))
model.fit(test_input, test_target)
model.save(os.path.join(work, "my_model.keras"))
reconstructed_model = keras.models.load_model(os.path.join(work, "my_model.keras"))
np.testing.assert_allclose(model.predict(test_input), reconstructed_model.predict(test_input))


@keras.saving.register_keras_serializable(package="my_package", name="custom_fn")
def custom_fn(x):
    return x**2


@keras.saving.register_keras_serializable()
class CustomLayer(keras.layers.Layer):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def call(self, x):
        return x * self.factor

    def get_config(self):
        return {"factor": self.factor}


@keras.saving.register_keras_serializable(package="my_package", name="custom_fn")
def custom_fn(x):
    return x**2


@keras.saving.register_keras_serializable(package="my_package")
class CustomModel(keras.Model):
    def __init__(self, hidden_units, **kwargs):
        super().__init__(**kwargs)
        self.hidden_units = hidden_units
        self.dense_layers = [keras.layers.Dense(u) for u in hidden_units]

    def call(self, inputs):
        x = inputs
        for layer in self.dense_layers:
            x = layer(x)
        return x

    def get_config(self):
        config = super().get_config()
        config.update({"hidden_units": self.hidden_units})
        return config


model = CustomModel([16, 16, 10])
input_arr = tf.random.uniform((1, 5))
outputs = model(input_arr)
model.save(os.path.join(work, "custom_model.keras"))
loaded = keras.saving.load_model(os.path.join(work, "custom_model.keras"))
np.testing.assert_allclose(loaded(input_arr), outputs, rtol=1e-6)

layer = keras.layers.Dense(3, activation="relu")
layer_config = layer.get_config()
new_layer = keras.layers.Dense.from_config(layer_config)

model = keras.Sequential([keras.Input((32,)), keras.layers.Dense(1)])
config = model.get_config()
new_model = keras.Sequential.from_config(config)

inputs = keras.Input((32,))
outputs = keras.layers.Dense(1)(inputs)
model = keras.Model(inputs, outputs)
config = model.get_config()
new_model = keras.Model.from_config(config)

model = keras.Sequential([keras.Input((32,)), keras.layers.Dense(1)])
json_config = model.to_json()
new_model = keras.models.model_from_json(json_config)

new_model = keras.models.clone_model(model)


def create_layer():
    layer = keras.layers.Dense(64, activation="relu", name="dense_2")
    layer.build((None, 784))
    return layer


layer_1 = create_layer()
layer_2 = create_layer()
layer_2.set_weights(layer_1.get_weights())

sequential_model = keras.Sequential([
    keras.Input(shape=(784,), name="digits"),
    keras.layers.Dense(64, activation="relu", name="dense_1"),
    keras.layers.Dense(64, activation="relu", name="dense_2"),
    keras.layers.Dense(10, name="predictions"),
])
sequential_model.save_weights(os.path.join(work, "ckpt.weights.h5"))
load_status = sequential_model.load_weights(os.path.join(work, "ckpt.weights.h5"))
print("done")
