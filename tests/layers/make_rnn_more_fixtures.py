"""Writes the fixtures of stacked cells, stateful layers, dropout settings and unroll with real
tf_keras 2.21 (beside make_rnn_fixtures.py, whose ``run_case`` it reuses).

Run with the TensorFlow venv from the repository root:
    /work/tfvenv/bin/python tests/layers/make_rnn_more_fixtures.py

Outputs, in tests/layers/data/:
- rnn_more.npz / rnn_more.json: the cases below, recorded as in rnn_layers.* (outputs,
  gradients of sum(out_i * w_i) w.r.t. the input, the initial states and the weights,
  weight names and shapes, config, compute_output_shape); outputs that are nested lists
  (a stack of cells with return_state) are flattened. Dropout cases run with training left
  unset, so no mask is drawn: their numbers are the layer's without dropout.
- the "stateful" entries: Sequential models with a fixed batch of 3 (a stateful LSTM then a
  stateful GRU; a stateful Bidirectional LSTM then a stateful backwards SimpleRNN) called on
  three batches in a row, then after reset_states() on the first
  again; each output, the states kept after each call and the gradients of the second
  call's output (which starts from the first call's states) w.r.t. the weights.
- "fits": 2-epoch fits (shuffle=False, Adam(0.01)) of a stacked-cells model, a
  go_backwards model with a reset_before GRU and a stateful model; initial and final weights
  and the data in rnn_more_fit.npz.
- "summaries" and "errors" of these options.
"""
import json
import os

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import make_rnn_fixtures as base  # noqa: E402 - beside this script
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import tf_keras as keras  # noqa: E402
from tf_keras import layers  # noqa: E402

HERE = base.HERE
SHAPE = base.SHAPE

CASES = {
    "rnn_stacked_lstm_gru": (["RNN", {"cell": [["LSTMCell", {"units": 3}],
                                               ["GRUCell", {"units": 2}]],
                                      "return_sequences": True}], {}),
    "rnn_stacked_cells_state": (["RNN", {"cell": ["StackedRNNCells", {"cells": [
        ["SimpleRNNCell", {"units": 3}], ["LSTMCell", {"units": 2}]]}],
        "return_state": True}], {}),
    "rnn_stacked_initial_state_mask_backwards": (["RNN", {"cell": [
        ["GRUCell", {"units": 3, "reset_after": False}], ["SimpleRNNCell", {"units": 2}]],
        "return_sequences": True, "go_backwards": True}], {"states": 2, "mask": True}),
    "simple_rnn_dropout_inference": (["SimpleRNN", {"units": 3, "dropout": 0.4,
                                                    "recurrent_dropout": 0.3,
                                                    "return_sequences": True}], {}),
    "lstm_dropout_inference": (["LSTM", {"units": 3, "dropout": 0.5,
                                         "return_sequences": True}], {}),
    "lstm_recurrent_dropout_inference": (["LSTM", {"units": 3, "dropout": 0.2,
                                                   "recurrent_dropout": 0.3}], {"mask": True}),
    "gru_recurrent_dropout_inference": (["GRU", {"units": 3, "recurrent_dropout": 0.25,
                                                 "return_sequences": True}], {}),
    "gru_reset_before_dropout_inference": (["GRU", {"units": 2, "reset_after": False,
                                                    "dropout": 0.1,
                                                    "recurrent_dropout": 0.1}], {}),
    "lstm_unroll": (["LSTM", {"units": 3, "unroll": True, "return_sequences": True}], {}),
    "gru_unroll_backwards": (["GRU", {"units": 2, "unroll": True, "go_backwards": True}], {}),
    "lstm_cell_dropout_in_rnn": (["RNN", {"cell": ["LSTMCell", {
        "units": 3, "dropout": 0.3, "recurrent_dropout": 0.3}], "return_sequences": True}], {}),
    "bidirectional_stacked_cells": (["Bidirectional", {"layer": ["RNN", {"cell": [
        ["LSTMCell", {"units": 2}], ["LSTMCell", {"units": 2}]]}]}], {}),
}


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
        output = tf.matmul(inputs, self.kernel) + tf.matmul(states[0], self.recurrent_kernel)
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
        h = tf.tanh(tf.matmul(inputs, self.kernel) + h)
        c = c + tf.matmul(h, self.pair_kernel)
        return h, [total + h, [h, c]]


CUSTOM = {"MinimalRNNCell": MinimalRNNCell, "NestedStateCell": NestedStateCell}
# the user's cells: outputs, gradients and weight names (their configs are not Keras's own)
CASES.update({
    "custom_stack_minimal_lstm": (["RNN", {"cell": [["MinimalRNNCell", {"units": 3}],
                                                    ["LSTMCell", {"units": 2}]],
                                           "return_sequences": True}], {"mask": True}),
    "custom_nested_state_cell": (["RNN", {"cell": ["NestedStateCell", {"units": 3}],
                                          "return_state": True, "go_backwards": True}], {}),
})


def layer_class(class_name):
    return CUSTOM.get(class_name) or getattr(layers, class_name)


def make_layer(description):
    """base.make_layer, and a list of cell descriptions (RNN's cell, StackedRNNCells's cells)."""
    class_name, kwargs = description
    built = {}
    for key, value in kwargs.items():
        if key in ("cell", "cells") and isinstance(value[0], list):
            built[key] = [make_layer(v) for v in value]
        elif key in ("cell", "layer", "backward_layer"):
            built[key] = make_layer(value)
        else:
            built[key] = value
    return layer_class(class_name)(**built)


def state_sizes(layer):
    rnn = getattr(layer, "forward_layer", layer)
    sizes = tf.nest.flatten(rnn.cell.state_size)
    return sizes * (2 if hasattr(layer, "forward_layer") else 1)


def run_case(name, description, options, arrays, seed):
    """make_rnn_fixtures.run_case for nested outputs (flattened) and stacks of cells."""
    keras.backend.clear_session()
    rng = np.random.default_rng(100 + seed)
    layer = make_layer(description)
    x = rng.standard_normal(SHAPE).astype(np.float32)
    layer.build(SHAPE)
    weights = [(rng.standard_normal(w.shape) * 0.5).astype(np.float32)
               for w in layer.get_weights()]
    layer.set_weights(weights)
    states = [(rng.standard_normal((SHAPE[0], size)) * 0.5).astype(np.float32)
              for size in state_sizes(layer)[:options.get("states", 0)]]
    xt = tf.constant(x)
    state_tensors = [tf.constant(s) for s in states]
    kwargs = {}
    if options.get("mask"):
        kwargs["mask"] = tf.constant(base.MASK)
        arrays[f"{name}/mask"] = np.array(base.MASK)
    if states:
        kwargs["initial_state"] = state_tensors
    with tf.GradientTape() as tape:
        tape.watch([xt] + state_tensors)
        outs = tf.nest.flatten(layer(xt, **kwargs))
        total = 0.0
        for i, o in enumerate(outs):
            w = rng.uniform(0.5, 1.5, size=o.shape).astype(np.float32)
            arrays[f"{name}/out{i}"] = o.numpy()
            arrays[f"{name}/w{i}"] = w
            total += tf.reduce_sum(o * w)
    grads = tape.gradient(total, [xt] + state_tensors + layer.trainable_weights)
    arrays[f"{name}/x"] = x
    arrays[f"{name}/dx"] = grads[0].numpy()
    for i, (state, grad) in enumerate(zip(states, grads[1:])):
        arrays[f"{name}/state{i}"] = state
        arrays[f"{name}/dstate{i}"] = grad.numpy()
    for i, (weight, grad) in enumerate(zip(weights, grads[1 + len(states):])):
        arrays[f"{name}/weight{i}"] = weight
        arrays[f"{name}/dweight{i}"] = grad.numpy()
    return {"layer": description, "options": options, "outputs": len(outs),
            "config": base.jsonable(layer.get_config()),
            "weights": [[v.name, list(v.shape)] for v in layer.weights],
            "output_shape": base.jsonable(layer.compute_output_shape((None,) + SHAPE[1:]))}


def stateful_model():
    return keras.Sequential([
        keras.Input(batch_shape=(3, 5, 4)),
        layers.LSTM(3, stateful=True, return_sequences=True),
        layers.GRU(2, stateful=True)])


def bidirectional_stateful_model():
    return keras.Sequential([
        keras.Input(batch_shape=(3, 5, 4)),
        layers.Bidirectional(layers.LSTM(2, stateful=True, return_sequences=True)),
        layers.SimpleRNN(2, stateful=True, go_backwards=True)])


def states_of(model):
    out = []
    for layer in model.layers:
        rnns = [layer.forward_layer, layer.backward_layer] if hasattr(layer, "forward_layer") \
            else [layer]
        out.append([s.numpy() for rnn in rnns for s in rnn.states])
    return out


STATEFUL = {"stateful": stateful_model, "bidirectional_stateful": bidirectional_stateful_model}


def stateful_case(name, arrays):
    keras.backend.clear_session()
    rng = np.random.default_rng(11)
    model = STATEFUL[name]()
    weights = [(rng.standard_normal(w.shape) * 0.5).astype(np.float32)
               for w in model.get_weights()]
    model.set_weights(weights)
    batches = [rng.standard_normal(SHAPE).astype(np.float32) for _ in range(3)]
    for i, weight in enumerate(weights):
        arrays[f"weight{i}"] = weight
    record = {"weights": [[v.name, list(v.shape)] for v in model.weights],
              "configs": [base.jsonable(layer.get_config()) for layer in model.layers]}
    w = rng.uniform(0.5, 1.5, size=(3, 2)).astype(np.float32)
    arrays["w"] = w
    for i, batch in enumerate(batches):
        arrays[f"x{i}"] = batch
        if i == 1:
            with tf.GradientTape() as tape:
                out = model(batch)
                total = tf.reduce_sum(out * w)
            grads = tape.gradient(total, model.trainable_weights)
            for k, grad in enumerate(grads):
                arrays[f"dweight{k}"] = grad.numpy()
        else:
            out = model(batch)
        arrays[f"out{i}"] = out.numpy()
        for j, layer_states in enumerate(states_of(model)):
            for k, state in enumerate(layer_states):
                arrays[f"states{i}/{j}/{k}"] = state
    model.reset_states()
    arrays["out_after_reset"] = model(batches[0]).numpy()
    return record


def summary_models():
    def stacked():
        inputs = keras.Input(shape=(None, 5))
        x = layers.RNN([layers.LSTMCell(4), layers.LSTMCell(3)], return_sequences=True)(inputs)
        x = layers.RNN(layers.StackedRNNCells([layers.GRUCell(3), layers.SimpleRNNCell(2)]))(x)
        return keras.Model(inputs, layers.Dense(1)(x))

    def dropout_and_unroll():
        return keras.Sequential([keras.Input(shape=(6, 4)),
                                 layers.LSTM(8, dropout=0.2, recurrent_dropout=0.2,
                                             return_sequences=True),
                                 layers.GRU(4, dropout=0.1, unroll=True),
                                 layers.Dense(2)])

    def stateful_sequential():
        return keras.Sequential([layers.LSTM(4, stateful=True, return_sequences=True,
                                             batch_input_shape=(2, 7, 3)),
                                 layers.SimpleRNN(3, stateful=True), layers.Dense(1)])

    def stacked_state():
        inputs = keras.Input(shape=(5, 4))
        outputs = layers.RNN([layers.LSTMCell(3), layers.GRUCell(2)],
                             return_state=True)(inputs)
        return keras.Model(inputs, outputs)

    return {"stacked": stacked, "dropout_and_unroll": dropout_and_unroll,
            "stateful_sequential": stateful_sequential, "stacked_state": stacked_state,
            "stateful": stateful_model, "bidirectional_stateful": bidirectional_stateful_model}


def errors():
    def reset_not_stateful():
        layer = layers.LSTM(2)
        layer(np.zeros((1, 3, 2), np.float32))
        layer.reset_states()

    def reset_wrong_shape():
        layer = layers.LSTM(2, stateful=True)
        layer(keras.Input(batch_shape=(3, 5, 4)))
        layer.reset_states([np.zeros((2, 2)), np.zeros((3, 2))])

    def reset_wrong_count():
        layer = layers.GRU(2, stateful=True)
        layer(keras.Input(batch_shape=(3, 5, 4)))
        layer.reset_states([np.zeros((3, 2)), np.zeros((3, 2))])

    return {
        "stateful_without_batch_size": base.error_of(
            lambda: layers.LSTM(2, stateful=True)(keras.Input((5, 4)))),
        "stateful_sequential_without_batch_size": base.error_of(
            lambda: keras.Sequential([keras.Input((5, 4)), layers.GRU(2, stateful=True)])),
        "reset_states_not_stateful": base.error_of(reset_not_stateful),
        "reset_states_wrong_shape": base.error_of(reset_wrong_shape),
        "reset_states_wrong_count": base.error_of(reset_wrong_count),
        "unroll_unknown_time": base.error_of(
            lambda: layers.LSTM(2, unroll=True)(keras.Input((None, 4)))),
        "stacked_cell_without_call": base.error_of(
            lambda: layers.StackedRNNCells([layers.LSTMCell(2), object()])),
    }


def stacked_model():
    return keras.Sequential([keras.Input(shape=(6, 3)),
                             layers.RNN([layers.LSTMCell(4), layers.GRUCell(3)]),
                             layers.Dense(3, activation="softmax")])


def backwards_model():
    return keras.Sequential([keras.Input(shape=(6, 3)), layers.Masking(),
                             layers.GRU(3, reset_after=False, go_backwards=True,
                                        return_sequences=True),
                             layers.SimpleRNN(2, go_backwards=True),
                             layers.Dense(1, activation="sigmoid")])


def stateful_fit_model():
    return keras.Sequential([keras.Input(batch_shape=(8, 6, 3)),
                             layers.LSTM(4, stateful=True),
                             layers.Dense(1, activation="sigmoid")])


FITS = {"stacked": (stacked_model, "sparse_categorical_crossentropy", 16),
        "backwards": (backwards_model, "binary_crossentropy", 16),
        "stateful": (stateful_fit_model, "binary_crossentropy", 8)}


def fit(name, arrays):
    keras.backend.clear_session()
    build, loss, batch_size = FITS[name]
    rng = np.random.default_rng(21)
    model = build()
    initial = [(rng.standard_normal(w.shape) * 0.4).astype(np.float32)
               for w in model.get_weights()]
    model.set_weights(initial)
    x = rng.standard_normal((40, 6, 3)).astype(np.float32)
    x[::3, 4:] = 0.0
    y = rng.integers(0, 3 if loss.startswith("sparse") else 2, size=40)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss=loss,
                  metrics=["accuracy"])
    history = model.fit(x, y, batch_size=batch_size, epochs=2, shuffle=False, verbose=0)
    for i, weight in enumerate(initial):
        arrays[f"{name}/initial{i}"] = weight
    for i, weight in enumerate(model.get_weights()):
        arrays[f"{name}/final{i}"] = weight
    arrays[f"{name}/x"], arrays[f"{name}/y"] = x, y
    if name == "stateful":
        for i, state in enumerate(model.layers[0].states):
            arrays[f"{name}/state{i}"] = state.numpy()
    return {"history": base.jsonable(history.history), "loss": loss, "batch_size": batch_size,
            "epochs": 2, "optimizer": "Adam(learning_rate=0.01)"}


def main():
    arrays, cases = {}, {}
    for seed, (name, (description, options)) in enumerate(CASES.items()):
        cases[name] = run_case(name, description, options, arrays, 50 + seed)
    stateful_arrays, fit_arrays = {name: {} for name in STATEFUL}, {}
    summaries = {}
    for name, build in summary_models().items():
        keras.backend.clear_session()
        summaries[name] = base.summary_lines(build())
    data = {"tf_keras": keras.__version__, "shape": SHAPE, "mask": base.MASK, "cases": cases,
            "stateful": {name: stateful_case(name, stateful_arrays[name]) for name in STATEFUL},
            "summaries": summaries,
            "errors": errors(), "fits": {name: fit(name, fit_arrays) for name in FITS}}
    np.savez_compressed(os.path.join(HERE, "rnn_more.npz"), **arrays)
    np.savez_compressed(os.path.join(HERE, "rnn_more_stateful.npz"),
                        **{f"{name}/{key}": value for name, values in stateful_arrays.items()
                           for key, value in values.items()})
    np.savez_compressed(os.path.join(HERE, "rnn_more_fit.npz"), **fit_arrays)
    with open(os.path.join(HERE, "rnn_more.json"), "w") as f:
        json.dump(data, f, indent=1)
    print("wrote", len(cases), "cases")


if __name__ == "__main__":
    main()
