"""The session-era functions of ``keras.backend`` as they behave eagerly in tf_keras 2.21.

What it owns: ``learning_phase`` (0 eagerly, as Keras answers when no phase was set; else
the phase set), ``set_learning_phase`` and ``learning_phase_scope`` (0 or 1, else Keras's
ValueError; each warns with Keras's deprecation UserWarning; the scope restores the phase
before it, or none, on exit; a phase set is also the ``training`` of a layer called with
none and outside any other call, as Keras's ``_set_training_mode`` gives it), ``name_scope``
(``tf.name_scope`` eagerly: yields ``"outer/inner/"``, and the weights a layer makes inside
are named under it),
``in_train_phase``/``in_test_phase`` (the training flag given, else the enclosing layer
call's, else the learning phase),
``placeholder`` (Keras's eager placeholder is an ``Input`` of that batch shape),
``function`` (eagerly Keras builds a ``Model(inputs, outputs)`` and returns a function that
calls it and hands back NumPy values), ``batch_get_value``/``batch_set_value``,
``update``/``update_add``/``update_sub``/``moving_average_update`` (a Variable's
assignments), ``eval``, ``is_sparse``, ``to_dense``, ``is_keras_tensor``, ``backend``
(``"tensorflow"``), ``reset_uids`` (the layer-name counters) and ``gradients``, which eager
TensorFlow refuses with its RuntimeError.

What it receives: Tensors, Variables, KerasTensors. What it hands on: Python values, NumPy
arrays, Tensors, KerasTensors, a function. No trace events of their own.
"""
import contextlib
import warnings

import numpy as np

from . import config
from .tensor import Tensor, Variable

DEPRECATED = ("`tf.keras.backend.{}` is deprecated and will be removed after 2020-10-11. To "
              "update it, simply pass a True/False value to the `training` argument of the "
              "`__call__` method of your layer or model.")


def learning_phase():
    """``K.learning_phase``: the phase set, else (eagerly) 0."""
    return 0 if config.LEARNING_PHASE is None else config.LEARNING_PHASE


def set_learning_phase(value):
    """``K.set_learning_phase``: deprecated in Keras; the phase stays until
    ``clear_session``."""
    warnings.warn(DEPRECATED.format("set_learning_phase"), stacklevel=1)   # as Keras's
    if value not in {0, 1}:
        raise ValueError("Expected learning phase to be 0 or 1.")
    config.LEARNING_PHASE = value


@contextlib.contextmanager
def learning_phase_scope(value):
    """``K.learning_phase_scope``: the learning phase is ``value`` inside the block."""
    warnings.warn(DEPRECATED.format("learning_phase_scope"), stacklevel=2)   # as Keras's
    if value not in {0, 1}:
        raise ValueError("Expected learning phase to be 0 or 1.")
    previous = config.LEARNING_PHASE
    config.LEARNING_PHASE = value
    try:
        yield
    finally:
        config.LEARNING_PHASE = previous


@contextlib.contextmanager
def name_scope(name):
    """``K.name_scope`` (``tf.name_scope``): names made inside start with ``name/``; yields
    the full scope (``"outer/inner/"``); ``""`` is the root, a name ending in ``/`` is
    taken as the whole scope."""
    from tracekeras.engine.base_layer_utils import CALL_CONTEXT
    if not isinstance(name, str):
        raise ValueError("name for name_scope must be a string.")
    saved = CALL_CONTEXT.name_scope[:]
    if not name or name.endswith("/"):
        CALL_CONTEXT.name_scope[:] = [part for part in name.split("/") if part]
    else:
        CALL_CONTEXT.name_scope.append(name)
    try:
        yield "".join(part + "/" for part in CALL_CONTEXT.name_scope)
    finally:
        CALL_CONTEXT.name_scope[:] = saved


def in_train_phase(x, alt, training=None):
    """``K.in_train_phase``: ``x`` when training, else ``alt`` (a callable is called)."""
    from tracekeras.engine.base_layer_utils import CALL_CONTEXT
    if training is None:
        training = CALL_CONTEXT.training
    if training is None:
        training = learning_phase()
    if isinstance(training, Tensor):
        from .tensor_functions import switch
        return switch(training, x, alt)
    chosen = x if training == 1 or training is True else alt
    return chosen() if callable(chosen) else chosen


def in_test_phase(x, alt, training=None):
    """``K.in_test_phase``: ``x`` outside training, else ``alt``."""
    return in_train_phase(alt, x, training=training)


def placeholder(shape=None, ndim=None, dtype=None, sparse=False, name=None, ragged=False):
    """``K.placeholder``: eagerly, Keras's is an ``Input`` of batch shape ``shape`` (or
    ``ndim`` unknown sizes)."""
    from tracekeras.engine.input_layer import Input

    from .config import floatx
    if shape is None and ndim:
        shape = (None,) * ndim
    return Input(batch_shape=shape, dtype=dtype or floatx(), sparse=sparse, name=name,
                 ragged=ragged or None)


def function(inputs, outputs, updates=None, name=None, **kwargs):
    """``K.function``: eagerly, a function of the inputs' values that runs
    ``Model(inputs, outputs)`` and hands back NumPy arrays (a one-output list stays a list)."""
    if kwargs:
        raise ValueError("Session keyword arguments are not supported during eager execution. "
                         f"You passed: {kwargs}")
    if updates:
        raise ValueError("`updates` argument is not supported during eager execution. You "
                         f"passed: {updates}")
    from tracekeras.models import Model
    from tracekeras.utils.nest import map_structure
    model = Model(inputs=inputs, outputs=outputs)
    wrap_outputs = isinstance(outputs, list) and len(outputs) == 1

    def func(model_inputs):
        outs = model(model_inputs)
        if wrap_outputs:
            outs = [outs]
        return map_structure(lambda t: np.asarray(t.value) if isinstance(t, Tensor) else t,
                             outs)
    return func


def gradients(loss, variables):
    """``K.gradients``: graph-mode only; eager TensorFlow refuses it."""
    raise RuntimeError("tf.gradients is not supported when eager execution is enabled. Use "
                       "tf.GradientTape instead.")


def batch_get_value(tensors):
    """``K.batch_get_value``: each value as a NumPy array."""
    return [x.numpy() if isinstance(x, Variable) else np.asarray(x.value) for x in tensors]


def batch_set_value(tuples):
    """``K.batch_set_value``: assign each ``(variable, value)``, the value in the variable's
    dtype."""
    for x, value in tuples:
        x.assign(np.asarray(value, dtype=x.dtype))


def update(x, new_x):
    return x.assign(new_x)


def update_add(x, increment):
    return x.assign_add(increment)


def update_sub(x, decrement):
    return x.assign_sub(decrement)


def is_keras_tensor(x):
    """``K.is_keras_tensor``: whether ``x`` is a symbolic KerasTensor; anything but a tensor
    is refused."""
    from tracekeras.engine.keras_tensor import KerasTensor

    from .sparse_tensor import SparseTensor
    if not isinstance(x, (Tensor, SparseTensor, KerasTensor)):
        raise ValueError(f"Unexpectedly found an instance of type `{type(x)}`. Expected a "
                         "symbolic tensor instance.")
    return isinstance(x, KerasTensor)


def moving_average_update(x, value, momentum):
    """``K.moving_average_update``: ``x -= (x - value) * (1 - momentum)``, in x's dtype."""
    dtype = np.dtype(x.dtype)
    value = np.asarray(getattr(value, "value", value), dtype)
    return x.assign_sub((x.value - value) * (1 - np.asarray(momentum, dtype)))


def is_sparse(tensor):
    from .sparse_tensor import SparseTensor
    return isinstance(tensor, SparseTensor)


def to_dense(tensor):
    """``K.to_dense``: a SparseTensor's dense Tensor; anything else as it is."""
    from .sparse_tensor import to_dense as sparse_to_dense
    return sparse_to_dense(tensor) if is_sparse(tensor) else tensor


def eval(x):
    """``K.eval``: the value of ``x`` (a SparseTensor made dense) as a NumPy array."""
    x = to_dense(x)
    return x.numpy() if isinstance(x, Variable) else np.asarray(getattr(x, "value", x))


def backend():
    """``K.backend``: the name of the backend Keras runs on, which tracekeras stands for."""
    return "tensorflow"


def reset_uids():
    """``K.reset_uids``: the layer-name counters start again (``dense``, ``dense_1`` ...)."""
    from .config import NAME_UIDS
    NAME_UIDS.clear()
