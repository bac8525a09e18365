"""Activity regularizers against tf_keras 2.21 (fixtures from
make_activity_regularizer_fixtures.py, cases in activity_regularizer_cases.py): the losses
a call adds (each output's penalty over its batch size), a short SGD fit of a Sequential
and a Functional model, weight by weight, evaluate's loss, whole configs of layers built
with one, a cell called on its own, the errors of bad values, raised before the layer
takes a name, and a saved model's losses. Tracing never changes the fit."""
import numpy as np
import pytest

import tracekeras
from tracekeras import layers, optimizers, tracing
from tracekeras.backend import clear_session

from .activity_regularizer_cases import CONFIGS, EAGER, ERRORS, FITS, cell
from .conv_helpers import error_of, jsonable, load

KERAS, ARRAYS = load("activity_regularizers")


def fixture_model(build, key, weights="w"):
    """A model built as the fixture's, with the fixture's weights."""
    clear_session()
    model = build(tracekeras)
    model.set_weights([ARRAYS[f"{key}/{weights}{i}"]
                       for i in range(len(model.get_weights()))])
    return model


def losses_of(model):
    return [float(v) for v in model.losses]


@pytest.mark.parametrize("name", sorted(KERAS["eager"]))
def test_losses_after_an_eager_call_equal_tf_keras(name):
    key = f"eager/{name}"
    model = fixture_model(EAGER[name][0], key)
    inputs = [ARRAYS[f"{key}/x{i}"] for i in range(len(model.inputs))]
    model(inputs if len(inputs) > 1 else inputs[0])
    assert len(model.losses) == KERAS["eager"][name]["count"]
    np.testing.assert_allclose(losses_of(model), ARRAYS[f"{key}/losses"], rtol=1e-5,
                               atol=1e-7)
    # the next call replaces them, it does not add to them
    model(inputs if len(inputs) > 1 else inputs[0])
    np.testing.assert_allclose(losses_of(model), ARRAYS[f"{key}/losses"], rtol=1e-5,
                               atol=1e-7)


def test_a_cell_called_on_its_own_regularizes_its_output_and_states_as_tf_keras():
    clear_session()
    layer = cell(tracekeras)
    layer(ARRAYS["cell/x"], [ARRAYS["cell/state"]])
    layer.set_weights([ARRAYS[f"cell/w{i}"] for i in range(3)])
    layer(ARRAYS["cell/x"], [ARRAYS["cell/state"]])
    assert len(layer.losses) == KERAS["cell_call"]["count"]
    np.testing.assert_allclose(losses_of(layer), ARRAYS["cell/losses"], rtol=1e-5)


def run_fit(name):
    key = f"fit/{name}"
    model = fixture_model(FITS[name], key, weights="initial")
    x, y = ARRAYS[f"{key}/x"], ARRAYS[f"{key}/y"]
    model.compile(optimizer=optimizers.SGD(learning_rate=0.05), loss="mse")
    history = model.fit(x, y, batch_size=4, epochs=1, shuffle=False, verbose=0)
    steps = model.fit(x, y, batch_size=4, epochs=3, steps_per_epoch=1, shuffle=False,
                      verbose=0)
    evaluated = model.evaluate(x, y, batch_size=6, verbose=0)
    model(x[:5])
    return model, history.history, steps.history, evaluated, losses_of(model)


@pytest.mark.parametrize("name", sorted(KERAS["fits"]))
def test_a_fit_with_activity_regularizers_equals_tf_keras(name):
    model, history, steps, evaluated, after = run_fit(name)
    expected = KERAS["fits"][name]
    np.testing.assert_allclose(history["loss"], expected["history"]["loss"], rtol=1e-5)
    np.testing.assert_allclose(steps["loss"], expected["steps"]["loss"], rtol=1e-5)
    np.testing.assert_allclose(evaluated, expected["evaluate"], rtol=1e-5)
    np.testing.assert_allclose(after, expected["losses_after_call"], rtol=1e-5)
    for i, weight in enumerate(model.get_weights()):
        np.testing.assert_allclose(weight, ARRAYS[f"fit/{name}/final{i}"], rtol=1e-5,
                                   atol=1e-6)


@pytest.mark.parametrize("name", sorted(KERAS["fits"]))
def test_tracing_does_not_change_a_fit_with_activity_regularizers(name):
    plain = run_fit(name)
    with tracing.trace():
        traced = run_fit(name)
    assert plain[1:] == traced[1:]
    for a, b in zip(plain[0].get_weights(), traced[0].get_weights()):
        assert np.array_equal(a, b)


@pytest.mark.parametrize("name", sorted(KERAS["configs"]))
def test_config_with_an_activity_regularizer_is_tf_keras_s(name):
    clear_session()
    layer = CONFIGS[name](tracekeras)
    config = jsonable(layer.get_config())
    assert config == KERAS["configs"][name]
    again = type(layer).from_config(layer.get_config())
    assert jsonable(again.get_config())["activity_regularizer"] == config["activity_regularizer"]


@pytest.mark.parametrize("name", sorted(KERAS["errors"]))
def test_a_bad_activity_regularizer_raises_what_tf_keras_raises(name):
    clear_session()
    assert error_of(lambda: ERRORS[name](tracekeras)) == KERAS["errors"][name]


@pytest.mark.parametrize("name, fresh", [
    ("dense_number", lambda: layers.Dense(1)),
    ("conv2d_number", lambda: layers.Conv2D(1, 1)),
    ("lstm_list", lambda: layers.LSTM(1)),
    ("embedding_number", lambda: layers.Embedding(2, 1)),
])
def test_a_bad_activity_regularizer_is_refused_before_the_layer_takes_a_name(name, fresh):
    clear_session()
    with pytest.raises(ValueError):
        ERRORS[name](tracekeras)
    layer_name = fresh().name
    assert not layer_name[-1].isdigit(), layer_name


def test_a_saved_model_keeps_its_activity_regularizers(tmp_path):
    from tracekeras.models import load_model
    key = "eager/functional"
    model = fixture_model(EAGER["functional"][0], key)
    path = str(tmp_path / "model.keras")
    model.save(path)
    loaded = load_model(path)
    loaded(ARRAYS[f"{key}/x0"])
    np.testing.assert_allclose(losses_of(loaded), ARRAYS[f"{key}/losses"], rtol=1e-5,
                               atol=1e-7)


def test_a_failed_call_leaves_the_next_call_outermost():
    class Fails(layers.Layer):
        def call(self, inputs):
            raise ValueError("no")

    with pytest.raises(ValueError):
        Fails()(np.ones((2, 3), np.float32))
    dense = layers.Dense(2, activity_regularizer="l1")
    dense(np.ones((2, 3), np.float32))
    dense(np.ones((2, 3), np.float32))
    assert len(dense.losses) == 1
