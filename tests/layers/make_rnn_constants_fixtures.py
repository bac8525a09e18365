"""Writes the fixtures of an RNN layer given ``constants`` with real tf_keras 2.21.

Run with the TensorFlow venv from the repository root:
    /work/tfvenv/bin/python tests/layers/make_rnn_constants_fixtures.py

The cell (``ConstantCell``, the same class in tests/layers/test_rnn_constants.py) follows
the "Note on passing external constants" of Keras's RNN docstring: its ``call`` takes
``constants`` and adds ``constants[0] @ constant_kernel`` at every step. Outputs, in
tests/layers/data/rnn_constants.npz / .json:
- "eager": ``RNN(cell, return_sequences=True)(x, constants=c)`` on eager tensors, with the
  weights set from seeded arrays; its output and the gradients of ``sum(out * w)`` with
  respect to ``x``, ``c`` and the weights.
- "functional": ``Input`` x and c, ``RNN(cell, return_state=True, go_backwards=True)(x,
  constants=c)`` in a Model called on ``[x, c]`` with a mask on the inputs; the outputs, the
  layer's config (``num_constants``) and its inbound node count.
- "bidirectional": ``Bidirectional(RNN(cell, return_sequences=True))`` given the constants
  (both copies read them), eagerly with gradients, and the same layer in a Model of
  ``[x, c]`` (masked x).
- "errors": an RNN around an LSTMCell given constants (ValueError: the cell's ``call``
  takes none), and LSTM, GRU, SimpleRNN given constants (TypeError: their ``call`` takes none).
"""
import json
import os

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import tf_keras as keras  # noqa: E402
from tf_keras import layers  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


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

    def call(self, inputs, states, constants):
        h = tf.tanh(tf.matmul(inputs, self.kernel) + tf.matmul(states[0], self.recurrent_kernel)
                    + tf.matmul(constants[0], self.constant_kernel))
        return h, [h]


def seeded_weights(layer, rng):
    values = [rng.standard_normal(w.shape).astype(np.float32) * 0.5 for w in layer.weights]
    layer.set_weights(values)
    return values


def main():
    rng = np.random.default_rng(7)
    arrays, meta = {}, {}
    x = rng.standard_normal((2, 4, 3)).astype(np.float32)
    c = rng.standard_normal((2, 2)).astype(np.float32)
    arrays.update({"x": x, "c": c})

    rnn = layers.RNN(ConstantCell(3, 2), return_sequences=True)
    rnn(tf.constant(x[:1]), constants=tf.constant(c[:1]))  # build
    for i, w in enumerate(seeded_weights(rnn, rng)):
        arrays[f"eager/weight{i}"] = w
    w_out = rng.standard_normal((2, 4, 3)).astype(np.float32)
    arrays["eager/w_out"] = w_out
    xt, ct = tf.constant(x), tf.constant(c)
    with tf.GradientTape() as tape:
        tape.watch([xt, ct])
        out = rnn(xt, constants=ct)
        loss = tf.reduce_sum(out * w_out)
    grads = tape.gradient(loss, [xt, ct] + rnn.trainable_weights)
    arrays["eager/out"] = out.numpy()
    for i, g in enumerate(grads):
        arrays[f"eager/grad{i}"] = g.numpy()
    meta["eager"] = {"weight_names": [w.name for w in rnn.weights]}

    keras.backend.clear_session()
    xi, ci = keras.Input((4, 3)), keras.Input((2,))
    layer = layers.RNN(ConstantCell(3, 2), return_state=True, go_backwards=True)
    outs = layer(layers.Masking(0.0)(xi), constants=ci)
    model = keras.Model([xi, ci], outs)
    for i, w in enumerate(seeded_weights(layer, rng)):
        arrays[f"functional/weight{i}"] = w
    xm = x.copy()
    xm[1, 2:] = 0.0                                      # the last two steps of sample 1 masked
    arrays["functional/x"] = xm
    for i, o in enumerate(model([xm, c])):
        arrays[f"functional/out{i}"] = o.numpy()
    config = layer.get_config()
    meta["functional"] = {
        "num_constants": config["num_constants"],
        "config_keys": sorted(k for k in config if k != "cell"),
        "input_shapes": [list(map(lambda d: d, s)) for s in
                         [tuple(t.shape) for t in layer.input]],
        "output_shapes": [list(o.shape) for o in model.outputs]}

    keras.backend.clear_session()
    bi = layers.Bidirectional(layers.RNN(ConstantCell(3, 2), return_sequences=True))
    bi(tf.constant(x[:1]), constants=tf.constant(c[:1]))
    for i, w in enumerate(seeded_weights(bi, rng)):
        arrays[f"bidirectional/weight{i}"] = w
    w_bi = rng.standard_normal((2, 4, 6)).astype(np.float32)
    arrays["bidirectional/w_out"] = w_bi
    with tf.GradientTape() as tape:
        tape.watch([xt, ct])
        out = bi(xt, constants=ct)
        loss = tf.reduce_sum(out * w_bi)
    for i, g in enumerate(tape.gradient(loss, [xt, ct] + bi.trainable_weights)):
        arrays[f"bidirectional/grad{i}"] = g.numpy()
    arrays["bidirectional/out"] = out.numpy()
    xi, ci = keras.Input((4, 3)), keras.Input((2,))
    model = keras.Model([xi, ci], bi(xi, constants=ci))
    arrays["bidirectional/model_out"] = model([xm, c]).numpy()
    meta["bidirectional"] = {"weight_names": [w.name for w in bi.weights],
                             "num_constants": bi.get_config().get("num_constants")}

    meta["errors"] = {}
    for name, make in (("rnn_lstm_cell", lambda: layers.RNN(layers.LSTMCell(2))),
                       ("lstm", lambda: layers.LSTM(2)), ("gru", lambda: layers.GRU(2)),
                       ("simple_rnn", lambda: layers.SimpleRNN(2))):
        try:
            make()(tf.constant(x), constants=tf.constant(c))
        except (TypeError, ValueError) as exc:
            meta["errors"][name] = {"type": type(exc).__name__, "message": str(exc)}
    np.savez(os.path.join(HERE, "data", "rnn_constants.npz"), **arrays)
    with open(os.path.join(HERE, "data", "rnn_constants.json"), "w") as f:
        json.dump({"tf_keras": keras.__version__, **meta}, f, indent=1, default=str)


if __name__ == "__main__":
    main()
