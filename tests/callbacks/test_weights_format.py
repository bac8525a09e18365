"""saving.weights_format: exact round trips, atomic writes, refusals before any change."""
import json
import logging
import os
import zipfile

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tracekeras
from tracekeras.saving import weights_format as wf

from .fakes import FakeLayer, FakeModel, FakeVariable


def snapshot(model):
    return [w.numpy() for w in model.weights]


def same_bits(a, b):
    return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()


def test_round_trip_is_bit_exact_with_any_suffix(tmp_path):
    model = FakeModel()
    model.layers[1].trainable_weights[0].value[0, 0] = np.float32("nan")
    model.layers[1].trainable_weights[1].value[0] = np.float32(-0.0)
    for name in ["w.h5", "w", "w.weights.npz", "w.ckpt.txt", "dir.d/w.keras"]:
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        wf.save_weights(model, path)
        assert path.exists() and not path.with_name(path.name + ".npz").exists()
        other = FakeModel(seed=1)
        wf.load_weights(other, str(path))
        assert all(same_bits(a, b) for a, b in zip(snapshot(model), snapshot(other)))
    assert sorted(os.listdir(tmp_path)) == sorted(["w.h5", "w", "w.weights.npz", "w.ckpt.txt",
                                                   "dir.d"])


def test_file_layout_is_the_documented_one(tmp_path):
    path = tmp_path / "w.bin"
    model = FakeModel()
    model.layers[2].non_trainable_weights.append(
        FakeVariable("dense_1/moving_mean:0", np.arange(3, dtype=np.float64)))
    wf.save_weights(model, path)
    with zipfile.ZipFile(path) as zf:
        assert zf.namelist()[0] == "tracekeras_weights.json"
        manifest = json.loads(zf.read("tracekeras_weights.json"))
    assert manifest["format"] == "tracekeras-weights" and manifest["version"] == 1
    assert manifest["model"] == {"name": "sequential", "class_name": "FakeModel"}
    assert [layer["name"] for layer in manifest["layers"]] == ["input", "dense", "dense_1"]
    assert manifest["layers"][0]["weights"] == []
    assert manifest["layers"][2]["weights"] == [
        {"name": "dense_1/kernel:0", "key": "layer_0002/weight_0000", "shape": [2, 1],
         "dtype": "float32", "trainable": True},
        {"name": "dense_1/bias:0", "key": "layer_0002/weight_0001", "shape": [1],
         "dtype": "float32", "trainable": True},
        {"name": "dense_1/moving_mean:0", "key": "layer_0002/weight_0002", "shape": [3],
         "dtype": "float64", "trainable": False}]
    with np.load(path) as npz:                             # readable as an .npz
        assert np.array_equal(npz["layer_0002/weight_0002"], np.arange(3.0))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.lists(st.integers(0, 4), max_size=3),
                          st.sampled_from(["float32", "float64", "float16", "int32", "int64",
                                           "bool", "uint8"])),
                min_size=1, max_size=4),
       st.integers(0, 2 ** 32 - 1))
def test_round_trip_property(tmp_path_factory, specs, seed):
    rng = np.random.default_rng(seed)

    def model_of(fill):
        model = FakeModel()
        weights = []
        for i, (shape, dtype) in enumerate(specs):
            raw = rng.standard_normal(shape) * 100 if fill else np.zeros(shape)
            weights.append(FakeVariable(f"l/w{i}:0", raw.astype(dtype)))
        model.layers = [FakeLayer("l", weights)]
        return model

    model, other = model_of(True), model_of(False)
    path = tmp_path_factory.mktemp("rt") / "weights"
    wf.save_weights(model, path)
    wf.load_weights(other, path)
    assert all(same_bits(a, b) for a, b in zip(snapshot(model), snapshot(other)))


def test_overwrite_false_refuses_an_existing_file(tmp_path):
    path = tmp_path / "w"
    path.write_bytes(b"old")
    with pytest.raises(FileExistsError, match="the file exists and overwrite=False"):
        wf.save_weights(FakeModel(), path, overwrite=False)
    assert path.read_bytes() == b"old"
    wf.save_weights(FakeModel(), tmp_path / "new", overwrite=False)
    assert (tmp_path / "new").exists()


def test_crash_before_replace_keeps_the_old_file_and_no_temp(tmp_path, monkeypatch):
    path = tmp_path / "w.weights"
    wf.save_weights(FakeModel(seed=0), path)
    before = path.read_bytes()

    def crash(src, dst):
        raise OSError("disk full")
    monkeypatch.setattr(wf.os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        wf.save_weights(FakeModel(seed=1), path)
    assert path.read_bytes() == before and os.listdir(tmp_path) == ["w.weights"]


def test_crash_mid_write_keeps_the_old_file_and_no_temp(tmp_path, monkeypatch):
    path = tmp_path / "w.weights"
    wf.save_weights(FakeModel(seed=0), path)
    before = path.read_bytes()
    real = np.lib.format.write_array
    calls = []

    def crash_on_second(fp, array, **kw):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(fp, array, **kw)
    monkeypatch.setattr(np.lib.format, "write_array", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        wf.save_weights(FakeModel(seed=1), path)
    assert path.read_bytes() == before and os.listdir(tmp_path) == ["w.weights"]


@pytest.mark.parametrize("content, found", [
    (b"not a zip at all", "it is not a ZIP archive"),
    (b"\x89HDF\r\n\x1a\n" + b"\0" * 64, r"it is an HDF5 file \(the Keras .h5 format\)"),
])
def test_foreign_files_are_refused(tmp_path, content, found):
    path = tmp_path / "weights.h5"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=f"Unable to load weights from '{path}': {found}. "
                                         "Expected a tracekeras weights file"):
        wf.load_weights(FakeModel(), path)


def test_zip_without_our_manifest_is_refused(tmp_path):
    path = tmp_path / "other.npz"
    np.savez(path, a=np.zeros(3))
    with pytest.raises(ValueError, match="it is a ZIP archive without a "
                                         "'tracekeras_weights.json' manifest"):
        wf.load_weights(FakeModel(), path)
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("tracekeras_weights.json", json.dumps({"format": "something-else"}))
    with pytest.raises(ValueError, match="its manifest has format 'something-else'"):
        wf.load_weights(FakeModel(), path)
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("tracekeras_weights.json", json.dumps({"format": "tracekeras-weights",
                                                           "version": 7}))
    with pytest.raises(ValueError, match="format version 7 is newer"):
        wf.load_weights(FakeModel(), path)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file"):
        wf.load_weights(FakeModel(), tmp_path / "nope")
    with pytest.raises(ValueError, match="it is a directory"):
        wf.load_weights(FakeModel(), tmp_path)
    with pytest.raises(IsADirectoryError):
        wf.save_weights(FakeModel(), tmp_path)


def test_layer_count_mismatch_changes_nothing(tmp_path):
    path = tmp_path / "w"
    wf.save_weights(FakeModel(sizes=(3, 2, 2, 1)), path)
    model = FakeModel(seed=5)
    before = snapshot(model)
    with pytest.raises(ValueError, match="Layer count mismatch when loading weights from file. "
                                         "Model expected 2 layers, found 3 saved layers."):
        wf.load_weights(model, path)
    assert all(same_bits(a, b) for a, b in zip(before, snapshot(model)))


def test_shape_mismatch_in_a_later_layer_changes_nothing(tmp_path):
    path = tmp_path / "w"
    wf.save_weights(FakeModel(sizes=(3, 2, 4)), path)
    model = FakeModel(seed=5)
    before = snapshot(model)
    with pytest.raises(ValueError, match=r"Cannot assign value to variable ' dense_1/kernel:0': "
                                         r"Shape mismatch.The variable shape \(2, 1\), and the "
                                         r"assigned value shape \(2, 4\) are incompatible."):
        wf.load_weights(model, path)
    assert all(same_bits(a, b) for a, b in zip(before, snapshot(model)))   # dense untouched


def test_weight_count_mismatch(tmp_path):
    path = tmp_path / "w"
    saved = FakeModel()
    saved.layers[2].trainable_weights.pop()
    wf.save_weights(saved, path)
    with pytest.raises(ValueError, match=r"Weight count mismatch for layer #1 \(named dense_1 in "
                                         r"the current model, dense_1 in the save file\). Layer "
                                         r"expects 2 weight\(s\). Received 1 saved weight\(s\)"):
        wf.load_weights(FakeModel(), path)


def test_by_name_loads_matching_layers_and_skips_mismatches(tmp_path, caplog):
    path = tmp_path / "w"
    saved = FakeModel(sizes=(3, 2, 5))
    saved.layers.reverse()                                # order does not matter by name
    wf.save_weights(saved, path)
    model = FakeModel(seed=7)
    before = snapshot(model)
    with pytest.raises(ValueError, match=r"Shape mismatch in layer #0 \(named dense_1\) for "
                                         r"weight dense_1/kernel:0. Weight expects shape \(2, 1\)."
                                         r" Received saved weight with shape \(2, 5\)"):
        wf.load_weights(model, path, by_name=True)
    assert all(same_bits(a, b) for a, b in zip(before, snapshot(model)))
    with caplog.at_level(logging.WARNING, logger="tracekeras"):
        wf.load_weights(model, path, by_name=True, skip_mismatch=True)
    assert caplog.records[0].getMessage() == (
        "Skipping loading weights for layer #0 (named dense_1) due to mismatch in shape for "
        "weight dense_1/kernel:0. Weight expects shape (2, 1). Received saved weight with shape "
        "(2, 5)")
    dense = saved.layers[1]
    assert same_bits(model.layers[1].trainable_weights[0].numpy(),
                     dense.trainable_weights[0].numpy())
    assert all(same_bits(a, b) for a, b in zip(before[2:], snapshot(model)[2:]))


def test_skip_mismatch_needs_by_name(tmp_path):
    with pytest.raises(ValueError, match="When calling model.load_weights, skip_mismatch can "
                                         "only be set to True when by_name is True."):
        wf.load_weights(FakeModel(), tmp_path / "w", skip_mismatch=True)


def test_traced_as_keras_saving_api(tmp_path):
    path = tmp_path / "w"
    with tracekeras.trace() as t:
        wf.save_weights(FakeModel(), path)
        wf.load_weights(FakeModel(), path)
    assert t.names() == ["keras.saving.saving_api.save_weights",
                         "keras.saving.saving_api.load_weights"]
    ends = [r["args"] for r in t.records if r["ph"] == "E"]
    assert ends[0] == {"layers": 3, "weights": 4}
    assert ends[1] == {"weights_loaded": 4, "skipped": []}


def test_by_name_skips_a_single_weight_of_the_wrong_shape_and_a_layer_of_the_wrong_count(
        tmp_path, caplog):
    path = tmp_path / "w"
    saved = FakeModel(seed=2)
    saved.layers[1].trainable_weights[1] = FakeVariable("dense/bias:0", np.ones(7, np.float32))
    saved.layers[2].trainable_weights.pop()
    wf.save_weights(saved, path)
    model = FakeModel(seed=7)
    before = snapshot(model)
    with pytest.raises(ValueError, match=r"Shape mismatch in layer #1 \(named dense\) for "
                                         r"weight dense/bias:0"):
        wf.load_weights(model, path, by_name=True)
    saved.layers[1].trainable_weights[1] = FakeVariable("dense/bias:0", np.ones(2, np.float32))
    wf.save_weights(saved, tmp_path / "w2")
    with pytest.raises(ValueError, match=r"Weight count mismatch for layer #2 \(named dense_1\). "
                                         r"Layer expects 2 weight\(s\). Received 1 saved "
                                         r"weight\(s\)"):
        wf.load_weights(model, tmp_path / "w2", by_name=True)
    assert all(same_bits(a, b) for a, b in zip(before, snapshot(model)))
    with caplog.at_level(logging.WARNING, logger="tracekeras"):
        wf.load_weights(model, path, by_name=True, skip_mismatch=True)
    assert [r.getMessage() for r in caplog.records] == [
        "Skipping loading weights for layer #1 (named dense) due to mismatch in shape for weight "
        "dense/bias:0. Weight expects shape (2,). Received saved weight with shape (7,)",
        "Skipping loading of weights for layer #2 (named dense_1) due to mismatch in number of "
        "weights. Layer expects 2 weight(s). Received 1 saved weight(s)"]
    after = snapshot(model)
    assert same_bits(after[0], saved.layers[1].trainable_weights[0].numpy())   # kernel loaded
    assert all(same_bits(a, b) for a, b in zip(before[1:], after[1:]))
