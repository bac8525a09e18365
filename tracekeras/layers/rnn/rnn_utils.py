"""What the recurrent layers and cells share (``keras.layers.rnn.rnn_utils`` and the checks
their constructors make).

What it owns: ``standardize_args`` (split ``[inputs, *initial_states, *constants]`` as
Keras does),
``generate_zero_filled_state`` (a cell's zero initial states), ``check_units`` (the
constructor check of every cell) and ``layer_from_config``
(rebuild a wrapped layer or cell from its serialized config).

What it receives: arguments from the cells, ``base_rnn.RNN`` and the wrappers.

What it hands on: lists of Tensors, checked values, layers.

Trace events: none.
"""
import numpy as np

from tracekeras.backend import Tensor
from tracekeras.engine.keras_tensor import KerasTensor
from tracekeras.utils.nest import map_structure


def check_units(units):
    if not isinstance(units, (int, np.integer)) or units <= 0:
        raise ValueError("Received an invalid value for argument `units`, expected a positive "
                         f"integer, got {units}.")
    return int(units)


def state_shape(size):
    """One state's shape without the batch: ``(size,)`` for an int, the dimensions of a
    ``tf.TensorShape`` (a state of any rank, as a custom cell may declare)."""
    if hasattr(size, "as_list"):
        return tuple(size.as_list())
    return (int(size),)


def generate_zero_filled_state(batch_size, state_size, dtype):
    """One ``(batch_size, *shape)`` array of zeros per state: a list for an int or a flat
    list of sizes, ``state_size``'s structure when it nests (``[4, [2, 3]]``); a
    ``tf.TensorShape`` size gives a state of that shape."""
    def zeros(size):
        return Tensor(np.zeros((batch_size,) + state_shape(size), dtype=dtype))
    if not isinstance(state_size, (list, tuple)):
        return [zeros(state_size)]
    if any(isinstance(size, (list, tuple)) for size in state_size):
        return map_structure(zeros, state_size)
    return [zeros(size) for size in state_size]


def standardize_args(inputs, initial_state, constants, num_constants=0):
    """Keras's ``rnn_utils.standardize_args``: ``(inputs, initial_state, constants)``, the
    last two lists or None. A list of inputs is ``[inputs, *states, *constants]`` (the
    last ``num_constants`` entries are the constants), as a functional model calls the layer."""
    if isinstance(inputs, list) and initial_state is None and constants is None:
        if num_constants:
            constants = inputs[-num_constants:]
            inputs = inputs[:-num_constants]
        if len(inputs) > 1:
            initial_state = inputs[1:]
        inputs = inputs[0]

    def to_list_or_none(x):
        if x is None:
            return None
        x = list(x) if isinstance(x, (list, tuple)) else [x]
        return x or None
    return inputs, to_list_or_none(initial_state), to_list_or_none(constants)


def is_keras_tensor(x):
    return isinstance(x, KerasTensor)



def serialize_layer(layer):
    """A wrapped layer or a cell in the new form, as tf_keras 2.21's wrappers write it."""
    from tracekeras.saving import serialization_lib  # it imports the engine
    return serialization_lib.serialize_keras_object(layer)


def layer_from_config(config, custom_objects=None):
    """A layer (or cell) rebuilt from its config, in the new form (built from its
    ``build_config``) or the legacy ``{"class_name", "config"}``."""
    # tracekeras.layers imports this package: the table of layer classes is read when called.
    from tracekeras import layers
    from tracekeras.saving import serialization_lib
    from tracekeras.utils.serialization import custom_object_scope, deserialize_keras_object
    # in the scope, as Keras deserializes: a stack's cells find the user's classes too
    with custom_object_scope(custom_objects or {}):
        if isinstance(config, dict) and "module" in config:   # the new form, built as it says
            return serialization_lib.deserialize_keras_object(config, custom_objects)
        return deserialize_keras_object(config, module_objects=vars(layers),
                                        custom_objects=custom_objects,
                                        printable_module_name="layer")
