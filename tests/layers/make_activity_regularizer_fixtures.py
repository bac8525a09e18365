"""Writes the activity regularizer fixtures with real tf_keras 2.21 (the cases are in
activity_regularizer_cases.py).

Run with the TensorFlow venv from the repository root:
    /work/tfvenv/bin/python tests/layers/make_activity_regularizer_fixtures.py

Outputs, in tests/layers/data/:
- activity_regularizers.npz: per eager case the weights it is set to
  (``eager/<case>/w<i>``), its inputs ``eager/<case>/x<i>`` and the values of
  ``model.losses`` after one call (``eager/<case>/losses``); per fit the initial and final
  weights (``fit/<name>/initial<i>``, ``fit/<name>/final<i>``) and the data
  (``fit/<name>/x``, ``fit/<name>/y``); a SimpleRNNCell called on its own (``cell/...``).
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
from activity_regularizer_cases import CONFIGS, EAGER, ERRORS, FITS, cell  # noqa: E402
from make_conv_fixtures import error_of, jsonable  # noqa: E402

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def random_weights(model, rng):
    return [(rng.standard_normal(w.shape) * 0.5).astype(np.float32)
            for w in model.get_weights()]


def store(arrays, prefix, values):
    arrays.update({f"{prefix}{i}": value for i, value in enumerate(values)})


def eager_case(name, arrays, seed):
    build, shapes = EAGER[name]
    keras.backend.clear_session()
    rng = np.random.default_rng(seed)
    model = build(keras)
    weights = random_weights(model, rng)
    model.set_weights(weights)
    if "embedding" in name:
        x = [rng.integers(0, 6, shape).astype(np.int32) for shape in shapes]
    else:
        x = [rng.standard_normal(shape).astype(np.float32) for shape in shapes]
    model(x if len(x) > 1 else x[0])
    store(arrays, f"eager/{name}/w", weights)
    store(arrays, f"eager/{name}/x", x)
    arrays[f"eager/{name}/losses"] = np.array([float(v) for v in model.losses], np.float32)
    return {"count": len(model.losses)}


def cell_call(arrays, seed):
    """A cell called on its own adds a loss per output: the output and each new state."""
    keras.backend.clear_session()
    rng = np.random.default_rng(seed)
    layer = cell(keras)
    x = rng.standard_normal((3, 4)).astype(np.float32)
    state = rng.standard_normal((3, 2)).astype(np.float32)
    layer(tf.constant(x), [tf.constant(state)])
    weights = random_weights(layer, rng)
    layer.set_weights(weights)
    layer(tf.constant(x), [tf.constant(state)])
    store(arrays, "cell/w", weights)
    arrays["cell/x"], arrays["cell/state"] = x, state
    arrays["cell/losses"] = np.array([float(v) for v in layer.losses], np.float32)
    return {"count": len(layer.losses)}


def fit(name, arrays, seed):
    keras.backend.clear_session()
    rng = np.random.default_rng(seed)
    model = FITS[name](keras)
    initial = random_weights(model, rng)
    model.set_weights(initial)
    x = rng.standard_normal((12, 3)).astype(np.float32)
    y = rng.standard_normal((12, model.output_shape[-1])).astype(np.float32)
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.05), loss="mse")
    history = model.fit(x, y, batch_size=4, epochs=1, shuffle=False, verbose=0)
    steps = model.fit(x, y, batch_size=4, epochs=3, steps_per_epoch=1, shuffle=False,
                      verbose=0)
    store(arrays, f"fit/{name}/initial", initial)
    store(arrays, f"fit/{name}/final", model.get_weights())
    arrays.update({f"fit/{name}/x": x, f"fit/{name}/y": y})
    evaluated = float(model.evaluate(x, y, batch_size=6, verbose=0))
    model(x[:5])
    return {"history": jsonable(history.history), "steps": jsonable(steps.history),
            "evaluate": evaluated, "losses_after_call": [float(v) for v in model.losses]}


def config_case(name):
    keras.backend.clear_session()
    return jsonable(CONFIGS[name](keras).get_config())


def main():
    arrays = {}
    data = {
        "tf_keras": keras.__version__,
        "eager": {name: eager_case(name, arrays, 3 + i) for i, name in enumerate(EAGER)},
        "cell_call": cell_call(arrays, 40),
        "fits": {name: fit(name, arrays, 30 + i) for i, name in enumerate(FITS)},
        "configs": {name: config_case(name) for name in CONFIGS},
        "errors": {name: error_of(lambda build=build: build(keras))
                   for name, build in ERRORS.items()},
    }
    np.savez_compressed(os.path.join(HERE, "activity_regularizers.npz"), **arrays)
    with open(os.path.join(HERE, "activity_regularizers.json"), "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print("wrote", len(data["eager"]), "eager cases,", len(data["fits"]), "fits and",
          len(data["configs"]), "configs")


if __name__ == "__main__":
    main()
