"""Bidirectional, TimeDistributed and Masking against tf_keras 2.21 (fixtures from
make_rnn_fixtures.py): outputs and gradients for the same weights in every merge mode, with
return_state, initial_state, masks and a custom backward layer; a mask made by Masking
travelling through two LSTMs in a Sequential model."""
import os

import numpy as np
import pytest

from tracekeras import layers
from tracekeras.backend import GradientTape, Tensor, clear_session
from tracekeras.models import Sequential

from .rnn_helpers import DATA, KERAS, check_case

CASES = sorted(name for name, case in KERAS["cases"].items()
               if case["layer"][0] in ("Bidirectional", "TimeDistributed"))
MASKED = np.load(os.path.join(DATA, "rnn_masked_model.npz"))


@pytest.mark.parametrize("name", CASES)
def test_forward_gradients_shapes_and_config_equal_tf_keras(name):
    check_case(name)


def masked_model():
    return Sequential([layers.Input(shape=(5, 4)), layers.Masking(mask_value=0.0),
                       layers.LSTM(3, return_sequences=True), layers.LSTM(2)])


def test_masking_zeroes_masked_steps_and_hands_on_its_mask():
    clear_session()
    masking = layers.Masking()
    out = masking(MASKED["x"])
    np.testing.assert_array_equal(out.value, MASKED["masking_out"])
    np.testing.assert_array_equal(out.keras_mask.value, MASKED["masking_mask"])
    np.testing.assert_array_equal(masking.compute_mask(MASKED["x"]).value,
                                  MASKED["masking_mask"])


def test_masking_then_two_lstms_follow_tf_keras():
    """The mask Masking makes reaches the first LSTM, which hands it on with its sequence."""
    clear_session()
    model = masked_model()
    model.set_weights([MASKED[f"weight{i}"] for i in range(len(model.weights))])
    x = Tensor(MASKED["x"])
    with GradientTape() as tape:
        tape.watch(x)
        out = model(x)
    grads = tape.gradient(out, [x] + model.trainable_weights, output_gradients=MASKED["w"])
    np.testing.assert_allclose(out.value, MASKED["out"], rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(grads[0], MASKED["dx"], rtol=1e-5, atol=1e-5)
    for i, grad in enumerate(grads[1:]):
        np.testing.assert_allclose(grad, MASKED[f"dweight{i}"], rtol=1e-5, atol=1e-5)


def test_an_explicit_mask_is_the_same_as_masking():
    clear_session()
    model = masked_model()
    model.set_weights([MASKED[f"weight{i}"] for i in range(len(model.weights))])
    _, first, second = model.layers
    mask = MASKED["masking_mask"]
    hidden = first(MASKED["x"], mask=mask)
    out = second(hidden, mask=mask)
    np.testing.assert_allclose(out.value, MASKED["out"], rtol=1e-5, atol=1e-5)
    np.testing.assert_array_equal(np.asarray(hidden.keras_mask), mask)


def test_no_mask_differs_from_the_masked_run():
    """The fixture's masked steps matter: without Masking the numbers are not tf_keras's."""
    clear_session()
    model = masked_model()
    model.set_weights([MASKED[f"weight{i}"] for i in range(len(model.weights))])
    _, first, second = model.layers
    out = second(first(MASKED["x"]))
    assert not np.allclose(out.value, MASKED["out"], atol=1e-3)


def test_bidirectional_weights_are_named_in_the_model():
    clear_session()
    model = Sequential([layers.Input(shape=(5, 4)),
                        layers.Bidirectional(layers.LSTM(3, return_sequences=True)),
                        layers.TimeDistributed(layers.Dense(2))])
    assert [w.name for w in model.weights] == [
        "bidirectional/forward_lstm/lstm_cell/kernel:0",
        "bidirectional/forward_lstm/lstm_cell/recurrent_kernel:0",
        "bidirectional/forward_lstm/lstm_cell/bias:0",
        "bidirectional/backward_lstm/lstm_cell/kernel:0",
        "bidirectional/backward_lstm/lstm_cell/recurrent_kernel:0",
        "bidirectional/backward_lstm/lstm_cell/bias:0",
        "time_distributed/kernel:0", "time_distributed/bias:0"]
