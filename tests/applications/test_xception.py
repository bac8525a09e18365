"""``keras.applications.Xception`` and ``imagenet_utils`` against tf_keras 2.21
(data/applications.json, made by make_fixtures.py): every layer's name, class, output
shape, parameter count, inputs and defining configuration, for five ways of building it;
the argument errors and the channel warning; ``preprocess_input`` in each mode."""
import json
import os
import re

import numpy as np
import pytest

import tracekeras

from .scenarios import describe, errors, models, preprocessed

with open(os.path.join(os.path.dirname(__file__), "data", "applications.json")) as f:
    KERAS = json.load(f)

ADDRESS = re.compile(r" at 0x[0-9a-f]+")


@pytest.fixture(scope="module")
def built():
    tracekeras.backend.clear_session()
    return models(tracekeras)


@pytest.fixture(scope="module")
def ours(built):
    return {name: describe(model) for name, model in built[0].items()}


def json_round_trip(value):
    return json.loads(json.dumps(value))


@pytest.mark.parametrize("case", sorted(KERAS["models"]))
def test_each_layer_is_built_as_tf_keras_builds_it(ours, case):
    mine, theirs = json_round_trip(ours[case]), KERAS["models"][case]
    assert [row["name"] for row in mine["layers"]] == [row["name"] for row in theirs["layers"]]
    for my_row, row in zip(mine["layers"], theirs["layers"]):
        assert my_row == row
    assert {k: v for k, v in mine.items() if k != "layers"} == {
        k: v for k, v in theirs.items() if k != "layers"}


def test_argument_errors_match_and_come_before_any_weights_file():
    mine = {name: err and [err[0], ADDRESS.sub("", err[1])]
            for name, err in errors(tracekeras).items()}
    theirs = {name: err and [err[0], ADDRESS.sub("", err[1])]
              for name, err in KERAS["errors"].items()}
    assert mine == theirs


def test_the_channel_warning_matches(built):
    assert built[1] == KERAS["warnings"]


def test_preprocess_input_matches_in_every_mode():
    mine, theirs = preprocessed(tracekeras), KERAS["preprocess"]
    assert sorted(mine) == sorted(theirs)
    for key, value in theirs.items():
        if key.startswith("bad_"):
            assert mine[key] == value
        else:
            np.testing.assert_allclose(np.asarray(mine[key]), np.asarray(value), rtol=1e-6,
                                       atol=1e-5)


def test_imagenet_weights_are_read_from_the_keras_cache_never_downloaded(tmp_path,
                                                                         monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    with pytest.raises(FileNotFoundError, match="xception_weights_tf_dim_ordering_tf_kernels_"
                                                "notop.h5"):
        tracekeras.applications.Xception(include_top=False, input_shape=(71, 71, 3))


def test_a_weights_file_is_loaded_into_the_model(built, tmp_path):
    model = built[0]["top_small"]
    path = str(tmp_path / "xception.h5")
    model.save_weights(path)
    again = tracekeras.applications.Xception(weights=path, input_shape=(71, 71, 3),
                                             classes=10, classifier_activation=None)
    for a, b in zip(model.get_weights(), again.get_weights()):
        np.testing.assert_array_equal(a, b)
    x = np.random.RandomState(0).rand(1, 71, 71, 3).astype("float32")
    np.testing.assert_allclose(model.predict(x, verbose=0), again.predict(x, verbose=0))
    assert describe(again)["params"] == describe(model)["params"]
