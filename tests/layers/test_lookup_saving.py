"""Adapted lookup layers in a ``.keras`` archive: the vocabularies go to
``assets/<path>/vocabulary.txt`` as tf_keras 2.21 writes them, and come back on load; a
file written by tf_keras (tests/layers/make_lookup_saving_files.py) loads with its
vocabularies and predicts as tf_keras predicted."""
import json
import os
import zipfile

import numpy as np
import pytest

from tracekeras import layers
from tracekeras.backend import clear_session
from tracekeras.saving import saving_api

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
with open(os.path.join(DATA, "tf_lookup_model.json")) as f:
    KERAS = json.load(f)

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


def test_an_adapted_tf_idf_lookup_says_it_cannot_be_saved(tmp_path):
    from tracekeras import Input, Model
    clear_session()
    inputs = Input(shape=(2,), dtype="string")
    lookup = layers.StringLookup(output_mode="tf_idf")
    lookup.adapt(np.array([["a", "b"], ["a", "c"]]))
    model = Model(inputs, lookup(inputs))
    with pytest.raises(NotImplementedError, match="idf weights"):
        model.save(str(tmp_path / "m.keras"))
    assert not os.path.exists(tmp_path / "m.keras")


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
