"""``keras.backend.rnn``: a step function run over the time axis, as Keras's RNN layers once
ran it and as custom recurrent code still calls it.

What it owns: ``rnn(step_function, inputs, initial_states, ...)``. The inputs (one tensor
or a nested structure, each ``(batch, time, ...)``, or ``(time, batch, ...)`` with
``time_major``) are read one time step at a time, last to first with ``go_backwards``;
``step_function(input_t, states + constants)`` returns ``(output_t, new_states)``. With a
``mask`` (``(batch, time)``, cast to bool), a masked step keeps the previous states and
repeats the previous output (zeros before the first output), or, with
``zero_output_for_mask``, gives zeros. It returns ``(last_output, outputs, new_states)``:
the outputs stacked along the time axis (only the last one with
``return_all_outputs=False``). ``unroll`` and ``input_length`` change how TensorFlow builds
the loop, not what it computes; here the loop is always a Python loop of recorded ops, so
gradients flow through every step.

What it receives: Tensors (or arrays) and a Python step function. What it hands on:
Tensors recorded on the tape. No trace events of its own: the step's ops record
themselves.
"""
import numpy as np

from tracekeras.utils import nest

from . import ops
from .array_ops import stack, transpose, unstack
from .tensor import convert


def time_first(x):
    """``(batch, time, ...)`` as ``(time, batch, ...)`` (and back: the swap is its own
    inverse)."""
    axes = (1, 0) + tuple(range(2, x.ndim))
    return transpose(x, axes)


def zeros_of(like):
    return convert(np.zeros_like(like.value))


def step_mask(mask_t, like):
    """A ``(batch,)`` mask as a condition of ``like``'s shape."""
    shape = tuple(mask_t.shape) + (1,) * (like.ndim - mask_t.ndim)
    return ops.broadcast_to(ops.reshape(mask_t, shape), like.shape)


def checked_inputs(inputs, time_major):
    steps = [convert(x) if time_major else time_first(convert(x))
             for x in nest.flatten(inputs)]
    for x in steps:   # checked once time comes first, as Keras checks them
        if x.ndim < 3:
            raise ValueError(f"Shape {tuple(x.shape)} must have rank at least 3")
    return steps, steps[0].shape[0]


def rnn(step_function, inputs, initial_states, go_backwards=False, mask=None, constants=None,
        unroll=False, input_length=None, time_major=False, zero_output_for_mask=False,
        return_all_outputs=True):
    """``K.rnn``: (last_output, outputs, new_states) of ``step_function`` over time."""
    flat, time_steps = checked_inputs(inputs, time_major)
    if unroll and not time_steps:
        raise ValueError("Unrolling requires a fixed number of timesteps.")
    per_step = [unstack(x) for x in flat]
    order = list(range(time_steps))[::-1] if go_backwards else list(range(time_steps))
    masks = None
    if mask is not None:
        mask = ops.cast(convert(mask), "bool")
        if mask.ndim == 3:
            mask = ops.reshape(mask, tuple(mask.shape[:2]))
        masks = unstack(mask if time_major else time_first(mask))
    states, constants = tuple(initial_states), tuple(constants or ())
    outputs, output = [], None
    for t in order:
        step_input = nest.pack_sequence_as(inputs, [steps[t] for steps in per_step])
        new_output, new_states = step_function(step_input, states + constants)
        new_output = convert(new_output)
        if masks is not None:
            previous = output if output is not None else zeros_of(new_output)
            new_output = ops.where(step_mask(masks[t], new_output), new_output, previous)
            flat_states = [convert(s) for s in nest.flatten(states)]
            kept = [ops.where(step_mask(masks[t], convert(new)), new, old)
                    for new, old in zip(nest.flatten(new_states), flat_states)]
            new_states = nest.pack_sequence_as(states, kept)
        output, states = new_output, tuple(new_states) if isinstance(
            new_states, (list, tuple)) else (new_states,)
        if not return_all_outputs:
            outputs.clear()
        outputs.append(output)
    stacked = stack(outputs)
    last_output = outputs[-1]
    if masks is not None and zero_output_for_mask:
        last_mask = masks[order[-1]]
        last_output = ops.where(step_mask(last_mask, last_output), last_output,
                                zeros_of(last_output))
        kept = [masks[t] for t in order] if return_all_outputs else [last_mask]
        condition = step_mask(stack(kept), stacked) if stacked.ndim > 1 else stack(kept)
        stacked = ops.where(condition, stacked, zeros_of(stacked))
    if not time_major:
        stacked = time_first(stacked)
    return last_output, stacked, list(states) if isinstance(initial_states, list) else states

