"""Bad weights and model files: refused with a ValueError naming the file and the variable,
before any weight changes and before more memory than the model's own is used.
Files stay tiny: the "bombs" only DECLARE huge sizes."""
import io
import json
import os
import tracemalloc

import h5py
import numpy as np
import pytest

from tracekeras.models import load_model

from .bad_file_helpers import (
    MANIFEST,
    VARS,
    datasets,
    edit_h5,
    npy_bytes,
    path_for,
    read_zip,
    save_all,
    set_declared_size,
    source,
    state,
    target,
    write_zip,
)

MIB = 1 << 20


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return save_all(source(), str(tmp_path_factory.mktemp("source")))


def write(folder, fmt, data, name="damaged"):
    path = path_for(str(folder), fmt, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def in_h5(fmt, data, edit):
    """``data`` (a file of format ``fmt``) with ``edit`` applied to its HDF5 weights."""
    if fmt == "keras":
        members = read_zip(data)
        members[VARS] = edit_h5(members[VARS], edit)
        return write_zip(members)
    return edit_h5(data, edit)


def second_array_as_strings(fmt, data):
    """The file with its second array (in the file's order) replaced by strings, same shape."""
    if fmt == "tracekeras":
        members = read_zip(data)
        manifest = json.loads(members[MANIFEST])
        key = [w["key"] for layer in manifest["layers"] for w in layer["weights"]][1] + ".npy"
        value = np.lib.format.read_array(io.BytesIO(members[key]))
        members[key] = npy_bytes(np.full(value.shape, b"x", "S1"))
        return write_zip(members), key

    def edit(h5):
        path = [d for d in datasets(h5) if not d.startswith("optimizer")][1]
        value = h5[path][()]
        del h5[path]
        h5.create_dataset(path, data=np.full(value.shape, b"x", "S1"))
        edit.path = path
    return in_h5(fmt, data, edit), edit.path


def assert_refused(model, path, *words):
    before = state(model)
    with pytest.raises(ValueError) as info:
        model.load_weights(path)
    assert state(model) == before, "the model changed before the error"
    for word in words:
        assert word in str(info.value), (word, str(info.value))
    return str(info.value)


# -- a string array second in the file --------------------------------------------------------
@pytest.mark.parametrize("fmt", ["keras", "weights.h5", "h5", "tracekeras"])
def test_a_string_array_second_in_the_file_leaves_every_weight_as_it_was(files, tmp_path, fmt):
    data, array_path = second_array_as_strings(fmt, files[fmt])
    path = write(tmp_path, fmt, data)
    message = assert_refused(target(), path, os.path.basename(path), "dtype |S1",
                             "expected a float32 array")
    assert array_path.split("/")[-1].replace(".npy", "") in message


def test_a_string_array_in_the_optimizer_state_leaves_the_optimizer_as_it_was(files, tmp_path):
    def edit(h5):
        value = h5["optimizer/vars/2"][()]
        del h5["optimizer/vars/2"]
        h5.create_dataset("optimizer/vars/2", data=np.full(value.shape, b"x", "S1"))
    path = write(tmp_path, "weights.h5", edit_h5(files["weights.h5"], edit))
    assert_refused(target(), path, "optimizer/vars/2", "dtype |S1")


def test_load_model_of_a_keras_file_with_a_string_array_raises_value_error(files, tmp_path):
    data, _ = second_array_as_strings("keras", files["keras"])
    with pytest.raises(ValueError, match=r"damaged\.keras.*dtype \|S1"):
        load_model(write(tmp_path, "keras", data))


# -- declared sizes checked before any data is read --------------------------------------------
def huge_dataset(h5):
    """layers/dense's kernel declared (1500, 250000) float32 (1.5 GB), stored as nothing."""
    first = [d for d in datasets(h5) if not d.startswith("optimizer")][0]
    del h5[first]
    h5.create_dataset(first, shape=(1500, 250000), dtype="float32", chunks=(1, 250000),
                      compression="gzip")
    return first


@pytest.mark.parametrize("fmt", ["keras", "weights.h5", "h5"])
def test_a_dataset_declaring_a_huge_shape_is_refused_before_it_is_read(files, tmp_path, fmt):
    path = write(tmp_path, fmt, in_h5(fmt, files[fmt], huge_dataset))
    assert os.path.getsize(path) < MIB
    model = target()
    tracemalloc.start()
    try:
        assert_refused(model, path, "(1500, 250000)", "incompatible",
                       f"File: {path!r}")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * MIB, f"{peak / MIB:.0f} MiB allocated while refusing the file"


def test_an_npy_member_declaring_a_huge_shape_is_refused_without_allocating(files, tmp_path):
    members = read_zip(files["tracekeras"])
    key = json.loads(members[MANIFEST])["layers"][2]["weights"][0]["key"] + ".npy"
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(header, {"descr": "<f8", "fortran_order": False,
                                                  "shape": (100000, 100000, 100)})
    members[key] = header.getvalue() + b"\0" * 64   # 8e12 bytes declared, 64 present
    path = write(tmp_path, "tracekeras", write_zip(members))
    tracemalloc.start()
    try:
        assert_refused(target(), path, key, "(100000, 100000, 100)", "ZIP bomb")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * MIB


def test_a_zip_member_declaring_a_huge_uncompressed_size_is_refused(files, tmp_path):
    data = set_declared_size(files["keras"], VARS, 0xFFFFFFF0)
    path = write(tmp_path, "keras", data)
    assert_refused(target(), path, VARS, "declares 4294967280 bytes uncompressed",
                   "at most")
    with pytest.raises(ValueError, match="declares 4294967280 bytes"):
        load_model(path)


def test_a_manifest_declaring_a_huge_size_is_refused(files, tmp_path):
    path = write(tmp_path, "tracekeras", set_declared_size(files["tracekeras"], MANIFEST,
                                                           0xFFFFFFF0))
    assert_refused(target(), path, MANIFEST, "declares 4294967280 bytes")


def test_a_missing_member_is_a_value_error_naming_it(files, tmp_path):
    members = read_zip(files["tracekeras"])
    key = json.loads(members[MANIFEST])["layers"][2]["weights"][1]["key"] + ".npy"
    del members[key]
    message = assert_refused(target(), write(tmp_path, "tracekeras", write_zip(members)),
                             key, "no such member")
    assert "KeyError" not in message
    members = read_zip(files["keras"])
    del members[VARS]
    path = write(tmp_path, "keras", write_zip(members), "novars")
    with pytest.raises(ValueError, match=f"Expected a {VARS} file"):
        load_model(path)


def test_a_missing_layer_variable_in_an_h5_file_is_a_value_error(files, tmp_path):
    def edit(h5):
        del h5["layers/dense/vars/0"]
    path = write(tmp_path, "weights.h5", edit_h5(files["weights.h5"], edit))
    assert_refused(target(), path, "expected 2 variables, but received 1")


def test_a_manifest_whose_layers_are_not_a_list_is_a_value_error(files, tmp_path):
    members = read_zip(files["tracekeras"])
    manifest = json.loads(members[MANIFEST])
    manifest["layers"] = "x"
    members[MANIFEST] = json.dumps(manifest).encode()
    assert_refused(target(), write(tmp_path, "tracekeras", write_zip(members)), MANIFEST,
                   "malformed at 'layers'", "expected a list of layers", "found str 'x'")


def test_a_model_config_whose_layers_are_not_a_list_is_a_value_error(tmp_path):
    model = source()
    for name in ("m.keras", "m_tk", "m.h5"):
        model.save(str(tmp_path / name))
    members = read_zip((tmp_path / "m.keras").read_bytes())
    config = json.loads(members["config.json"])
    config["config"]["layers"] = "x"
    members["config.json"] = json.dumps(config).encode()
    (tmp_path / "bad.keras").write_bytes(write_zip(members))
    with pytest.raises(ValueError, match=r"bad\.keras.*'config\.json' is malformed at "
                                         r"'/config/layers': expected a list of layer configs, "
                                         "found str 'x'"):
        load_model(tmp_path / "bad.keras")
    members = read_zip((tmp_path / "m_tk").read_bytes())
    manifest = json.loads(members[MANIFEST])
    manifest["config"]["layers"] = "x"
    members[MANIFEST] = json.dumps(manifest).encode()
    (tmp_path / "bad_tk").write_bytes(write_zip(members))
    with pytest.raises(ValueError, match="malformed at '/config/layers'"):
        load_model(tmp_path / "bad_tk")
    with h5py.File(tmp_path / "m.h5", "a") as h5:
        config = json.loads(h5.attrs["model_config"])
        config["config"]["layers"] = "x"
        h5.attrs["model_config"] = json.dumps(config).encode()
    with pytest.raises(ValueError, match="'model_config' is malformed at '/config/layers'"):
        load_model(tmp_path / "m.h5")


def test_tf_keras_error_types_still_match_for_foreign_archives(tmp_path):
    """A truncated .keras is an OSError and a config-less one a KeyError in tf_keras: the
    ValueError tracekeras raises is that type too."""
    (tmp_path / "cut.keras").write_bytes(b"PK\x03\x04 cut short")
    with pytest.raises(OSError) as info:
        load_model(tmp_path / "cut.keras")
    assert isinstance(info.value, ValueError)
    (tmp_path / "noconf.keras").write_bytes(write_zip({"metadata.json": b"{}"}))
    with pytest.raises(KeyError) as info:
        load_model(tmp_path / "noconf.keras")
    assert isinstance(info.value, ValueError)
    assert str(info.value).startswith("There is no item named 'config.json'")
