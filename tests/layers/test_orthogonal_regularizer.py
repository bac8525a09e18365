"""OrthogonalRegularizer against real tf_keras 2.21 (data/orthogonal_regularizer.json,
written by make_orthogonal_regularizer_fixtures.py)."""
import json
import os

import numpy as np
import pytest

from tracekeras import layers, regularizers
from tracekeras.backend import GradientTape, Variable

with open(os.path.join(os.path.dirname(__file__), "data", "orthogonal_regularizer.json")) as f:
    REF = json.load(f)


@pytest.mark.parametrize("case", REF["cases"], ids=[c["name"] for c in REF["cases"]])
def test_penalty_and_gradient_match_keras(case):
    x = Variable(np.asarray(case["x"], np.float32))
    reg = regularizers.OrthogonalRegularizer(factor=case["factor"], mode=case["mode"])
    with GradientTape() as tape:
        loss = reg(x)
    np.testing.assert_allclose(np.asarray(loss), case["loss"], rtol=1e-5, atol=1e-8)
    np.testing.assert_allclose(np.asarray(tape.gradient(loss, x)), case["dx"], rtol=1e-4,
                               atol=1e-7)


def test_config_name_and_serialized_form_match_keras():
    assert regularizers.OrthogonalRegularizer(0.2, "columns").get_config() == REF["config"]
    assert regularizers.get("orthogonal_regularizer").get_config() == REF["get_name"]
    assert regularizers.serialize(regularizers.OrthogonalRegularizer()) == REF["serialized"]


def test_dense_kernel_penalty_matches_keras():
    layer = layers.Dense(3, kernel_regularizer="orthogonal_regularizer")
    layer.build((None, 4))
    layer.kernel.assign(np.asarray(REF["dense"]["kernel"], np.float32))
    np.testing.assert_allclose([float(np.asarray(v)) for v in layer.losses],
                               REF["dense"]["losses"], rtol=1e-5)
    assert regularizers.serialize(layer.kernel_regularizer) == REF["dense"]["config"]


def bad(name):
    reg = regularizers
    return {"bad_mode": lambda: reg.OrthogonalRegularizer(mode="diagonal"),
            "rank_3": lambda: reg.OrthogonalRegularizer()(np.ones((2, 3, 4), np.float32)),
            "nan_factor": lambda: reg.OrthogonalRegularizer(float("nan")),
            "string_factor": lambda: reg.OrthogonalRegularizer("0.1")}[name]


@pytest.mark.parametrize("name", sorted(REF["errors"]))
def test_refusals_match_keras(name):
    kind, message = REF["errors"][name]
    with pytest.raises(ValueError) as info:
        bad(name)()
    assert kind == "ValueError" and str(info.value) == message
