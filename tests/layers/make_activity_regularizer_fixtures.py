"""Writes the activity regularizer fixtures with real tf_keras 2.21.

Run with the TensorFlow venv from the repository root:
    /work/tfvenv/bin/python tests/layers/make_activity_regularizer_fixtures.py

Outputs, in tests/layers/data/:
- activity_regularizers.npz: per eager case the weights it is set to
  (``eager/<case>/w<i>``), its inputs ``eager/<case>/x<i>`` and the values of ``model.losses``
  after one call (``eager/<case>/losses``); per fit the initial and final weights
  (``fit/<name>/initial<i>``, ``fit/<name>/final<i>``) and the data (``fit/<name>/x``,
  ``fit/<name>/y``); a SimpleRNNCell called on its own (``cell/...``).
- activity_regularizers.json: per eager case how many losses there were; per fit its
  history, evaluate's loss and ``model.losses`` after a call on 5 samples; the whole
  configs of layers built with an activity regularizer; the errors bad values raise.
"""
import json
import os

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import tf_keras as keras  # noqa: E402
from make_conv_fixtures import error_of, jsonable  # noqa: E402
from tf_keras import layers, regularizers  # noqa: E402

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def dense_sequential():
    return keras.Sequential([keras.Input((3,)),
                             layers.Dense(4, activity_regularizer=regularizers.L1(0.01))])


def functional():
    inputs = keras.Input((3,))
    hidden = layers.Dense(5, activation="tanh", activity_regularizer="l2")(inputs)
    hidden = layers.Dense(4, activity_regularizer=regularizers.L1L2(0.01, 0.02))(hidden)
    outputs = layers.Dense(2)(hidden)
    return keras.Model(inputs, outputs)


def conv_model():
    return keras.Sequential([keras.Input((5, 5, 2)),
                             layers.Conv2D(3, 3, activity_regularizer=regularizers.L2(0.03)),
                             layers.Flatten(), layers.Dense(1)])


def rnn_model():
    inputs = keras.Input((4, 3))
    sequence, state_h, state_c = layers.LSTM(
        3, return_sequences=True, return_state=True,
        activity_regularizer=regularizers.L1(0.05))(inputs)
    last = layers.GRU(2, activity_regularizer="l1")(sequence)
    return keras.Model(inputs, [last, state_h, state_c])


def embedding_model():
    return keras.Sequential([keras.Input((4,), dtype="int32"),
                             layers.Embedding(6, 3, activity_regularizer=regularizers.L2(0.1)),
                             layers.SimpleRNN(2, activity_regularizer=regularizers.L1(0.2))])


def attention_model():
    query, value = keras.Input((3, 4)), keras.Input((2, 4))
    attention = layers.MultiHeadAttention(2, 3, activity_regularizer=regularizers.L2(0.1))
    output, scores = attention(query, value, return_attention_scores=True)
    return keras.Model([query, value], [output, scores])


EAGER = {"dense_sequential": (dense_sequential, (2, 3)),
         "functional": (functional, (3, 3)),
         "conv2d": (conv_model, (2, 5, 5, 2)),
         "lstm_return_state_gru": (rnn_model, (2, 4, 3)),
         "embedding_simple_rnn": (embedding_model, (3, 4)),
         "multi_head_attention": (attention_model, [(2, 3, 4), (2, 2, 4)])}


def inputs_for(name, shape, rng):
    if "embedding" in name:
        return rng.integers(0, 6, shape).astype(np.int32)
    if isinstance(shape, list):
        return [rng.standard_normal(s).astype(np.float32) for s in shape]
    return rng.standard_normal(shape).astype(np.float32)


def set_weights(model, name, rng, arrays):
    weights = [(rng.standard_normal(w.shape) * 0.5).astype(np.float32)
               for w in model.get_weights()]
    model.set_weights(weights)
    for i, weight in enumerate(weights):
        arrays[f"{name}/w{i}"] = weight


def eager_case(name, arrays, seed):
    build, shape = EAGER[name.split("/")[1]]
    keras.backend.clear_session()
    rng = np.random.default_rng(seed)
    model = build()
    set_weights(model, name, rng, arrays)
    x = inputs_for(name, shape, rng)
    model(x)
    for i, part in enumerate(x if isinstance(x, list) else [x]):
        arrays[f"{name}/x{i}"] = part
    arrays[f"{name}/losses"] = np.array([float(v) for v in model.losses], np.float32)
    return {"count": len(model.losses)}


def cell_call(arrays, seed):
    """A cell called on its own adds a loss per output: the output and each new state."""
    keras.backend.clear_session()
    rng = np.random.default_rng(seed)
    cell = layers.SimpleRNNCell(2, activity_regularizer=regularizers.L1(0.1))
    x = rng.standard_normal((3, 4)).astype(np.float32)
    state = rng.standard_normal((3, 2)).astype(np.float32)
    cell(tf.constant(x), [tf.constant(state)])
    set_weights(cell, "cell", rng, arrays)
    cell(tf.constant(x), [tf.constant(state)])
    arrays["cell/x"], arrays["cell/state"] = x, state
    arrays["cell/losses"] = np.array([float(v) for v in cell.losses], np.float32)
    return {"count": len(cell.losses)}


FITS = {"dense_sequential": dense_sequential, "functional": functional}


def fit(name, arrays, seed):
    keras.backend.clear_session()
    rng = np.random.default_rng(seed)
    model = FITS[name.split("/")[1]]()
    initial = [(rng.standard_normal(w.shape) * 0.5).astype(np.float32)
               for w in model.get_weights()]
    model.set_weights(initial)
    x = rng.standard_normal((12, 3)).astype(np.float32)
    y = rng.standard_normal((12, model.output_shape[-1])).astype(np.float32)
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.05), loss="mse")
    history = model.fit(x, y, batch_size=4, epochs=1, shuffle=False, verbose=0)
    steps = model.fit(x, y, batch_size=4, epochs=3, steps_per_epoch=1, shuffle=False,
                      verbose=0)
    for i, weight in enumerate(initial):
        arrays[f"{name}/initial{i}"] = weight
    for i, weight in enumerate(model.get_weights()):
        arrays[f"{name}/final{i}"] = weight
    arrays[f"{name}/x"] = x
    arrays[f"{name}/y"] = y
    evaluated = float(model.evaluate(x, y, batch_size=6, verbose=0))
    model(x[:5])
    return {"history": jsonable(history.history), "steps": jsonable(steps.history),
            "evaluate": evaluated, "losses_after_call": [float(v) for v in model.losses]}


CONFIGS = {
    "dense": lambda: layers.Dense(4, activity_regularizer=regularizers.L1(0.01)),
    "dense_by_name": lambda: layers.Dense(2, activity_regularizer="l1_l2"),
    "conv2d": lambda: layers.Conv2D(3, 2, activity_regularizer=regularizers.L2(0.2)),
    "conv1d_transpose": lambda: layers.Conv1DTranspose(2, 3, activity_regularizer="l2"),
    "separable_conv2d": lambda: layers.SeparableConv2D(2, 3, activity_regularizer="l1"),
    "depthwise_conv2d": lambda: layers.DepthwiseConv2D(3, activity_regularizer="l2"),
    "lstm": lambda: layers.LSTM(3, activity_regularizer=regularizers.L1L2(0.1, 0.2)),
    "gru": lambda: layers.GRU(3, activity_regularizer={"class_name": "L2",
                                                        "config": {"l2": 0.5}}),
    "simple_rnn": lambda: layers.SimpleRNN(2, activity_regularizer="l1"),
    "embedding": lambda: layers.Embedding(5, 2, activity_regularizer=regularizers.L2(0.3)),
    "multi_head_attention": lambda: layers.MultiHeadAttention(
        2, 3, activity_regularizer=regularizers.L1(0.02)),
    "einsum_dense": lambda: layers.EinsumDense("ab,bc->ac", 4, activity_regularizer="l2"),
}


def config_case(name):
    keras.backend.clear_session()
    return jsonable(CONFIGS[name]().get_config())


ERRORS = {
    "dense_number": lambda: layers.Dense(2, activity_regularizer=5),
    "conv2d_number": lambda: layers.Conv2D(2, 3, activity_regularizer=0.1),
    "lstm_list": lambda: layers.LSTM(2, activity_regularizer=[1]),
    "embedding_number": lambda: layers.Embedding(3, 2, activity_regularizer=2),
}


def main():
    arrays = {}
    data = {
        "tf_keras": keras.__version__,
        "eager": {name: eager_case(f"eager/{name}", arrays, 3 + i) for i, name in enumerate(EAGER)},
        "cell_call": cell_call(arrays, 40),
        "fits": {name: fit(f"fit/{name}", arrays, 30 + i) for i, name in enumerate(FITS)},
        "configs": {name: config_case(name) for name in CONFIGS},
        "errors": {name: error_of(build) for name, build in ERRORS.items()},
    }
    np.savez_compressed(os.path.join(HERE, "activity_regularizers.npz"), **arrays)
    with open(os.path.join(HERE, "activity_regularizers.json"), "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print("wrote", len(data["eager"]), "eager cases,", len(data["fits"]), "fits and",
          len(data["configs"]), "configs")


if __name__ == "__main__":
    main()
