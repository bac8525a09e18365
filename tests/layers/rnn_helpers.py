"""The tf_keras fixtures of the recurrent layers (data/rnn_layers.*, written by
make_rnn_fixtures.py; data/rnn_more.*, written by make_rnn_more_fixtures.py), and
``run_case``, which replays one of them on tracekeras."""
import functools
import json
import os

import numpy as np

from tracekeras import activations, layers
from tracekeras.backend import GradientTape, Tensor, clear_session, ops
from tracekeras.utils.nest import flatten

from .conv_helpers import jsonable

DATA = os.path.join(os.path.dirname(__file__), "data")
with open(os.path.join(DATA, "rnn_layers.json")) as f:
    KERAS = json.load(f)
ARRAYS = np.load(os.path.join(DATA, "rnn_layers.npz"))
with open(os.path.join(DATA, "rnn_more.json")) as f:
    MORE = json.load(f)
MORE_ARRAYS = np.load(os.path.join(DATA, "rnn_more.npz"))
FIXTURES = {"layers": (KERAS, ARRAYS), "more": (MORE, MORE_ARRAYS)}
RTOL = ATOL = 1e-5


class MinimalRNNCell(layers.Layer):
    """The RNN guide's custom cell: ``h = x @ kernel + h_prev @ recurrent_kernel``."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.state_size = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.recurrent_kernel = self.add_weight(shape=(self.units, self.units),
                                                name="recurrent_kernel")

    def call(self, inputs, states):
        output = inputs @ self.kernel + states[0] @ self.recurrent_kernel
        return output, [output]


class NestedStateCell(layers.Layer):
    """A user's cell with nested states: a running total and a pair ``[h, c]``."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.state_size = [units, [units, 2]]
        self.output_size = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.pair_kernel = self.add_weight(shape=(self.units, 2), name="pair_kernel")

    def call(self, inputs, states):
        total, (h, c) = states
        h = activations.tanh(inputs @ self.kernel + h)
        c = c + h @ self.pair_kernel
        return h, [total + h, [h, c]]


CUSTOM = {"MinimalRNNCell": MinimalRNNCell, "NestedStateCell": NestedStateCell}


def make_layer(description):
    """A layer from a fixture's ``[class, kwargs]`` (nested for cells and wrapped layers; a
    list of them for a stack of cells)."""
    class_name, kwargs = description
    built = {}
    for key, value in kwargs.items():
        if key in ("cell", "cells") and isinstance(value[0], list):
            built[key] = [make_layer(v) for v in value]
        elif key in ("cell", "layer", "backward_layer"):
            built[key] = make_layer(value)
        else:
            built[key] = value
    return (CUSTOM.get(class_name) or getattr(layers, class_name))(**built)


def case_inputs(name, fixture="layers"):
    """(x, initial states, call kwargs) of a case, as Tensors."""
    KERAS, ARRAYS = FIXTURES[fixture]
    case = KERAS["cases"][name]
    x = Tensor(ARRAYS[f"{name}/x"])
    states = [Tensor(ARRAYS[f"{name}/state{i}"])
              for i in range(case["options"].get("states", 0))]
    kwargs = {}
    if case["options"].get("mask"):
        kwargs["mask"] = ARRAYS[f"{name}/mask"]
    if states:
        kwargs["initial_state"] = states
    return x, states, kwargs


def run_case(name, fixture="layers"):
    """(layer, outputs, gradients of sum(out_i * w_i) w.r.t. [x] + states + weights)."""
    KERAS, ARRAYS = FIXTURES[fixture]
    case = KERAS["cases"][name]
    clear_session()
    layer = make_layer(case["layer"])
    layer.build(tuple(KERAS["shape"]))
    layer.set_weights([ARRAYS[f"{name}/weight{i}"] for i in range(len(layer.weights))])
    x, states, kwargs = case_inputs(name, fixture)
    with GradientTape() as tape:
        tape.watch([x] + states)
        outs = flatten(layer(x, **kwargs))
        total = functools.reduce(ops.add, [ops.reduce_sum(o * ARRAYS[f"{name}/w{i}"])
                                           for i, o in enumerate(outs)])
    grads = tape.gradient(total, [x] + states + layer.trainable_weights)
    return layer, outs, grads


def check_case(name, fixture="layers"):
    """Outputs, gradients, weight names and shapes, output shape and config equal tf_keras's."""
    KERAS, ARRAYS = FIXTURES[fixture]
    case = KERAS["cases"][name]
    layer, outs, grads = run_case(name, fixture)
    assert len(outs) == case["outputs"]
    for i, out in enumerate(outs):
        assert out.dtype == np.float32
        np.testing.assert_allclose(out.value, ARRAYS[f"{name}/out{i}"], rtol=RTOL, atol=ATOL,
                                   err_msg=f"output {i}")
    np.testing.assert_allclose(grads[0], ARRAYS[f"{name}/dx"], rtol=RTOL, atol=ATOL)
    states = case["options"].get("states", 0)
    for i in range(states):
        np.testing.assert_allclose(grads[1 + i], ARRAYS[f"{name}/dstate{i}"], rtol=RTOL,
                                   atol=ATOL, err_msg=f"state {i}")
    for i, grad in enumerate(grads[1 + states:]):
        np.testing.assert_allclose(grad, ARRAYS[f"{name}/dweight{i}"], rtol=RTOL, atol=ATOL,
                                   err_msg=f"weight {i}")
    assert [[w.name, list(w.shape)] for w in layer.weights] == case["weights"]
    shape = (None,) + tuple(KERAS["shape"][1:])
    assert jsonable(layer.compute_output_shape(shape)) == case["output_shape"]
    if not any(c in json.dumps(case["layer"]) for c in CUSTOM):
        check_config(layer, case)   # a user's cell has the user's config, not Keras's


def strip(config):
    """A config as compared: tf_keras's registration entries and build_config left out."""
    if isinstance(config, dict):
        return {k: strip(v) for k, v in config.items()}
    if isinstance(config, list):
        return [strip(v) for v in config]
    return config


def check_config(layer, case):
    expected = strip(case["config"])
    assert strip(jsonable(layer.get_config())) == expected
