"""Every optimizer fits like tf_keras 2.21, run eagerly and as a traced train function.

The reference (data/tf_keras_fit_modes.json, made by make_fit_modes_fixtures.py)
is the same three-epoch fit in tf_keras with ``run_eagerly`` False and True. The
two modes give the same numbers for every optimizer but Nadam, whose Python-side
``_u_product_counter`` is frozen when Keras traces the train function.
"""
import json
import os

import numpy as np
import pytest

import tracekeras
from tracekeras.backend import clear_session

from .fit_modes import OPTIMIZERS, run

with open(os.path.join(os.path.dirname(__file__), "data", "tf_keras_fit_modes.json")) as f:
    KERAS = json.load(f)

CASES = [(name, mode) for name in OPTIMIZERS for mode in ("graph", "eager")]


@pytest.mark.parametrize("name,mode", CASES, ids=[f"{n}-{m}" for n, m in CASES])
def test_fit_gives_tf_keras_numbers(name, mode):
    clear_session()
    ours, keras = run(tracekeras, name, mode == "eager"), KERAS[f"{name}/{mode}"]
    assert sorted(ours["history"]) == sorted(keras["history"])
    for key, values in keras["history"].items():
        np.testing.assert_allclose(ours["history"][key], values, rtol=2e-5, err_msg=key)
    for a, b in zip(ours["weights"], keras["weights"]):
        np.testing.assert_allclose(a, b, rtol=2e-5, atol=1e-6)
    if name == "Nadam":
        assert ours["u_product_counter"] == keras["u_product_counter"]
        np.testing.assert_allclose(ours["u_product"], keras["u_product"], rtol=1e-4)


def test_nadam_is_the_one_optimizer_whose_modes_differ():
    def far(name):   # the modes' last bits differ anyway (float32 rounding in the graph)
        graph, eager = KERAS[f"{name}/graph"]["weights"], KERAS[f"{name}/eager"]["weights"]
        return any(not np.allclose(a, b, rtol=1e-3) for a, b in zip(graph, eager))
    assert [name for name in OPTIMIZERS if far(name)] == ["Nadam"]
