"""TFOpLambda: an operator on KerasTensors becomes a layer (``keras.layers.core.tf_op_layer``).

What it owns: ``TFOpLambda(function)``, the layer Keras makes when Python arithmetic meets a
KerasTensor while a functional model is built (``x + inputs`` in keras.io's transformer
encoders): ``+`` is ``tf.__operators__.add``, ``-`` ``tf.math.subtract``, ``*``
``tf.math.multiply``, ``/`` ``tf.math.truediv`` and unary ``-`` ``tf.math.negative``. The
layer is named after the op (``tf.__operators__.add``, ``tf.__operators__.add_1`` ...), has
no weights, and its node records the call as TensorFlow's op dispatch makes it: ``layer(x,
y=y, name=None)``, so ``summary()`` connects it to each KerasTensor it was given and a model
config writes ``y`` (a number, or a KerasTensor as ``[layer, node, index]``) beside ``x``.
``operate(op, x, y, reflected)`` is what ``KerasTensor``'s operators call; a number on the
left (``2.0 - x``) is kept on the left: it is the call's first argument, converted to the
tensor's dtype (the config writes it as ``["_CONSTANT_VALUE", -1, 2.0, {"y": ...}]``). A
model saved here names the class by tf_keras's module,
``tf_keras.src.layers.core.tf_op_layer``, so each engine loads the other's files.
``dispatch(op_name, op, args, kwargs)`` is what an op with dispatch support (``tf.one_hot``,
``tf.nn.relu``, ``tf.math.sigmoid``, ``tf.math.tanh``, ``tf.math.exp``, ``tf.math.square``,
``tf.math.abs``, ``tf.math.reduce_sum``, ``tf.math.reduce_mean``, ``tf.nn.depth_to_space``,
``tf.nn.space_to_depth``, ``tf.nn.softmax`` (``tf.math.softmax`` too), ``tf.matmul``
(``tf.linalg.matmul``), ``tf.expand_dims``, ``tf.squeeze`` (as ``tf.compat.v1.squeeze``),
``tf.transpose`` (as ``tf.compat.v1.transpose``, also ``K.transpose`` and
``K.permute_dimensions``),
``tf.math.l2_normalize``, ``tf.linalg.matrix_transpose``, ``tf.cast``, ``tf.stack`` (of a
list of KerasTensors), ``tf.complex``, ``tf.math.real``/``imag``/``conj``, the
complex FFTs of ``tf.signal``, and so
``keras.activations.relu(z)`` and ``K.sum(z, axis=-1)``) calls when it meets a KerasTensor:
the layer is named after the op (``tf.one_hot``, ``tf.nn.relu``) and called on the first
argument, the others passed by name; an op's ``InvalidArgumentError`` on a model's symbolic
tensors is a ``ValueError`` (in Keras, the graph's shape function refuses them:
``tf.nn.depth_to_space`` of a depth the block does not divide).

What it receives: a KerasTensor and the other operand (a KerasTensor or a number).
What it hands on: the op's result, symbolic while building, a Tensor when the model runs.

Trace events: the ``Layer.__call__`` spans of the base class.
"""
import inspect

import numpy as np

from tracekeras.backend import (
    array_ops,
    complex_ops,
    config,
    depth_space,
    math_ops,
    nn,
    ops,
)
from tracekeras.backend.string_ops import InvalidArgumentError
from tracekeras.engine.base_layer import Layer, executing_eagerly

OPS = {"__operators__.add": ops.add, "math.subtract": ops.subtract,
       "math.multiply": ops.multiply, "math.truediv": ops.divide,
       "math.negative": ops.negative}
# the ops with dispatch support (tracekeras.backend.dispatch), by their name under ``tf.``
DISPATCHED = {"one_hot": array_ops.one_hot, "nn.relu": nn.relu, "math.sigmoid": nn.sigmoid,
              "math.tanh": nn.tanh, "math.exp": ops.exp, "math.square": ops.square,
              "math.abs": ops.abs,
              "math.reduce_sum": ops.reduce_sum, "math.reduce_mean": ops.reduce_mean,
              "linalg.matmul": ops.linalg_matmul,   # tf.matmul (and K.dot) of a KerasTensor
              "nn.softmax": nn.softmax,
              "nn.depth_to_space": depth_space.depth_to_space,
              "nn.space_to_depth": depth_space.space_to_depth,
              "expand_dims": array_ops.expand_dims,
              "compat.v1.squeeze": array_ops.squeeze_v1,   # what tf.squeeze dispatches
              "compat.v1.transpose": array_ops.transpose_v1,   # and tf.transpose
              "math.l2_normalize": math_ops.l2_normalize,
              "linalg.matrix_transpose": array_ops.matrix_transpose, "cast": ops.cast,
              "stack": array_ops.stack,
              "dtypes.complex": complex_ops.complex, "math.real": complex_ops.real,
              "math.imag": complex_ops.imag, "math.conj": complex_ops.conj,
              **{"signal." + name: getattr(complex_ops, name)
                 for name in ("fft", "ifft", "fft2d", "ifft2d", "fft3d", "ifft3d")}}
# the ops whose dispatched call also passes ``name=None`` (TensorFlow's unary element-wise
# APIs): tf_keras's node records it, as it does for ``tf.nn.relu`` and ``tf.math.tanh``
# and ``tf.math.square`` (not for ``tf.math.sigmoid`` or ``tf.math.exp``)
NAMED_CALL = ("nn.relu", "math.tanh", "math.square")


def as_operand(value, like):
    """A number as an array of the tensor's dtype (TensorFlow converts it so)."""
    if hasattr(value, "shape"):
        return value
    return np.asarray(value, dtype=like.dtype)


class TFOpLambda(Layer):
    """``TFOpLambda(function)``: ``function`` is the op's name under ``tf.``
    (``"__operators__.add"``)."""

    _preserve_input_structure_in_config = True   # the config keeps ``x`` as it was given
    batch_axis_from_call = True   # ``tf.one_hot(x, 4, axis=0)``: (4, None, ...)

    def __init__(self, function, **kwargs):
        if function not in OPS and function not in DISPATCHED:
            raise ValueError(f"tracekeras's TFOpLambda knows the ops "
                             f"{sorted(OPS) + sorted(DISPATCHED)}. Received: function={function!r}")
        kwargs.setdefault("name", config.unique_object_name("tf." + function))
        super().__init__(**kwargs)
        self.function = function
        self.symbol = "tf." + function
        # the op that dispatched to the layer, when one did: ``K.dot`` (its product above
        # rank 2) and ``tf.matmul`` both dispatch as ``linalg.matmul``
        self.dispatched_op = None

    def call(self, x, y=None, name=None, **kwargs):
        """``tf.<function>(x, y, name=name)``, or a dispatched op's ``tf.<function>(x,
        **kwargs)``; ``name`` names a graph op in TensorFlow, and nothing here."""
        if self.function in DISPATCHED:
            # Keras's TFOpLambda takes neither (``_expects_training_arg = False``, and no
            # mask): the base class hands them to a call that accepts ``**kwargs``
            kwargs.pop("training", None)
            kwargs.pop("mask", None)
            args = () if y is None else (y,)   # a second tensor (``K.dot(x, y)``)
            try:
                op = self.dispatched_op or DISPATCHED[self.function].undispatched
                return op(x, *args, **kwargs)
            except InvalidArgumentError as exc:
                if executing_eagerly():
                    raise
                # in Keras's scratch graph the op's shape function refuses, with ValueError
                raise ValueError(str(exc)) from None
        op = OPS[self.function]
        if self.function == "math.negative":
            return op(x)
        if hasattr(x, "shape"):
            y = as_operand(y, x)
        else:   # a number on the left (``2.0 - x``), as the dtype of the tensor on the right
            x = as_operand(x, y)
        if executing_eagerly():
            return op(x, y)
        with np.errstate(divide="ignore", invalid="ignore"):   # placeholder zeros: 0 / 0
            return op(x, y)

    def get_config(self):
        config_ = super().get_config()
        config_["function"] = self.function
        return config_


def check_operand(function, x, y, reflected):
    """TensorFlow refuses a Python float beside an integer or bool tensor (it would not
    cut 0.5 down to 0): its error, raised before the layer is made."""
    dtype = np.dtype(x.dtype)
    if not isinstance(y, float) or dtype.kind not in "iub":
        return
    if reflected:
        raise TypeError(f"Cannot convert {y!r} to EagerTensor of dtype {dtype.name}")
    if function == "__operators__.add":
        raise TypeError(f"Input 'y' of 'AddV2' Op has type float32 that does not match type "
                        f"{dtype.name} of argument 'x'.")
    if function == "math.truediv":
        raise TypeError(f"`x` and `y` must have the same dtype, got tf.{dtype.name} != "
                        "tf.float32.")
    op = {"math.subtract": "Sub", "math.multiply": "Mul"}[function]
    raise TypeError(f"Expected {dtype.name} passed to parameter 'y' of op '{op}', got {y!r} of "
                    f"type 'float' instead. Error: Expected {dtype.name}, but got {y!r} of "
                    "type 'float'.")


def dispatch(op_name, op, args, kwargs):
    """Keras's ``KerasOpDispatcher.handle``: a TFOpLambda layer called on the op's first
    argument, with the others by name (as Keras's node config names them)."""
    arguments = inspect.signature(op).bind(*args, **kwargs).arguments
    first = arguments.pop(next(iter(inspect.signature(op).parameters)))
    if op_name in NAMED_CALL:
        arguments["name"] = None
    layer = TFOpLambda(op_name)
    layer.dispatched_op = getattr(op, "undispatched", op)
    return layer(first, **arguments)


def operate(function, x, y=None, reflected=False):
    """``x <op> y`` (``y <op> x`` when reflected) through a new TFOpLambda layer."""
    if function != "math.negative":
        check_operand(function, x, y, reflected)
    layer = TFOpLambda(function)
    if function == "math.negative":
        return layer(x, name=None)
    if reflected:
        return layer(as_operand(y, x), y=x, name=None)
    return layer(x, y=y, name=None)
