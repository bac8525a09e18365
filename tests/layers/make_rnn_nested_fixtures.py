"""Writes the fixtures of an RNN over nested inputs, states and outputs with real tf_keras 2.21.

Run with the TensorFlow venv from the repository root:
    /work/tfvenv/bin/python tests/layers/make_rnn_nested_fixtures.py

The cell (``NestedCell``, the same class in tests/layers/test_rnn_nested.py) is the one of
the "RNNs with list/dict inputs, or nested inputs" section of the Working with RNNs guide:
``state_size`` and ``output_size`` are ``[TensorShape([unit_1]), TensorShape([unit_2,
unit_3])]``, its inputs a tuple of a rank-3 and a rank-4 sequence, its ``call`` uses
``tf.nest.flatten``, ``tf.matmul`` and ``tf.einsum``. Outputs, in
tests/layers/data/rnn_nested.npz / .json:
- "model": ``RNN(cell)((input_1, input_2))`` in a Model, weights set from seeded arrays;
  its outputs on x1, x2, its output names and shapes, the weight names; then
  ``compile(Adam(0.01), "mse")`` and one ``fit`` step (one batch, no shuffle): the
  history and the weights after.
- "eager": ``RNN(cell, return_sequences=True, return_state=True, go_backwards=True)`` on
  eager tensors: the outputs (two sequences, two states) and the gradients of
  ``sum(out_k * w_k)`` with respect to both inputs and the weights.
- "functional": the structure of what the layer returns on two ``Input``s of unknown
  time, with ``return_state`` and with ``return_sequences``.
- "initial_state": ``RNN(cell, return_state=True)`` given two ``Input``s as its initial
  states (shapes ``(unit_1,)`` and ``(unit_2, unit_3)``) in a Model; what the model
  returns (its structure, and the four Tensors).
"""
import json
import os

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import tf_keras as keras  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
UNIT_1, UNIT_2, UNIT_3, I1, I2, I3, BATCH, TIME = 3, 2, 3, 4, 2, 3, 4, 5


class NestedCell(keras.layers.Layer):
    def __init__(self, unit_1, unit_2, unit_3, **kwargs):
        self.unit_1, self.unit_2, self.unit_3 = unit_1, unit_2, unit_3
        self.state_size = [tf.TensorShape([unit_1]), tf.TensorShape([unit_2, unit_3])]
        self.output_size = [tf.TensorShape([unit_1]), tf.TensorShape([unit_2, unit_3])]
        super().__init__(**kwargs)

    def build(self, input_shapes):
        i1, i2, i3 = input_shapes[0][1], input_shapes[1][1], input_shapes[1][2]
        self.kernel_1 = self.add_weight(shape=(i1, self.unit_1), initializer="uniform",
                                        name="kernel_1")
        self.kernel_2_3 = self.add_weight(shape=(i2, i3, self.unit_2, self.unit_3),
                                          initializer="uniform", name="kernel_2_3")

    def call(self, inputs, states):
        input_1, input_2 = tf.nest.flatten(inputs)
        s1, s2 = states
        output_1 = tf.matmul(input_1, self.kernel_1)
        output_2_3 = tf.einsum("bij,ijkl->bkl", input_2, self.kernel_2_3)
        return (output_1, output_2_3), (s1 + output_1, s2 + output_2_3)


def structure(outputs):
    """The nesting of a layer's outputs: lists for lists and tuples, shapes for tensors."""
    if isinstance(outputs, (list, tuple)):
        return [type(outputs).__name__] + [structure(o) for o in outputs]
    return list(outputs.shape)


def seeded_weights(layer, rng):
    values = [rng.standard_normal(w.shape).astype(np.float32) * 0.3 for w in layer.weights]
    layer.set_weights(values)
    return values


def main():
    rng = np.random.default_rng(11)
    arrays, meta = {}, {}
    x1 = rng.random((BATCH, TIME, I1)).astype(np.float32)
    x2 = rng.random((BATCH, TIME, I2, I3)).astype(np.float32)
    y1 = rng.random((BATCH, UNIT_1)).astype(np.float32)
    y2 = rng.random((BATCH, UNIT_2, UNIT_3)).astype(np.float32)
    arrays.update({"x1": x1, "x2": x2, "y1": y1, "y2": y2})

    rnn = keras.layers.RNN(NestedCell(UNIT_1, UNIT_2, UNIT_3))
    input_1, input_2 = keras.Input((None, I1)), keras.Input((None, I2, I3))
    model = keras.models.Model([input_1, input_2], rnn((input_1, input_2)))
    for i, w in enumerate(seeded_weights(rnn, rng)):
        arrays[f"model/weight{i}"] = w
    for i, o in enumerate(model([x1, x2])):
        arrays[f"model/out{i}"] = o.numpy()
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="mse")
    history = model.fit([x1, x2], [y1, y2], batch_size=BATCH, epochs=1, shuffle=False,
                        verbose=0)
    for i, w in enumerate(rnn.get_weights()):
        arrays[f"model/after{i}"] = w
    meta["model"] = {"output_names": model.output_names,
                     "output_shapes": [list(o.shape) for o in model.outputs],
                     "weight_names": [w.name for w in rnn.weights],
                     "history": {k: float(v[0]) for k, v in history.history.items()}}

    keras.backend.clear_session()
    rnn = keras.layers.RNN(NestedCell(UNIT_1, UNIT_2, UNIT_3), return_sequences=True,
                           return_state=True, go_backwards=True)
    rnn((tf.constant(x1[:1]), tf.constant(x2[:1])))   # build
    for i, w in enumerate(seeded_weights(rnn, rng)):
        arrays[f"eager/weight{i}"] = w
    t1, t2 = tf.constant(x1), tf.constant(x2)
    with tf.GradientTape() as tape:
        tape.watch([t1, t2])
        nested = rnn((t1, t2))
        outs = tf.nest.flatten(nested)
        weights = [rng.standard_normal(o.shape).astype(np.float32) for o in outs]
        loss = tf.add_n([tf.reduce_sum(o * w) for o, w in zip(outs, weights)])
    for i, (o, w) in enumerate(zip(outs, weights)):
        arrays[f"eager/out{i}"], arrays[f"eager/w{i}"] = o.numpy(), w
    for i, g in enumerate(tape.gradient(loss, [t1, t2] + rnn.trainable_weights)):
        arrays[f"eager/grad{i}"] = g.numpy()
    meta["eager"] = {"structure": structure(nested)}
    meta["functional"] = {}
    for name, options in (("return_state", {"return_state": True}),
                          ("return_sequences", {"return_sequences": True})):
        layer = keras.layers.RNN(NestedCell(UNIT_1, UNIT_2, UNIT_3), **options)
        meta["functional"][name] = structure(layer((keras.Input((None, I1)),
                                                    keras.Input((None, I2, I3)))))
    layer = keras.layers.RNN(NestedCell(UNIT_1, UNIT_2, UNIT_3), return_state=True)
    inputs = [keras.Input((None, I1)), keras.Input((None, I2, I3)), keras.Input((UNIT_1,)),
              keras.Input((UNIT_2, UNIT_3))]
    model = keras.Model(inputs, layer(tuple(inputs[:2]), initial_state=inputs[2:]))
    for i, w in enumerate(seeded_weights(layer, rng)):
        arrays[f"initial_state/weight{i}"] = w
    s1 = rng.standard_normal((BATCH, UNIT_1)).astype(np.float32)
    s2 = rng.standard_normal((BATCH, UNIT_2, UNIT_3)).astype(np.float32)
    arrays.update({"initial_state/s1": s1, "initial_state/s2": s2})
    outs = model([x1, x2, s1, s2])
    for i, o in enumerate(tf.nest.flatten(outs)):
        arrays[f"initial_state/out{i}"] = o.numpy()
    meta["initial_state"] = {"structure": structure(outs)}
    np.savez(os.path.join(HERE, "data", "rnn_nested.npz"), **arrays)
    with open(os.path.join(HERE, "data", "rnn_nested.json"), "w") as f:
        json.dump({"tf_keras": keras.__version__, **meta}, f, indent=1, default=str)


if __name__ == "__main__":
    main()
