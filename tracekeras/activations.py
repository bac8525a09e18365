"""Activations: the element-wise functions a layer applies last (``keras.activations``).

What it owns: ``relu``, ``softmax``, ``sigmoid``, ``tanh``, ``linear``, ``elu``,
``selu``, ``softplus``, ``softsign``, ``swish`` (``silu``), ``exponential``,
``hard_sigmoid``, ``leaky_relu``, ``gelu``, ``mish``, and ``get``/``serialize``/``deserialize``
(names resolve through ``deserialize_keras_object``; an unknown name raises
Keras's "Unknown activation function 'x' cannot be deserialized.").

What it receives: a Tensor from a layer's ``call``.

What it hands on: a Tensor computed by ``backend.nn``/``backend.ops`` (so a
GradientTape follows it). ``softmax`` and ``sigmoid`` outputs carry
``keras_logits`` (the pre-activation), which the losses use as Keras's
``_get_logits`` does.

Trace events: ``deserialize_keras_object`` spans when ``get`` resolves a name.
"""
from tracekeras.backend import convert, nn, ops
from tracekeras.backend.error_function import gelu as nn_gelu
from tracekeras.saving import serialization_lib
from tracekeras.utils.serialization import deserialize_keras_object


def relu(x, alpha=0.0, max_value=None, threshold=0.0):
    """max(x, 0); ``alpha`` the slope below ``threshold``, ``max_value`` a ceiling."""
    if alpha == 0.0 and max_value is None and threshold == 0.0:
        return nn.relu(x)
    x = convert(x)
    above = x.value > threshold
    below = ops.multiply(ops.subtract(x, threshold), alpha) if alpha else 0.0
    out = ops.where(above, x, below)
    if max_value is not None:
        out = ops.minimum(out, max_value)
    return out


def softmax(x, axis=-1):
    if getattr(x, "ndim", 2) <= 1:
        raise ValueError(f"Cannot apply softmax to a tensor that is 1D. Received input: {x}")
    return nn.softmax(x, axis=axis)


def sigmoid(x):
    return nn.sigmoid(x)


def tanh(x):
    return nn.tanh(x)


def linear(x):
    return x


def elu(x, alpha=1.0):
    return nn.elu(x, alpha=alpha)


def selu(x):
    return nn.selu(x)


def softplus(x):
    return nn.softplus(x)


def softsign(x):
    return nn.softsign(x)


def swish(x):
    return ops.multiply(x, nn.sigmoid(x))


silu = swish


def mish(x):
    """``x * tanh(softplus(x))``: smooth, non-monotonic, unbounded above."""
    return ops.multiply(x, nn.tanh(nn.softplus(x)))


def exponential(x):
    return ops.exp(x)


def hard_sigmoid(x):
    """Keras 2's piecewise linear sigmoid: clip(0.2 * x + 0.5, 0, 1)."""
    return ops.clip_by_value(ops.add(ops.multiply(x, 0.2), 0.5), 0.0, 1.0)


def leaky_relu(x, alpha=0.3):
    return nn.leaky_relu(x, alpha=alpha)


def gelu(x, approximate=False):
    """x * P(X <= x) for a standard normal X (``tf.nn.gelu``), or its tanh approximation."""
    return nn_gelu(x, approximate)


ALL_OBJECTS = {fn.__name__: fn for fn in (
    relu, softmax, sigmoid, tanh, linear, elu, selu, softplus, softsign, swish, exponential,
    hard_sigmoid, leaky_relu, gelu, mish)}
ALL_OBJECTS["silu"] = swish


def serialize(activation):
    """The name of a built-in activation; an activation object or a user's function in the
    new form (a function as ``{"module": "builtins", "class_name": "function", "config":
    <its registered name>, ...}``), as tf_keras 2.21 writes them."""
    name = getattr(activation, "__name__", None)
    if name in ALL_OBJECTS and ALL_OBJECTS[name] is activation:
        return name
    if hasattr(activation, "get_config") or (name and name != "<lambda>"):
        return serialization_lib.serialize_keras_object(activation)
    if name:   # a lambda: its name (tracekeras never writes code into a config)
        return name
    raise ValueError(f"Unknown activation function '{activation}' cannot be serialized "
                     "due to invalid function name. Make sure to use an activation name "
                     "that matches the references defined in activations.py or use "
                     "`@keras.saving.register_keras_serializable` to register any custom "
                     "activations.")


def deserialize(name, custom_objects=None):
    try:
        return deserialize_keras_object(name, module_objects=ALL_OBJECTS,
                                        custom_objects=custom_objects,
                                        printable_module_name="activation function")
    except ValueError:
        if isinstance(name, (str, dict)):   # Keras 2.21's own message for an unknown name
            raise ValueError(f"Unknown activation function '{name}' cannot be deserialized.") \
                from None
        raise


def get(identifier):
    """``None`` -> ``linear``; a name or config -> the function; a callable stays as it is."""
    if identifier is None:
        return linear
    if isinstance(identifier, (str, dict)):
        return deserialize(identifier)
    if callable(identifier):
        return identifier
    raise TypeError(f"Could not interpret activation function identifier: {identifier}")
