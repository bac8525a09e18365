"""The serialized form of Keras objects, run the same way on tf_keras
(``make_serialized_forms.py`` writes ``data/serialized_forms.json``) and on tracekeras
(``test_serialized_forms.py``, under the import shim).

``forms(keras)`` returns, as plain JSON, what each writer of a config gives: the
``serialize`` of each object module, ``keras.utils.serialize_keras_object``, a layer's
``get_config``, ``Sequential.get_config``, a Functional model's ``to_json``, an
optimizer's ``get_config`` and the ``config.json`` and ``metadata.json`` of a ``.keras``
file. ``loaded(keras)`` reads each form back, the new one and the legacy one, and
returns what the object rebuilt from it serializes to.
"""
import json
import os
import re
import tempfile
import zipfile

import numpy as np

DATE_SAVED = re.compile(r"\d{4}-\d\d-\d\d@\d\d:\d\d:\d\d")


def plain(value):
    """JSON and back: tuples as lists, NumPy scalars as numbers."""
    return json.loads(json.dumps(value, default=lambda v: v.item()))


def initializers(keras):
    init = keras.initializers
    objects = {"GlorotUniform": init.GlorotUniform(),
               "GlorotNormal(seed)": init.GlorotNormal(seed=3),
               "HeNormal": init.HeNormal(),
               "Zeros": init.Zeros(), "Ones": init.Ones(), "Constant": init.Constant(0.5),
               "RandomNormal": init.RandomNormal(mean=0.1, stddev=0.2, seed=1),
               "RandomUniform": init.RandomUniform(),
               "TruncatedNormal": init.TruncatedNormal(stddev=0.3),
               "Orthogonal": init.Orthogonal(gain=2.0),
               "VarianceScaling": init.VarianceScaling(scale=2.0, mode="fan_out"),
               "Identity": init.Identity(),
               "get('he_uniform')": init.get("he_uniform")}
    return {name: init.serialize(obj) for name, obj in objects.items()}


def regularizers(keras):
    reg = keras.regularizers
    objects = {"L1": reg.L1(0.02), "L2": reg.L2(), "L1L2": reg.L1L2(l1=0.01, l2=0.02),
               "l1_l2()": reg.l1_l2(), "get('l2')": reg.get("l2")}
    return {name: reg.serialize(obj) for name, obj in objects.items()}


ACTIVATIONS = ("relu", "sigmoid", "softmax", "tanh", "linear", "elu", "selu", "softplus",
               "softsign", "swish", "exponential", "hard_sigmoid")


def activations(keras):
    return {name: keras.activations.serialize(getattr(keras.activations, name))
            for name in ACTIVATIONS}


def losses(keras):
    loss = keras.losses
    objects = {"MeanSquaredError": loss.MeanSquaredError(),
               "SparseCategoricalCrossentropy": loss.SparseCategoricalCrossentropy(
                   from_logits=True),
               "CategoricalCrossentropy": loss.CategoricalCrossentropy(label_smoothing=0.1),
               "BinaryCrossentropy": loss.BinaryCrossentropy(),
               "Huber": loss.Huber(delta=2.0),
               "mean_squared_error": loss.mean_squared_error,
               "sparse_categorical_crossentropy": loss.sparse_categorical_crossentropy}
    return {name: loss.serialize(obj) for name, obj in objects.items()}


def metrics(keras):
    metric = keras.metrics
    objects = {"Accuracy": metric.Accuracy(),
               "SparseCategoricalAccuracy": metric.SparseCategoricalAccuracy(),
               "Mean": metric.Mean(name="m"),
               "MeanSquaredError": metric.MeanSquaredError(),
               "TopKCategoricalAccuracy": metric.TopKCategoricalAccuracy(k=3),
               "AUC": metric.AUC(),
               "Precision": metric.Precision(thresholds=0.3),
               "binary_accuracy": metric.binary_accuracy}
    return {name: metric.serialize(obj) for name, obj in objects.items()}


def optimizers(keras):
    opt = keras.optimizers
    schedule = opt.schedules.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5)
    objects = {"Adam": opt.Adam(), "SGD": opt.SGD(0.1, momentum=0.9, nesterov=True),
               "RMSprop": opt.RMSprop(clipnorm=1.0),
               "Adam(schedule)": opt.Adam(learning_rate=schedule)}
    out = {name: opt.serialize(obj) for name, obj in objects.items()}
    out["Adam(schedule).get_config()"] = objects["Adam(schedule)"].get_config()
    out["schedules.serialize"] = opt.schedules.serialize(schedule)
    return out


def utils_serialize(keras):
    ser = keras.utils.serialize_keras_object
    return {"GlorotUniform": ser(keras.initializers.GlorotUniform()),
            "L2": ser(keras.regularizers.L2(0.05)),
            "relu": ser(keras.activations.relu),
            "mean_squared_error": ser(keras.losses.mean_squared_error),
            "MeanSquaredError": ser(keras.losses.MeanSquaredError()),
            "SGD": ser(keras.optimizers.SGD(0.5)),
            "Dense (not built)": ser(keras.layers.Dense(2, name="d")),
            "None": ser(None), "nested": ser({"a": [keras.initializers.Zeros(), 3]})}


def layers(keras):
    lay = keras.layers
    objects = {
        "Dense": (lay.Dense(4, activation="relu", kernel_initializer="he_normal",
                            kernel_regularizer=keras.regularizers.L2(0.01),
                            bias_regularizer="l1", name="dense"), (3,)),
        "Conv2D": (lay.Conv2D(2, 3, padding="same", activation="tanh",
                              bias_initializer=keras.initializers.Constant(0.1),
                              name="conv"), (6, 6, 1)),
        "LSTM": (lay.LSTM(3, return_sequences=True,
                          recurrent_regularizer=keras.regularizers.L1(0.001), name="lstm"),
                 (5, 2)),
        "Embedding": (lay.Embedding(10, 4, embeddings_initializer="uniform",
                                    embeddings_regularizer="l2", name="emb"), (5,)),
        "BatchNormalization": (lay.BatchNormalization(
            momentum=0.9, gamma_regularizer=keras.regularizers.L2(0.5), name="bn"), (4,)),
        "LayerNormalization": (lay.LayerNormalization(beta_regularizer="l1", name="ln"), (4,)),
        "Dropout": (lay.Dropout(0.25, seed=2, name="drop"), (4,)),
    }
    out = {}
    for name, (layer, shape) in objects.items():
        out[f"{name}.get_config()"] = layer.get_config()
        layer(keras.Input(shape))
        out[f"{name} built, serialize_keras_object"] = keras.utils.serialize_keras_object(layer)
        out[f"{name} built, layers.serialize"] = lay.serialize(layer)
    return out


def sequential(keras):
    return keras.Sequential([
        keras.Input((3,), name="features"),
        keras.layers.Dense(4, activation="relu", kernel_regularizer="l2", name="hidden"),
        keras.layers.Dropout(0.5, name="drop"),
        keras.layers.Dense(2, activation="softmax", name="out")], name="seq")


def functional(keras):
    inputs = keras.Input((6, 6, 1), name="image")
    h = keras.layers.Conv2D(2, 3, activation="relu", name="conv")(inputs)
    h = keras.layers.Flatten(name="flat")(h)
    block = keras.Sequential([keras.Input((32,), name="block_input"),
                              keras.layers.Dense(4, name="inner")],
                             name="block")
    h = block(h)
    outputs = keras.layers.Dense(3, activation="softmax",
                                 kernel_initializer=keras.initializers.RandomNormal(seed=4),
                                 name="probs")(h)
    return keras.Model(inputs, outputs, name="func")


def saved_files(keras, model):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.keras")
        model.save(path)
        with zipfile.ZipFile(path) as zf:
            config = json.loads(zf.read("config.json"))
            metadata = json.loads(zf.read("metadata.json"))
    # the date changes from run to run: its format is what is compared
    saved = metadata.get("date_saved")
    if isinstance(saved, str) and DATE_SAVED.fullmatch(saved):
        metadata["date_saved"] = "%Y-%m-%d@%H:%M:%S"
    return {"config.json": config, "metadata.json": metadata}


def h5_model_config(model):
    """The ``model_config`` of a legacy whole-model ``.h5`` file: its layers in the legacy
    form, what they hold in the new one."""
    import h5py
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.h5")
        model.save(path)
        with h5py.File(path, "r") as f:
            config = f.attrs["model_config"]
    return json.loads(config.decode("utf8") if hasattr(config, "decode") else config)


def models(keras):
    seq = sequential(keras)
    func = functional(keras)
    out = {"Sequential.get_config()": seq.get_config(),
           "Functional.get_config()": func.get_config(),
           "Sequential.to_json()": json.loads(seq.to_json()),
           "Functional.to_json()": json.loads(func.to_json())}
    seq.compile(optimizer=keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy",
                metrics=["accuracy", keras.metrics.AUC(name="auc")])
    out["Sequential compiled, get_compile_config()"] = seq.get_compile_config()
    out["Sequential compiled, optimizer.get_config()"] = seq.optimizer.get_config()
    out["Sequential .keras"] = saved_files(keras, seq)
    func.compile(optimizer="sgd", loss=keras.losses.CategoricalCrossentropy())
    out["Functional .keras"] = saved_files(keras, func)
    out["Sequential .h5 model_config"] = h5_model_config(seq)
    out["Functional .h5 model_config"] = h5_model_config(func)
    return out


def forms(keras):
    return plain({"initializers.serialize": initializers(keras),
                  "regularizers.serialize": regularizers(keras),
                  "activations.serialize": activations(keras),
                  "losses.serialize": losses(keras),
                  "metrics.serialize": metrics(keras),
                  "optimizers.serialize": optimizers(keras),
                  "utils.serialize_keras_object": utils_serialize(keras),
                  "layers": layers(keras),
                  "models": models(keras)})


LEGACY = {
    "initializer": {"class_name": "RandomNormal",
                    "config": {"mean": 0.0, "stddev": 0.5, "seed": 1}},
    "regularizer": {"class_name": "L1L2", "config": {"l1": 0.5, "l2": 0.25}},
    # without is_legacy_optimizer False, tf_keras makes a legacy optimizer (tracekeras has none)
    "optimizer": {"class_name": "SGD", "config": {"learning_rate": 0.5, "momentum": 0.5,
                                                  "is_legacy_optimizer": False}},
    "loss": {"class_name": "Huber", "config": {"delta": 3.0, "reduction": "auto",
                                               "name": "huber_loss"}},
    "metric": {"class_name": "Mean", "config": {"name": "m", "dtype": "float32"}},
    "layer": {"class_name": "Dense", "config": {
        "name": "d", "units": 2, "activation": "relu",
        "kernel_initializer": {"class_name": "Ones", "config": {}},
        "kernel_regularizer": {"class_name": "L2", "config": {"l2": 0.5}}}},
}


def legacy_model_json():
    """A Sequential as tf_keras 2.11 wrote it: nested objects without their module."""
    layer = LEGACY["layer"]
    return json.dumps({"class_name": "Sequential", "config": {"name": "old", "layers": [
        {"class_name": "InputLayer", "config": {"batch_input_shape": [None, 3],
                                                "dtype": "float32", "name": "x"}},
        layer]}, "keras_version": "2.11.0", "backend": "tensorflow"})


def h5_input():
    return np.linspace(-1, 1, 2 * 36, dtype="float32").reshape(2, 6, 6, 1)


def with_fixed_weights(model):
    rng = np.random.default_rng(1)
    model.set_weights([rng.normal(size=w.shape).astype("float32") for w in model.get_weights()])
    return model


def loaded(keras):
    """Each module's ``deserialize`` of the legacy form and of the new form it writes."""
    pairs = {"initializer": keras.initializers, "regularizer": keras.regularizers,
             "optimizer": keras.optimizers, "loss": keras.losses, "metric": keras.metrics,
             "layer": keras.layers}
    out = {}
    for kind, module in pairs.items():
        # each reader gets its own copy: tf_keras's optimizers.deserialize lowercases the
        # class name of the dict it is given
        new = module.serialize(module.deserialize(plain(LEGACY[kind])))
        out[f"{kind} from the legacy form"] = new
        out[f"{kind} from the new form"] = module.serialize(module.deserialize(plain(new)))
        out[f"{kind}, utils.deserialize_keras_object of the new form"] = module.serialize(
            keras.utils.deserialize_keras_object(plain(new)))
    out["activation 'relu' from the new form"] = keras.activations.serialize(
        keras.activations.deserialize(keras.utils.serialize_keras_object(keras.activations.relu)))
    old = keras.models.model_from_json(legacy_model_json())
    out["model_from_json, legacy form"] = old.get_config()
    again = keras.models.model_from_json(old.to_json())
    out["model_from_json, new form"] = again.get_config()
    out["clone_model"] = keras.models.clone_model(functional(keras)).get_config()
    return plain(out)
