"""A GRU given a boolean Input as ``mask=`` builds as tf_keras 2.21 builds it (data/
mask_input.json, made by make_mask_input_fixtures.py): the mask Input is a model input and
an inbound tensor of the GRU's node (its config names it under ``mask``), and the model's
outputs, called and predicted, follow the mask as tf_keras's do."""
import json
import os

import numpy as np

import tracekeras

from .mask_input_cases import facts

with open(os.path.join(os.path.dirname(__file__), "data", "mask_input.json")) as f:
    KERAS = json.load(f)

MINE = facts(tracekeras)


def test_the_mask_input_is_a_model_input_and_feeds_the_gru_node():
    assert MINE["layers"] == KERAS["layers"]
    assert [list(shape) for shape in MINE["inputs"]] == KERAS["inputs"]
    assert json.loads(json.dumps(MINE["gru_inbound"])) == KERAS["gru_inbound"]


def test_outputs_follow_the_mask_as_tf_keras_outputs_do():
    for key in ("masked", "unmasked", "predict"):
        np.testing.assert_allclose(MINE[key], KERAS[key], rtol=1e-5, atol=1e-6)
    assert not np.allclose(MINE["masked"][0], MINE["unmasked"][0], rtol=0, atol=1e-6)
