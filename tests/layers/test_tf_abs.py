"""``tf.abs`` of a model's symbolic tensor (a TFOpLambda layer) and ``add_loss`` of one,
under the shim, against tf_keras 2.21 (data/tf_abs.json, written by make_tf_abs_fixtures.py)."""
import json
import os

from tests.layers.make_tf_abs_fixtures import facts
from tracekeras import shim

with open(os.path.join(os.path.dirname(__file__), "data", "tf_abs.json")) as f:
    EXPECTED = json.load(f)["facts"]


def test_tf_abs_of_a_symbolic_tensor_is_keras_s_tf_op_lambda_layer():
    with shim.activated():
        import tensorflow
        got = facts(tensorflow)
    assert got == EXPECTED
