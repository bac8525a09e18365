"""An LSTM's steps as one op (``backend.lstm_ops.lstm_sequence``): the same bits as the loop
of ``lstm_step`` nodes it replaces, forward and every gradient, in each way of calling it,
but the recurrent kernel's gradient (one product over all the steps instead of a sum of one
a step: the same up to rounding), which is the same bits on one thread or two."""
import numpy as np
import pytest

from tracekeras import layers
from tracekeras.backend import GradientTape, Tensor, ops, parallel
from tracekeras.backend import rnn as backend_rnn
from tracekeras.layers.rnn.lstm import LSTMCell


def run(monkeypatch, fused, return_sequences, go_backwards, return_state, stateful=False,
        batch=4):
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
    x = Tensor(rng.standard_normal((batch, 7, 5)).astype(np.float32))
    h0, c0 = (Tensor(rng.standard_normal((batch, 6)).astype(np.float32)) for _ in range(2))
    layer = layers.LSTM(6, return_sequences=return_sequences, go_backwards=go_backwards,
                        return_state=return_state, stateful=stateful)
    layer.build((batch, 7, 5))
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
    recurrent_kernel = len(fused) - 2     # the weights: kernel, recurrent_kernel, bias
    for k, (a, b) in enumerate(zip(fused, loop)):
        assert a.dtype == b.dtype and a.shape == b.shape
        if k == recurrent_kernel:
            np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
        else:
            assert np.array_equal(a, b), k


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


@pytest.mark.parametrize("go_backwards", [False, True])
def test_the_recurrent_kernel_s_gradient_has_the_same_bits_on_one_thread_or_two(
        monkeypatch, go_backwards):
    monkeypatch.setattr(parallel, "MIN_BYTES", 1)       # split even this small sequence
    monkeypatch.setattr(parallel, "CHUNK_BYTES", 480)   # 5 rows of 24 float32: 8 chunks
    pieces = []
    each = parallel.each
    monkeypatch.setattr(parallel, "each", lambda fn, items, nbytes: pieces.append(len(items))
                        or each(fn, items, nbytes))
    results = {}
    for workers in (1, 2):
        with parallel.enabled(workers), monkeypatch.context() as patch:
            results[workers] = run(patch, True, True, go_backwards, True, batch=6)
    # the kernel's and the recurrent kernel's gradients: 6 rows x 7 steps in chunks of 5 rows
    assert pieces == [9, 9] * 2
    for a, b in zip(results[1], results[2]):
        assert a.dtype == b.dtype and np.array_equal(a, b)
