"""The ``.keras`` archive and the ``.weights.h5``/``.h5`` weights files against real tf_keras.

Fixtures: ``tf_*`` files and ``tf_expect.npz``/``tf_layout.json`` written by tf_keras 2.21
(``make_fixtures.py``); ``tk_*`` files written by tracekeras and read by tf_keras
(``make_tracekeras_files.py``, verdict in ``tf_keras_check.json`` from
``check_with_tf_keras.py``).
"""
import io
import json
import os
import warnings
import zipfile

import h5py
import numpy as np
import pytest

from tracekeras import layers
from tracekeras.models import Sequential, load_model
from tracekeras.saving import serialization_lib

from . import helpers

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")

TF_EXPECT = np.load(os.path.join(DATA, "tf_expect.npz"))
with open(os.path.join(DATA, "tf_layout.json")) as f:
    TF_LAYOUT = json.load(f)


def h5_names(data):
    names = []
    with h5py.File(io.BytesIO(data), "r") as h5:
        h5.visit(names.append)
    return sorted(names)


def member(path, name):
    with zipfile.ZipFile(path) as zf:
        return zf.read(name)


def without_shared_ids(value):
    """tf_keras marks an object serialized twice (an RNN's initializers, once for the layer
    and once for its cell) with ``shared_object_id``, a Python ``id()``: tracekeras writes
    each copy in full without one, which tf_keras reads the same way."""
    if isinstance(value, dict):
        return {k: without_shared_ids(v) for k, v in value.items() if k != "shared_object_id"}
    if isinstance(value, list):
        return [without_shared_ids(v) for v in value]
    return value


def seq_like_tf():
    return Sequential([layers.Input((4,)), layers.Dense(3, activation="relu"),
                       layers.Dropout(0.5), layers.Dense(2)])


@pytest.mark.parametrize("name", ["seq", "func", "nest", "zoo"])
def test_load_a_model_tf_keras_saved(name):
    model = load_model(os.path.join(DATA, f"tf_{name}.keras"))
    pred = model.predict(TF_EXPECT[f"{name}_x"], verbose=0)
    np.testing.assert_allclose(pred, TF_EXPECT[f"{name}_pred"], atol=1e-6)
    assert model._is_compiled
    opt = [v.numpy() for v in model.optimizer.variables]
    assert len(opt) == len([k for k in TF_EXPECT.files if k.startswith(f"{name}_opt_")])
    assert int(opt[0]) == 1
    for i, value in enumerate(opt):
        np.testing.assert_array_equal(value, TF_EXPECT[f"{name}_opt_{i}"])


@pytest.mark.parametrize("name", ["seq", "func", "nest", "zoo"])
def test_config_and_layout_are_tf_keras_s(name, tmp_path):
    """The model loaded from tf_keras's file serializes to tf_keras's config, and saving
    it writes tf_keras's h5 groups and datasets (but ``metrics``: a loaded model's metrics
    are not built until it trains, in tf_keras too)."""
    model = load_model(os.path.join(DATA, f"tf_{name}.keras"))
    config = json.loads(json.dumps(serialization_lib.serialize_keras_object(model)))
    assert config == without_shared_ids(TF_LAYOUT[name]["config"])
    path = tmp_path / "again.keras"
    model.save(path)
    theirs = member(os.path.join(DATA, f"tf_{name}.keras"), "config.json")
    if b"shared_object_id" not in theirs:
        assert member(path, "config.json") == theirs
    with zipfile.ZipFile(path) as zf:
        assert zf.namelist() == TF_LAYOUT[name]["members"]
        names = h5_names(zf.read("model.weights.h5"))
    assert names == sorted(k for k in TF_LAYOUT[name]["h5"]
                           if k != "/" and not k.startswith("metrics"))


@pytest.mark.parametrize("suffix", [".weights.h5", ".h5"])
def test_load_weights_tf_keras_saved(suffix):
    model = seq_like_tf()
    model.load_weights(os.path.join(DATA, f"tf_seq{suffix}"))
    np.testing.assert_allclose(model.predict(TF_EXPECT["seq_x"], verbose=0),
                               TF_EXPECT["seq_pred"], atol=1e-6)


def test_legacy_h5_layout_is_tf_keras_s(tmp_path):
    model = load_model(os.path.join(DATA, "tf_seq.keras"))
    model.save_weights(tmp_path / "w.h5")
    with open(tmp_path / "w.h5", "rb") as f:
        data = f.read()
    ours = {}

    def record(name, obj):
        ours[name] = [x.decode() if hasattr(x, "decode") else str(x)
                      for x in obj.attrs.get("weight_names", [])]
    with h5py.File(io.BytesIO(data), "r") as h5:
        h5.visititems(record)
        root = [x.decode() for x in h5.attrs["layer_names"]]
    assert root == TF_LAYOUT["seq.h5"]["/"]["attrs"]["layer_names"]
    assert sorted(ours) == sorted(k for k in TF_LAYOUT["seq.h5"] if k != "/")
    assert ours["dense"] == ["dense/kernel:0", "dense/bias:0"]


def test_weights_h5_holds_the_optimizer_state(tmp_path):
    model = load_model(os.path.join(DATA, "tf_seq.keras"))
    model.save_weights(tmp_path / "w.weights.h5")
    with open(tmp_path / "w.weights.h5", "rb") as f:
        names = h5_names(f.read())
    assert names == sorted(k for k in TF_LAYOUT["seq.weights.h5"]
                           if k != "/" and not k.startswith("metrics"))
    other = helpers.seq_model()
    other.load_weights(tmp_path / "w.weights.h5")  # optimizer not built: skipped, as tf_keras
    np.testing.assert_allclose(other.predict(TF_EXPECT["seq_x"], verbose=0),
                               TF_EXPECT["seq_pred"], atol=1e-6)


def test_tf_keras_read_our_files(tmp_path):
    """tf_keras loaded what tracekeras wrote, and tracekeras still writes that config."""
    with open(os.path.join(DATA, "tf_keras_check.json")) as f:
        verdict = json.load(f)
    expect = np.load(os.path.join(DATA, "tk_expect.npz"))
    for name in helpers.MODELS:
        entry = verdict[f"tk_{name}.keras"]
        assert entry["loaded"] and entry["compiled"] and entry["weights_equal"]
        assert entry["optimizer_state_equal"]
        assert entry["optimizer_variables"] == len(
            [k for k in expect.files if k.startswith(f"{name}_opt_")])
        assert entry["prediction_max_abs_diff"] < 1e-6
        model, _ = helpers.trained(name)
        model.save(tmp_path / f"{name}.keras")
        assert member(tmp_path / f"{name}.keras", "config.json") == member(
            os.path.join(DATA, f"tk_{name}.keras"), "config.json")
        with zipfile.ZipFile(tmp_path / f"{name}.keras") as zf:
            ours = h5_names(zf.read("model.weights.h5"))
        assert ours == h5_names(member(os.path.join(DATA, f"tk_{name}.keras"),
                                       "model.weights.h5"))
    objs = verdict["tk_objs.keras"]
    assert (objs["optimizer"], objs["loss"], objs["metrics"]) == (
        "Adam", "SparseCategoricalCrossentropy", ["accuracy"])
    assert abs(objs["learning_rate"] - 0.01) < 1e-8
    for suffix in (".weights.h5", ".h5"):
        assert verdict[f"tk_seq{suffix}"]["prediction_max_abs_diff"] < 1e-6
    assert verdict["tk_constrained.keras"]["constraints"] == {
        "tk_dense/kernel:0": ["MaxNorm", {"max_value": 1.5, "axis": 0}],
        "tk_dense/bias:0": ["NonNeg", {}],
        "tk_prelu/alpha:0": ["MinMaxNorm", {"min_value": 0.1, "max_value": 0.9, "rate": 0.5,
                                            "axis": 0}]}


def test_our_files_load_back_exactly(tmp_path):
    expect = np.load(os.path.join(DATA, "tk_expect.npz"))
    for name in helpers.MODELS:
        model = load_model(os.path.join(DATA, f"tk_{name}.keras"))
        np.testing.assert_allclose(model.predict(expect[f"{name}_x"], verbose=0),
                                   expect[f"{name}_pred"], atol=1e-6)
        for i, v in enumerate(model.optimizer.variables):
            np.testing.assert_array_equal(v.numpy(), expect[f"{name}_opt_{i}"])
    objs = load_model(os.path.join(DATA, "tk_objs.keras"))
    assert type(objs.loss).__name__ == "SparseCategoricalCrossentropy"
    assert objs.compiled_metrics is not None
    np.testing.assert_allclose(float(np.asarray(objs.optimizer.learning_rate)), 0.01, rtol=1e-6)


def test_saving_h5_warns_as_keras_does_once_per_calling_line(tmp_path):
    # tf_keras 2.21: a UserWarning from model.save, which Python's default filter shows once
    # for a ModelCheckpoint that saves every epoch (seen running keras.io's fraud example)
    model = Sequential([layers.Dense(1, input_shape=(2,))])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        for epoch in range(3):
            model.save(tmp_path / f"model_{epoch}.h5")
    legacy = [w for w in caught if "considered legacy" in str(w.message)]
    assert [w.category for w in legacy] == [UserWarning]
    assert all((tmp_path / f"model_{epoch}.h5").exists() for epoch in range(3))
