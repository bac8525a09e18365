"""A symbolic tensor's ``name``, ``str`` and ``repr`` against tf_keras 2.21
(``make_graph_name_fixtures.py``): an Input's tensor is named after its layer, a layer's
output after the last op of its call in TensorFlow's graph (``dense/BiasAdd:0``), an input
handed back unchanged is the scratch graph's ``Placeholder:0``."""
import json
import os

import pytest

import tracekeras as keras
from tests.build.graph_name_cases import CASES, WRAPPED, nested

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
with open(os.path.join(HERE, "graph_names.json"), encoding="utf-8") as f:
    FACTS = json.load(f)


def inputs_for(shapes):
    if isinstance(shapes, list):
        return [keras.Input(shape) for shape in shapes]
    return keras.Input(shapes)


def described(tensor):
    return {"name": tensor.name, "str": str(tensor), "repr": repr(tensor)}


@pytest.mark.parametrize("index", range(len(CASES)), ids=[case[0] for case in CASES])
def test_a_layer_s_output_is_named_as_in_tf_keras(index):
    label, class_name, kwargs, shapes = CASES[index]
    layer = getattr(keras.layers, class_name)(name=f"case{index}", **kwargs)
    assert described(layer(inputs_for(shapes))) == FACTS["cases"][label]


@pytest.mark.parametrize("index", range(len(WRAPPED)), ids=[case[0] for case in WRAPPED])
def test_a_wrapper_s_output_is_named_as_in_tf_keras(index):
    label, wrapper, kwargs, inner, inner_kwargs, shape = WRAPPED[index]
    layer = getattr(keras.layers, wrapper)(getattr(keras.layers, inner)(**inner_kwargs),
                                           name=f"wrapped{index}", **kwargs)
    assert described(layer(keras.Input(shape))) == FACTS["cases"][label]


def test_input_tensors_and_inputs_handed_back():
    keras.backend.clear_session()
    first, second = keras.Input((3,)), keras.Input((3,), name="ids", dtype="int32")
    assert [described(first), described(second)] == FACTS["inputs"]
    pair = [keras.Input((3,)), keras.Input((3,))]
    assert described(keras.layers.Lambda(lambda ts: ts[0], name="l0")(pair)) == \
        FACTS["lambda_first"]
    assert described(keras.layers.Lambda(lambda ts: ts[1], name="l1")(pair)) == \
        FACTS["lambda_second"]


def test_a_script_s_own_layer_with_its_own_ops_is_not_named():
    class Doubling(keras.layers.Layer):
        def call(self, inputs):
            return inputs * 2.0
    out = Doubling(name="doubling")(keras.Input((3,)))
    assert out.name is None and "name=None), name=None" in str(out)


def test_autocast_of_a_symbolic_input():
    class Seen(keras.layers.Layer):
        def call(self, inputs):
            self.seen = inputs.dtype.name
            return inputs
    for label, layer, dtype in (("float32 layer", Seen(name="s32"), "float64"),
                                ("autocast off", Seen(name="off", autocast=False), "float64"),
                                ("float64 layer", Seen(name="s64", dtype="float64"), "float32")):
        record = described(layer(keras.Input((3,), dtype=dtype)))
        record["seen"] = layer.seen
        assert record == FACTS["autocast"][label], label


def test_the_tf_op_layers():
    from tracekeras.backend import array_ops, nn, ops
    keras.backend.clear_session()
    x, ids = keras.Input((4,)), keras.Input((3,), dtype="int32")
    made = {"x + 1": x + 1.0, "1 + x": 1.0 + x, "x - 2": x - 2.0, "2 - x": 2.0 - x,
            "x * 3": x * 3.0, "x / 2": x / 2.0, "-x": -x, "exp": ops.exp(x),
            "square": ops.square(x), "reduce_sum": ops.reduce_sum(x, axis=1),
            "reduce_mean": ops.reduce_mean(x), "sigmoid": nn.sigmoid(x),
            "tanh": nn.tanh(x), "relu": nn.relu(x), "one_hot": array_ops.one_hot(ids, 5),
            "K.dot": keras.backend.dot(x, keras.backend.ones((4, 2))), "x + x": x + x,
            "expand_dims": array_ops.expand_dims(x, -1),
            "expand_dims of strings": array_ops.expand_dims(keras.Input((), dtype="string"), -1)}
    assert {label: described(t) for label, t in made.items()} == FACTS["tf ops"]


def test_models_called_as_layers():
    assert nested(keras) == FACTS["nested"]
