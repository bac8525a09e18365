"""What tf_keras 2.21 does with an RNN cell's own ``activity_regularizer``.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/layers/make_rnn_cell_regularizer_fixtures.py

The RNN loop calls the cell through ``Layer.__call__`` at every timestep, so the cell's
regularizer adds a loss per step for its output and each new state; without ``unroll``
``keras.backend.rnn`` first runs the step once more on the first timestep (to learn the
output shapes), whose losses count too. For each model of ``rnn_cell_regularizer_cases.py``,
unrolled and not: ``model.losses`` after an eager call; a fit with ``run_eagerly=True``
(history, final weights); the default (graph) fit: its history and weights, or the error
TensorFlow raises (a loss made inside the ``while`` loop cannot leave it).

Output: ``data/rnn_cell_regularizers.json`` and ``.npz`` (inputs, targets, initial and
final weights).
"""
import json
import os
import sys

import numpy as np
import tensorflow as tf
import tf_keras as keras

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from rnn_cell_regularizer_cases import MODELS  # noqa: E402


def data(name):
    rng = np.random.default_rng(len(name))
    x = rng.normal(size=(6, 3, 2)).astype("float32")
    if "masked" in name:
        x[0, 2] = 0.0     # the last step of the first sample masked
        x[3, 0] = 0.0
    return x, rng


def fit(model, weights, x, y, run_eagerly):
    model.set_weights(weights)
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse", run_eagerly=run_eagerly)
    try:
        history = model.fit(x, y, batch_size=3, epochs=2, shuffle=False, verbose=0)
    except Exception as exc:   # the error is the fact recorded
        return {"error": [type(exc).__name__, str(exc).split("\n")[0][:200]]}, None
    return {"loss": history.history["loss"]}, model.get_weights()


def main():
    facts, arrays = {"tf_keras": keras.__version__, "tensorflow": tf.__version__}, {}
    for name, build in MODELS.items():
        for unroll in (False, True):
            key = f"{name}/{'unrolled' if unroll else 'loop'}"
            keras.backend.clear_session()
            keras.utils.set_random_seed(2)
            model = build(keras, unroll)
            x, rng = data(name)
            y = rng.normal(size=(6,) + model.output_shape[1:]).astype("float32")
            weights = model.get_weights()
            model(x)
            record = {"eager_losses": [float(v) for v in model.losses]}
            record["eager"], eager_weights = fit(model, weights, x, y, True)
            record["graph"], graph_weights = fit(model, weights, x, y, False)
            facts[key] = record
            arrays[f"{key}/x"], arrays[f"{key}/y"] = x, y
            for i, w in enumerate(weights):
                arrays[f"{key}/initial{i}"] = w
            for kind, final in (("eager", eager_weights), ("graph", graph_weights)):
                for i, w in enumerate(final or []):
                    arrays[f"{key}/{kind}{i}"] = w
    out = os.path.join(HERE, "data", "rnn_cell_regularizers")
    with open(out + ".json.tmp", "w", encoding="utf-8") as f:
        json.dump(facts, f, indent=1)
        f.write("\n")
    os.replace(out + ".json.tmp", out + ".json")
    with open(out + ".npz.tmp", "wb") as f:
        np.savez(f, **arrays)
    os.replace(out + ".npz.tmp", out + ".npz")
    print(json.dumps(facts, indent=1)[:3000])


if __name__ == "__main__":
    main()
