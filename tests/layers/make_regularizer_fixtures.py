"""Writes the fixtures of RepeatVector and the weight regularizers with real tf_keras 2.21.

Run with the TensorFlow venv from the repository root:
    /work/tfvenv/bin/python tests/layers/make_regularizer_fixtures.py

Outputs, in tests/layers/data/:
- regularizers.npz: the RepeatVector cases in the layout of make_conv_fixtures.py (``x``,
  ``out``, ``w``, ``dx``); per regularizer case the weight ``x``, its loss ``loss`` and
  gradient ``dx``; and the short fit of a Dense model with L2 and L1L2 kernels
  and of a model with regularized LSTM and GRU weights (``<fit>/initial<i>``,
  ``<fit>/final<i>``, ``<fit>/x``, ``<fit>/y``).
- regularizers.json: the RepeatVector cases (class, arguments, input shape, config,
  weights, output shape); each regularizer's config and what ``regularizers.get`` makes
  of names and configs; a Dense layer's config with a regularizer; the errors bad
  arguments raise; the summary of the addition model (LSTM, RepeatVector, LSTM, Dense);
  each fit's history, the model's ``losses`` after it and its layers' configs.
"""
import json
import os

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import tf_keras as keras  # noqa: E402
from make_conv_fixtures import error_of, jsonable, summary_lines  # noqa: E402
from make_conv_more_fixtures import run_twin  # noqa: E402
from tf_keras import layers, regularizers  # noqa: E402

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")

REPEATS = {"repeat_vector": ({"n": 3}, (2, 4)), "repeat_vector_once": ({"n": 1}, (3, 2))}

REGULARIZERS = {
    "l1": lambda: regularizers.L1(0.003),
    "l2": lambda: regularizers.L2(0.001),
    "l1l2": lambda: regularizers.L1L2(l1=0.002, l2=0.004),
    "l1l2_l2_only": lambda: regularizers.L1L2(l2=0.5),
    "l1_l2_function": lambda: regularizers.l1_l2(),
    "l2_alias_old_argument": lambda: regularizers.l2(l=0.2),
}

NAMES = ("l1", "l2", "l1_l2", "L1", "L2", "L1L2")

ERRORS = {
    "repeat_vector_float_n": lambda: layers.RepeatVector(2.0),
    "repeat_vector_on_3d_input": lambda: layers.RepeatVector(2)(keras.Input((3, 4))),
    "l2_string_factor": lambda: regularizers.L2("0.1"),
    "l1_infinite_factor": lambda: regularizers.L1(float("inf")),
    "l2_unknown_argument": lambda: regularizers.L2(0.1, scale=2),
    "not_a_regularizer": lambda: regularizers.get(3),
}


def repeat_case(name, kwargs, shape, arrays, seed):
    keras.backend.clear_session()
    layer = layers.RepeatVector(**kwargs)
    x = np.random.default_rng(seed).standard_normal(shape).astype(np.float32)
    run_twin(name, "RepeatVector", kwargs, x, arrays, seed)
    arrays[f"{name}/x"] = x
    layer(x)
    return {"class_name": "RepeatVector", "kwargs": kwargs, "input_shape": list(shape),
            "config": jsonable(layer.get_config()), "weights": [],
            "output_shape": jsonable(list(layer.compute_output_shape((None,) + shape[1:])))}


def regularizer_case(name, arrays, seed):
    regularizer = REGULARIZERS[name]()
    x = tf.Variable(np.random.default_rng(seed).standard_normal((3, 4)).astype(np.float32))
    with tf.GradientTape() as tape:
        loss = regularizer(x)
    arrays[f"{name}/x"] = x.numpy()
    arrays[f"{name}/loss"] = np.float32(loss.numpy())
    arrays[f"{name}/dx"] = tape.gradient(loss, x).numpy()
    return {"config": regularizer.get_config(), "class_name": type(regularizer).__name__}


def addition_model():
    model = keras.Sequential()
    model.add(layers.LSTM(16, input_shape=(7, 12)))
    model.add(layers.RepeatVector(4))
    model.add(layers.LSTM(16, return_sequences=True))
    model.add(layers.Dense(12, activation="softmax"))
    return model


def regularized_model():
    return keras.Sequential([
        keras.Input(shape=(6,)),
        layers.Dense(8, activation="elu", kernel_regularizer=regularizers.l2(0.01)),
        layers.Dense(8, activation="elu", kernel_regularizer="l1_l2",
                     bias_regularizer=regularizers.L1(0.02)),
        layers.Dense(1),
    ])


def regularized_rnn_model():
    return keras.Sequential([
        keras.Input(shape=(5, 3)),
        layers.LSTM(4, return_sequences=True, kernel_regularizer=regularizers.l2(0.05),
                    recurrent_regularizer="l1", bias_regularizer=regularizers.L1L2(0.01, 0.02)),
        layers.GRU(3, recurrent_regularizer=regularizers.l2(0.03)),
        layers.Dense(1),
    ])


FITS = {"fit": (regularized_model, (6,)), "rnn_fit": (regularized_rnn_model, (5, 3))}


def fit(name, arrays, seed):
    build, shape = FITS[name]
    keras.backend.clear_session()
    rng = np.random.default_rng(seed)
    model = build()
    initial = [(rng.standard_normal(w.shape) * 0.5).astype(np.float32)
               for w in model.get_weights()]
    model.set_weights(initial)
    x = rng.standard_normal((32,) + shape).astype(np.float32)
    y = (x.reshape(32, -1)[:, :1] > 0).astype(np.float32)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01),
                  loss=keras.losses.BinaryCrossentropy(from_logits=True))
    history = model.fit(x, y, batch_size=8, epochs=2, shuffle=False, verbose=0)
    for i, weight in enumerate(initial):
        arrays[f"{name}/initial{i}"] = weight
    for i, weight in enumerate(model.get_weights()):
        arrays[f"{name}/final{i}"] = weight
    arrays[f"{name}/x"] = x
    arrays[f"{name}/y"] = y
    return {"history": jsonable(history.history),
            "losses": [float(v) for v in model.losses],
            "configs": [jsonable(layer.get_config()) for layer in model.layers]}


def main():
    arrays = {}
    cases = {name: repeat_case(name, kwargs, shape, arrays, 10 + i)
             for i, (name, (kwargs, shape)) in enumerate(REPEATS.items())}
    keras.backend.clear_session()
    data = {
        "tf_keras": keras.__version__,
        "cases": cases,
        "regularizers": {name: regularizer_case(name, arrays, 20 + i)
                         for i, name in enumerate(REGULARIZERS)},
        "by_name": {name: [type(regularizers.get(name)).__name__,
                           regularizers.get(name).get_config()] for name in NAMES},
        "serialized": {name: jsonable(regularizers.serialize(REGULARIZERS[name]()))
                       for name in ("l2", "l1l2")},
        "errors": {name: error_of(build) for name, build in ERRORS.items()},
        "summaries": {"addition": summary_lines(addition_model())},
        "fits": {name: fit(name, arrays, 7 + i) for i, name in enumerate(FITS)},
    }
    np.savez_compressed(os.path.join(HERE, "regularizers.npz"), **arrays)
    with open(os.path.join(HERE, "regularizers.json"), "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print("wrote", len(cases), "layer cases and", len(data["regularizers"]), "regularizers")


if __name__ == "__main__":
    main()
