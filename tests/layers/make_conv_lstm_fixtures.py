"""Writes the ConvLSTM1D/2D/3D fixtures with real tf_keras 2.21.

Run with the TensorFlow venv from the repository root:
    /work/tfvenv/bin/python tests/layers/make_conv_lstm_fixtures.py

Outputs, in tests/layers/data/:
- conv_lstm.npz: for each case, the input ``x`` (a few sequences of small images), the
  optional ``mask`` and initial states ``state<i>``, the weights ``weight<i>`` (seeded NumPy,
  set with ``set_weights``), each output ``out<i>``, a fixed random tensor ``w<i>`` per output
  and the gradients of ``sum(out<i> * w<i>)`` with respect to ``x`` (``dx``), each initial
  state (``dstate<i>``) and each weight (``dweight<i>``). One case is called with
  ``training=True`` (no dropout: the numbers are deterministic).
- conv_lstm.json: each case's layer, input shape and call options, its weight names and
  shapes, config and compute_output_shape; the next-frame model of keras.io's conv_lstm
  example made small (ConvLSTM2D, BatchNormalization over 5-D, ConvLSTM2D, Conv3D): its
  summary, its outputs in inference and training mode and the training-mode gradients
  (arrays under ``model/``), and a 2-epoch fit (shuffle=False) with its history and final
  weights; a stateful layer called on two batches then reset; the errors of bad input.
"""
import json
import os

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import tf_keras as keras  # noqa: E402
from tf_keras import layers  # noqa: E402

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
MASK = [[True, True, True, True], [True, False, True, False]]

# name: (class, kwargs, input shape, call options: "mask", "states", "training")
CASES = {
    "conv_lstm2d_same_relu_sequences": (
        "ConvLSTM2D", {"filters": 3, "kernel_size": (3, 3), "padding": "same",
                       "return_sequences": True, "activation": "relu"}, (2, 4, 6, 6, 2), {}),
    "conv_lstm2d_defaults": ("ConvLSTM2D", {"filters": 2, "kernel_size": 3},
                             (2, 3, 6, 5, 2), {}),
    "conv_lstm2d_strides_state": ("ConvLSTM2D", {"filters": 2, "kernel_size": 2, "strides": 2,
                                                 "return_state": True}, (2, 3, 7, 7, 1), {}),
    "conv_lstm2d_dilation_backwards": (
        "ConvLSTM2D", {"filters": 2, "kernel_size": 3, "dilation_rate": 2,
                       "return_sequences": True, "go_backwards": True}, (2, 3, 7, 6, 2), {}),
    "conv_lstm2d_channels_first": (
        "ConvLSTM2D", {"filters": 3, "kernel_size": (3, 2), "data_format": "channels_first",
                       "return_sequences": True, "return_state": True}, (2, 3, 2, 6, 5), {}),
    "conv_lstm2d_nobias_sigmoid": (
        "ConvLSTM2D", {"filters": 2, "kernel_size": 3, "padding": "same", "use_bias": False,
                       "activation": "sigmoid", "recurrent_activation": "sigmoid"},
        (2, 3, 5, 5, 1), {}),
    "conv_lstm2d_initial_state": (
        "ConvLSTM2D", {"filters": 2, "kernel_size": 3, "padding": "same",
                       "return_sequences": True}, (2, 3, 5, 5, 2), {"states": 2}),
    "conv_lstm2d_mask": ("ConvLSTM2D", {"filters": 2, "kernel_size": 3,
                                        "return_sequences": True, "return_state": True},
                         (2, 4, 5, 5, 1), {"mask": True}),
    "conv_lstm2d_dropout_inference": (
        "ConvLSTM2D", {"filters": 2, "kernel_size": 3, "padding": "same", "dropout": 0.5,
                       "recurrent_dropout": 0.3}, (2, 3, 5, 5, 2), {}),
    "conv_lstm2d_training": (
        "ConvLSTM2D", {"filters": 2, "kernel_size": 3, "padding": "same",
                       "return_sequences": True}, (2, 3, 5, 5, 2), {"training": True}),
    "conv_lstm1d_strides": ("ConvLSTM1D", {"filters": 3, "kernel_size": 2, "strides": 2,
                                          "return_sequences": True}, (2, 4, 7, 2), {}),
    "conv_lstm3d_same": ("ConvLSTM3D", {"filters": 2, "kernel_size": 2, "padding": "same",
                                        "return_state": True}, (2, 3, 4, 4, 3, 1), {}),
}


def jsonable(value):
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, tf.TensorShape):
        return value.as_list()
    return value


def run_case(name, arrays, seed):
    class_name, kwargs, shape, options = CASES[name]
    keras.backend.clear_session()
    rng = np.random.default_rng(300 + seed)
    layer = getattr(layers, class_name)(**kwargs)
    layer.build(shape)
    weights = [(rng.standard_normal(w.shape) * 0.4).astype(np.float32)
               for w in layer.get_weights()]
    layer.set_weights(weights)
    x = rng.standard_normal(shape).astype(np.float32)
    xt = tf.constant(x)
    call = {}
    states = []
    if options.get("states"):
        state_shape = layer.compute_output_shape(shape)
        state_shape = state_shape[:1] + state_shape[2:] if kwargs.get("return_sequences") \
            else state_shape
        states = [(rng.standard_normal(state_shape) * 0.5).astype(np.float32)
                  for _ in range(options["states"])]
        call["initial_state"] = [tf.constant(s) for s in states]
    if options.get("mask"):
        call["mask"] = tf.constant(MASK)
        arrays[f"{name}/mask"] = np.array(MASK)
    if options.get("training"):
        call["training"] = True
    state_tensors = call.get("initial_state", [])
    with tf.GradientTape() as tape:
        tape.watch([xt] + state_tensors)
        out = layer(xt, **call)
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
    return {"class": class_name, "kwargs": jsonable(kwargs), "shape": list(shape),
            "options": options, "outputs": len(outs), "config": jsonable(layer.get_config()),
            "weights": [[v.name, list(v.shape)] for v in layer.weights],
            "output_shape": jsonable(layer.compute_output_shape((None,) + shape[1:]))}


def next_frame_model():
    """keras.io's conv_lstm model, small: 4 filters, 8x8 frames."""
    inp = layers.Input(shape=(None, 8, 8, 1))
    x = layers.ConvLSTM2D(filters=4, kernel_size=(3, 3), padding="same",
                          return_sequences=True, activation="relu")(inp)
    x = layers.BatchNormalization()(x)
    x = layers.ConvLSTM2D(filters=4, kernel_size=(1, 1), padding="same",
                          return_sequences=True, activation="relu")(x)
    x = layers.Conv3D(filters=1, kernel_size=(3, 3, 3), activation="sigmoid",
                      padding="same")(x)
    return keras.models.Model(inp, x)


def summary_lines(model):
    lines = []
    model.summary(print_fn=lambda line, **kw: lines.append(line))
    return lines


def model_case(arrays):
    """The model's forward in both modes, training-mode gradients, and a 2-epoch fit."""
    keras.backend.clear_session()
    rng = np.random.default_rng(11)
    model = next_frame_model()
    initial = [(rng.standard_normal(w.shape) * 0.3).astype(np.float32)
               if "moving" not in w.name else np.abs(rng.standard_normal(w.shape)
                                                     ).astype(np.float32) + 0.5
               for w in model.weights]
    model.set_weights(initial)
    x = rng.random((6, 5, 8, 8, 1)).astype(np.float32)
    y = (rng.random((6, 5, 8, 8, 1)) > 0.7).astype(np.float32)
    xt = tf.constant(x)
    arrays["model/inference"] = model(xt, training=False).numpy()
    with tf.GradientTape() as tape:
        tape.watch(xt)
        out = model(xt, training=True)
        total = tf.reduce_sum(out * tf.constant(y))
    arrays["model/training"] = out.numpy()
    grads = tape.gradient(total, [xt] + model.trainable_weights)
    arrays["model/dx"] = grads[0].numpy()
    for i, grad in enumerate(grads[1:]):
        arrays[f"model/dweight{i}"] = grad.numpy()
    model.set_weights(initial)
    model.compile(loss=keras.losses.binary_crossentropy,
                  optimizer=keras.optimizers.Adam(learning_rate=0.01))
    history = model.fit(x, y, batch_size=3, epochs=2, shuffle=False, verbose=0)
    for i, weight in enumerate(initial):
        arrays[f"model/initial{i}"] = weight
    for i, weight in enumerate(model.get_weights()):
        arrays[f"model/final{i}"] = weight
    arrays["model/x"], arrays["model/y"] = x, y
    return {"summary": summary_lines(model), "history": jsonable(history.history),
            "weights": [w.name for w in model.weights]}


def stateful_case(arrays):
    keras.backend.clear_session()
    rng = np.random.default_rng(12)
    layer = layers.ConvLSTM2D(2, 3, padding="same", stateful=True, return_sequences=True)
    model = keras.Sequential([keras.Input(batch_shape=(2, None, 5, 5, 1)), layer])
    weights = [(rng.standard_normal(w.shape) * 0.4).astype(np.float32)
               for w in model.get_weights()]
    model.set_weights(weights)
    xs = [rng.standard_normal((2, 3, 5, 5, 1)).astype(np.float32) for _ in range(2)]
    for i, weight in enumerate(weights):
        arrays[f"stateful/weight{i}"] = weight
    for i, x in enumerate(xs):
        arrays[f"stateful/x{i}"] = x
        arrays[f"stateful/out{i}"] = model(x).numpy()
    layer.reset_states()
    arrays["stateful/after_reset"] = model(xs[1]).numpy()
    return {"states": [list(s.shape) for s in layer.states]}


def error_of(build):
    keras.backend.clear_session()
    try:
        build()
    except Exception as exc:   # noqa: BLE001 - the fixture records whatever Keras raises
        return [type(exc).__name__, str(exc)]
    return None


def errors():
    return {
        "on_4d_input": error_of(lambda: layers.ConvLSTM2D(4, 3)(keras.Input((5, 8, 8)))),
        "unroll": error_of(lambda: layers.ConvLSTM2D(4, 3, unroll=True)),
        "stateful_unknown_batch": error_of(
            lambda: layers.ConvLSTM2D(4, 3, stateful=True)(keras.Input((5, 8, 8, 1)))),
        "dropout_one_training": error_of(
            lambda: layers.ConvLSTM2D(2, 3, dropout=1.0)(tf.zeros((1, 2, 4, 4, 1)),
                                                         training=True)),
        "lstm_dropout_one_training": error_of(
            lambda: layers.LSTM(2, dropout=1.0)(tf.zeros((1, 2, 3)), training=True)),
        "causal_2d": error_of(
            lambda: layers.ConvLSTM2D(4, 3, padding="causal")(keras.Input((5, 8, 8, 1)))),
    }


def main():
    arrays = {}
    cases = {name: run_case(name, arrays, seed) for seed, name in enumerate(CASES)}
    fixture = {"cases": cases, "model": model_case(arrays), "stateful": stateful_case(arrays),
               "errors": errors()}
    np.savez_compressed(os.path.join(HERE, "conv_lstm.npz"), **arrays)
    with open(os.path.join(HERE, "conv_lstm.json"), "w") as f:
        json.dump(fixture, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
