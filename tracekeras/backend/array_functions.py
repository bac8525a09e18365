"""The array functions of ``keras.backend``: shapes, new tensors and variables, products.

What it owns: ``int_shape``, ``ndim``, ``dtype``, ``count_params``, ``expand_dims``,
``squeeze``, ``flatten``, ``stack``, ``tile``, ``repeat``, ``repeat_elements``, ``reverse``,
``gather``, ``one_hot``, ``arange``, ``ones_like``, ``zeros_like``, ``constant``,
``cast_to_floatx``, ``variable``, ``ones``, ``zeros``, ``eye``, ``truncated_normal``,
``random_normal_variable``, ``random_uniform_variable``, ``random_bernoulli`` (and its
deprecated ``random_binomial``), ``temporal_padding``, ``spatial_2d_padding``,
``spatial_3d_padding``, ``dot`` and ``batch_dot``,
each as Keras's own function runs its TensorFlow op: ``K.ones``, ``K.zeros`` and ``K.eye``
give Variables (named ``Variable:0``, as TensorFlow names an unnamed one), ``K.dot`` of
tensors above rank 2 multiplies the last axis of ``x`` with the second-to-last of ``y``
(``numpy.dot``), ``K.batch_dot`` takes Keras's default axes and refuses what Keras refuses.

What it receives: Tensors, arrays or numbers. What it hands on: Tensors recorded on the tape
by the ops they run, Variables, or Python values (``int_shape``, ``ndim``, ``dtype``,
``count_params``, ``cast_to_floatx`` of an array). No trace events of their own.
"""
import warnings

import numpy as np

from . import array_ops, dtypes, nn, ops, random
from .config import floatx
from .dispatch import add_dispatch_support
from .tensor import Tensor, Variable, convert


def int_shape(x):
    """``K.int_shape``: the shape as a tuple of ints (None where unknown)."""
    return tuple(None if d is None else int(d) for d in x.shape)


def ndim(x):
    return len(x.shape)


def dtype(x):
    """``K.dtype``: the dtype's name, ``"float32"`` (``"string"`` for strings)."""
    return dtypes.as_dtype(x.dtype).name


def count_params(x):
    """``K.count_params``: the number of scalars in ``x``."""
    return np.prod(int_shape(x))


def expand_dims(x, axis=-1):
    return array_ops.expand_dims(x, axis)


def squeeze(x, axis):
    return array_ops.squeeze(x, [axis])


def flatten(x):
    """``K.flatten``: ``tf.reshape(x, [-1])``."""
    return ops.reshape(x, [-1])


def stack(x, axis=0):
    return array_ops.stack(x, axis=axis)


def tile(x, n):
    """``K.tile``: ``tf.tile`` (an int repeats a rank-1 tensor)."""
    if isinstance(n, int):
        n = [n]
    return array_ops.tile(x, n)


def repeat(x, n):
    """``K.repeat``: (samples, dim) -> (samples, n, dim)."""
    x = convert(x)
    if x.ndim != 2:
        raise AssertionError(f"K.repeat takes a rank-2 tensor; received rank {x.ndim}")
    return array_ops.tile(array_ops.expand_dims(x, 1), [1, n, 1])


def repeat_elements(x, rep, axis):
    """``K.repeat_elements``: each slice along ``axis`` repeated ``rep`` times
    (``np.repeat``)."""
    return array_ops.repeat(x, rep, axis=axis)


def reverse(x, axes):
    """``K.reverse``: ``tf.reverse`` along ``axes`` (an int or a list)."""
    if isinstance(axes, int):
        axes = [axes]
    x = convert(x)
    index = tuple(slice(None, None, -1) if i in [a % x.ndim for a in axes] else slice(None)
                  for i in range(x.ndim))
    return ops.getitem(x, index)


def gather(reference, indices):
    return ops.gather(reference, indices)


def one_hot(indices, num_classes):
    """``K.one_hot``: ``tf.one_hot(indices, depth=num_classes, axis=-1)`` (floatx)."""
    return array_ops.one_hot(indices, depth=num_classes, axis=-1)


def arange(start, stop=None, step=1, dtype="int32"):
    """``K.arange``: ``tf.range``, int32 unless told otherwise (a negative lone ``start``
    gives an empty range, as Keras makes it start at 0)."""
    if stop is None and start < 0:
        start = 0
    result = array_ops.range(start, limit=stop, delta=step)
    return result if dtype == "int32" else ops.cast(result, dtype)


def ones_like(x, dtype=None, name=None):
    return array_ops.ones_like(x, dtype=dtype)


def zeros_like(x, dtype=None, name=None):
    return array_ops.zeros_like(x, dtype=dtype)


def constant(value, dtype=None, shape=None, name=None):
    """``K.constant``: ``tf.constant`` in floatx unless told otherwise."""
    return array_ops.constant(value, dtype=dtype or floatx(), shape=shape)


def cast_to_floatx(x):
    """``K.cast_to_floatx``: a Tensor cast to floatx, anything else a NumPy array of it."""
    if isinstance(x, Tensor):
        return ops.cast(x, floatx())
    return np.asarray(x, dtype=floatx())


def variable(value, dtype=None, name=None, constraint=None):
    """``K.variable``: a ``tf.Variable`` of ``value`` in floatx unless told otherwise, named
    inside the name scopes open (``K.name_scope``, a layer's build): ``block/v:0``."""
    from tracekeras.engine.base_layer_utils import CALL_CONTEXT
    value = value.value if isinstance(value, Tensor) else value
    name = "/".join(CALL_CONTEXT.name_scope + [name or "Variable"])
    return Variable(np.asarray(value, dtype=dtype or floatx()), name=name,
                    dtype=dtype or floatx(), constraint=constraint)


def ones(shape, dtype=None, name=None):
    """``K.ones``: a Variable of ones (floatx unless told otherwise)."""
    return variable(np.ones(shape), dtype=dtype, name=name)


def zeros(shape, dtype=None, name=None):
    """``K.zeros``: a Variable of zeros (floatx unless told otherwise)."""
    return variable(np.zeros(shape), dtype=dtype, name=name)


def eye(size, dtype=None, name=None):
    """``K.eye``: a Variable holding the identity matrix of ``size``."""
    return variable(np.eye(size), dtype=dtype, name=name)


def random_bernoulli(shape, p=0.0, dtype=None, seed=None):
    """``K.random_bernoulli``: 1 where a ``tf.random.uniform`` draw is ``<= p``, else 0 (the
    op seed from NumPy's global generator when not given)."""
    dtype = dtype or floatx()
    draws = random.uniform_draw(shape, 0, None, dtype, random.keras_op_seed(seed), True)
    return convert((np.asarray(draws.value) <= np.asarray(p, dtype)).astype(dtype))


def random_binomial(shape, p=0.0, dtype=None, seed=None):
    """``K.random_binomial``: ``random_bernoulli``, with Keras's deprecation warning."""
    warnings.warn("`tf.keras.backend.random_binomial` is deprecated, and will be removed in a "
                  "future version.Please use `tf.keras.backend.random_bernoulli` instead.",
                  stacklevel=2)
    return random_bernoulli(shape, p, dtype, seed)


def temporal_padding(x, padding=(1, 1)):
    """``K.temporal_padding``: zeros before and after the time axis (axis 1)."""
    assert len(padding) == 2
    return pad(x, [(0, 0), tuple(padding), (0, 0)])


def spatial_2d_padding(x, padding=((1, 1), (1, 1)), data_format=None):
    """``K.spatial_2d_padding``: zeros around the two spatial axes."""
    return spatial_padding(x, padding, 2, data_format)


def spatial_3d_padding(x, padding=((1, 1), (1, 1), (1, 1)), data_format=None):
    """``K.spatial_3d_padding``: zeros around the three spatial axes."""
    return spatial_padding(x, padding, 3, data_format)


def spatial_padding(x, padding, rank, data_format):
    assert len(padding) == rank and all(len(pair) == 2 for pair in padding)
    data_format = data_format or "channels_last"
    if data_format not in ("channels_first", "channels_last"):
        raise ValueError(f"Unknown data_format: {data_format}")
    pairs = [tuple(pair) for pair in padding]
    if data_format == "channels_first":
        return pad(x, [(0, 0), (0, 0)] + pairs)
    return pad(x, [(0, 0)] + pairs + [(0, 0)])


def pad(x, paddings):
    """``tf.pad`` with zeros (``backend.spatial``, imported when first used: it loads the
    shim's errors, which import this package)."""
    from .spatial import pad as spatial_pad
    return spatial_pad(x, paddings)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    """``K.truncated_normal``: ``tf.random.truncated_normal``, the op seed drawn from NumPy's
    global generator when not given (Keras's ``np.random.randint(10e6)``)."""
    return random.normal_draw(shape, mean, stddev, dtype or floatx(), random.keras_op_seed(seed),
                              True, kernel="TruncatedNormal")


def random_normal_variable(shape, mean, scale, dtype=None, name=None, seed=None):
    """``K.random_normal_variable``: a Variable of ``tf.random.normal`` draws (the op seed
    from NumPy's global generator when not given: ``np.random.randint(10e8)``)."""
    if seed is None:
        seed = np.random.randint(int(10e8))
    return variable(random.normal(shape, mean, scale, dtype=dtype or floatx(), seed=seed),
                    dtype=dtype, name=name)


def random_uniform_variable(shape, low, high, dtype=None, name=None, seed=None):
    """``K.random_uniform_variable``: a Variable of ``tf.random.uniform`` draws."""
    if seed is None:
        seed = np.random.randint(int(10e8))
    return variable(random.uniform(shape, low, high, dtype=dtype or floatx(), seed=seed),
                    dtype=dtype, name=name)


def dot(x, y):
    """``K.dot``: ``tf.matmul``; above rank 2, the sum product over the last axis of ``x``
    and the second-to-last of ``y`` (``numpy.dot``), through one matmul as Keras does."""
    if len(getattr(x, "shape", np.shape(x))) <= 2 and len(getattr(y, "shape", np.shape(y))) <= 2:
        return ops.linalg_matmul(x, y)   # Keras's tf.matmul(x, y), dispatched as such
    return dot_above_rank_two(x, y)


@add_dispatch_support("linalg.matmul")   # of a KerasTensor: one TFOpLambda layer here
def dot_above_rank_two(x, y):
    """``K.dot`` of a tensor above rank 2: ``y`` moved and both folded to matrices."""
    x, y = convert(x), convert(y)
    x_shape, y_shape = x.shape, y.shape
    perm = list(range(y.ndim))
    perm = [perm.pop(-2)] + perm
    xt = ops.reshape(x, [-1, x_shape[-1]])
    yt = ops.reshape(array_ops.transpose(y, perm=perm), [y_shape[-2], -1])
    return ops.reshape(ops.matmul(xt, yt), x_shape[:-1] + y_shape[:-2] + y_shape[-1:])


def batch_dot(x, y, axes=None):
    """``K.batch_dot``: per sample, the dot product of ``x`` and ``y`` along ``axes``
    (default: x's last axis with y's second-to-last, or last for a rank-2 ``y``)."""
    x, y = convert(x), convert(y)
    x_shape, y_shape = tuple(x.shape), tuple(y.shape)
    if x.ndim < 2 or y.ndim < 2:
        raise ValueError("Cannot do batch_dot on inputs with rank < 2. Received inputs with "
                         f"shapes {x_shape} and {y_shape}.")
    if x_shape[0] != y_shape[0]:
        raise ValueError("Cannot do batch_dot on inputs with different batch sizes. Received "
                         f"inputs with shapes {x_shape} and {y_shape}.")
    if isinstance(axes, int):
        axes = [axes, axes]
    if axes is None:
        axes = [x.ndim - 1, y.ndim - 1 if y.ndim == 2 else y.ndim - 2]
    axes = [axes[0] + x.ndim if axes[0] < 0 else axes[0],
            axes[1] + y.ndim if axes[1] < 0 else axes[1]]
    if 0 in axes:
        raise ValueError("Cannot perform batch_dot over axis 0. If your inputs are not "
                         "batched, add a dummy batch dimension to your inputs using "
                         "K.expand_dims(x, 0)")
    if x_shape[axes[0]] != y_shape[axes[1]]:
        raise ValueError(f"Cannot do batch_dot on inputs with shapes {x_shape} and "
                         f"{y_shape} with axes={axes}. x.shape[{axes[0]}] != "
                         f"y.shape[{axes[1]}] ({x_shape[axes[0]]} != {y_shape[axes[1]]}).")
    return nn.batch_dot(x, y, axes)
