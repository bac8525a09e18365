"""``tf.compat.v1.keras.initializers`` under the shim against TensorFlow 2.21's
(``data/compat_v1_initializers.json``, made by ``make_compat_v1_initializer_fixtures.py``):
the same numbers at each call of a seeded instance, dtypes, configs and refusals."""
import json
import os

import numpy as np
import pytest

from tests.run.make_compat_v1_initializer_fixtures import draws
from tracekeras import shim
from tracekeras.backend import random

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "data",
                       "compat_v1_initializers.json"), encoding="utf-8") as f:
    EXPECTED = json.load(f)["cases"]


@pytest.fixture(scope="module")
def got():
    random.set_global_seed(None)   # a fresh process: no global seed, no kernel streams yet
    with shim.activated():
        import tensorflow
        return draws(tensorflow)


@pytest.mark.parametrize("name", [n for n in EXPECTED if isinstance(EXPECTED[n], dict)
                                  and "first" in EXPECTED[n]])
def test_seeded_initializers_draw_tensorflow_s_numbers_anew_at_each_call(got, name):
    want, have = EXPECTED[name], got[name]
    for key in ("first", "second", "float64"):
        np.testing.assert_allclose(have[key], want[key], rtol=1e-6, atol=1e-7)
    assert have["first"] != have["second"]
    assert have["dtypes"] == want["dtypes"]
    assert have["config"] == want["config"] and have["class"] == want["class"]


def test_integer_uniform_and_the_refusal_of_an_integer_normal(got):
    assert got["int_uniform"] == EXPECTED["int_uniform"]
    assert got["int_normal_error"] == EXPECTED["int_normal_error"]


def test_other_v1_keras_names_are_reported_as_not_implemented():
    with shim.activated():
        import tensorflow
        initializers = tensorflow.compat.v1.keras.initializers
        for name in ("glorot_uniform", "Zeros"):
            with pytest.raises(AttributeError, match="does not implement"):
                getattr(initializers, name)
