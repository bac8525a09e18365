"""String data for a ``dtype="string"`` Input model against tf_keras 2.21
(``make_string_array_fixture.py``): a NumPy ``<U`` or bytes column is a tensor like any
array (``TensorLikeDataAdapter``, as an object column), a list of one-string lists goes
through ``ListsOfScalarsDataAdapter`` (and finds no adapter beside a NumPy y); the
predictions, evaluate loss and one epoch of fit equal Keras's, and an object column
holding an int is refused with Keras's error."""
import json
import os

import numpy as np
import pytest

import tracekeras
from tracekeras.engine import data_adapter

from .string_array_cases import KINDS, attempt, make_model

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "string_arrays.json"), encoding="utf-8") as f:
    KERAS = json.load(f)


def model():
    return make_model(tracekeras)


def chosen_adapter(x, y):
    """The adapter the trace of ``select_data_adapter`` names."""
    with tracekeras.trace() as t:
        adapter = data_adapter.select_data_adapter(x, y).__name__
    ends = [r for r in t.records if r["ph"] == "E"
            and r["name"] == "keras.engine.data_adapter.select_data_adapter"]
    assert ends[0]["args"]["chosen"] == adapter
    return adapter


def test_the_kinds_are_the_fixtures_kinds():
    assert sorted(KINDS) == sorted(KERAS["kinds"])
    for name, make_x in KINDS.items():
        assert getattr(make_x(), "dtype", np.dtype(object)).str == KERAS["kinds"][name]["dtype"]


@pytest.mark.parametrize("name", sorted(KINDS))
def test_adapter_chosen_for_string_data_is_keras_choice(name):
    make_x, want = KINDS[name], KERAS["kinds"][name]
    assert attempt(lambda: chosen_adapter(make_x(), None)) == want["adapter_x"]
    assert attempt(lambda: chosen_adapter(make_x(), np.array(KERAS["y"]))) == want["adapter_x_y"]


@pytest.mark.parametrize("name", sorted(KINDS))
def test_predict_evaluate_and_fit_on_string_data_match_keras(name):
    make_x, want = KINDS[name], KERAS["kinds"][name]
    y = np.array(KERAS["y"])
    got = {
        "predict": attempt(lambda: model().predict(make_x(), batch_size=2,
                                                   verbose=0).tolist()),
        "evaluate": attempt(lambda: model().evaluate(make_x(), y, batch_size=2, verbose=0)),
        "fit": attempt(lambda: model().fit(make_x(), y, batch_size=2, shuffle=False,
                                           verbose=0).history["loss"]),
    }
    for key, outcome in got.items():
        if "error" in want[key]:
            assert outcome == want[key], key
        else:
            np.testing.assert_allclose(outcome["value"], want[key]["value"], rtol=1e-6)
