"""TFOpLambda: an operator on KerasTensors becomes a layer (``keras.layers.core.tf_op_layer``).

What it owns: ``TFOpLambda(function)``, the layer Keras makes when Python arithmetic
meets a KerasTensor while a functional model is built (``x + inputs`` in keras.io's
transformer encoders): ``+`` is ``tf.__operators__.add``, ``-`` ``tf.math.subtract``,
``*`` ``tf.math.multiply``, ``/`` ``tf.math.truediv`` and unary ``-``
``tf.math.negative``. The layer is named after the op (``tf.__operators__.add``,
``tf.__operators__.add_1`` ...), has no weights, and its node records both operands, so
``summary()`` connects it to each KerasTensor it was given. ``operate(op, x, y,
reflected)`` is what ``KerasTensor``'s operators call; a number on the left (``2.0 - x``)
is kept on the left. ``dispatch(op_name, op, args, kwargs)`` is what an op with
dispatch support (``tf.one_hot``) calls when it meets a KerasTensor: the layer is named
after the op (``tf.one_hot``) and called on the first argument, the others passed by name.

What it receives: a KerasTensor and the other operand (a KerasTensor or a number).
What it hands on: the op's result, symbolic while building, a Tensor when the model runs.

Trace events: the ``Layer.__call__`` spans of the base class.
"""
import inspect

import numpy as np

from tracekeras.backend import array_ops, config, ops
from tracekeras.engine.base_layer import Layer, executing_eagerly

OPS = {"__operators__.add": ops.add, "math.subtract": ops.subtract,
       "math.multiply": ops.multiply, "math.truediv": ops.divide,
       "math.negative": ops.negative}
# the ops with dispatch support (tracekeras.backend.dispatch), by their name under ``tf.``
DISPATCHED = {"one_hot": array_ops.one_hot}


def one_hot_shape(input_shape, depth, axis=None, **_):
    shape = list(input_shape)
    axis = len(shape) if axis is None or axis == -1 else axis
    return tuple(shape[:axis] + [int(depth)] + shape[axis:])


# the output shape of a dispatched op from its input's and its arguments (a placeholder
# of 1s would not stand for an unknown dimension of the input)
SHAPE_RULES = {"one_hot": one_hot_shape}


def as_operand(value, like):
    """A number as an array of the tensor's dtype (TensorFlow converts it so)."""
    if hasattr(value, "shape"):
        return value
    return np.asarray(value, dtype=like.dtype)


class TFOpLambda(Layer):
    """``TFOpLambda(function)``: ``function`` is the op's name under ``tf.``
    (``"__operators__.add"``)."""

    # a model's config gives its calls as Keras does: the first argument, then the others
    # by name (``functional.op_node_data``)
    _preserve_input_structure_in_config = True

    def __init__(self, function, reflected=False, **kwargs):
        if function not in OPS and function not in DISPATCHED:
            raise ValueError(f"tracekeras's TFOpLambda knows the ops "
                             f"{sorted(OPS) + sorted(DISPATCHED)}. Received: function={function!r}")
        kwargs.setdefault("name", config.unique_object_name("tf." + function))
        super().__init__(**kwargs)
        self.function = function
        self.reflected = reflected
        self.symbol = "tf." + function
        self.op_kwargs = {}   # a dispatched op's other arguments, from its last call

    def __call__(self, *args, **kwargs):
        if self.function in DISPATCHED:
            self.op_kwargs = kwargs
        return super().__call__(*args, **kwargs)

    def compute_output_shape(self, input_shape):
        if self.function in SHAPE_RULES:
            return SHAPE_RULES[self.function](input_shape, **self.op_kwargs)
        return super().compute_output_shape(input_shape)

    def call(self, x, y=None, **kwargs):
        if self.function in DISPATCHED:
            # Keras's TFOpLambda takes neither (``_expects_training_arg = False``, and no
            # mask): the base class hands them to a call that accepts ``**kwargs``
            kwargs.pop("training", None)
            kwargs.pop("mask", None)
            return DISPATCHED[self.function].undispatched(x, **kwargs)
        op = OPS[self.function]
        if self.function == "math.negative":
            return op(x)
        y = as_operand(y, x)
        if executing_eagerly():
            return op(y, x) if self.reflected else op(x, y)
        with np.errstate(divide="ignore", invalid="ignore"):   # placeholder zeros: 0 / 0
            return op(y, x) if self.reflected else op(x, y)

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
    return TFOpLambda(op_name)(first, **arguments)


def operate(function, x, y=None, reflected=False):
    """``x <op> y`` (``y <op> x`` when reflected) through a new TFOpLambda layer."""
    if function != "math.negative":
        check_operand(function, x, y, reflected)
    layer = TFOpLambda(function, reflected=reflected)
    # Keras's operators call the op with ``name=None``, which its node config keeps
    return layer(x, name=None) if function == "math.negative" else layer(x, y, name=None)
