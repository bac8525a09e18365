"""Stacked cells, stateful layers, dropout and unroll against tf_keras 2.21 (fixtures from
make_rnn_more_fixtures.py): outputs and gradients for the same weights, weight names, configs,
summaries, states carried from batch to batch, short fits and Keras's errors."""
import os

import numpy as np
import pytest

from tracekeras import layers, optimizers
from tracekeras.backend import GradientTape, clear_session, ops
from tracekeras.models import Model, Sequential

from .conv_helpers import error_of, jsonable, summary_lines
from .rnn_helpers import ATOL, DATA, MORE, RTOL, check_case, strip


@pytest.mark.parametrize("name", sorted(MORE["cases"]))
def test_forward_gradients_shapes_and_config_equal_tf_keras(name):
    check_case(name, "more")


def stacked():
    inputs = layers.Input(shape=(None, 5))
    x = layers.RNN([layers.LSTMCell(4), layers.LSTMCell(3)], return_sequences=True)(inputs)
    x = layers.RNN(layers.StackedRNNCells([layers.GRUCell(3), layers.SimpleRNNCell(2)]))(x)
    return Model(inputs, layers.Dense(1)(x))


def dropout_and_unroll():
    return Sequential([layers.Input(shape=(6, 4)),
                       layers.LSTM(8, dropout=0.2, recurrent_dropout=0.2, return_sequences=True),
                       layers.GRU(4, dropout=0.1, unroll=True), layers.Dense(2)])


def stateful_sequential():
    return Sequential([layers.LSTM(4, stateful=True, return_sequences=True,
                                   batch_input_shape=(2, 7, 3)),
                       layers.SimpleRNN(3, stateful=True), layers.Dense(1)])


def stacked_state():
    inputs = layers.Input(shape=(5, 4))
    outputs = layers.RNN([layers.LSTMCell(3), layers.GRUCell(2)], return_state=True)(inputs)
    return Model(inputs, outputs)


def stateful_model():
    return Sequential([layers.Input(batch_shape=(3, 5, 4)),
                       layers.LSTM(3, stateful=True, return_sequences=True),
                       layers.GRU(2, stateful=True)])


def bidirectional_stateful_model():
    return Sequential([
        layers.Input(batch_shape=(3, 5, 4)),
        layers.Bidirectional(layers.LSTM(2, stateful=True, return_sequences=True)),
        layers.SimpleRNN(2, stateful=True, go_backwards=True)])


SUMMARIES = {"stacked": stacked, "dropout_and_unroll": dropout_and_unroll,
             "stateful_sequential": stateful_sequential, "stacked_state": stacked_state,
             "stateful": stateful_model, "bidirectional_stateful": bidirectional_stateful_model}


@pytest.mark.parametrize("name", sorted(SUMMARIES))
def test_summary_is_tf_keras_s(name):
    clear_session()
    assert summary_lines(SUMMARIES[name]()) == MORE["summaries"][name]


def reset_not_stateful():
    layer = layers.LSTM(2)
    layer(np.zeros((1, 3, 2), np.float32))
    layer.reset_states()


def reset_wrong_count():
    layer = layers.GRU(2, stateful=True)
    layer(layers.Input(batch_shape=(3, 5, 4)))
    layer.reset_states([np.zeros((3, 2)), np.zeros((3, 2))])


ERRORS = {
    "stateful_without_batch_size": lambda: layers.LSTM(2, stateful=True)(layers.Input((5, 4))),
    "stateful_sequential_without_batch_size": lambda: Sequential(
        [layers.Input((5, 4)), layers.GRU(2, stateful=True)]),
    "reset_states_not_stateful": reset_not_stateful,
    "reset_states_wrong_count": reset_wrong_count,
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_errors_are_tf_keras_s(name):
    clear_session()
    assert error_of(ERRORS[name]) == MORE["errors"][name]


def test_a_state_of_the_wrong_shape_is_refused_with_both_shapes():
    """tf_keras prints the state Variable itself where the expected shape belongs; the facts
    (which state, which layer, the shape found) are the same."""
    clear_session()
    layer = layers.LSTM(2, stateful=True)
    layer(layers.Input(batch_shape=(3, 5, 4)))
    error = error_of(lambda: layer.reset_states([np.zeros((2, 2)), np.zeros((3, 2))]))
    keras_type, keras_message = MORE["errors"]["reset_states_wrong_shape"]
    assert error == ["ValueError", "State 0 is incompatible with layer lstm: expected "
                     "shape=(3, 2) but found shape=(2, 2)"]
    assert error[0] == keras_type
    assert keras_message.startswith(error[1][:50])
    assert keras_message.endswith("but found shape=(2, 2)")


@pytest.mark.parametrize("build, cls", [(lambda: layers.LSTM(2, unroll=True), "LSTM"),
                                        (lambda: layers.RNN(layers.LSTMCell(2), unroll=True),
                                         "RNN")])
def test_unroll_needs_a_known_number_of_timesteps(build, cls):
    """tf_keras's LSTM says so from its backend loop at call time (inside its "Exception
    encountered when calling layer" frame); tracekeras says the same words at build."""
    clear_session()
    error = error_of(lambda: build()(layers.Input((None, 4))))
    assert error[0] == "ValueError"
    if cls == "LSTM":
        assert error[1] in MORE["errors"]["unroll_unknown_time"][1]
    else:
        assert error[1].startswith("Cannot unroll a RNN if the time dimension is undefined.")


def test_a_stack_refuses_a_cell_without_call():
    error = error_of(lambda: layers.StackedRNNCells([layers.LSTMCell(2), object()]))
    keras_error = MORE["errors"]["stacked_cell_without_call"]
    assert error[0] == keras_error[0]
    assert error[1].split(" at 0x")[0] == keras_error[1].split(" at 0x")[0]


STATEFUL = np.load(os.path.join(DATA, "rnn_more_stateful.npz"))


def states_of(layer):
    if hasattr(layer, "forward_layer"):
        return list(layer.forward_layer.states) + list(layer.backward_layer.states)
    return list(layer.states)


STATEFUL_MODELS = {"stateful": stateful_model,
                   "bidirectional_stateful": bidirectional_stateful_model}


@pytest.mark.parametrize("name", sorted(STATEFUL_MODELS))
def test_stateful_layers_carry_their_states_from_batch_to_batch_as_tf_keras(name):
    """Three batches in a row, then reset_states() and the first again: outputs, the states
    kept after each call, and the gradients of the second call (which starts from the states
    the first one left, without backpropagating into it) equal tf_keras's."""
    clear_session()
    model = STATEFUL_MODELS[name]()
    expected = MORE["stateful"][name]

    def array(key):
        return STATEFUL[f"{name}/{key}"]
    assert [[w.name, list(w.shape)] for w in model.weights] == expected["weights"]
    model.set_weights([array(f"weight{i}") for i in range(len(model.weights))])
    for i in range(3):
        x = array(f"x{i}")
        if i == 1:
            with GradientTape() as tape:
                out = model(x)
                total = ops.reduce_sum(out * array("w"))
            grads = tape.gradient(total, model.trainable_weights)
            for k, grad in enumerate(grads):
                np.testing.assert_allclose(grad, array(f"dweight{k}"), rtol=RTOL, atol=ATOL)
        else:
            out = model(x)
        np.testing.assert_allclose(out.value, array(f"out{i}"), rtol=RTOL, atol=ATOL)
        for j, layer in enumerate(model.layers):
            for k, state in enumerate(states_of(layer)):
                np.testing.assert_allclose(state.value, array(f"states{i}/{j}/{k}"),
                                           rtol=RTOL, atol=ATOL)
    model.reset_states()
    assert all(not np.any(s.value) for layer in model.layers for s in states_of(layer))
    np.testing.assert_allclose(model(array("x0")).value, array("out_after_reset"),
                               rtol=RTOL, atol=ATOL)
    for layer, config in zip(model.layers, expected["configs"]):
        assert strip(jsonable(layer.get_config())) == strip(config)


def test_reset_states_takes_values_and_a_stateful_layer_prefers_its_kept_states():
    """reset_states(values) sets the states; an initial_state passed to the call counts only
    while the kept states are zeros (Keras's rule)."""
    clear_session()
    layer = layers.GRU(2, stateful=True)
    layer(layers.Input(batch_shape=(3, 5, 4)))
    x = np.random.default_rng(0).standard_normal((3, 5, 4)).astype(np.float32)
    start = np.full((3, 2), 0.5, np.float32)
    plain = layers.GRU(2)
    plain.build((3, 5, 4))
    plain.set_weights(layer.get_weights())
    np.testing.assert_allclose(layer(x, initial_state=[start]).value,
                               plain(x, initial_state=[start]).value, rtol=1e-6)
    kept = layer.states[0].value
    np.testing.assert_allclose(layer(x, initial_state=[start]).value,
                               plain(x, initial_state=[kept]).value, rtol=1e-6)
    layer.reset_states([start])
    np.testing.assert_array_equal(layer.states[0].value, start)


FIT = np.load(os.path.join(DATA, "rnn_more_fit.npz"))


def stacked_model():
    return Sequential([layers.Input(shape=(6, 3)),
                       layers.RNN([layers.LSTMCell(4), layers.GRUCell(3)]),
                       layers.Dense(3, activation="softmax")])


def backwards_model():
    return Sequential([layers.Input(shape=(6, 3)), layers.Masking(),
                       layers.GRU(3, reset_after=False, go_backwards=True,
                                  return_sequences=True),
                       layers.SimpleRNN(2, go_backwards=True),
                       layers.Dense(1, activation="sigmoid")])


def stateful_fit_model():
    return Sequential([layers.Input(batch_shape=(8, 6, 3)), layers.LSTM(4, stateful=True),
                       layers.Dense(1, activation="sigmoid")])


FITS = {"stacked": stacked_model, "backwards": backwards_model, "stateful": stateful_fit_model}


@pytest.mark.parametrize("name", sorted(FITS))
def test_two_epochs_of_fit_follow_tf_keras(name):
    """Same initial weights and batches: the losses, accuracies, final weights (and, for the
    stateful model, the states left by the last batch) agree."""
    clear_session()
    expected = MORE["fits"][name]
    model = FITS[name]()
    count = len(model.get_weights())
    model.set_weights([FIT[f"{name}/initial{i}"] for i in range(count)])
    model.compile(optimizer=optimizers.Adam(learning_rate=0.01), loss=expected["loss"],
                  metrics=["accuracy"])
    history = model.fit(FIT[f"{name}/x"], FIT[f"{name}/y"], batch_size=expected["batch_size"],
                        epochs=2, shuffle=False, verbose=0)
    np.testing.assert_allclose(history.history["loss"], expected["history"]["loss"],
                               rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(history.history["accuracy"], expected["history"]["accuracy"],
                               atol=1e-6)
    for i, weight in enumerate(model.get_weights()):
        np.testing.assert_allclose(weight, FIT[f"{name}/final{i}"], rtol=1e-4, atol=1e-5)
    if name == "stateful":
        for i, state in enumerate(model.layers[0].states):
            np.testing.assert_allclose(state.value, FIT[f"{name}/state{i}"], rtol=1e-4,
                                       atol=1e-5)


def test_model_reset_states_reaches_a_stateful_model_inside_a_model():
    clear_session()
    inner = Sequential([layers.Input(batch_shape=(2, 4, 3)), layers.GRU(2, stateful=True)])
    inputs = layers.Input(batch_shape=(2, 4, 3))
    outer = Model(inputs, layers.Dense(1)(inner(inputs)))
    assert outer.stateful and inner.stateful
    x = np.random.default_rng(0).standard_normal((2, 4, 3)).astype(np.float32)
    first = outer(x).value
    assert not np.allclose(outer(x).value, first)
    outer.reset_states()
    np.testing.assert_array_equal(outer(x).value, first)
