"""An RNN layer given ``constants``: the cell gets them at every step, in eager calls and in
functional models, against tf_keras 2.21 (data/rnn_constants.*, written by
make_rnn_constants_fixtures.py, whose ``ConstantCell`` is the one below)."""
import json
import os
import re

import numpy as np
import pytest

from tracekeras import activations, layers, models
from tracekeras.backend import GradientTape, Tensor, clear_session, ops

DATA = os.path.join(os.path.dirname(__file__), "data")
with open(os.path.join(DATA, "rnn_constants.json")) as f:
    KERAS = json.load(f)
ARRAYS = np.load(os.path.join(DATA, "rnn_constants.npz"))
TOL = {"rtol": 1e-5, "atol": 1e-5}


class ConstantCell(layers.Layer):
    """``h = tanh(x @ kernel + h_prev @ recurrent_kernel + constants[0] @ constant_kernel)``."""

    def __init__(self, units, constant_dim, **kwargs):
        super().__init__(**kwargs)
        self.units, self.constant_dim = units, constant_dim
        self.state_size = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.recurrent_kernel = self.add_weight(shape=(self.units, self.units),
                                                name="recurrent_kernel")
        self.constant_kernel = self.add_weight(shape=(self.constant_dim, self.units),
                                               name="constant_kernel")

    def get_config(self):
        return {**super().get_config(), "units": self.units, "constant_dim": self.constant_dim}

    def call(self, inputs, states, constants):
        return self.step(inputs, states[0], constants[0])

    def step(self, x, h, c):
        h = activations.tanh(x @ self.kernel + h @ self.recurrent_kernel
                             + c @ self.constant_kernel)
        return h, [h]


@pytest.fixture(autouse=True)
def fresh_names():
    clear_session()


def test_eager_call_with_constants_matches_tf_keras_with_gradients():
    x, c = ARRAYS["x"], ARRAYS["c"]
    rnn = layers.RNN(ConstantCell(3, 2), return_sequences=True)
    rnn(Tensor(x[:1]), constants=Tensor(c[:1]))
    rnn.set_weights([ARRAYS[f"eager/weight{i}"] for i in range(3)])
    assert [w.name for w in rnn.weights] == KERAS["eager"]["weight_names"]
    xt, ct = Tensor(x), Tensor(c)
    with GradientTape() as tape:
        tape.watch([xt, ct])
        out = rnn(xt, constants=ct)
        loss = ops.reduce_sum(ops.multiply(out, ARRAYS["eager/w_out"]))
    grads = tape.gradient(loss, [xt, ct] + rnn.trainable_weights)
    np.testing.assert_allclose(np.asarray(out), ARRAYS["eager/out"], **TOL)
    for i, g in enumerate(grads):
        np.testing.assert_allclose(np.asarray(g), ARRAYS[f"eager/grad{i}"], **TOL)


def test_constants_from_an_input_join_the_functional_graph():
    expected = KERAS["functional"]
    xi, ci = layers.Input((4, 3)), layers.Input((2,))
    layer = layers.RNN(ConstantCell(3, 2), return_state=True, go_backwards=True)
    outs = layer(layers.Masking(0.0)(xi), constants=ci)
    model = models.Model([xi, ci], outs)
    layer.set_weights([ARRAYS[f"functional/weight{i}"] for i in range(3)])
    config = layer.get_config()
    assert config["num_constants"] == expected["num_constants"] == 1
    assert sorted(k for k in config if k != "cell") == expected["config_keys"]
    assert [list(t.shape) for t in layer.input] == expected["input_shapes"]
    assert [list(o.shape) for o in model.outputs] == expected["output_shapes"]
    got = model([ARRAYS["functional/x"], ARRAYS["c"]])
    for i, o in enumerate(got):
        np.testing.assert_allclose(np.asarray(o), ARRAYS[f"functional/out{i}"], **TOL)


def test_from_config_keeps_the_number_of_constants():
    layer = layers.RNN(ConstantCell(3, 2))
    layer(Tensor(ARRAYS["x"]), constants=Tensor(ARRAYS["c"]))
    rebuilt = layers.RNN.from_config(layer.get_config(), {"ConstantCell": ConstantCell})
    assert rebuilt._num_constants == 1
    x, c = ARRAYS["x"], ARRAYS["c"]
    out = rebuilt([Tensor(x), Tensor(c)])       # a list: [inputs, *constants], as a model calls
    rebuilt.set_weights(layer.get_weights())
    np.testing.assert_allclose(np.asarray(rebuilt([Tensor(x), Tensor(c)])),
                               np.asarray(layer(Tensor(x), constants=Tensor(c))), **TOL)
    assert out.shape == (2, 3)


@pytest.mark.parametrize("name, make", [
    ("rnn_lstm_cell", lambda: layers.RNN(layers.LSTMCell(2))),
    ("lstm", lambda: layers.LSTM(2)), ("gru", lambda: layers.GRU(2)),
    ("simple_rnn", lambda: layers.SimpleRNN(2))])
def test_layers_whose_cell_takes_no_constants_refuse_them(name, make):
    expected = KERAS["errors"][name]
    with pytest.raises(Exception) as info:
        make()(Tensor(ARRAYS["x"]), constants=Tensor(ARRAYS["c"]))
    assert type(info.value).__name__ == expected["type"]
    if name == "rnn_lstm_cell":      # the cell's repr and the tensor's values differ
        head = re.escape("RNN cell ") + ".*" + re.escape(" does not support constants.")
        assert re.search(head, str(info.value))
        assert "Exception encountered when calling layer 'rnn' (type RNN)" in str(info.value)
    else:
        assert str(info.value) == expected["message"]


def test_bidirectional_hands_the_constants_to_both_copies():
    expected = KERAS["bidirectional"]
    x, c = ARRAYS["x"], ARRAYS["c"]
    bi = layers.Bidirectional(layers.RNN(ConstantCell(3, 2), return_sequences=True))
    bi(Tensor(x[:1]), constants=Tensor(c[:1]))
    bi.set_weights([ARRAYS[f"bidirectional/weight{i}"] for i in range(6)])
    assert [w.name for w in bi.weights] == expected["weight_names"]
    assert bi.get_config()["num_constants"] == expected["num_constants"] == 1
    xt, ct = Tensor(x), Tensor(c)
    with GradientTape() as tape:
        tape.watch([xt, ct])
        out = bi(xt, constants=ct)
        loss = ops.reduce_sum(ops.multiply(out, ARRAYS["bidirectional/w_out"]))
    grads = tape.gradient(loss, [xt, ct] + bi.trainable_weights)
    np.testing.assert_allclose(np.asarray(out), ARRAYS["bidirectional/out"], **TOL)
    for i, g in enumerate(grads):
        np.testing.assert_allclose(np.asarray(g), ARRAYS[f"bidirectional/grad{i}"], **TOL)
    xi, ci = layers.Input((4, 3)), layers.Input((2,))
    model = models.Model([xi, ci], bi(xi, constants=ci))
    np.testing.assert_allclose(np.asarray(model([ARRAYS["functional/x"], c])),
                               ARRAYS["bidirectional/model_out"], **TOL)
