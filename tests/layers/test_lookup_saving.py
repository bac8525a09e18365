"""Adapted lookup layers in a ``.keras`` archive: the vocabularies go to
``assets/<path>/vocabulary.txt`` as tf_keras 2.21 writes them, and come back on load; a
file written by tf_keras (tests/layers/make_lookup_saving_files.py) loads with its
vocabularies and predicts as tf_keras predicted. In ``output_mode="tf_idf"`` the idf
weights go to the weights file as "idf_weights", both ways
(tests/layers/make_tf_idf_saving_files.py)."""
import io
import json
import os
import zipfile

import h5py
import numpy as np
import pytest

import tracekeras
from tracekeras import layers
from tracekeras.backend import clear_session
from tracekeras.saving import saving_api

from . import tf_idf_saving_model

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
with open(os.path.join(DATA, "tf_lookup_model.json")) as f:
    KERAS = json.load(f)
with open(os.path.join(DATA, "tf_idf_model.json")) as f:
    IDF = json.load(f)

LOOKUPS = ("color_lookup", "size_lookup", "vectorize")


def queries():
    q = KERAS["query"]
    return [np.array(q["color"], dtype=object), np.array(q["size"]),
            np.array(q["text"], dtype=object)]


def assert_like_keras(model):
    """The model's lookups hold tf_keras's vocabularies and it predicts what tf_keras did."""
    for name in LOOKUPS:
        assert model.get_layer(name).get_vocabulary() == KERAS["vocabularies"][name]
    np.testing.assert_allclose(model.predict(queries(), verbose=0), KERAS["prediction"],
                               rtol=1e-6)


def test_a_tf_keras_archive_loads_with_its_vocabularies():
    clear_session()
    model = saving_api.load_model(os.path.join(DATA, "tf_lookup_model.keras"))
    assert_like_keras(model)


def test_our_archive_has_tf_keras_members_and_round_trips(tmp_path):
    clear_session()
    model = saving_api.load_model(os.path.join(DATA, "tf_lookup_model.keras"))
    path = str(tmp_path / "again.keras")
    model.save(path)
    with zipfile.ZipFile(path) as zf:
        assert sorted(zf.namelist()) == KERAS["members"]
        for member in KERAS["members"]:
            if member.endswith("vocabulary.txt"):
                with zipfile.ZipFile(os.path.join(DATA, "tf_lookup_model.keras")) as theirs:
                    assert zf.read(member) == theirs.read(member)
    clear_session()
    again = saving_api.load_model(path)
    assert_like_keras(again)


def test_adapting_our_own_model_gives_the_vocabularies_tf_keras_learned():
    clear_session()
    train = {k: np.array(v) for k, v in KERAS["train"].items()}
    color = layers.StringLookup(output_mode="one_hot")
    color.adapt(train["color"])
    size = layers.IntegerLookup(output_mode="multi_hot")
    size.adapt(train["size"])
    text = layers.TextVectorization(output_mode="count")
    text.adapt(train["text"].reshape(-1))
    assert [color.get_vocabulary(), size.get_vocabulary(), text.get_vocabulary()] == \
        [KERAS["vocabularies"][name] for name in LOOKUPS]


def h5_datasets(path):
    """Every dataset of a ``.keras`` archive's weights file: path -> values."""
    with zipfile.ZipFile(path) as zf, h5py.File(io.BytesIO(zf.read("model.weights.h5")),
                                                "r") as h5:
        found = {}
        h5.visititems(lambda name, obj: found.__setitem__(name, obj[()].tolist())
                      if isinstance(obj, h5py.Dataset) else None)
    return found


def assert_idf_model_like_keras(model):
    for name, vocabulary in IDF["vocabularies"].items():
        assert [str(t) for t in model.get_layer(name).get_vocabulary()] == vocabulary
    np.testing.assert_allclose(model.predict(tf_idf_saving_model.query_inputs(), verbose=0),
                               IDF["prediction"], rtol=1e-6)


def test_a_tf_keras_tf_idf_archive_loads_with_its_idf_weights():
    clear_session()
    model = saving_api.load_model(os.path.join(DATA, "tf_idf_model.keras"))
    assert_idf_model_like_keras(model)
    datasets = IDF["archive"]["datasets"]
    np.testing.assert_allclose(model.get_layer("word_lookup").idf_weights,
                               datasets["layers/string_lookup/vars/idf_weights"])
    np.testing.assert_allclose(model.get_layer("vectorize")._lookup_layer.idf_weights,
                               datasets["layers/text_vectorization/vars/idf_weights"])


def test_our_tf_idf_archive_is_keras_s_archive(tmp_path):
    """Adapted here and saved: the members, assets and weight datasets (Keras's
    "idf_weights") tf_keras writes for the same model, which tf_keras loaded and predicted
    with (``tk_idf_model.keras``, written by this code, in the fixture)."""
    clear_session()
    model = tf_idf_saving_model.build(tracekeras)
    assert_idf_model_like_keras(model)
    path = str(tmp_path / "idf.keras")
    model.save(path)
    with zipfile.ZipFile(path) as zf:
        assert sorted(zf.namelist()) == IDF["archive"]["members"]
        assert {m: zf.read(m).decode("utf-8") for m in zf.namelist()
                if m.startswith("assets/")} == IDF["archive"]["assets"]
    ours = h5_datasets(path)
    assert sorted(ours) == sorted(IDF["archive"]["datasets"])
    for name, values in IDF["archive"]["datasets"].items():
        np.testing.assert_allclose(ours[name], values, rtol=1e-6)
    assert h5_datasets(os.path.join(DATA, "tk_idf_model.keras")) == ours
    assert IDF["tk_file"]["archive"]["datasets"] == ours
    np.testing.assert_allclose(IDF["tk_file"]["prediction"], IDF["prediction"], rtol=1e-6)
    clear_session()
    assert_idf_model_like_keras(saving_api.load_model(path))


def test_idf_weights_of_the_wrong_length_are_refused_before_any_change(tmp_path):
    clear_session()
    model = tf_idf_saving_model.build(tracekeras)
    path = str(tmp_path / "idf.weights.h5")
    model.save_weights(path)
    with h5py.File(path, "r+") as h5:
        del h5["layers/string_lookup/vars/idf_weights"]
        h5["layers/string_lookup/vars/idf_weights"] = np.ones(7, "float32")
    before = [np.array(model.get_layer("word_lookup").idf_weights)] + model.get_weights()
    with pytest.raises(ValueError, match="idf_weights"):
        model.load_weights(path)
    after = [np.array(model.get_layer("word_lookup").idf_weights)] + model.get_weights()
    for a, b in zip(before, after):
        np.testing.assert_array_equal(a, b)


def test_a_model_saved_without_the_keras_suffix_keeps_its_vocabularies(tmp_path):
    """``model.save("folder_name")`` (Keras: a SavedModel; here tracekeras's weights file with
    the config) carries the same ``assets/`` files."""
    clear_session()
    model = saving_api.load_model(os.path.join(DATA, "tf_lookup_model.keras"))
    path = str(tmp_path / "my_model")
    model.save(path)
    clear_session()
    again = saving_api.load_model(path)
    assert_like_keras(again)


@pytest.mark.parametrize("name", ["n.keras", "n_folder", "n.weights.h5"])
def test_an_adapted_normalization_normalizes_the_same_after_loading(name, tmp_path):
    """Keras's ``Normalization.load_own_variables`` finalizes the loaded statistics."""
    from tracekeras import Input, Model
    clear_session()
    x = np.arange(12.0, dtype="float32").reshape(6, 2)
    norm = layers.Normalization()
    norm.adapt(x)
    inputs = Input((2,))
    model = Model(inputs, norm(inputs))
    path = str(tmp_path / name)
    if name.endswith(".weights.h5"):
        model.save_weights(path)
        inputs = Input((2,))
        again = Model(inputs, layers.Normalization()(inputs))
        again.load_weights(path)
    else:
        model.save(path)
        again = saving_api.load_model(path)
    np.testing.assert_allclose(again.predict(x, verbose=0), model.predict(x, verbose=0))
    np.testing.assert_allclose(again.predict(x, verbose=0).mean(axis=0), [0, 0], atol=1e-6)
