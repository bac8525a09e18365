"""``tf.nn.softmax`` and ``tf.matmul`` on a model's KerasTensors, and ``K.dot`` beside them,
against tf_keras 2.21 (data/softmax_matmul_dispatch.json, made by
make_softmax_matmul_dispatch_fixtures.py): each becomes a TFOpLambda named after the op
(``tf.nn.softmax``, ``tf.linalg.matmul``) whose node records the arguments given by name
(``axis``, ``b``, ``transpose_a``), the summary rows and the outputs under formula weights
are tf_keras's."""
import json
import os

import numpy as np
import pytest

import tracekeras
from tracekeras import shim

from .softmax_matmul_dispatch_cases import facts

with open(os.path.join(os.path.dirname(__file__), "data",
                       "softmax_matmul_dispatch.json")) as f:
    KERAS = json.load(f)


@pytest.fixture(scope="module")
def mine():
    with shim.activated():
        import tensorflow
        return json.loads(json.dumps(facts(tracekeras, tensorflow)))


def test_each_op_is_a_tf_op_lambda_named_after_it(mine):
    assert mine["layers"] == KERAS["layers"]
    assert mine["classes"] == KERAS["classes"]
    assert mine["functions"] == KERAS["functions"]


def test_nodes_record_the_arguments_as_tf_keras_does(mine):
    assert mine["inbound"] == KERAS["inbound"]


def test_summary_rows_match(mine):
    assert mine["summary"] == KERAS["summary"]


def test_outputs_match(mine):
    for ours, theirs in zip(mine["outputs"], KERAS["outputs"]):
        np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-6)
