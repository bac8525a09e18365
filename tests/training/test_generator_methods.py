"""``Model.fit_generator``, ``evaluate_generator`` and ``predict_generator`` warn and hand
their arguments on as tf_keras 2.21 does (data/generator_methods.json, made by
make_generator_fixtures.py), give fit's numbers, and are traced around fit's stages."""
import json
import os
import warnings

import numpy as np
import pytest

import tracekeras

from .generator_scenarios import (
    argument_mapping,
    batches,
    deprecation_warnings,
    model,
    runs,
    sequence,
)

with open(os.path.join(os.path.dirname(__file__), "data", "generator_methods.json")) as f:
    KERAS = json.load(f)


def test_each_method_warns_with_keras_category_and_text():
    assert deprecation_warnings(tracekeras) == KERAS["warnings"]


def test_the_warnings_point_at_the_callers_line_when_traced_too():
    with tracekeras.trace():
        assert deprecation_warnings(tracekeras) == KERAS["warnings"]


def test_arguments_reach_fit_evaluate_predict_under_keras_names_and_defaults():
    assert argument_mapping(tracekeras) == KERAS["arguments"]


def test_numbers_match_tf_keras():
    ours, theirs = runs(tracekeras), KERAS["runs"]
    for key in ("history", "endless_history"):
        assert sorted(ours[key]) == sorted(theirs[key])
        for name, values in theirs[key].items():
            np.testing.assert_allclose(ours[key][name], values, rtol=1e-5, atol=1e-6)
    for key in ("evaluate", "predict"):
        np.testing.assert_allclose(ours[key], theirs[key], rtol=1e-5, atol=1e-6)
    for mine, keras_weight in zip(ours["weights"], theirs["weights"]):
        np.testing.assert_allclose(mine, keras_weight, rtol=1e-5, atol=1e-6)


def test_fit_generator_gives_fit_weights_and_history_for_the_same_generator():
    data = batches()
    by_wrapper, by_fit = model(tracekeras), model(tracekeras)
    with pytest.warns(UserWarning, match="fit_generator"):
        wrapped = by_wrapper.fit_generator(sequence(tracekeras, data), epochs=3, verbose=0,
                                           shuffle=False)
    direct = by_fit.fit(sequence(tracekeras, data), epochs=3, verbose=0, shuffle=False)
    assert wrapped.history == direct.history
    for a, b in zip(by_wrapper.get_weights(), by_fit.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_the_wrapper_span_encloses_fit_and_its_usual_stages():
    m = model(tracekeras)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with tracekeras.trace() as t:
            m.fit_generator(sequence(tracekeras, batches()), epochs=1, verbose=0)
            m.evaluate_generator(sequence(tracekeras, batches()))
            m.predict_generator(sequence(tracekeras, batches()))
    begins = [r for r in t.records if r["ph"] == "B"]
    by_id = {r["id"]: r for r in begins}
    for method, inner in (("fit_generator", "fit"), ("evaluate_generator", "evaluate"),
                          ("predict_generator", "predict")):
        wrapper = next(r for r in begins
                       if r["name"] == f"keras.engine.training.Model.{method}")
        assert wrapper["args"]["model"] == m.name
        called = next(r for r in begins if r["name"] == f"keras.engine.training.Model.{inner}"
                      and r["parent"] == wrapper["id"])
        inside = {r["name"] for r in begins if _within(r, called["id"], by_id)}
        assert "keras.engine.data_adapter.select_data_adapter" in inside
    adapters = [r for r in t.records if r["name"].endswith("select_data_adapter")
                and r["ph"] == "E"]
    assert adapters and all("KerasSequenceAdapter" in json.dumps(r.get("args"))
                            for r in adapters)


def _within(record, ancestor, by_id):
    parent = record["parent"]
    while parent is not None:
        if parent == ancestor:
            return True
        parent = by_id[parent]["parent"] if parent in by_id else None
    return False
