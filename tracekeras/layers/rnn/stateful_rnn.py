"""The states a stateful recurrent layer carries from one batch to the next
(``keras.layers.rnn.base_rnn.RNN``'s ``states``, ``reset_states`` and the stateful branches
of its ``build``, ``_process_inputs`` and ``call``).

What it owns: with ``RNN(..., stateful=True)`` the final states of a call become the
initial states of the next, sample ``i`` of a batch going on from sample ``i`` of the one
before. That needs a fixed batch size (``batch_input_shape``/``batch_size`` on the first
layer or ``Input``), which ``build`` keeps in the input spec before it calls
``reset_states`` (Keras's error when the batch size is unknown).

* ``state_structure(state_size)``: ``state_size``'s structure with None for each state
  (what ``layer.states`` is without states).
* ``reset_states(layer, states=None)``: zeros (the cell's ``get_initial_state``) the first
  time and on ``reset_states()``, or the given arrays (checked against the layer's states).
* ``initial_states(layer, given)``: the kept states; an ``initial_state`` passed to the
  call counts only while the kept states are all zeros (Keras's rule).
* ``keep_states(layer, states)``: the call's final states, copied out of the tape (a batch
  does not backpropagate into the one before, as with Keras's state Variables); nothing is
  kept from calls on placeholders.

What it receives: an ``RNN`` layer, arrays or Tensors.

What it hands on: ``layer._states``, Tensors in ``state_size``'s structure (not weights:
they are not saved, and ``summary`` does not count them).

Trace events: none.
"""
import numpy as np

from tracekeras.backend import Tensor
from tracekeras.engine.base_layer import executing_eagerly
from tracekeras.layers.rnn import rnn_utils
from tracekeras.utils.nest import flatten, is_nested, map_structure, pack_sequence_as

UNKNOWN_BATCH = (
    "If a RNN is stateful, it needs to know its batch size. Specify the batch size of your "
    "input tensors: \n- If using a Sequential model, specify the batch size by passing a "
    "`batch_input_shape` argument to your first layer.\n- If using the functional API, "
    "specify the batch size by passing a `batch_shape` argument to your Input layer.")


def state_structure(state_size):
    structure = map_structure(lambda _: None, state_size)
    return structure if is_nested(state_size) else [structure]


def batch_size_of(layer):
    spec = layer.input_spec[0] if layer.input_spec else None
    shape = getattr(spec, "shape", None)
    return shape[0] if shape else None


def reset_states(layer, states=None):
    if not layer.stateful:
        raise AttributeError("Layer must be stateful.")
    batch_size = batch_size_of(layer)
    if not batch_size:
        raise ValueError(UNKNOWN_BATCH)
    structure = state_structure(layer.cell.state_size)
    if states is None:
        layer._states = pack_sequence_as(structure, zero_states(layer, batch_size))
        return
    kept = flatten(layer.states)
    given = [np.asarray(getattr(s, "value", s)) for s in flatten(states)]
    if len(given) != len(kept):
        raise ValueError(f"Layer {layer.name} expects {len(kept)} states, but it received "
                         f"{len(given)} state values. States received: {states}")
    for i, (value, state) in enumerate(zip(given, kept)):
        if value.shape != tuple(state.shape):
            raise ValueError(f"State {i} is incompatible with layer {layer.name}: expected "
                             f"shape={tuple(state.shape)} but found shape={value.shape}")
    layer._states = pack_sequence_as(
        structure, [Tensor(v.astype(s.dtype)) for v, s in zip(given, kept)])


def zero_states(layer, batch_size):
    dtype = layer.dtype or "float32"
    make = getattr(layer.cell, "get_initial_state", None)
    if make is not None:
        return flatten(make(inputs=None, batch_size=batch_size, dtype=dtype))
    return rnn_utils.generate_zero_filled_state(batch_size, layer.cell.state_size, dtype)


def initial_states(layer, given):
    kept = layer.states
    if given is not None and not any(np.any(s.value) for s in flatten(kept)):
        return list(given)
    return list(kept)


def keep_states(layer, states):
    if not executing_eagerly():
        return
    structure = state_structure(layer.cell.state_size)
    layer._states = pack_sequence_as(structure, [Tensor(np.array(s.value)) for s in states])
