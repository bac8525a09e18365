"""``tf.zeros_initializer``, ``tf.ones_initializer`` and ``tf.constant_initializer`` under
the shim against TensorFlow 2.21's (data/tf_initializers.json, written by
make_tf_initializer_fixtures.py): values, dtypes, config, a Dense layer's weights, errors."""
import json
import os

import pytest

from tests.backend.make_tf_initializer_fixtures import results
from tracekeras import shim
from tracekeras.backend import clear_session

with open(os.path.join(os.path.dirname(__file__), "data", "tf_initializers.json")) as f:
    EXPECTED = json.load(f)["cases"]


@pytest.fixture(scope="module")
def got():
    clear_session()
    with shim.activated():
        import tensorflow
        return results(tensorflow)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_tf_initializers_answer_as_tensorflow(got, name):
    assert got[name] == EXPECTED[name]
