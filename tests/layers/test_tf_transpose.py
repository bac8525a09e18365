"""``tf.transpose``, ``K.transpose`` and ``K.permute_dimensions`` of a model's symbolic tensor
under the shim, against tf_keras 2.21 (data/tf_transpose.json, written by
make_tf_transpose_fixtures.py): shapes (the batch axis moved too), layers, nodes, outputs."""
import json
import os

from tests.layers.make_tf_transpose_fixtures import facts
from tracekeras import shim

with open(os.path.join(os.path.dirname(__file__), "data", "tf_transpose.json")) as f:
    EXPECTED = json.load(f)["facts"]


def test_transposes_of_a_symbolic_tensor_are_keras_s_tf_op_lambda_layers():
    with shim.activated():
        import tensorflow
        got = facts(tensorflow)
    assert got["shapes"] == EXPECTED["shapes"]
    assert got["layers"] == EXPECTED["layers"]
    assert got["outputs"] == EXPECTED["outputs"]
