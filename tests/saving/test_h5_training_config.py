"""A legacy whole-model ``.h5`` file keeps the compile settings and the optimizer's state.

``data/h5_training_config.json`` and ``data/tf_compiled_two_outputs.h5`` are tf_keras
2.21's (``make_h5_training_config.py``): the ``training_config`` attribute and the
``optimizer_weights`` it writes, and what ``load_model`` of the file gives (a compiled
model, the optimizer's iterations and momentum, ``evaluate``, one more epoch of ``fit``).
The same models are built here under the import shim with the same fixed weights.
"""
import json
import logging
import os

import h5py
import numpy as np
import pytest

from tracekeras import shim
from tracekeras.backend import clear_session

from . import h5_training_config as scenario

DATA = os.path.join(os.path.dirname(__file__), "data")
with open(os.path.join(DATA, "h5_training_config.json")) as f:
    KERAS = json.load(f)


@pytest.fixture
def keras():
    clear_session()
    with shim.activated():
        import tensorflow as tf
        yield tf.keras


def attributes(path):
    with h5py.File(path, "r") as f:
        found = {"attrs": sorted(f.attrs)}
        if "training_config" in f.attrs:
            found["training_config"] = json.loads(f.attrs["training_config"])
        if "optimizer_weights" in f:
            found["optimizer_weight_names"] = [
                n.decode("utf8") if isinstance(n, bytes) else str(n)
                for n in f["optimizer_weights"].attrs["weight_names"]]
    return found


def test_a_tf_keras_file_loads_compiled_with_its_optimizer_state(keras):
    model = keras.models.load_model(os.path.join(DATA, "tf_compiled_two_outputs.h5"))
    expected = KERAS["two_outputs"]
    assert model.optimizer.get_config() == pytest.approx(expected["optimizer_config"])
    assert int(model.optimizer.iterations.numpy()) == expected["iterations"] == 2
    np.testing.assert_allclose(model.evaluate(*scenario.data(), batch_size=4, verbose=0),
                               expected["evaluate"], rtol=1e-5)
    history = model.fit(*scenario.data(), batch_size=4, epochs=1, shuffle=False, verbose=0)
    np.testing.assert_allclose(history.history["loss"], expected["fit_losses"], rtol=1e-5)
    # the momentum loaded with the file moves these weights: a fresh optimizer would not
    for got, want in zip(model.get_weights(), expected["weights_after_fit"]):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)


def test_the_file_written_here_holds_what_tf_keras_writes(keras, tmp_path):
    model = scenario.two_outputs(keras)
    scenario.compile_two_outputs(keras, model)
    x, y = scenario.data()
    model.fit(x, y, batch_size=4, epochs=1, shuffle=False, verbose=0)
    path = str(tmp_path / "m.h5")
    model.save(path)
    found = attributes(path)
    expected = KERAS["two_outputs"]
    assert found["attrs"] == expected["attrs"]
    assert found["training_config"] == expected["training_config"]
    assert found["optimizer_weight_names"] == expected["optimizer_weight_names"]
    loaded = keras.models.load_model(path)
    np.testing.assert_allclose(loaded.evaluate(x, y, batch_size=4, verbose=0),
                               expected["evaluate"], rtol=1e-5)


def test_a_one_output_model_saved_before_and_after_training(keras, tmp_path):
    model = scenario.one_output(keras)
    model.compile(loss="mse", optimizer=keras.optimizers.Adam(learning_rate=0.01),
                  metrics=["mae", keras.metrics.RootMeanSquaredError()])
    path = str(tmp_path / "m.h5")
    model.save(path)     # the metrics are built on the outputs first, as tf_keras does
    assert attributes(path) == KERAS["one_output_untrained"]
    x, y = scenario.data()
    model.fit(x, y[0], batch_size=4, epochs=1, shuffle=False, verbose=0)
    model.save(path)
    assert attributes(path) == KERAS["one_output_trained"]
    loaded = keras.models.load_model(path)
    assert loaded.metrics_names == ["loss", "mae", "root_mean_squared_error"]
    for got, want in zip(loaded.optimizer.variables, model.optimizer.variables):
        np.testing.assert_array_equal(got.numpy(), want.numpy())
    model.save(path, include_optimizer=False)
    assert attributes(path) == KERAS["one_output_without_optimizer"]


def test_compile_false_and_a_file_without_training_config(keras, tmp_path, caplog):
    loaded = keras.models.load_model(os.path.join(DATA, "tf_compiled_two_outputs.h5"),
                                     compile=False)
    assert loaded.optimizer is None
    model = scenario.one_output(keras)
    path = str(tmp_path / "m.h5")
    model.save(path)     # never compiled: no training_config
    assert "training_config" not in attributes(path)
    with caplog.at_level(logging.WARNING, logger="tracekeras"):
        loaded = keras.models.load_model(path)
    assert "No training configuration found in the save file" in caplog.text
    with pytest.raises(RuntimeError, match="You must compile your model"):
        loaded.evaluate(*scenario.data(), verbose=0)


def test_one_list_of_metrics_per_output_for_a_single_output(keras):
    model = scenario.one_output(keras)
    model.compile(loss="mse", optimizer="sgd", metrics=[["mae", "mse"]])
    model.evaluate(*scenario.data()[:1], scenario.data()[1][0], verbose=0)
    assert model.metrics_names == ["loss", "mae", "mse"]
