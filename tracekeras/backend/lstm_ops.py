"""The LSTM's steps as fused ops: one step (``lstm_step``) or a whole sequence (``lstm_sequence``).

What it owns: the arithmetic of an LSTM step with Keras's default activations (sigmoid
gates, tanh cell), ``lstm_cell`` forwards and ``lstm_cell_grad`` backwards, and the two ops
made of it, each with its backward rule beside its forward:

* ``lstm_step(projected, h, c, recurrent_kernel)``: one step as one tape node (instead of
  about fifteen), which ``LSTMCell.call`` records at every step of a masked sequence;
* ``lstm_sequence(projected, h0, c0, recurrent_kernel, go_backwards)``: every step of an
  unmasked sequence as one op, whose backward walks the steps back itself. Keras reaches
  for the same device on a GPU: its LSTM layer hands the whole sequence to cuDNN's fused
  kernel (``gpu_lstm``) when the layer's arguments allow it, and runs the cell's ops step
  by step (``standard_lstm``) otherwise.

Both give the same bits for ``h``, ``c`` and every gradient but the recurrent kernel's: a
step's part of it is ``h.T @ dz``, which ``lstm_step``'s nodes add up step by step on the
tape, while ``lstm_sequence`` takes the sum over all the steps as one product at the end
(``parallel.rows_product_sum``: fixed chunks of rows, shared among the threads, added in
float64), the same numbers up to rounding.

Speed (why the arithmetic is written with ``out=``): a sequence of 200 steps runs about
thirty NumPy calls a step on arrays of a few thousand numbers, where each call's own cost
(about a microsecond) is as large as its work; the calls are as few as the arithmetic
allows. Python threads do not help here: two threads each walking half the batch ran
slower than one (each call hands the GIL over).

What it receives: Tensors from ``backend.rnn.rnn`` (``LSTMCell.sequence_kernel`` says when
the step is the default one) and from ``LSTMCell.call``. What it hands on: Tensors a tape
can follow. No trace events of its own beyond the tape's op instants at level ``full``.
"""
import numpy as np

from . import parallel
from .tape import record
from .tensor import convert


def lstm_cell(z, cv, hc, gates, tanh_c):
    """One LSTM step forwards from ``z = projected + h @ recurrent_kernel`` (``(rows, 4
    units)``: the input, forget, cell and output blocks) and the previous ``c``.

    Writes ``[h', c']`` into ``hc``, the sigmoid of the input, forget and output blocks and
    ``g = tanh`` of the cell block into ``gates``, and ``tanh(c')`` into ``tanh_c``: what
    ``lstm_cell_grad`` needs. ``c' = f * c + i * g``, ``h' = o * tanh(c')``. (The sigmoid
    runs over all four blocks in one pass; the cell block's is then overwritten.)"""
    u = cv.shape[-1]
    np.divide(1, 1 + np.exp(-z), out=gates)
    g = np.tanh(z[..., 2 * u:3 * u], out=gates[..., 2 * u:3 * u])
    np.add(gates[..., u:2 * u] * cv, gates[..., :u] * g, out=hc[..., u:])
    np.tanh(hc[..., u:], out=tanh_c)
    np.multiply(gates[..., 3 * u:], tanh_c, out=hc[..., :u])


def lstm_cell_grad(gh, gc, cv, gates, tanh_c, dz):
    """``lstm_cell`` backwards: from the gradients of ``h'`` and ``c'`` (``gh``, ``gc``), the
    gradient of ``z`` written into ``dz``; returns the whole gradient of ``c'`` (``gc`` plus
    what reaches it through ``h'``), from which the previous ``c``'s is ``gc * f``.

    ``dz`` is ``[gc * g, gc * c, gc * i, gh * tanh(c')]`` times each block's derivative:
    ``s(1 - s)`` of the sigmoid blocks (one pass over all four) and ``1 - g**2`` of the
    cell block."""
    u = gh.shape[-1]
    i, f, g, o = (gates[..., k * u:(k + 1) * u] for k in range(4))
    gc = gc + gh * o * (1 - tanh_c * tanh_c)
    slope = gates * (1 - gates)
    np.subtract(1, g * g, out=slope[..., 2 * u:3 * u])
    np.multiply(gc, g, out=dz[..., :u])
    np.multiply(gc, cv, out=dz[..., u:2 * u])
    np.multiply(gc, i, out=dz[..., 2 * u:3 * u])
    np.multiply(gh, tanh_c, out=dz[..., 3 * u:])
    np.multiply(dz, slope, out=dz)
    return gc


def lstm_step(projected, h, c, recurrent_kernel):
    """One LSTM step with Keras's default activations, fused: ``[h', c']`` side by side.

    ``z = projected + h @ recurrent_kernel`` cut into the input, forget, cell and output
    gates; ``c' = f * c + i * tanh(z_c)``, ``h' = o * tanh(c')`` (``lstm_cell``). The same
    numbers as the cell's ops one by one, as one tape node (its backward: ``lstm_cell_grad``).
    """
    projected, h, c, kernel = (convert(t) for t in (projected, h, c, recurrent_kernel))
    hv, cv, kv = h.value, c.value, kernel.value
    z = projected.value + hv @ kv
    u = cv.shape[-1]
    hc = np.empty(z.shape[:-1] + (2 * u,), z.dtype)
    gates, tanh_c = np.empty_like(z), np.empty_like(hc[..., :u])
    lstm_cell(z, cv, hc, gates, tanh_c)

    def backward(grad, needs):
        dz = np.empty_like(gates)
        gc = lstm_cell_grad(grad[..., :u], grad[..., u:], cv, gates, tanh_c, dz)
        return (dz if needs[0] else None, dz @ kv.T if needs[1] else None,
                gc * gates[..., u:2 * u] if needs[2] else None, hv.T @ dz if needs[3] else None)
    return record("lstm_step", hc, (projected, h, c, kernel), backward)


def lstm_sequence(projected, h0, c0, recurrent_kernel, go_backwards=False):
    """Every step of an LSTM with Keras's default activations as one op: ``[h_t, c_t]`` of
    each step, side by side, ``(steps, batch, 2 units)`` in the order the steps ran.

    ``projected``: ``(batch, time, 4 units)``, the inputs already through the kernel and
    bias. Each step is ``lstm_step``'s arithmetic (``lstm_cell``), and the backward walks
    the steps back (backpropagation through time) as the tape walks ``lstm_step`` nodes:
    each step's ``[h, c]`` gradient is what reached it from outside plus what the next step
    hands back. Speed: one tape node instead of a few a step (about a third of an
    Embedding + bidirectional LSTM epoch was their records, closures and slices).
    """
    projected, h0, c0, kernel = (convert(t) for t in (projected, h0, c0, recurrent_kernel))
    xv, kv = projected.value, kernel.value
    steps, u = xv.shape[1], h0.value.shape[-1]
    order = range(steps - 1, -1, -1) if go_backwards else range(steps)
    out = np.empty((steps,) + h0.value.shape[:-1] + (2 * u,),
                   dtype=np.result_type(xv, h0.value, kv))
    gates = np.empty((steps,) + xv.shape[:1] + xv.shape[2:], dtype=out.dtype)
    tanh_c = np.empty(out.shape[:-1] + (u,), dtype=out.dtype)
    hv, cv = h0.value, c0.value
    for s, t in enumerate(order):
        lstm_cell(xv[:, t] + hv @ kv, cv, out[s], gates[s], tanh_c[s])
        hv, cv = out[s, :, :u], out[s, :, u:]

    def backward(grad, needs):
        dz_all = np.empty_like(gates)   # dz of each step, in the order the steps ran
        kt = kv.T
        back_h = back_c = None
        for s in range(steps - 1, -1, -1):
            gh, gc = grad[s, :, :u], grad[s, :, u:]
            if back_h is not None:
                gh, gc = gh + back_h, gc + back_c
            cv = out[s - 1, :, u:] if s else c0.value
            gc = lstm_cell_grad(gh, gc, cv, gates[s], tanh_c[s], dz_all[s])
            back_h, back_c = dz_all[s] @ kt, gc * gates[s, :, u:2 * u]
        d_kernel = None
        if needs[3]:   # each step's h.T @ dz, summed over the steps as one product
            h_before = np.concatenate([h0.value[None], out[:-1, :, :u]])
            d_kernel = parallel.rows_product_sum(h_before.reshape(-1, u),
                                                 dz_all.reshape(-1, 4 * u))
        dx = np.swapaxes(dz_all[::-1] if go_backwards else dz_all, 0, 1) if needs[0] else None
        return dx, back_h if needs[1] else None, back_c if needs[2] else None, d_kernel
    return record("lstm_sequence", out, (projected, h0, c0, kernel), backward)
