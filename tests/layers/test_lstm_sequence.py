"""An LSTM's steps as one op (``backend.rnn.lstm_sequence``): the same bits as the loop of
``lstm_step`` nodes it replaces, forward and every gradient, in each way of calling it."""
import numpy as np
import pytest

from tracekeras import layers
from tracekeras.backend import GradientTape, Tensor, ops
from tracekeras.backend import rnn as backend_rnn
from tracekeras.layers.rnn.lstm import LSTMCell


def run(monkeypatch, fused, return_sequences, go_backwards, return_state, stateful=False):
    """Outputs and gradients of one LSTM call (fixed weights, inputs and states), with the
    steps as one op or (``fused`` False) as the loop of ``lstm_step`` nodes."""
    calls = []
    if fused:
        sequence = backend_rnn.lstm_sequence
        monkeypatch.setattr(backend_rnn, "lstm_sequence",
                            lambda *a, **k: calls.append(1) or sequence(*a, **k))
    else:
        monkeypatch.setattr(LSTMCell, "sequence_kernel", lambda self: None)
    rng = np.random.default_rng(5)
    x = Tensor(rng.standard_normal((4, 7, 5)).astype(np.float32))
    h0, c0 = (Tensor(rng.standard_normal((4, 6)).astype(np.float32)) for _ in range(2))
    layer = layers.LSTM(6, return_sequences=return_sequences, go_backwards=go_backwards,
                        return_state=return_state, stateful=stateful)
    layer.build((4, 7, 5))
    layer.set_weights([rng.standard_normal(w.shape).astype(np.float32) * 0.5
                       for w in layer.get_weights()])
    with GradientTape() as tape:
        tape.watch(x)
        tape.watch(h0)
        tape.watch(c0)
        out = layer(x) if stateful else layer(x, initial_state=[h0, c0])
        pieces = out if return_state else [out]
        loss = None
        for p in pieces:     # every output and state reaches the loss by weights of its own
            term = ops.reduce_sum(ops.multiply(
                p, Tensor(rng.standard_normal(p.shape).astype(np.float32))))
            loss = term if loss is None else ops.add(loss, term)
    sources = [x] + ([] if stateful else [h0, c0]) + list(layer.trainable_weights)
    grads = tape.gradient(loss, sources)
    assert len(calls) == (1 if fused else 0)
    return [np.asarray(p.numpy()) for p in pieces] + [np.asarray(g) for g in grads]


@pytest.mark.parametrize("return_sequences, go_backwards, return_state", [
    (True, False, False), (False, False, False), (True, True, True), (False, True, True)])
def test_the_steps_as_one_op_give_the_loop_s_bits(monkeypatch, return_sequences,
                                                   go_backwards, return_state):
    with monkeypatch.context() as patch:
        fused = run(patch, True, return_sequences, go_backwards, return_state)
    with monkeypatch.context() as patch:
        loop = run(patch, False, return_sequences, go_backwards, return_state)
    assert len(fused) == len(loop)
    for a, b in zip(fused, loop):
        assert a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b)


def test_a_mask_or_other_activations_keep_the_loop(monkeypatch):
    calls = []
    monkeypatch.setattr(backend_rnn, "lstm_sequence", lambda *a, **k: calls.append(1))
    x = np.ones((2, 3, 4), np.float32)
    x[0, 2] = 0
    layers.LSTM(3, activation="relu")(x)
    masked = layers.Masking()(x)
    layers.LSTM(3)(masked)
    layers.LSTM(3, recurrent_dropout=0.5)(x, training=True)
    assert calls == []
