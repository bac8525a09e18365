"""Weight regularizers: penalties on a weight that join the model's loss
(``keras.regularizers``).

What it owns: :class:`Regularizer` (the base class: a call on a weight gives a scalar
loss, ``get_config``/``from_config``), ``L1`` (``l1 * sum(|x|)``), ``L2``
(``2 * l2 * l2_loss(x)``, which is ``l2 * sum(x**2)``, as Keras computes it) and ``L1L2``
(both, each only when its factor is not zero), the shortcuts ``l1``, ``l2`` (the classes
themselves, so the names ``"l1"``/``"l2"`` give the default factor 0.01) and ``l1_l2``,
``OrthogonalRegularizer`` (``orthogonal_regularizer``: ``factor`` times the mean absolute
cosine similarity of distinct row, or column, pairs of a rank-2 weight),
and ``get``/``serialize``/``deserialize``. A factor must be a finite int or float
(Keras's ``ValueError`` otherwise); it is kept as a float32 number.

What it receives / hands on: a layer passes a regularizer to ``add_weight(regularizer=...)``,
which hands ``add_loss`` a callable of the weight (``engine.base_layer``); ``model.losses``
evaluates it, and ``LossesContainer`` adds the sum of those losses to the compiled loss.

Trace events: ``get`` of a name or a config goes through ``deserialize_keras_object``
(its span); the penalties themselves are tape ops.
"""
import math

import numpy as np

from tracekeras.backend import math_ops, ops
from tracekeras.saving import serialization_lib
from tracekeras.utils.serialization import deserialize_keras_object


def check_penalty_number(x):
    """Keras's ``_check_penalty_number``: a finite int or float."""
    if not isinstance(x, (float, int)):
        raise ValueError(f"Value {x} is not a valid regularization penalty number, expected an "
                         "int or float value.")
    if math.isinf(x) or math.isnan(x):
        raise ValueError(f"Value {x} is not a valid regularization penalty number, an infinite "
                         "number or NaN are not valid values.")


def floatx_number(x):
    return np.float32(x)


def l2_loss(x):
    """``tf.nn.l2_loss``: half the sum of the squares."""
    return ops.multiply(ops.reduce_sum(ops.square(x)), np.float32(0.5))


class Regularizer:
    """The base class: a callable of a weight that returns a scalar loss."""

    def __call__(self, x):
        return 0.0

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def get_config(self):
        raise NotImplementedError(f"{self} does not implement get_config()")


class L1L2(Regularizer):
    def __init__(self, l1=0.0, l2=0.0):
        l1 = 0.0 if l1 is None else l1
        l2 = 0.0 if l2 is None else l2
        check_penalty_number(l1)
        check_penalty_number(l2)
        self.l1 = floatx_number(l1)
        self.l2 = floatx_number(l2)

    def __call__(self, x):
        regularization = ops.convert(np.zeros((), dtype=np.dtype(x.dtype)))
        if self.l1:
            regularization = ops.add(regularization,
                                     ops.multiply(self.l1, ops.reduce_sum(ops.abs(x))))
        if self.l2:
            regularization = ops.add(regularization, ops.multiply(2.0 * self.l2, l2_loss(x)))
        return regularization

    def get_config(self):
        return {"l1": float(self.l1), "l2": float(self.l2)}


def single_factor(name, value, kwargs):
    """The factor of ``L1``/``L2``: ``l`` is Keras's older spelling of it."""
    value = kwargs.pop("l", value)
    if kwargs:
        raise TypeError(f"Argument(s) not recognized: {kwargs}")
    value = 0.01 if value is None else value
    check_penalty_number(value)
    return floatx_number(value)


class L1(Regularizer):
    def __init__(self, l1=0.01, **kwargs):
        self.l1 = single_factor("l1", l1, kwargs)

    def __call__(self, x):
        return ops.multiply(self.l1, ops.reduce_sum(ops.abs(x)))

    def get_config(self):
        return {"l1": float(self.l1)}


class L2(Regularizer):
    def __init__(self, l2=0.01, **kwargs):
        self.l2 = single_factor("l2", l2, kwargs)

    def __call__(self, x):
        return ops.multiply(2.0 * self.l2, l2_loss(x))

    def get_config(self):
        return {"l2": float(self.l2)}


class OrthogonalRegularizer(Regularizer):
    """``factor`` times the mean absolute cosine similarity between the distinct pairs of
    rows (``mode="rows"``) or columns (``mode="columns"``) of a rank-2 weight."""

    def __init__(self, factor=0.01, mode="rows"):
        check_penalty_number(factor)
        self.factor = floatx_number(factor)
        if mode not in {"rows", "columns"}:
            raise ValueError('Invalid value for argument `mode`. Expected one of {"rows", '
                             f'"columns"}}. Received: mode={mode}')
        self.mode = mode

    def __call__(self, inputs):
        inputs = ops.convert(inputs)
        if len(inputs.shape) != 2:
            raise ValueError("Inputs to OrthogonalRegularizer must have rank 2. Received: "
                             f"inputs.shape == {tuple(inputs.shape)}")
        if self.mode == "rows":
            inputs = math_ops.l2_normalize(inputs, axis=1)
            product = ops.matmul(inputs, ops.matrix_transpose(inputs))
            size = inputs.shape[0]
        else:
            inputs = math_ops.l2_normalize(inputs, axis=0)
            product = ops.matmul(ops.matrix_transpose(inputs), inputs)
            size = inputs.shape[1]
        dtype = np.dtype(inputs.dtype)
        off_diagonal = ops.multiply(product, (1 - np.eye(size)).astype(dtype))
        num_pairs = size * (size - 1.0) / 2.0
        penalty = ops.multiply(ops.reduce_sum(ops.abs(off_diagonal)),
                               np.asarray(self.factor * 0.5, dtype))
        return ops.divide(penalty, np.asarray(num_pairs, dtype))

    def get_config(self):
        return {"factor": float(self.factor), "mode": self.mode}


def l1_l2(l1=0.01, l2=0.01):
    """Both penalties, 0.01 each unless given."""
    return L1L2(l1=l1, l2=l2)


l1 = L1
l2 = L2
orthogonal_regularizer = OrthogonalRegularizer

ALL_OBJECTS = {"Regularizer": Regularizer, "L1L2": L1L2, "L1": L1, "L2": L2,
               "l1": l1, "l2": l2, "l1_l2": l1_l2,
               "OrthogonalRegularizer": OrthogonalRegularizer,
               "orthogonal_regularizer": orthogonal_regularizer}


def serialize(regularizer):
    """``{"module": "keras.regularizers", "class_name", "config", "registered_name"}``."""
    return serialization_lib.serialize_keras_object(regularizer)


def deserialize(config, custom_objects=None):
    if config == "l1_l2":   # Keras's one special case: the function, called with its defaults
        return L1L2(l1=0.01, l2=0.01)
    return deserialize_keras_object(config, module_objects=ALL_OBJECTS,
                                    custom_objects=custom_objects,
                                    printable_module_name="regularizer")


def get(identifier):
    """A regularizer for a name (``"l2"``), a config dict, an instance or a callable."""
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, str):
        obj = deserialize(identifier)
        return obj() if isinstance(obj, type) else obj
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret regularizer identifier: {identifier}")


__all__ = ["L1", "L1L2", "L2", "OrthogonalRegularizer", "Regularizer", "deserialize", "get", "l1",
           "l1_l2", "l2", "orthogonal_regularizer", "serialize"]
