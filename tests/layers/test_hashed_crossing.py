"""``HashedCrossing`` (the hash of ``tf.sparse.cross_hashed``) and ``Identity`` against
tf_keras 2.21 (``make_hashed_crossing_fixtures.py``, cases in ``hashed_crossing_cases.py``)."""
import json
import os

import numpy as np
import pytest

from tracekeras import layers

from .hashed_crossing_cases import CASES, error_of, identity, mistakes, run_case, symbolic

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "hashed_crossing.json"), encoding="utf-8") as f:
    KERAS = json.load(f)


def sentence(message):
    """The layer's own sentence, without the call wrapper Keras adds around a call's error
    or the repr of the inputs (TensorFlow's tensors print differently)."""
    parts = message.split("\n\n")
    return (parts[1] if len(parts) > 1 else parts[0]).split(" Received: inputs=")[0]


@pytest.mark.parametrize("name", sorted(CASES))
def test_crossed_bins_match_tf_keras(tf, name):
    ours, keras = run_case(tf, name), KERAS["cases"][name]
    assert ours["shape"] == keras["shape"] and ours["dtype"] == keras["dtype"]
    np.testing.assert_array_equal(np.asarray(ours["values"]), np.asarray(keras["values"]))


def test_symbolic_outputs_and_config_match_tf_keras(tf):
    assert symbolic(tf) == KERAS["symbolic"]


@pytest.mark.parametrize("name", sorted(KERAS["errors"]))
def test_a_refused_call_raises_what_tf_keras_raises(tf, name):
    ours, keras = error_of(mistakes(tf)[name]), KERAS["errors"][name]
    assert ours[0] == keras[0]
    assert sentence(ours[1]) == sentence(keras[1])


def test_identity_hands_on_its_inputs_as_tf_keras(tf):
    assert identity(tf) == KERAS["identity"]


def test_crossing_python_lists_gives_the_bins_of_tensors():
    layer = layers.HashedCrossing(num_bins=5)
    out = layer((["A", "B", "A", "B", "A"], [101, 101, 101, 102, 102]))
    assert np.asarray(out).tolist() == KERAS["cases"]["string_and_int"]["values"]


def test_hashed_crossing_is_rebuilt_from_its_config():
    layer = layers.HashedCrossing(7, output_mode="one_hot", name="hc")
    again = layers.HashedCrossing.from_config(layer.get_config())
    assert (again.num_bins, again.output_mode, again.name) == (7, "one_hot", "hc")
