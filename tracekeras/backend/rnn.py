"""The recurrent loop (``keras.backend.rnn``) and the ops it needs to walk a sequence.

What it owns:

* ``rnn(step_function, inputs, initial_states, go_backwards, mask, zero_output_for_mask,
  return_all_outputs)``: Keras's backend loop. It turns the ``(batch, time, ...)`` inputs
  time-major, cuts them into one Tensor per timestep (``unstack``), calls
  ``step_function(input_t, states) -> (output_t, new_states)`` once per step (in reverse
  order with ``go_backwards``), and where the mask of a sample is False it keeps that
  sample's previous states and previous output (or zeros with ``zero_output_for_mask``).
  It returns ``(last_output, outputs, new_states)``, ``outputs`` stacked back to
  ``(batch, time, ...)`` in the order the steps ran. Inputs and the step's outputs may
  be nested (a tuple of sequences of different ranks): each Tensor is cut, masked and
  stacked on its own, and the results keep the step output's structure.
* the ops, each with its backward rule beside its forward: ``transpose``, ``reverse``,
  ``unstack``, ``stack`` and ``split`` (a cell's gates); ``gru_step``, one step of the GRU
  cell with Keras's default activations fused into one op (one tape node a step instead of
  about fifteen); and ``take_step`` and ``batch_major``, which hand on the last states and
  the outputs of ``lstm_sequence`` (``lstm_ops``: all the steps of such an LSTM over an
  unmasked sequence as one op, which ``rnn(..., lstm_kernel=...)`` runs).

Every step is made of ordinary differentiable ops, so a GradientTape differentiates the
loop as it ran (backpropagation through time). ``unstack`` hands each timestep its own
Tensor but gathers their gradients into one array (a scalar "anchor" node, recorded
before the pieces, collects them), so the backward pass costs O(sequence), not
O(sequence x timesteps).

What it receives: a step function from ``layers.rnn.base_rnn.RNN.call``; Tensors.

What it hands on: Tensors a tape can follow.

Trace events: span ``keras.backend.rnn`` (stage backend: timesteps, go_backwards,
masked); the tape's op instants at trace level ``full``.
"""
import numpy as np

from tracekeras import tracing
from tracekeras.utils.nest import flatten, pack_sequence_as

from . import ops
from .lstm_ops import lstm_sequence
from .tape import record
from .tensor import Tensor, convert


def transpose(x, perm):
    x = convert(x)
    inverse = np.argsort(perm)
    return record("tf.transpose", np.transpose(x.value, perm), (x,),
                  lambda g, needs: (np.transpose(g, inverse),))


def reverse(x, axis):
    """``tf.reverse`` along one axis (a view of the input, reversed)."""
    x = convert(x)
    index = (slice(None),) * (axis % x.ndim) + (slice(None, None, -1),)
    return record("tf.reverse", x.value[index], (x,), lambda g, needs: (g[index],))


def unstack(x):
    """``tf.unstack`` along axis 0: one Tensor per entry, gradients gathered into one array."""
    x = convert(x)
    xv = x.value
    gathered = [None]

    def anchor_backward(g, needs):
        out = gathered[0] if gathered[0] is not None else np.zeros_like(xv)
        gathered[0] = None
        return (out,)
    # The pieces hand the anchor a scalar 0 and write their real gradient into ``gathered``;
    # the anchor, recorded first and so walked last, passes the whole array on to ``x``.
    anchor = record("tf.unstack", np.zeros((), xv.dtype), (x,), anchor_backward)

    def piece(t):
        def backward(g, needs):
            if gathered[0] is None:
                gathered[0] = np.zeros_like(xv)
            gathered[0][t] += g
            return (np.zeros((), g.dtype),)
        return record("tf.unstack", xv[t], (anchor,), backward)
    return [piece(t) for t in range(xv.shape[0])]


def split(x, num):
    """``tf.split`` of the last axis into ``num`` equal blocks (a gate's columns each)."""
    x = convert(x)
    xv = x.value
    width = xv.shape[-1] // num

    def block(k):
        columns = (Ellipsis, slice(k * width, (k + 1) * width))

        def backward(g, needs):
            out = np.zeros_like(xv)
            out[columns] = g
            return (out,)
        return record("tf.split", xv[columns], (x,), backward)
    return [block(k) for k in range(num)]


def stack(tensors, axis=0):
    tensors = [convert(t) for t in tensors]
    out = np.stack([t.value for t in tensors], axis=axis)

    lead = (slice(None),) * (axis % out.ndim)

    def backward(g, needs):
        return tuple(g[lead + (i,)] for i in range(len(tensors)))
    return record("tf.stack", out, tuple(tensors), backward)


def batch_major(x):
    """A ``(steps, batch, ...)`` Tensor as a new contiguous ``(batch, steps, ...)`` array, as
    ``stack(..., axis=1)`` of the steps gives it."""
    x = convert(x)
    return record("tf.transpose", np.ascontiguousarray(np.swapaxes(x.value, 0, 1)), (x,),
                  lambda g, needs: (np.swapaxes(g, 0, 1),))


def take_step(x, s):
    """``x[s]`` of a ``(steps, ...)`` Tensor, as an op (the last step's ``[h, c]``)."""
    x = convert(x)
    xv = x.value

    def backward(g, needs):
        out = np.zeros_like(xv)
        out[s] = g
        return (out,)
    return record("tf.strided_slice", xv[s], (x,), backward)


def sigmoid(x):
    return (1 / (1 + np.exp(-x))).astype(x.dtype, copy=False)


def gru_step(projected, h, recurrent_kernel, recurrent_bias=None):
    """One GRU step (``reset_after=True``, Keras's default activations), fused.

    ``[r_z, r_r, r_h] = h @ recurrent_kernel + recurrent_bias``, ``z = sigmoid(x_z + r_z)``,
    ``r = sigmoid(x_r + r_r)``, ``hh = tanh(x_h + r * r_h)``, ``h' = z * h + (1 - z) * hh``.
    """
    tensors = [convert(t) for t in (projected, h, recurrent_kernel)]
    if recurrent_bias is not None:
        tensors.append(convert(recurrent_bias))
    hv, kv = tensors[1].value, tensors[2].value
    inner = hv @ kv
    if recurrent_bias is not None:
        inner = inner + tensors[3].value
    x_z, x_r, x_h = np.split(tensors[0].value, 3, axis=-1)
    r_z, r_r, r_h = np.split(inner, 3, axis=-1)
    z, r = sigmoid(x_z + r_z), sigmoid(x_r + r_r)
    hh = np.tanh(x_h + r * r_h)
    new_h = z * hv + (1 - z) * hh

    def backward(grad, needs):
        d_hh = grad * (1 - z) * (1 - hh * hh)
        d_z = grad * (hv - hh) * z * (1 - z)
        d_r = d_hh * r_h * r * (1 - r)
        d_inner = np.concatenate([d_z, d_r, d_hh * r], axis=-1)
        out = [np.concatenate([d_z, d_r, d_hh], axis=-1) if needs[0] else None,
               grad * z + d_inner @ kv.T if needs[1] else None,
               hv.T @ d_inner if needs[2] else None]
        if len(needs) > 3:
            out.append(d_inner.sum(axis=0) if needs[3] else None)
        return tuple(out)
    return record("gru_step", new_h, tuple(tensors), backward)


def per_sample(mask_t, x):
    """A timestep's ``(batch,)`` mask shaped to pick whole samples of ``x`` (a vector's
    ``(batch, 1)``; an image's ``(batch, 1, 1, 1)``)."""
    return mask_t.reshape((-1,) + (1,) * (len(x.shape) - 1))


def to_time_major(x):
    return transpose(x, (1, 0) + tuple(range(2, x.ndim)))


def rnn_args(step_function, inputs, initial_states, go_backwards=False, mask=None, **kwargs):
    first = flatten(inputs)[0]
    return {"timesteps": int(first.shape[1]), "batch": int(first.shape[0]),
            "go_backwards": bool(go_backwards), "masked": mask is not None}


@tracing.traced("backend", name="keras.backend.rnn", args=rnn_args)
def rnn(step_function, inputs, initial_states, go_backwards=False, mask=None,
        zero_output_for_mask=False, return_all_outputs=True, lstm_kernel=None):
    """Run ``step_function`` over the time axis (axis 1) of ``inputs``. ``lstm_kernel``: the
    step is ``LSTMCell``'s with Keras's default activations on projected inputs, whose
    recurrent kernel this is: without a mask the steps run as one op (``lstm_sequence``)."""
    if lstm_kernel is not None and mask is None:
        hc = lstm_sequence(inputs, initial_states[0], initial_states[1], lstm_kernel,
                           go_backwards)
        h_all, c_all = split(hc, 2)
        last_output = take_step(h_all, -1)
        states = [last_output, take_step(c_all, -1)]
        if return_all_outputs:
            outputs = batch_major(h_all)
        else:
            outputs = ops.reshape(last_output, (last_output.shape[0], 1) + last_output.shape[1:])
        return last_output, outputs, states
    flat_inputs = [convert(x) for x in flatten(inputs)]
    steps = list(zip(*[unstack(to_time_major(x)) for x in flat_inputs]))
    step_inputs = [pack_sequence_as(inputs, list(s)) if len(s) > 1 else s[0] for s in steps]
    masks = [None] * len(steps)
    if mask is not None:
        mask_value = np.asarray(convert(mask).value, dtype=bool)
        masks = [mask_value[:, t] for t in range(mask_value.shape[1])]
    if go_backwards:
        step_inputs, masks = step_inputs[::-1], masks[::-1]
    states = list(initial_states)
    outputs, last_output, structure = [], None, None
    for input_t, mask_t in zip(step_inputs, masks):
        output, new_states = step_function(input_t, states)
        structure, output, new_states = output, flatten(output), flatten(new_states)
        if mask_t is not None:
            if last_output is None or zero_output_for_mask:
                last_output = [Tensor(np.zeros_like(o.value)) for o in output]
            output = [ops.where(per_sample(mask_t, o), o, previous)
                      for o, previous in zip(output, last_output)]
            new_states = [ops.where(per_sample(mask_t, new), new, old)
                          for new, old in zip(new_states, states)]
        states, last_output = new_states, output
        outputs.append(output)
    if return_all_outputs:
        stacked = [stack(column, axis=1) for column in zip(*outputs)]
    else:
        stacked = [ops.reshape(o, (o.shape[0], 1) + o.shape[1:]) for o in last_output]
    # a cell may return nested outputs (a tuple of Tensors): each is stacked on its own
    return (pack_sequence_as(structure, last_output), pack_sequence_as(structure, stacked),
            states)
