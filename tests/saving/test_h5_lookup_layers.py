"""A legacy ``.h5`` file refuses a lookup layer made without a vocabulary, as tf_keras's does
(the vocabulary is a weight that is no variable there), instead of saving a model that
loads with an empty vocabulary; the refusal comes before any file is written or any weight
changes (tf_keras leaves a partial file behind; tracekeras writes nothing). A lookup layer
given its vocabulary saves and loads. data/h5_lookup_layers.json and
data/tf_vocabulary_lookup.h5 are tf_keras 2.21's (make_h5_lookup_fixtures.py).
"""
import json
import os
import warnings

import numpy as np
import pytest

import tracekeras as keras

from .h5_lookup_scenarios import QUERY, models, refusals, vocabulary_model

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
with open(os.path.join(HERE, "h5_lookup_layers.json")) as f:
    KERAS = json.load(f)


@pytest.fixture(autouse=True)
def no_legacy_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        yield


def test_the_refusals_are_tf_keras_s_and_leave_no_file(tmp_path):
    assert refusals(keras, str(tmp_path)) == KERAS["refusals"]
    assert KERAS["files_left_by_refusals"]   # tf_keras's partial files
    assert sorted(os.listdir(tmp_path)) == ["other.h5"]


def test_a_refused_save_leaves_an_existing_file_as_it_was(tmp_path):
    path = tmp_path / "m.h5"
    path.write_bytes(b"before")
    model = models(keras)["adapted StringLookup"]()
    with pytest.raises(NotImplementedError, match="layer StringLookup with weights"):
        model.save(path)
    assert path.read_bytes() == b"before"


def test_a_lookup_layer_given_its_vocabulary_saves_and_loads(tmp_path):
    model = vocabulary_model(keras)
    np.testing.assert_array_equal(model(QUERY), KERAS["vocabulary_model_prediction"])
    model.save(tmp_path / "m.h5")
    np.testing.assert_array_equal(keras.models.load_model(tmp_path / "m.h5")(QUERY),
                                  KERAS["vocabulary_model_loaded_prediction"])


def test_tf_keras_s_file_of_a_vocabulary_lookup_loads_here():
    loaded = keras.models.load_model(os.path.join(HERE, "tf_vocabulary_lookup.h5"))
    np.testing.assert_array_equal(loaded(QUERY), KERAS["vocabulary_model_loaded_prediction"])
