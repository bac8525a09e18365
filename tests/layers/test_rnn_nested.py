"""An RNN over nested inputs, states and outputs: the guide's ``NestedCell`` (``state_size``
and ``output_size`` lists of ``tf.TensorShape``, a tuple of a rank-3 and a rank-4 input),
against tf_keras 2.21 (data/rnn_nested.*, written by make_rnn_nested_fixtures.py, whose
``NestedCell`` is the one below, written with tracekeras's names for ``tf.nest``,
``tf.matmul`` and ``tf.einsum``)."""
import json
import os

import numpy as np
import pytest

from tracekeras import layers, models, optimizers
from tracekeras.backend import GradientTape, Tensor, clear_session, math_ops, ops
from tracekeras.backend.einsum import einsum
from tracekeras.shim.tensor_shape import TensorShape
from tracekeras.utils import nest

DATA = os.path.join(os.path.dirname(__file__), "data")
with open(os.path.join(DATA, "rnn_nested.json")) as f:
    KERAS = json.load(f)
ARRAYS = np.load(os.path.join(DATA, "rnn_nested.npz"))
TOL = {"rtol": 1e-5, "atol": 1e-5}
UNIT_1, UNIT_2, UNIT_3, I1, I2, I3 = 3, 2, 3, 4, 2, 3


class NestedCell(layers.Layer):
    def __init__(self, unit_1, unit_2, unit_3, **kwargs):
        self.unit_1, self.unit_2, self.unit_3 = unit_1, unit_2, unit_3
        self.state_size = [TensorShape([unit_1]), TensorShape([unit_2, unit_3])]
        self.output_size = [TensorShape([unit_1]), TensorShape([unit_2, unit_3])]
        super().__init__(**kwargs)

    def build(self, input_shapes):
        i1, i2, i3 = input_shapes[0][1], input_shapes[1][1], input_shapes[1][2]
        self.kernel_1 = self.add_weight(shape=(i1, self.unit_1), initializer="uniform",
                                        name="kernel_1")
        self.kernel_2_3 = self.add_weight(shape=(i2, i3, self.unit_2, self.unit_3),
                                          initializer="uniform", name="kernel_2_3")

    def call(self, inputs, states):
        input_1, input_2 = nest.flatten(inputs)
        s1, s2 = states
        output_1 = ops.matmul(input_1, self.kernel_1)
        output_2_3 = einsum("bij,ijkl->bkl", input_2, self.kernel_2_3)
        return (output_1, output_2_3), (ops.add(s1, output_1), ops.add(s2, output_2_3))


def structure(outputs):
    """The nesting of a layer's outputs, as the fixture script writes it."""
    if isinstance(outputs, (list, tuple)):
        return [type(outputs).__name__] + [structure(o) for o in outputs]
    return list(outputs.shape)


@pytest.fixture(autouse=True)
def fresh_names():
    clear_session()


def test_the_guides_model_matches_tf_keras_and_one_fit_step_too():
    expected = KERAS["model"]
    rnn = layers.RNN(NestedCell(UNIT_1, UNIT_2, UNIT_3))
    input_1, input_2 = layers.Input((None, I1)), layers.Input((None, I2, I3))
    model = models.Model([input_1, input_2], rnn((input_1, input_2)))
    assert [w.name for w in rnn.weights] == expected["weight_names"]
    assert [list(o.shape) for o in model.outputs] == expected["output_shapes"]
    assert model.output_names == expected["output_names"] == ["rnn", "rnn_1"]
    rnn.set_weights([ARRAYS["model/weight0"], ARRAYS["model/weight1"]])
    outs = model([ARRAYS["x1"], ARRAYS["x2"]])
    for i, out in enumerate(outs):
        np.testing.assert_allclose(np.asarray(out), ARRAYS[f"model/out{i}"], **TOL)
    model.compile(optimizer=optimizers.Adam(0.01), loss="mse")
    history = model.fit([ARRAYS["x1"], ARRAYS["x2"]], [ARRAYS["y1"], ARRAYS["y2"]],
                        batch_size=4, epochs=1, shuffle=False, verbose=0)
    assert sorted(history.history) == sorted(expected["history"])
    for key, value in expected["history"].items():
        assert history.history[key][0] == pytest.approx(value, rel=1e-5)
    for i, w in enumerate(rnn.get_weights()):
        np.testing.assert_allclose(w, ARRAYS[f"model/after{i}"], **TOL)


def test_nested_sequences_and_states_with_gradients_match_tf_keras():
    rnn = layers.RNN(NestedCell(UNIT_1, UNIT_2, UNIT_3), return_sequences=True,
                     return_state=True, go_backwards=True)
    rnn((Tensor(ARRAYS["x1"][:1]), Tensor(ARRAYS["x2"][:1])))
    rnn.set_weights([ARRAYS["eager/weight0"], ARRAYS["eager/weight1"]])
    t1, t2 = Tensor(ARRAYS["x1"]), Tensor(ARRAYS["x2"])
    with GradientTape() as tape:
        tape.watch([t1, t2])
        nested = rnn((t1, t2))
        outs = nest.flatten(nested)
        loss = math_ops.add_n([ops.reduce_sum(ops.multiply(o, ARRAYS[f"eager/w{i}"]))
                               for i, o in enumerate(outs)])
    assert structure(nested) == KERAS["eager"]["structure"]
    for i, out in enumerate(outs):
        np.testing.assert_allclose(np.asarray(out), ARRAYS[f"eager/out{i}"], **TOL)
    grads = tape.gradient(loss, [t1, t2] + rnn.trainable_weights)
    for i, g in enumerate(grads):
        np.testing.assert_allclose(np.asarray(g), ARRAYS[f"eager/grad{i}"], **TOL)


def test_initial_states_of_nested_shapes_from_inputs_match_tf_keras():
    layer = layers.RNN(NestedCell(UNIT_1, UNIT_2, UNIT_3), return_state=True)
    inputs = [layers.Input((None, I1)), layers.Input((None, I2, I3)),
              layers.Input((UNIT_1,)), layers.Input((UNIT_2, UNIT_3))]
    model = models.Model(inputs, layer(tuple(inputs[:2]), initial_state=inputs[2:]))
    layer.set_weights([ARRAYS["initial_state/weight0"], ARRAYS["initial_state/weight1"]])
    outs = model([ARRAYS["x1"], ARRAYS["x2"], ARRAYS["initial_state/s1"],
                  ARRAYS["initial_state/s2"]])
    assert structure(outs) == KERAS["initial_state"]["structure"]
    for i, out in enumerate(nest.flatten(outs)):
        np.testing.assert_allclose(np.asarray(out), ARRAYS[f"initial_state/out{i}"], **TOL)


@pytest.mark.parametrize("option", ["return_state", "return_sequences"])
def test_a_functional_call_returns_the_calls_structure(option):
    layer = layers.RNN(NestedCell(UNIT_1, UNIT_2, UNIT_3), **{option: True})
    out = layer((layers.Input((None, I1)), layers.Input((None, I2, I3))))
    assert structure(out) == KERAS["functional"][option]


def test_tensor_shape_is_a_leaf_with_tensorflows_answers():
    shape = TensorShape([2, None, 3])
    assert shape.as_list() == [2, None, 3] and shape.rank == 3 and len(shape) == 3
    assert shape[0] == 2 and shape[1:] == TensorShape([None, 3])
    assert TensorShape(4) == [4] and not shape.is_fully_defined()
    assert TensorShape(None).rank is None
    leaves = nest.flatten([TensorShape([1]), TensorShape([2, 3])])
    assert [type(s) for s in leaves] == [TensorShape, TensorShape] and leaves[1] == [2, 3]
    with pytest.raises(TypeError, match="non-negative integer"):
        TensorShape([2, -1])


def test_einsum_refuses_what_it_does_not_implement_before_computing():
    with pytest.raises(NotImplementedError, match="ellipsis"):
        einsum("...i,ij->...j", np.ones((2, 3)), np.ones((3, 4)))
    with pytest.raises(NotImplementedError, match="no diagonals"):
        einsum("ii->i", np.ones((3, 3)))
    with pytest.raises(ValueError, match="names 2 inputs, but 1 were given"):
        einsum("ij,jk->ik", np.ones((3, 3)))
