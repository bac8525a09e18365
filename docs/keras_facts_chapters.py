"""Programs run on tf_keras 2.21 for ``docs/make_keras_facts.py``: the new chapters' facts.

Customizing ``train_step``, the first CNN and RNN, saving and loading, and the
answers of the chapters' exercises. Imported only by that script.
"""
import io
import json
import os
import tempfile
import zipfile

import h5py
import numpy as np
import tensorflow as tf
import tf_keras as keras
from keras_facts_engine import data, functional, skip_model, watch
from tf_keras.src.engine import sequential, training
from tf_keras.src.saving import saving_lib


# -- train_step ------------------------------------------------------------------
def train_step_facts():
    keras.backend.clear_session()
    rng = np.random.default_rng(0)
    x = rng.random((64, 4), dtype="float32")
    y = x @ np.array([[1.0], [2.0], [-1.0], [0.5]], dtype="float32")
    calls = []
    targets = [(training.Model, "compute_loss", "Model.compute_loss"),
               (training.Model, "compute_metrics", "Model.compute_metrics"),
               (training.Model, "reset_metrics", "Model.reset_metrics"),
               (training.Model, "train_step", "Model.train_step")]
    inputs = keras.Input((4,))
    model = keras.Model(inputs, keras.layers.Dense(1)(inputs))
    model.compile(optimizer="sgd", loss="mse", metrics=["mae"], run_eagerly=True)
    before = [m.name for m in model.metrics]
    with watch(targets, calls):
        model.fit(x, y, epochs=2, batch_size=32, verbose=0)
    after = [m.name for m in model.metrics]

    class OwnMetrics(keras.Model):
        listed = True

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.loss_tracker = keras.metrics.Mean(name="loss")
            self.mae = keras.metrics.MeanAbsoluteError(name="mae")

        def train_step(self, data):
            x, y = data
            with tf.GradientTape() as tape:
                y_pred = self(x, training=True)
                loss = keras.losses.mean_squared_error(y, y_pred)
            grads = tape.gradient(loss, self.trainable_variables)
            self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
            self.loss_tracker.update_state(loss)
            self.mae.update_state(y, y_pred)
            return {"loss": self.loss_tracker.result(), "mae": self.mae.result()}

        @property
        def metrics(self):
            return [self.loss_tracker, self.mae] if self.listed else []
    counts = {}
    for listed in (True, False):
        inputs = keras.Input((4,))
        own = OwnMetrics(inputs, keras.layers.Dense(1)(inputs))
        own.listed = listed
        own.compile(optimizer="sgd")
        own.fit(x, y, epochs=3, batch_size=32, verbose=0)
        counts["listed" if listed else "forgotten"] = int(own.mae.count.numpy())
    return {"train_step.metrics_after_compile": before,
            "train_step.metrics_after_fit": after,
            "train_step.calls_two_epochs_two_steps": [label for _, label in calls],
            "train_step.mae_count_after_three_epochs": counts}


# -- CNN and RNN -----------------------------------------------------------------
def cnn_rnn_facts():
    keras.backend.clear_session()
    convnet = keras.Sequential([keras.layers.Conv2D(32, 3, activation="relu"),
                                keras.layers.Flatten(),
                                keras.layers.Dense(128, activation="relu"),
                                keras.layers.Dense(10)])
    convnet.build((None, 28, 28, 1))
    keras.backend.clear_session()
    reader = keras.Sequential([keras.layers.Embedding(10, 8, mask_zero=True),
                               keras.layers.LSTM(16),
                               keras.layers.Dense(1, activation="sigmoid")])
    built_at_construction = reader.built
    tokens = np.array([[3, 7, 2, 0, 0], [5, 1, 0, 0, 0], [4, 4, 9, 8, 6], [2, 0, 0, 0, 0]])
    mask = reader.layers[0].compute_mask(tf.constant(tokens)).numpy().tolist()
    same = np.allclose(reader.predict(tokens[:1], verbose=0),
                       reader.predict(tokens[:1, :3], verbose=0))
    return {
        "cnn.weights": [[w.name, list(w.shape)] for w in convnet.weights],
        "cnn.output_shapes": [list(layer.output_shape) for layer in convnet.layers],
        "cnn.params": convnet.count_params(),
        "rnn.built_at_construction": built_at_construction,
        "rnn.weights": [[w.name, list(w.shape)] for w in reader.weights],
        "rnn.mask": mask,
        "rnn.padding_changes_nothing": bool(same),
    }


# -- saving ------------------------------------------------------------------------
def saving_facts():
    keras.backend.clear_session()
    x, y = data(n=16, features=3, classes=2)
    model = keras.Sequential([keras.layers.Dense(4, activation="relu", input_shape=(3,)),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x, y, epochs=1, verbose=0)
    folder = tempfile.mkdtemp()
    path = os.path.join(folder, "model.keras")
    model.save(path)
    paths = []
    with zipfile.ZipFile(path) as archive:
        members = [[info.filename, info.compress_type] for info in archive.infolist()]
        metadata = sorted(json.loads(archive.read("metadata.json")))
        config = json.loads(archive.read("config.json"))
        with h5py.File(io.BytesIO(archive.read("model.weights.h5")), "r") as h5:
            h5.visititems(lambda name, obj: paths.append(
                [name, list(obj.shape)] if isinstance(obj, h5py.Dataset) else [name, None]))
    calls = []
    targets = [(saving_lib, "load_model", "saving_lib.load_model"),
               (sequential.Sequential, "from_config", "Sequential.from_config"),
               (keras.layers.Layer, "build_from_config", "Layer.build_from_config"),
               (training.Model, "compile_from_config", "Model.compile_from_config"),
               (training.Model, "compile", "Model.compile"),
               (saving_lib, "_load_state", "saving_lib._load_state")]
    with watch(targets, calls):
        loaded = keras.models.load_model(path)
    top = []
    for depth, label in calls:
        if depth <= 2 and (not top or top[-1] != [depth, label]):
            top.append([depth, label])
    return {"saving.members": members, "saving.metadata_keys": metadata,
            "saving.config_keys": list(config), "saving.class_name": config["class_name"],
            "saving.h5_paths": paths, "saving.load_model_path": top,
            "saving.iterations_after_load": int(loaded.optimizer.iterations.numpy())}


def exercise_facts():
    """The answers of the chapters' "predict, then run" questions that concern Keras."""
    from tf_keras.src.engine import data_adapter
    rng = np.random.default_rng(0)
    x = rng.random((20, 4), dtype="float32")
    y = rng.integers(0, 2, size=20)

    def batches():
        while True:
            yield x[:5], y[:5]
    inputs = {"NumPy x, NumPy y": (x, y), "NumPy x, list y": (x, y.tolist()),
              "list of lists x, list y": (x.tolist(), y.tolist()),
              "list of floats x, list y": (x[:, 0].tolist(), y.tolist()),
              "generator": (batches(), None)}
    adapters = {}
    for kind, (xs, ys) in inputs.items():
        try:
            adapters[kind] = data_adapter.select_data_adapter(xs, ys).__name__
        except ValueError as e:
            adapters[kind] = "ValueError: " + str(e).splitlines()[0][:80]
    keras.backend.clear_session()
    conv = keras.layers.Conv2D(16, 5)
    conv.build((None, 28, 28, 3))
    keras.backend.clear_session()
    lstm_model = keras.Sequential([keras.layers.Embedding(100, 4), keras.layers.LSTM(8)])
    keras.backend.clear_session()
    sgd = keras.Sequential([keras.layers.Dense(2, input_shape=(3,))])
    sgd.compile(optimizer="sgd", loss="mse")
    sgd.fit(rng.random((8, 3)), rng.random((8, 2)), verbose=0)
    path = os.path.join(tempfile.mkdtemp(), "sgd.keras")
    sgd.save(path)
    optimizer_vars = []
    with zipfile.ZipFile(path) as archive:
        with h5py.File(io.BytesIO(archive.read("model.weights.h5")), "r") as h5:
            h5["optimizer/vars"].visit(optimizer_vars.append)
    uncompiled = keras.models.load_model(path, compile=False)
    keras.backend.clear_session()
    visits = []
    original = functional._build_map_helper

    def helper(tensor, *args, **kwargs):
        visits.append(tensor._keras_history.layer.name)
        return original(tensor, *args, **kwargs)
    functional._build_map_helper = helper
    try:
        inp = keras.Input((4,), name="x")
        chain = keras.layers.Dense(4, name="c")(keras.layers.Dense(4, name="b")(
            keras.layers.Dense(4, name="a")(inp)))
        skip = keras.Model(inp, keras.layers.Concatenate(name="join")([chain, inp]))
    finally:
        functional._build_map_helper = original
    keras.backend.clear_session()
    swapped = skip_model(keras.layers, keras.Model, swap=True)
    return {"exercise.adapters": adapters,
            "exercise.swapped_nodes_by_depth": {
                str(d): [node.layer.name for node in nodes]
                for d, nodes in sorted(swapped._nodes_by_depth.items())},
            "exercise.conv_kernel_output_params": [
                list(conv.kernel.shape), list(conv.compute_output_shape((None, 28, 28, 3))),
                conv.count_params()],
            "exercise.lstm_weights": [[w.name, list(w.shape)]
                                      for w in lstm_model.layers[1].weights],
            "exercise.sgd_optimizer_vars": optimizer_vars,
            "exercise.load_compile_false_optimizer": repr(uncompiled.optimizer),
            "exercise.skip_visits": visits,
            "exercise.skip_x_node_depth": next(d for d, nodes in skip._nodes_by_depth.items()
                                               if any(n.layer.name == "x" for n in nodes))}
