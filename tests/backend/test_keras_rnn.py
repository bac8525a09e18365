"""``keras.backend.rnn`` against tf_keras 2.21 (``make_keras_rnn_fixtures.py``, cases in
``keras_rnn_cases.py``): the last output, the stacked outputs and the states, forwards and
backwards, masked (the previous output and states kept, or zeros), the last output only,
time major, two states, constants; the gradients of the input kernel; the error for an
input of rank 2. ``K`` is ``keras.backend`` as a script gets it through the import shim
(``K.rnn`` is the function; tracekeras's module ``backend.rnn`` holds the RNN layers' ops)."""
import json
import os

import numpy as np
import pytest

from tests.backend.keras_rnn_cases import CASES, ERRORS, GRADIENTS, W_IN

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "keras_rnn.json"), encoding="utf-8") as f:
    FACTS = json.load(f)



def check(got, expected, where):
    if isinstance(expected, list):
        assert isinstance(got, (list, tuple)) and len(got) == len(expected), where
        for g, e in zip(got, expected):
            check(g, e, where)
        return
    array = np.asarray(got)
    assert (array.dtype.name, list(array.shape)) == (expected["dtype"], expected["shape"]), where
    np.testing.assert_allclose(array, np.array(expected["values"], array.dtype), rtol=0,
                               atol=1e-6, err_msg=where)


def test_every_case_is_recorded():
    assert (sorted(CASES), sorted(GRADIENTS), sorted(ERRORS)) == (
        sorted(FACTS["cases"]), sorted(FACTS["gradients"]), sorted(FACTS["errors"]))


@pytest.mark.parametrize("name", sorted(CASES))
def test_rnn_gives_tf_keras_s_outputs_and_states(tf, name):
    check(CASES[name](tf.keras.backend), FACTS["cases"][name], name)


@pytest.mark.parametrize("name", sorted(GRADIENTS))
def test_gradients_flow_through_every_step_as_in_tf_keras(tf, name):
    v = tf.Variable(W_IN)
    with tf.GradientTape() as tape:
        total = tf.reduce_sum(GRADIENTS[name](tf.keras.backend, v))
    check(tape.gradient(total, v), FACTS["gradients"][name], name)


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_a_bad_input_is_refused_as_tf_keras_refuses_it(tf, name):
    expected = FACTS["errors"][name]
    with pytest.raises(Exception) as caught:
        ERRORS[name](tf.keras.backend)
    assert (type(caught.value).__name__, str(caught.value)) == (expected["type"],
                                                                 expected["message"])
