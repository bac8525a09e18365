"""Seeded ``tf.data`` shuffles and ``fit``'s shuffles give TensorFlow's orders.

The reference is ``data/tf_dataset_shuffle.json``, written by real TensorFlow 2.21 /
tf_keras 2.21 (``make_dataset_shuffle_fixtures.py``) for the cases of
``dataset_shuffle_scenarios.py``: every order must be equal, element for element, and
tracing (at its fullest level) must not move one.
"""
import json
import os
import warnings

import pytest

import tracekeras

from . import dataset_shuffle_scenarios as scenarios

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data",
                        "tf_dataset_shuffle.json")


@pytest.fixture(scope="module")
def expected():
    with open(FIXTURES) as f:
        return json.load(f)


def run(tf, call):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return call(tf)


@pytest.mark.parametrize("name,call", scenarios.CASES, ids=[c[0] for c in scenarios.CASES])
def test_orders_match_tensorflow(shim_tf, expected, name, call):
    ours = run(shim_tf, call)
    assert sorted(ours) == sorted(expected[name])
    for key, order in ours.items():
        assert order == expected[name][key], key


@pytest.mark.parametrize("name,call", scenarios.CASES, ids=[c[0] for c in scenarios.CASES])
def test_tracing_never_moves_an_order(shim_tf, name, call):
    untraced = run(shim_tf, call)
    with tracekeras.trace(level="full"):
        traced = run(shim_tf, call)
    assert traced == untraced
