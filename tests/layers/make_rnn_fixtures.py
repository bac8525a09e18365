"""Writes the recurrent-layer fixtures with real tf_keras 2.21.

Run with the TensorFlow venv from the repository root:
    /work/tfvenv/bin/python tests/layers/make_rnn_fixtures.py

Outputs, in tests/layers/data/:
- rnn_layers.npz: for each case, the input ``x`` (batch 3, 5 timesteps, 4 features), the
  optional ``mask`` and initial states ``state<i>``, the weights ``weight<i>`` (seeded NumPy,
  set with ``set_weights``), each output ``out<i>``, a fixed random tensor ``w<i>`` per output
  and the gradients of ``sum(out<i> * w<i>)`` over the outputs with respect to ``x``
  (``dx``), each initial state (``dstate<i>``) and each weight (``dweight<i>``).
- rnn_layers.json: each case's layer description (see ``make_layer``), its weight names and
  shapes, config and compute_output_shape; the summary() lines of small models; the type and
  message of the errors bad input raises; two 2-epoch fits (initial weights in rnn_fit.npz,
  shuffle=False).
"""
import json
import os

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import tf_keras as keras  # noqa: E402
from tf_keras import layers  # noqa: E402

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
SHAPE = (3, 5, 4)
# A sample with every step, one padded at the end, one with holes in the middle.
MASK = [[True, True, True, True, True],
        [True, True, True, False, False],
        [True, False, True, True, False]]

# name: (layer description, call options); a description is [class, kwargs], where a kwarg
# that is itself a layer (RNN's cell, Bidirectional's layer, TimeDistributed's layer) is a
# nested description. Call options: "mask" (pass MASK), "states" (number of initial states).
CASES = {
    "simple_rnn": (["SimpleRNN", {"units": 3}], {}),
    "simple_rnn_sequences_relu": (["SimpleRNN", {"units": 3, "activation": "relu",
                                                 "return_sequences": True}], {}),
    "simple_rnn_state_backwards": (["SimpleRNN", {"units": 2, "return_state": True,
                                                  "go_backwards": True}], {}),
    "simple_rnn_mask": (["SimpleRNN", {"units": 3, "return_sequences": True}], {"mask": True}),
    "lstm": (["LSTM", {"units": 3}], {}),
    "lstm_sequences": (["LSTM", {"units": 3, "return_sequences": True}], {}),
    "lstm_state": (["LSTM", {"units": 3, "return_state": True}], {}),
    "lstm_sequences_state_backwards": (["LSTM", {"units": 2, "return_sequences": True,
                                                 "return_state": True,
                                                 "go_backwards": True}], {}),
    "lstm_initial_state": (["LSTM", {"units": 3, "return_sequences": True}], {"states": 2}),
    "lstm_mask": (["LSTM", {"units": 3, "return_sequences": True, "return_state": True}],
                  {"mask": True}),
    "lstm_mask_last": (["LSTM", {"units": 3}], {"mask": True}),
    "lstm_mask_backwards": (["LSTM", {"units": 3, "return_sequences": True,
                                      "go_backwards": True}], {"mask": True}),
    "lstm_nobias_hard_sigmoid": (["LSTM", {"units": 3, "use_bias": False,
                                           "recurrent_activation": "hard_sigmoid",
                                           "activation": "relu"}], {}),
    "gru": (["GRU", {"units": 3}], {}),
    "gru_sequences_state": (["GRU", {"units": 3, "return_sequences": True,
                                     "return_state": True}], {}),
    "gru_reset_before": (["GRU", {"units": 3, "reset_after": False,
                                  "return_sequences": True}], {}),
    "gru_nobias": (["GRU", {"units": 2, "use_bias": False}], {}),
    "gru_initial_state_backwards": (["GRU", {"units": 3, "go_backwards": True}], {"states": 1}),
    "gru_mask": (["GRU", {"units": 3, "return_sequences": True}], {"mask": True}),
    "rnn_lstm_cell": (["RNN", {"cell": ["LSTMCell", {"units": 3}],
                               "return_sequences": True}], {}),
    "rnn_gru_cell_state": (["RNN", {"cell": ["GRUCell", {"units": 2}], "return_state": True}],
                           {}),
    "rnn_simple_rnn_cell_mask": (["RNN", {"cell": ["SimpleRNNCell", {"units": 3}]}],
                                 {"mask": True}),
    "bidirectional_lstm": (["Bidirectional", {"layer": ["LSTM", {"units": 3}]}], {}),
    "bidirectional_lstm_sequences_sum": (["Bidirectional", {
        "layer": ["LSTM", {"units": 3, "return_sequences": True}], "merge_mode": "sum"}], {}),
    "bidirectional_gru_mul": (["Bidirectional", {"layer": ["GRU", {"units": 2}],
                                                 "merge_mode": "mul"}], {}),
    "bidirectional_simple_rnn_ave": (["Bidirectional", {
        "layer": ["SimpleRNN", {"units": 2, "return_sequences": True}], "merge_mode": "ave"}],
        {}),
    "bidirectional_lstm_none": (["Bidirectional", {"layer": ["LSTM", {"units": 2}],
                                                   "merge_mode": None}], {}),
    "bidirectional_lstm_state": (["Bidirectional", {
        "layer": ["LSTM", {"units": 2, "return_state": True}]}], {}),
    "bidirectional_lstm_mask": (["Bidirectional", {
        "layer": ["LSTM", {"units": 3, "return_sequences": True}]}], {"mask": True}),
    "bidirectional_gru_initial_state": (["Bidirectional", {"layer": ["GRU", {"units": 2}]}],
                                        {"states": 2}),
    "bidirectional_backward_layer": (["Bidirectional", {
        "layer": ["LSTM", {"units": 3}],
        "backward_layer": ["GRU", {"units": 3, "go_backwards": True}]}], {}),
    "time_distributed_dense": (["TimeDistributed", {"layer": ["Dense", {"units": 2,
                                                                        "activation": "tanh"}]}],
                               {}),
}


def make_layer(description):
    class_name, kwargs = description
    kwargs = {k: make_layer(v) if k in ("cell", "layer", "backward_layer") else v
              for k, v in kwargs.items()}
    return getattr(layers, class_name)(**kwargs)


def jsonable(value):
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating,)):
        return float(value)
    if isinstance(value, tf.TensorShape):
        return value.as_list()
    return value


def state_sizes(layer):
    rnn = getattr(layer, "forward_layer", layer)
    if not hasattr(rnn, "cell"):
        return []
    sizes = rnn.cell.state_size
    sizes = list(sizes) if isinstance(sizes, (list, tuple)) else [sizes]
    return sizes * (2 if hasattr(layer, "forward_layer") else 1)


def run_case(name, description, options, arrays, seed):
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
        kwargs["mask"] = tf.constant(MASK)
        arrays[f"{name}/mask"] = np.array(MASK)
    if states:
        kwargs["initial_state"] = state_tensors
    with tf.GradientTape() as tape:
        tape.watch([xt] + state_tensors)
        out = layer(xt, **kwargs)
        outs = out if isinstance(out, (list, tuple)) else [out]
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
            "config": jsonable(layer.get_config()),
            "weights": [[v.name, list(v.shape)] for v in layer.weights],
            "output_shape": jsonable(layer.compute_output_shape((None,) + SHAPE[1:]))}


def summary_lines(model):
    lines = []
    model.summary(print_fn=lambda line, **kw: lines.append(line))
    return lines


def guide_lstm():
    """The RNN guide's first model, with Input(shape=(None, 64)) for its Embedding."""
    return keras.Sequential([keras.Input(shape=(None, 64)), layers.LSTM(128), layers.Dense(10)])


def guide_gru_simple_rnn():
    return keras.Sequential([keras.Input(shape=(None, 64)),
                             layers.GRU(256, return_sequences=True),
                             layers.SimpleRNN(128), layers.Dense(10)])


def imdb_bidirectional():
    """keras.io's bidirectional LSTM on IMDB, with Input(shape=(None, 128)) for its Embedding."""
    inputs = keras.Input(shape=(None, 128))
    x = layers.Bidirectional(layers.LSTM(64, return_sequences=True))(inputs)
    x = layers.Bidirectional(layers.LSTM(64))(x)
    return keras.Model(inputs, layers.Dense(1, activation="sigmoid")(x))


def encoder_decoder():
    """The RNN guide's encoder-decoder: return_state, then initial_state in the functional API."""
    encoder_input = keras.Input(shape=(None, 16))
    output, state_h, state_c = layers.LSTM(64, return_state=True, name="encoder")(encoder_input)
    decoder_input = keras.Input(shape=(None, 8))
    decoder_output = layers.LSTM(64, name="decoder")(decoder_input,
                                                     initial_state=[state_h, state_c])
    output = layers.Dense(10)(decoder_output)
    return keras.Model([encoder_input, decoder_input], output)


def masked_time_distributed():
    return keras.Sequential([keras.Input(shape=(5, 4)), layers.Masking(),
                             layers.LSTM(3, return_sequences=True),
                             layers.TimeDistributed(layers.Dense(2))])


def rnn_cell_wrapper():
    inputs = keras.Input(shape=(None, 5))
    x = layers.RNN(layers.LSTMCell(4), return_sequences=True)(inputs)
    x = layers.RNN(layers.GRUCell(3))(x)
    return keras.Model(inputs, x)


SUMMARIES = {"guide_lstm": guide_lstm, "guide_gru_simple_rnn": guide_gru_simple_rnn,
             "imdb_bidirectional": imdb_bidirectional, "encoder_decoder": encoder_decoder,
             "masked_time_distributed": masked_time_distributed,
             "rnn_cell_wrapper": rnn_cell_wrapper}


def summaries():
    out = {}
    for name, build in SUMMARIES.items():
        keras.backend.clear_session()
        out[name] = summary_lines(build())
    return out


def error_of(build):
    keras.backend.clear_session()
    try:
        build()
    except Exception as exc:   # noqa: BLE001 - the fixture records whatever Keras raises
        return [type(exc).__name__, str(exc)]
    return None


def errors():
    return {
        "lstm_on_2d_input": error_of(lambda: layers.LSTM(2)(keras.Input((5,)))),
        "gru_on_4d_input": error_of(lambda: layers.GRU(2)(keras.Input((5, 4, 3)))),
        "lstm_units_zero": error_of(lambda: layers.LSTM(0)),
        "simple_rnn_units_negative": error_of(lambda: layers.SimpleRNN(-1)),
        "rnn_cell_without_call": error_of(lambda: layers.RNN(object())),
        "bidirectional_not_a_layer": error_of(lambda: layers.Bidirectional(3)),
        "bidirectional_bad_merge_mode": error_of(
            lambda: layers.Bidirectional(layers.LSTM(2), merge_mode="max")),
        "bidirectional_same_direction": error_of(
            lambda: layers.Bidirectional(layers.LSTM(2), backward_layer=layers.LSTM(2))),
        "time_distributed_not_a_layer": error_of(lambda: layers.TimeDistributed(3)),
        "time_distributed_on_2d_input": error_of(
            lambda: layers.TimeDistributed(layers.Dense(2))(keras.Input((5,)))),
    }


def masked_model_case(arrays):
    """Masking then LSTM in a Sequential model: the mask travels from layer to layer."""
    keras.backend.clear_session()
    rng = np.random.default_rng(5)
    model = keras.Sequential([keras.Input(shape=(5, 4)), layers.Masking(mask_value=0.0),
                              layers.LSTM(3, return_sequences=True),
                              layers.LSTM(2)])
    weights = [(rng.standard_normal(w.shape) * 0.5).astype(np.float32)
               for w in model.get_weights()]
    model.set_weights(weights)
    x = rng.standard_normal(SHAPE).astype(np.float32)
    x[~np.array(MASK)] = 0.0
    xt = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(xt)
        out = model(xt)
        w = rng.uniform(0.5, 1.5, size=out.shape).astype(np.float32)
        total = tf.reduce_sum(out * w)
    grads = tape.gradient(total, [xt] + model.trainable_weights)
    arrays["x"], arrays["out"], arrays["w"] = x, out.numpy(), w
    arrays["dx"] = grads[0].numpy()
    for i, (weight, grad) in enumerate(zip(weights, grads[1:])):
        arrays[f"weight{i}"] = weight
        arrays[f"dweight{i}"] = grad.numpy()
    masking = model.layers[0]
    arrays["masking_out"] = masking(xt).numpy()
    arrays["masking_mask"] = masking(xt)._keras_mask.numpy()


def lstm_model():
    return keras.Sequential([keras.Input(shape=(6, 3)), layers.LSTM(4),
                             layers.Dense(3, activation="softmax")])


def bidirectional_gru_model():
    return keras.Sequential([keras.Input(shape=(6, 3)), layers.Masking(),
                             layers.Bidirectional(layers.GRU(3, return_sequences=True)),
                             layers.SimpleRNN(2), layers.Dense(1, activation="sigmoid")])


FITS = {"lstm": (lstm_model, "sparse_categorical_crossentropy"),
        "bidirectional_gru": (bidirectional_gru_model, "binary_crossentropy")}


def fit(name, arrays):
    keras.backend.clear_session()
    build, loss = FITS[name]
    rng = np.random.default_rng(7)
    model = build()
    initial = [(rng.standard_normal(w.shape) * 0.4).astype(np.float32)
               for w in model.get_weights()]
    model.set_weights(initial)
    x = rng.standard_normal((40, 6, 3)).astype(np.float32)
    x[::3, 4:] = 0.0    # every third sample padded after 4 steps
    y = rng.integers(0, 3 if loss.startswith("sparse") else 2, size=40)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss=loss,
                  metrics=["accuracy"])
    history = model.fit(x, y, batch_size=16, epochs=2, shuffle=False, verbose=0)
    for i, weight in enumerate(initial):
        arrays[f"{name}/initial{i}"] = weight
    for i, weight in enumerate(model.get_weights()):
        arrays[f"{name}/final{i}"] = weight
    arrays[f"{name}/x"] = x
    arrays[f"{name}/y"] = y
    return {"history": jsonable(history.history), "loss": loss, "batch_size": 16,
            "epochs": 2, "optimizer": "Adam(learning_rate=0.01)"}


def main():
    os.makedirs(HERE, exist_ok=True)
    arrays, cases = {}, {}
    for seed, (name, (description, options)) in enumerate(CASES.items()):
        cases[name] = run_case(name, description, options, arrays, seed)
    fit_arrays, masked_arrays = {}, {}
    masked_model_case(masked_arrays)
    data = {"tf_keras": keras.__version__, "shape": SHAPE, "mask": MASK, "cases": cases,
            "summaries": summaries(), "errors": errors(),
            "fits": {name: fit(name, fit_arrays) for name in FITS}}
    np.savez_compressed(os.path.join(HERE, "rnn_layers.npz"), **arrays)
    np.savez_compressed(os.path.join(HERE, "rnn_masked_model.npz"), **masked_arrays)
    np.savez_compressed(os.path.join(HERE, "rnn_fit.npz"), **fit_arrays)
    with open(os.path.join(HERE, "rnn_layers.json"), "w") as f:
        json.dump(data, f, indent=1)
    print("wrote", len(cases), "cases")


if __name__ == "__main__":
    main()
