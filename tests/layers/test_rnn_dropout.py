"""dropout and recurrent_dropout of SimpleRNN, LSTM, GRU and their cells: Keras's rules (masks
drawn once per call and shared by its timesteps, one per gate with implementation 1, the
fused LSTM/GRU road's mask over the whole sequence, nothing dropped outside training), the
statistics of the masks, and gradients through them.

The masked numbers cannot be compared with tf_keras's: the masks come from tracekeras's
generator (NumPy's), not TensorFlow's, so only their rules and statistics are checked here;
with training=False the outputs equal the layer's without dropout, which the fixtures of
make_rnn_more_fixtures.py compare with tf_keras (the *_dropout_inference cases)."""
import numpy as np
import pytest

from tracekeras import layers, optimizers, utils
from tracekeras.backend import GradientTape, Tensor, clear_session, ops
from tracekeras.models import Sequential

RNG = np.random.default_rng(0)
X = RNG.standard_normal((4, 6, 5)).astype(np.float32)
KINDS = {"SimpleRNN": layers.SimpleRNN, "LSTM": layers.LSTM, "GRU": layers.GRU}
RATES = [{"dropout": 0.4}, {"recurrent_dropout": 0.3}, {"dropout": 0.3, "recurrent_dropout": 0.2}]


def pair(kind, rates, **kwargs):
    """A layer with dropout and the same layer (same weights) without."""
    with_dropout = KINDS[kind](3, return_sequences=True, **rates, **kwargs)
    without = KINDS[kind](3, return_sequences=True, **kwargs)
    with_dropout.build(X.shape)
    without.build(X.shape)
    without.set_weights(with_dropout.get_weights())
    return with_dropout, without


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("rates", RATES, ids=str)
def test_outside_training_the_layer_is_the_one_without_dropout(kind, rates):
    clear_session()
    with_dropout, without = pair(kind, rates)
    expected = without(X).value
    np.testing.assert_allclose(with_dropout(X).value, expected, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(with_dropout(X, training=False).value, expected,
                               rtol=1e-6, atol=1e-6)
    training = with_dropout(X, training=True).value
    assert not np.allclose(training, expected)


def linear_simple_rnn(**kwargs):
    """SimpleRNN(units=features), identity kernels, no bias, linear: h_t = x_t + h_{t-1}, the
    masks applied where Keras applies them (x_t * mask, h_{t-1} * recurrent mask)."""
    layer = layers.SimpleRNN(X.shape[-1], activation=None, use_bias=False,
                             return_sequences=True, **kwargs)
    layer.build(X.shape)
    eye = np.eye(X.shape[-1], dtype=np.float32)
    layer.set_weights([eye, eye])
    return layer


def test_one_input_mask_per_call_shared_by_every_timestep():
    """With ones as input and identity kernels, step t's output minus step t-1's is the input
    mask: the same at every step, 0 or 1 / (1 - rate), a new one at the next call."""
    clear_session()
    utils.set_random_seed(1)
    layer = linear_simple_rnn(dropout=0.5)
    ones = np.ones((400, 6, 5), np.float32)
    out = layer(ones, training=True).value
    mask = out[:, 0]
    np.testing.assert_allclose(np.diff(out, axis=1), np.repeat(mask[:, None], 5, axis=1))
    assert set(np.unique(mask)) == {0.0, 2.0}
    assert abs((mask == 0).mean() - 0.5) < 0.03
    assert not np.array_equal(layer(ones, training=True).value[:, 0], mask)


def test_one_recurrent_mask_per_call_shared_by_every_timestep():
    """h_1 = 1, h_2 = 1 + m, h_3 = 1 + (1 + m) * m: the same mask m at every step."""
    clear_session()
    utils.set_random_seed(2)
    layer = linear_simple_rnn(recurrent_dropout=0.25)
    out = layer(np.ones((400, 6, 5), np.float32), training=True).value
    np.testing.assert_array_equal(out[:, 0], 1.0)
    mask = out[:, 1] - 1.0
    np.testing.assert_allclose(out[:, 2], 1.0 + (1.0 + mask) * mask, rtol=1e-6)
    np.testing.assert_allclose(np.unique(mask), [0.0, 1 / 0.75], rtol=1e-6)
    assert abs((mask == 0).mean() - 0.25) < 0.03


@pytest.mark.parametrize("kind, masks", [("LSTM", 4), ("GRU", 3)])
def test_recurrent_dropout_gives_each_gate_its_own_masks(kind, masks):
    """recurrent_dropout forces implementation 1: one input and one recurrent mask per gate,
    of a timestep's shape, drawn at the call's first step and kept for its other steps."""
    clear_session()
    layer = KINDS[kind](3, dropout=0.5, recurrent_dropout=0.5)
    layer.build(X.shape)
    assert layer.cell.implementation == 1 and layer.implementation == 1
    layer(X, training=True)
    cell = layer.cell
    dp = cell.get_dropout_mask_for_cell(Tensor(X[:, 0]), True, count=masks)
    rec = cell.get_recurrent_dropout_mask_for_cell(Tensor(np.zeros((4, 3))), True, count=masks)
    assert [m.shape for m in dp] == [(4, 5)] * masks
    assert [m.shape for m in rec] == [(4, 3)] * masks
    assert len({m.value.tobytes() for m in dp + rec}) == 2 * masks
    cell.reset_dropout_mask()
    assert cell.get_dropout_mask_for_cell(Tensor(X[:, 0]), True, count=masks)[0] is not dp[0]


@pytest.mark.parametrize("kind", ["LSTM", "GRU"])
def test_the_fused_road_draws_its_input_mask_over_the_whole_sequence(kind):
    """Keras's default LSTM/GRU (no recurrent dropout) take the cuDNN-compatible road: the
    layer multiplies the whole (batch, time, features) input by one mask, a new value at each
    timestep, and the cell runs without masks."""
    clear_session()
    layer = KINDS[kind](3, dropout=0.5)
    layer.build(X.shape)
    assert layer.could_use_gpu_kernel() and layer.cell.implementation == 2
    layer(X, training=True)
    sequence_mask = layer.get_dropout_mask_for_cell(Tensor(X), True)
    assert [m.shape for m in sequence_mask] == [X.shape] * (4 if kind == "LSTM" else 3)
    assert layer.cell.__dict__.get("_dropout_mask_cache") is None
    assert not layer.__class__(3, dropout=0.5, activation="relu").could_use_gpu_kernel()


def test_masks_are_not_drawn_outside_training_nor_on_placeholders():
    """The generator moves only for training calls on real data: the masks of the next
    training call do not depend on how many inference or functional calls came before."""
    clear_session()
    layer = linear_simple_rnn(dropout=0.5, recurrent_dropout=0.5)
    utils.set_random_seed(3)
    first = layer(np.ones((8, 6, 5), np.float32), training=True).value
    utils.set_random_seed(3)
    layer(np.ones((8, 6, 5), np.float32))
    layer(layers.Input((6, 5)), training=True)
    np.testing.assert_array_equal(layer(np.ones((8, 6, 5), np.float32), training=True).value,
                                  first)


def test_dropped_inputs_get_no_gradient():
    """Recurrent kernel 0: the last output is (x_T * mask) @ I, so d sum / d x_T is the mask
    and the earlier timesteps get nothing."""
    clear_session()
    utils.set_random_seed(4)
    layer = layers.SimpleRNN(5, activation=None, use_bias=False, dropout=0.5)
    layer.build(X.shape)
    layer.set_weights([np.eye(5, dtype=np.float32), np.zeros((5, 5), np.float32)])
    x = Tensor(X)
    with GradientTape() as tape:
        tape.watch(x)
        out = layer(x, training=True)
        total = ops.reduce_sum(out)
    grad = tape.gradient(total, x)
    mask = np.asarray(layer.cell.get_dropout_mask_for_cell(x[:, 0], True).value)
    np.testing.assert_allclose(out.value, X[:, -1] * mask, rtol=1e-6)
    np.testing.assert_allclose(grad[:, -1], mask)
    np.testing.assert_array_equal(grad[:, :-1], 0.0)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_gradients_through_the_masks_match_finite_differences(kind):
    """The same seed gives the same masks, so the loss is a function of the weights alone:
    its tape gradient equals central differences (float64)."""
    clear_session()
    layer = KINDS[kind](3, dropout=0.3, recurrent_dropout=0.3, dtype="float64")
    x = X.astype(np.float64)
    layer.build(x.shape)

    def loss():
        utils.set_random_seed(5)
        return ops.reduce_sum(ops.square(layer(x, training=True)))
    with GradientTape() as tape:
        value = loss()
    grads = tape.gradient(value, layer.trainable_weights)
    for weight, grad in zip(layer.trainable_weights, grads):
        start = weight.numpy().copy()
        index = tuple(np.unravel_index(np.argmax(np.abs(grad)), start.shape))
        numeric = []
        for sign in (1, -1):
            moved = start.copy()
            moved[index] += sign * 1e-6
            weight.assign(moved)
            numeric.append(loss().numpy())
        weight.assign(start)
        np.testing.assert_allclose(grad[index], (numeric[0] - numeric[1]) / 2e-6, rtol=1e-5)


def test_fit_trains_with_dropout_and_predict_runs_without():
    """fit calls the model with training=True (masks drawn, the same ones under the same
    seed); predict with training=False gives what the model without dropout gives."""
    def model(rate):
        return Sequential([layers.Input((6, 5)),
                           layers.LSTM(4, dropout=rate, recurrent_dropout=rate),
                           layers.Dense(1)])
    y = RNG.standard_normal((4, 1)).astype(np.float32)
    histories = []
    for _ in range(2):
        clear_session()
        utils.set_random_seed(6)
        m = model(0.3)
        m.compile(optimizer=optimizers.SGD(0.1), loss="mse")
        histories.append(m.fit(X, y, epochs=3, verbose=0).history["loss"])
    assert histories[0] == histories[1]
    plain = model(0.0)
    plain.set_weights(m.get_weights())
    np.testing.assert_allclose(m.predict(X, verbose=0), plain.predict(X, verbose=0), rtol=1e-6)
    clear_session()
    utils.set_random_seed(6)
    m = model(0.0)
    m.compile(optimizer=optimizers.SGD(0.1), loss="mse")
    assert m.fit(X, y, epochs=3, verbose=0).history["loss"] != histories[0]
