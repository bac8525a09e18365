"""Reference files from real tf_keras 2.21, for the tests in this folder.

Run with the tf_keras venv (tests never import TensorFlow):

    /work/tfvenv/bin/python tests/saving/make_fixtures.py

Writes into ``tests/saving/data/``:

- ``tf_seq.keras``: Sequential Input(4) -> Dense(3, relu) -> Dropout -> Dense(2), adam/mse,
  trained one step (so Adam's slots exist);
- ``tf_func.keras``: Functional Input(8, 8, 1) -> Conv2D(2, 3, relu) -> MaxPooling2D ->
  Flatten -> Dropout -> Dense(3, softmax), adam/sparse_categorical_crossentropy, one step;
- ``tf_nest.keras``: Functional Input(4) -> Sequential "block" (Dense, Dense) -> Dense(2),
  adam/mse, one step (a model inside a model);
- ``tf_zoo.keras``: Embedding -> LSTM -> Bidirectional(GRU) -> BatchNormalization -> Dense,
  adam/mse, one step;
- ``tf_layer_configs.json``: ``serialize_keras_object`` of every built-in layer tracekeras
  has, built, with non-default arguments;
- ``tf_seq.weights.h5`` and ``tf_seq.h5``: ``save_weights`` of the Sequential model
  (tf_keras writes the saving_lib layout for ``.weights.h5``, the legacy layout for ``.h5``);
- ``tf_expect.npz``: the inputs, each model's predictions and optimizer variables;
- ``tf_layout.json``: every group and dataset (with shape) of each model's weights file,
  every HDF5 attribute of ``tf_seq.h5``, and each model's ``config.json``.
"""
import json
import os
import zipfile

import h5py
import numpy as np
import tensorflow as tf
import tf_keras as keras

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def seq_model():
    model = keras.Sequential([keras.layers.Input((4,)),
                              keras.layers.Dense(3, activation="relu"),
                              keras.layers.Dropout(0.5),
                              keras.layers.Dense(2)])
    model.compile(optimizer="adam", loss="mse")
    x = np.linspace(-1, 1, 8 * 4, dtype="float32").reshape(8, 4)
    y = np.linspace(0, 1, 8 * 2, dtype="float32").reshape(8, 2)
    model.fit(x, y, batch_size=8, epochs=1, verbose=0)
    return model, x


def func_model():
    inputs = keras.Input((8, 8, 1))
    h = keras.layers.Conv2D(2, 3, activation="relu")(inputs)
    h = keras.layers.MaxPooling2D()(h)
    h = keras.layers.Flatten()(h)
    h = keras.layers.Dropout(0.25)(h)
    outputs = keras.layers.Dense(3, activation="softmax")(h)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    x = np.linspace(-1, 1, 4 * 64, dtype="float32").reshape(4, 8, 8, 1)
    y = np.array([0, 1, 2, 1])
    model.fit(x, y, batch_size=4, epochs=1, verbose=0)
    return model, x


def nest_model():
    inputs = keras.Input((4,))
    block = keras.Sequential([keras.layers.Dense(3, activation="relu"),
                              keras.layers.Dense(3, activation="tanh")], name="block")
    outputs = keras.layers.Dense(2)(block(inputs))
    model = keras.Model(inputs, outputs, name="nest")
    model.compile(optimizer="adam", loss="mse")
    x = np.linspace(-1, 1, 8 * 4, dtype="float32").reshape(8, 4)
    model.fit(x, np.zeros((8, 2), "float32"), batch_size=8, epochs=1, verbose=0)
    return model, x


# every built-in layer tracekeras has: (class, arguments other than defaults, input shape)
LAYERS = [
    ("Dense", {"units": 3, "activation": "relu", "use_bias": False}, [5]),
    ("Activation", {"activation": "tanh"}, [5]),
    ("Dropout", {"rate": 0.3, "seed": 7}, [5]),
    ("Flatten", {}, [2, 3]),
    ("Reshape", {"target_shape": [3, 2]}, [6]),
    ("Conv1D", {"filters": 2, "kernel_size": 3, "strides": 2, "padding": "same"}, [9, 3]),
    ("Conv2D", {"filters": 2, "kernel_size": [3, 2], "dilation_rate": 2,
                "kernel_initializer": "he_normal", "bias_initializer": "ones"}, [9, 9, 1]),
    ("Conv2DTranspose", {"filters": 2, "kernel_size": 3, "strides": 2}, [4, 4, 3]),
    ("MaxPooling1D", {"pool_size": 3}, [9, 2]),
    ("MaxPooling2D", {"pool_size": [2, 3], "padding": "same"}, [6, 6, 2]),
    ("AveragePooling1D", {"pool_size": 2, "strides": 1}, [9, 2]),
    ("AveragePooling2D", {}, [6, 6, 2]),
    ("GlobalAveragePooling1D", {}, [9, 2]),
    ("GlobalAveragePooling2D", {"keepdims": True}, [6, 6, 2]),
    ("GlobalMaxPooling1D", {}, [9, 2]),
    ("GlobalMaxPooling2D", {}, [6, 6, 2]),
    ("UpSampling2D", {"size": [2, 3]}, [3, 3, 2]),
    ("ZeroPadding2D", {"padding": [1, 2]}, [3, 3, 2]),
    ("Softmax", {"axis": 1}, [3, 4]),
    ("ReLU", {"max_value": 6.0, "negative_slope": 0.1}, [5]),
    ("LeakyReLU", {"alpha": 0.2}, [5]),
    ("ELU", {"alpha": 0.5}, [5]),
    ("PReLU", {"shared_axes": [1]}, [3, 4]),
    ("Embedding", {"input_dim": 10, "output_dim": 4, "mask_zero": True}, [6]),
    ("BatchNormalization", {"momentum": 0.9, "epsilon": 0.01}, [5]),
    ("LayerNormalization", {"epsilon": 0.01}, [3, 4]),
    ("Rescaling", {"scale": 0.5, "offset": 1.0}, [5]),
    ("Masking", {"mask_value": 0.0}, [3, 4]),
    ("SimpleRNN", {"units": 3, "return_sequences": True}, [6, 4]),
    ("LSTM", {"units": 3, "return_state": False, "go_backwards": True}, [6, 4]),
    ("GRU", {"units": 2, "reset_after": False}, [6, 4]),
]


def layer_configs():
    out = []
    for class_name, kwargs, shape in LAYERS:
        layer = getattr(keras.layers, class_name)(name=f"l_{class_name.lower()}", **kwargs)
        layer(keras.Input(shape))
        out.append({"class_name": class_name, "kwargs": kwargs, "input_shape": shape,
                    "serialized": keras.saving.serialize_keras_object(layer)})
    for class_name in ("Add", "Concatenate", "Subtract", "Multiply", "Average", "Maximum",
                       "Minimum", "Dot"):
        kwargs = {"axes": 1} if class_name == "Dot" else {}
        layer = getattr(keras.layers, class_name)(name=f"l_{class_name.lower()}", **kwargs)
        layer([keras.Input((4,)), keras.Input((4,))])
        out.append({"class_name": class_name, "kwargs": kwargs, "input_shape": [[4], [4]],
                    "serialized": keras.saving.serialize_keras_object(layer)})
    return json.loads(json.dumps(out))


def zoo_model():
    """Embedding, recurrent layers, a wrapper and batch normalization in one model."""
    inputs = keras.Input((5,), dtype="int32")
    h = keras.layers.Embedding(10, 4)(inputs)
    h = keras.layers.LSTM(3, return_sequences=True)(h)
    h = keras.layers.Bidirectional(keras.layers.GRU(2))(h)
    h = keras.layers.BatchNormalization()(h)
    outputs = keras.layers.Dense(2)(h)
    model = keras.Model(inputs, outputs, name="zoo")
    model.compile(optimizer="adam", loss="mse")
    x = (np.arange(8 * 5) % 10).reshape(8, 5).astype("int32")
    model.fit(x, np.zeros((8, 2), "float32"), batch_size=8, epochs=1, verbose=0)
    return model, x


def h5_tree(f):
    out = {}

    def visit(name, obj):
        shape = list(obj.shape) if isinstance(obj, h5py.Dataset) else None
        attrs = {k: (v.tolist() if hasattr(v, "tolist") else v) for k, v in obj.attrs.items()}
        out[name] = {"shape": shape, "attrs": {k: [str(x) for x in v] if isinstance(v, list)
                                                else str(v) for k, v in attrs.items()}}
    f.visititems(visit)
    out["/"] = {"shape": None, "attrs": {k: [str(x) for x in np.asarray(v).tolist()]
                                         if np.ndim(v) else str(v) for k, v in f.attrs.items()}}
    return out


def main():
    tf.random.set_seed(0)
    keras.utils.set_random_seed(0)
    expect, layout = {}, {}
    for name, make in (("seq", seq_model), ("func", func_model), ("nest", nest_model),
                       ("zoo", zoo_model)):
        model, x = make()
        path = os.path.join(HERE, f"tf_{name}.keras")
        model.save(path)
        expect[f"{name}_x"] = x
        expect[f"{name}_pred"] = model.predict(x, verbose=0)
        for i, v in enumerate(model.optimizer.variables):
            expect[f"{name}_opt_{i}"] = v.numpy()
        with zipfile.ZipFile(path) as zf:
            layout[name] = {"members": zf.namelist(),
                            "config": json.loads(zf.read("config.json"))}
            with zf.open("model.weights.h5") as member, h5py.File(member, "r") as f:
                layout[name]["h5"] = h5_tree(f)
        if name == "seq":
            for suffix in (".weights.h5", ".h5"):
                model.save_weights(os.path.join(HERE, f"tf_seq{suffix}"))
                with h5py.File(os.path.join(HERE, f"tf_seq{suffix}"), "r") as f:
                    layout[f"seq{suffix}"] = h5_tree(f)
    np.savez(os.path.join(HERE, "tf_expect.npz"), **expect)
    with open(os.path.join(HERE, "tf_layout.json"), "w") as f:
        json.dump(layout, f, indent=1, sort_keys=True)
    with open(os.path.join(HERE, "tf_layer_configs.json"), "w") as f:
        json.dump(layer_configs(), f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
