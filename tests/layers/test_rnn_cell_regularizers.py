"""An RNN cell's own ``activity_regularizer`` against tf_keras 2.21
(tests/layers/make_rnn_cell_regularizer_fixtures.py): the losses of an eager call (per step
for the output and each new state, and without ``unroll`` Keras's extra first step),
fits with ``run_eagerly=True`` and, unrolled, in the default mode; not unrolled, the
default fit is refused as TensorFlow refuses it, before any weight changes."""
import json
import os

import numpy as np
import pytest

import tracekeras
from tracekeras import optimizers
from tracekeras.backend import clear_session
from tracekeras.layers.rnn.cell_regularization import InaccessibleTensorError

from .rnn_cell_regularizer_cases import MODELS

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "rnn_cell_regularizers.json"), encoding="utf-8") as f:
    KERAS = json.load(f)
ARRAYS = np.load(os.path.join(HERE, "data", "rnn_cell_regularizers.npz"))
KEYS = [f"{name}/{kind}" for name in MODELS for kind in ("loop", "unrolled")]


def model_of(key):
    clear_session()
    name, kind = key.split("/")
    model = MODELS[name](tracekeras, kind == "unrolled")
    count = len(model.get_weights())
    model.set_weights([ARRAYS[f"{key}/initial{i}"] for i in range(count)])
    return model, count


def losses_of(model):
    return [float(np.asarray(loss.numpy())) for loss in model.losses]


@pytest.mark.parametrize("key", KEYS)
def test_an_eager_call_adds_the_cell_losses_tf_keras_adds(key):
    model, _ = model_of(key)
    model(ARRAYS[f"{key}/x"])
    np.testing.assert_allclose(losses_of(model), KERAS[key]["eager_losses"], rtol=1e-5,
                               atol=1e-7)


def fit(model, key, run_eagerly):
    model.compile(optimizer=optimizers.SGD(0.1), loss="mse", run_eagerly=run_eagerly)
    return model.fit(ARRAYS[f"{key}/x"], ARRAYS[f"{key}/y"], batch_size=3, epochs=2,
                     shuffle=False, verbose=0)


@pytest.mark.parametrize("mode", ["eager", "graph"])
@pytest.mark.parametrize("key", KEYS)
def test_fit_matches_tf_keras(key, mode):
    model, count = model_of(key)
    facts = KERAS[key][mode]
    if "error" in facts:
        before = model.get_weights()
        with pytest.raises(InaccessibleTensorError, match="unroll=True") as info:
            fit(model, key, run_eagerly=False)
        assert type(info.value).__name__ == facts["error"][0]
        for ours, theirs in zip(model.get_weights(), before):
            np.testing.assert_array_equal(ours, theirs)
        return
    history = fit(model, key, run_eagerly=mode == "eager")
    np.testing.assert_allclose(history.history["loss"], facts["loss"], rtol=1e-5)
    for i, weight in enumerate(model.get_weights()):
        np.testing.assert_allclose(weight, ARRAYS[f"{key}/{mode}{i}"], rtol=1e-4, atol=1e-6)
    assert i == count - 1
