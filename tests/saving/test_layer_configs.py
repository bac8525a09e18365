"""Every built-in layer's config is tf_keras 2.21's, and tf_keras's config rebuilds it.

Fixture: ``data/tf_layer_configs.json`` (``make_fixtures.py``): ``serialize_keras_object``
of each layer, built on an input of the given shape, with non-default arguments.
"""
import json
import os

import pytest

from tracekeras import layers
from tracekeras.saving import deserialize_keras_object, serialize_keras_object

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
with open(os.path.join(DATA, "tf_layer_configs.json")) as f:
    CASES = json.load(f)


def build(case):
    cls = getattr(layers, case["class_name"])
    layer = cls(name=case["serialized"]["config"]["name"], **case["kwargs"])
    shape = case["input_shape"]
    if shape and isinstance(shape[0], list):
        layer([layers.Input(tuple(s)) for s in shape])
    else:
        layer(layers.Input(tuple(shape)))
    return layer


def plain(value):
    """JSON and back; NumPy scalars (ReLU keeps float32 numbers, as tf_keras does) as numbers."""
    return json.loads(json.dumps(value, default=lambda v: v.item()))


@pytest.mark.parametrize("case", CASES, ids=[c["class_name"] for c in CASES])
def test_config_is_tf_keras_s(case):
    assert plain(serialize_keras_object(build(case))) == case["serialized"]


@pytest.mark.parametrize("case", CASES, ids=[c["class_name"] for c in CASES])
def test_tf_keras_config_rebuilds_the_layer(case):
    layer = deserialize_keras_object(case["serialized"])
    assert type(layer).__name__ == case["class_name"]
    again = plain(serialize_keras_object(layer))
    assert again["config"] == case["serialized"]["config"]
    assert layer.built or "build_config" not in case["serialized"]
    rebuilt = type(layer).from_config(layer.get_config())
    assert plain(rebuilt.get_config()) == plain(layer.get_config())
