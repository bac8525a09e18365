"""``tf`` array functions: making tensors and moving their axes, forward with backward.

What it owns: the creation functions (``constant``, ``ones``, ``zeros``,
``fill``, ``eye``, ``range``, ``linspace``, ``one_hot``), the shape queries
(``shape``, ``rank``, ``size``: int32 tensors, as in TensorFlow), the axis movers
(``transpose``, ``expand_dims``, ``squeeze``, ``stack``, ``unstack``,
``split``, ``tile``, ``broadcast_to``), ``sort``/``argsort``, ``norm``,
``tensordot`` (built of transpose, reshape and matmul, as TensorFlow builds it) and
``identity``, and ``concat``'s check of its inputs' dtypes (the op itself, with
``reshape``, ``gather`` and ``where``, lives with the core ops in
:mod:`tracekeras.backend.ops`).

What it receives: Tensors, NumPy arrays or Python data, and shapes that may hold
int tensors (``tf.zeros([tf.shape(x)[0], 3])``). Python data converts as
TensorFlow converts it: floats to float32, ints to int32; NumPy arrays keep their
dtype. The axis movers and ``identity`` also have their backward rule written in
differentiable ops (``backward_ops``, for second derivatives; see
:mod:`tracekeras.backend.tape`); ``sort`` has none. Trace events: a ``backend``
instant per op at level full.
"""
import itertools

import numpy as np

from . import complex_ops, math_ops, ops, string_ops, tensor
from .dispatch import add_dispatch_support
from .op_errors import InvalidArgumentError
from .ops import as_shape
from .tape import record
from .tensor import Tensor, convert, default_dtype

# TensorFlow's DataType enum numbers, which every dtype argument also accepts
# (``tf.zeros(1, 1)`` is a float32 zero: 1 is DT_FLOAT)
DATA_TYPE_ENUM = {1: "float32", 2: "float64", 3: "int32", 4: "uint8", 5: "int16", 6: "int8",
                  7: "object", 9: "int64", 10: "bool", 17: "uint16", 19: "float16", 22: "uint32",
                  23: "uint64"}


def numpy_dtype(dtype):
    """The NumPy dtype of a dtype argument: a name, a NumPy dtype, a ``tf.DType`` or an enum."""
    if isinstance(dtype, int) and not isinstance(dtype, bool):
        if dtype not in DATA_TYPE_ENUM:
            raise TypeError(f"Cannot convert the argument `type_value`: {dtype!r} to a "
                            "TensorFlow DType.")
        return np.dtype(DATA_TYPE_ENUM[dtype])
    if dtype == "string" or dtype is str or dtype is bytes:
        return np.dtype(object)   # string tensors hold object arrays of bytes (backend.string_ops)
    return None if dtype is None else np.dtype(dtype)


def python_dtype(value):
    """The dtype TensorFlow gives Python data: float32 for floats, int32 for ints."""
    array = np.asarray(value)
    if array.dtype == np.float64 and not isinstance(value, (np.ndarray, np.generic)):
        return np.float32
    if array.dtype == np.int64 and not isinstance(value, (np.ndarray, np.generic)):
        return np.int32
    return array.dtype


def constant(value, dtype=None, shape=None, name=None):
    """``tf.constant``: a Tensor holding ``value`` (broadcast to ``shape`` if given)."""
    if isinstance(value, Tensor):
        value = value.value
    if string_ops.is_string(value):
        return record("tf.constant", string_ops.strings(value), (), None)
    array = np.array(value, dtype=numpy_dtype(dtype) or python_dtype(value))
    if shape is not None:
        shape = as_shape(shape)
        array = (np.broadcast_to(array.reshape(()), shape).copy() if array.size == 1
                 else array.reshape(shape))
    return record("tf.constant", array, (), None)


def convert_to_tensor(value, dtype=None, dtype_hint=None, name=None):
    """``tf.convert_to_tensor``: Tensors pass through; a list or tuple that holds tensors of
    the dtype asked for (or of any, without one) is auto-packed (``tensor.autopacked``);
    other data converts as ``constant``."""
    if isinstance(value, Tensor):
        return value if dtype is None else ops.cast(value, dtype)
    if (isinstance(value, (list, tuple)) and tensor.holds_tensor(value)
            and (dtype is None or numpy_dtype(dtype) == tensor.nested_dtype(value))):
        return tensor.autopacked(value, tensor.nested_dtype(value))
    return constant(value, dtype=dtype or (dtype_hint if not isinstance(value, np.ndarray)
                                           else None))


def fill(dims, value, name=None):
    """``tf.fill``: ``value``'s dtype (a Tensor's own, float32 or int32 for Python numbers,
    bytes for a string)."""
    if isinstance(value, Tensor):
        value = value.value
    if isinstance(value, str):
        value = value.encode()
    if isinstance(value, bytes):
        return record("tf.fill", np.full(as_shape(dims), value, dtype=object), (), None)
    return record("tf.fill", np.full(as_shape(dims), value, dtype=python_dtype(value)), (), None)


def ones(shape, dtype="float32", name=None):
    return record("tf.ones", np.ones(as_shape(shape), dtype=numpy_dtype(dtype)), (), None)


def zeros(shape, dtype="float32", name=None):
    return record("tf.zeros", np.zeros(as_shape(shape), dtype=numpy_dtype(dtype)), (), None)


def ones_like(input, dtype=None, name=None):
    value = convert(input).value
    dtype = numpy_dtype(dtype) or value.dtype
    return record("tf.ones_like", np.ones(value.shape, dtype=dtype), (), None)


def zeros_like(input, dtype=None, name=None):
    value = convert(input).value
    dtype = numpy_dtype(dtype) or value.dtype
    return record("tf.zeros_like", np.zeros(value.shape, dtype=dtype), (), None)


def identity(input, name=None):
    x = convert(input)
    return record("tf.identity", x.value, (x,), lambda g, needs: (g,),
                  lambda g, needs, out: (g,))


def range(start, limit=None, delta=1, dtype=None, name=None):
    """``tf.range``: the widest dtype of its arguments in TensorFlow's order (int32, int64,
    float16, float32, float64), a Python int counting as int32, a float as float32."""
    if limit is None:
        start, limit = 0, start
    bounds = [np.asarray(getattr(v, "value", v)) for v in (start, limit, delta)]
    if dtype is None:
        dtype = max((range_dtype(v, b) for v, b in zip((start, limit, delta), bounds)),
                    key=RANGE_DTYPES.index)
    return record("tf.range", np.arange(*[b.item() for b in bounds]).astype(dtype), (), None)


RANGE_DTYPES = [np.dtype(d) for d in ("int32", "int64", "float16", "float32", "float64")]


def range_dtype(value, bound):
    """A ``tf.range`` argument's dtype: its own for a tensor or NumPy value."""
    if isinstance(value, (bool, int)):
        return np.dtype(np.int32)
    if isinstance(value, float):
        return np.dtype(np.float32)
    return bound.dtype if bound.dtype in RANGE_DTYPES else np.dtype(np.int32)


def linspace(start, stop, num, name=None, axis=0):
    """``tf.linspace``: the dtype of ``start`` (float32 for a Python float), float64 for ints."""
    dtype = np.dtype(python_dtype(getattr(start, "value", start)))
    if not np.issubdtype(dtype, np.floating):
        dtype = np.dtype(np.float64)
    start, stop = (np.asarray(getattr(v, "value", v)) for v in (start, stop))
    out = np.linspace(start, stop, int(num), axis=axis).astype(dtype)
    return record("tf.linspace", out, (), None)


def value_of(value, dtype):
    """The array of a Tensor or a number, of ``dtype`` or the dtype TensorFlow gives it (a
    Python int: int32, a float: float32)."""
    value = getattr(value, "value", value)
    return np.asarray(value, dtype=dtype or default_dtype(value))


@add_dispatch_support("one_hot")
def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None):
    """Rows of ``off_value`` with ``on_value`` at each index; out-of-range indices: all off."""
    idx = np.asarray(convert(indices).value).astype(np.int64)
    on = None if on_value is None else value_of(on_value, dtype)
    off = None if off_value is None else value_of(off_value, dtype)
    if dtype is None and on is not None and off is not None and on.dtype != off.dtype:
        raise TypeError(f"dtype <dtype: '{on.dtype.name}'> of on_value does not match dtype "
                        f"<dtype: '{off.dtype.name}'> of off_value")
    if dtype is None:   # the values' dtype (a Python int: int32), else float32
        dtype = (on if on is not None else off if off is not None else np.zeros(0, "f4")).dtype
    on = 1 if on is None else on
    off = 0 if off is None else off
    hot = idx[..., None] == np.arange(int(depth))
    out = np.where(hot, on, off).astype(dtype)
    if axis is not None and axis != -1:
        out = np.moveaxis(out, -1, axis)
    return record("tf.one_hot", out, (), None)


def shape(input, out_type="int32", name=None):
    return record("tf.shape", np.asarray(convert(input).value.shape, dtype=out_type), (), None)


def rank(input, name=None):
    return record("tf.rank", np.asarray(convert(input).value.ndim, dtype=np.int32), (), None)


def size(input, out_type="int32", name=None):
    return record("tf.size", np.asarray(convert(input).value.size, dtype=out_type), (), None)


def transpose(a, perm=None, conjugate=False, name=None):
    a = convert(a)
    perm = tuple(reversed(range_of(a.value.ndim))) if perm is None else tuple(as_shape(perm))
    if len(perm) != a.value.ndim:
        raise string_ops.InvalidArgumentError(
            f"transpose expects a vector of size {a.value.ndim}. But input(1) is a vector of "
            f"size {len(perm)}")
    back = tuple(np.argsort(perm))
    return record("tf.transpose", np.transpose(a.value, perm), (a,),
                  lambda g, needs: (np.transpose(g, back),),
                  lambda g, needs, out: (transpose(g, back),))


@add_dispatch_support("linalg.matrix_transpose")   # of a KerasTensor: a TFOpLambda layer
def matrix_transpose(a, name="matrix_transpose", conjugate=False):
    """``tf.linalg.matrix_transpose``: the last two axes swapped (a batch of matrices each
    transposed); conjugated too with ``conjugate``."""
    a = convert(a)
    ndim = a.value.ndim
    if ndim < 2:
        raise ValueError("Argument `a` should be a (batch) matrix with rank >= 2.  Received "
                         f"`a` = {a.value} with shape: {tuple(a.value.shape)}")
    perm = range_of(ndim - 2) + (ndim - 1, ndim - 2)
    out = transpose(a, perm)
    if conjugate and np.iscomplexobj(a.value):
        out = complex_ops.conj(out)
    return out


def range_of(n):
    return tuple(int(i) for i in np.arange(n))


@add_dispatch_support("expand_dims")   # of a KerasTensor: a TFOpLambda layer
def expand_dims(input, axis, name=None):
    x = convert(input)
    xv = x.value
    return record("tf.expand_dims", np.expand_dims(xv, int(axis)), (x,),
                  lambda g, needs: (g.reshape(xv.shape),),
                  lambda g, needs, out: (ops.reshape(g, xv.shape),))


def squeeze(input, axis=None, name=None):
    """``tf.squeeze``: TensorFlow's v2 API, which hands its arguments on to the v1 op
    (``squeeze_v1``); that one dispatches, so a model's KerasTensor becomes a TFOpLambda
    layer named ``tf.compat.v1.squeeze`` whose node records ``axis`` and ``name``, as in
    tf_keras. Without ``axis``, a KerasTensor with an unknown size has an unknown rank in
    Keras's graph, which KerasTensors here cannot stand for."""
    symbolic = getattr(input, "_keras_history", None) is not None   # a KerasTensor
    if axis is None and symbolic and None in input.shape:
        from tracekeras.shim.errors import PACKAGE, OperationNotImplementedByTracekeras, caller
        raise OperationNotImplementedByTracekeras(
            "tracekeras does not implement tf.squeeze without axis of a symbolic tensor of "
            f"unknown size {tuple(input.shape)} (used by {caller(PACKAGE)})")
    return squeeze_v1(input, axis, name)


@add_dispatch_support("compat.v1.squeeze")   # of a KerasTensor: a TFOpLambda layer
def squeeze_v1(input, axis=None, name=None):
    x = convert(input)
    xv = x.value
    axis = None if axis is None else tuple(as_shape(axis if isinstance(axis, (list, tuple))
                                                    else [axis]))
    for a in axis or ():
        if not -xv.ndim <= a < xv.ndim:
            raise string_ops.InvalidArgumentError(
                f"Tried to squeeze dim index {a} for tensor with {xv.ndim} dimensions.")
        if xv.shape[a] != 1:
            raise string_ops.InvalidArgumentError(
                f"Can not squeeze dim[{a % xv.ndim}], expected a dimension of 1, got "
                f"{xv.shape[a]}")
    return record("tf.squeeze", np.squeeze(xv, axis=axis), (x,),
                  lambda g, needs: (g.reshape(xv.shape),),
                  lambda g, needs, out: (ops.reshape(g, xv.shape),))


@add_dispatch_support("stack")   # of KerasTensors: a TFOpLambda layer on the list
def stack(values, axis=0, name=None):
    tensors = tuple(convert(v) for v in values)
    out = np.stack([t.value for t in tensors], axis=axis)
    axis = axis % out.ndim
    places = [slices(out.ndim, axis, i) for i in range_of(len(tensors))]
    return record("tf.stack", out, tensors,
                  lambda g, needs: tuple(np.take(g, i, axis=axis) for i in range_of(len(tensors))),
                  lambda g, needs, out: tuple(ops.getitem(g, place) for place in places))


def concat(values, axis, name="concat"):
    """``tf.concat``: ``ops.concatenate`` of tensors of one dtype. As TensorFlow's op, the
    first tensor's dtype is the one expected: NumPy arrays and Python lists are converted
    to it, another tensor's dtype is an InvalidArgumentError (int64 beside float32 is not
    promoted)."""
    values = list(values) if isinstance(values, (list, tuple)) else [values]
    expected = matching_dtype(values, "ConcatV2", name)
    if expected is not None:
        values = [v if isinstance(v, Tensor) else convert(v, dtype=expected) for v in values]
    return ops.concatenate(values, axis)


def matching_dtype(values, op, name):
    """The dtype of the first tensor among ``values`` (None without one), once every other
    tensor is checked to have it, with TensorFlow's message for one that has not."""
    tensors = [(i, v.value.dtype) for i, v in enumerate(values) if isinstance(v, Tensor)]
    if not tensors:
        return None
    expected = tensors[0][1]
    for i, dtype in tensors[1:]:
        if dtype != expected:
            raise InvalidArgumentError(
                f"cannot compute {op} as input #{i}(zero-based) was expected to be a "
                f"{tf_type_name(expected)} tensor but is a {tf_type_name(dtype)} tensor "
                f"[Op:{op}] name: {name}")
    return expected


def tf_type_name(dtype):
    """TensorFlow's own name of a dtype in its op messages: ``float``, ``double``, ``string``."""
    name = "string" if np.dtype(dtype).kind == "O" else np.dtype(dtype).name
    return ops.TF_TYPE_NAMES.get(name, name)


def unstack(value, num=None, axis=0, name=None):
    x = convert(value)
    xv = x.value
    axis = axis % xv.ndim
    return [piece(x, "tf.unstack", np.take(xv, i, axis=axis), index)
            for i, index in ((i, slices(xv.ndim, axis, i)) for i in range_of(xv.shape[axis]))]


def slices(ndim, axis, at):
    return tuple([slice(None)] * axis + [at] + [slice(None)] * (ndim - axis - 1))


def piece(x, name, value, index):
    """One output of unstack/split: its gradient lands in its place in a zero array."""
    def backward(g, needs):
        out = np.zeros_like(x.value)
        out[index] = g
        return (out,)
    return record(name, value, (x,), backward,
                  lambda g, needs, out: (ops.scatter(g, index, x.shape),))


def split(value, num_or_size_splits, axis=0, num=None, name=None):
    x = convert(value)
    xv = x.value
    axis = int(axis) % xv.ndim
    sizes = np.asarray(getattr(num_or_size_splits, "value", num_or_size_splits))
    if sizes.ndim == 0:
        if xv.shape[axis] % int(sizes):
            raise ValueError(f"Dimension size, given by scalar input {xv.shape[axis]} must be "
                             f"evenly divisible by {int(sizes)}.")
        sizes = np.full(int(sizes), xv.shape[axis] // int(sizes))
    starts = np.concatenate([[0], np.cumsum(sizes)])
    return [piece(x, "tf.split", xv[index], index)
            for index in (slices(xv.ndim, axis, slice(int(a), int(b)))
                          for a, b in itertools.pairwise(starts))]


def tile(input, multiples, name=None):
    x = convert(input)
    xv = x.value
    reps = as_shape(multiples)

    def backward(g, needs):
        # (m0, d0, m1, d1, ...) then sum over the copies
        paired = g.reshape([n for m, d in zip(reps, xv.shape, strict=True) for n in (m, d)])
        return (paired.sum(axis=tuple(2 * i for i in range_of(len(reps)))),)

    def backward_ops(g, needs, out):
        paired = ops.reshape(g, [n for m, d in zip(reps, xv.shape, strict=True) for n in (m, d)])
        return (ops.reduce_sum(paired, axis=tuple(2 * i for i in range_of(len(reps)))),)
    return record("tf.tile", np.tile(xv, reps), (x,), backward, backward_ops)


def repeat(input, repeats, axis=None, name=None):
    """``tf.repeat``: each entry along ``axis`` (of the flattened input when None) repeated
    ``repeats`` times (one count, or one count per entry); the gradient sums each entry's
    copies back."""
    x = convert(input)
    xv = x.value
    counts = np.asarray(getattr(repeats, "value", repeats))
    if counts.dtype.kind not in "iu":
        raise TypeError(f"`repeats` must be integers, received dtype {counts.dtype}.")
    if counts.ndim > 1:
        raise ValueError(f"`repeats` must be a scalar or a 1-D list, received shape "
                         f"{counts.shape}.")
    flat = xv.reshape(-1) if axis is None else xv
    where = 0 if axis is None else int(axis) % max(xv.ndim, 1)
    if counts.ndim == 1 and counts.size not in (1, flat.shape[where]):
        raise ValueError(f"`repeats` has {counts.size} counts for {flat.shape[where]} entries "
                         f"along axis {where}: expected one count, or one per entry.")
    counts = np.broadcast_to(counts.reshape(-1), (flat.shape[where],))
    source = np.repeat(np.arange(flat.shape[where]), counts)   # the entry each copy is of

    def backward(g, needs):
        summed = np.zeros(np.moveaxis(flat, where, 0).shape, dtype=g.dtype)
        np.add.at(summed, source, np.moveaxis(g, where, 0))
        return (np.moveaxis(summed, 0, where).reshape(xv.shape),)
    return record("tf.repeat", np.take(flat, source, axis=where), (x,), backward)


def norm(tensor, ord="euclidean", axis=None, keepdims=None, name=None):
    """``tf.norm`` of vectors: euclidean (2), 1 or inf, over ``axis`` (all entries if None)."""
    keep = bool(keepdims)
    if ord in ("euclidean", 2, 2.0, "fro"):
        return ops.sqrt(ops.reduce_sum(ops.multiply(tensor, tensor), axis=axis, keepdims=keep))
    if ord in (1, 1.0):
        return ops.reduce_sum(ops.abs(tensor), axis=axis, keepdims=keep)
    if ord in (np.inf, "inf"):
        return math_ops.reduce_max(ops.abs(tensor), axis=axis, keepdims=keep)
    raise ValueError(f"'ord' must be a supported vector norm, got {ord!r}.")


broadcast_to = ops.broadcast_to


def eye(num_rows, num_columns=None, batch_shape=None, dtype="float32", name=None):
    out = np.eye(int(num_rows), None if num_columns is None else int(num_columns),
                 dtype=numpy_dtype(dtype))
    if batch_shape is not None:
        out = np.broadcast_to(out, as_shape(batch_shape) + out.shape).copy()
    return record("tf.eye", out, (), None)


def sort(values, axis=-1, direction="ASCENDING", name=None):
    """``tf.sort``: along ``axis``; its gradient goes back to each value's place."""
    x = convert(values)
    order = argsort_of(x.value, axis, direction)
    back = np.argsort(order, axis=axis, kind="stable")
    return record("tf.sort", np.take_along_axis(x.value, order, axis=axis), (x,),
                  lambda g, needs: (np.take_along_axis(g, back, axis=axis),))


def argsort(values, axis=-1, direction="ASCENDING", stable=False, name=None):
    x = convert(values)
    order = argsort_of(x.value, axis, direction).astype(np.int32)
    return record("tf.argsort", order, (), None)


def argsort_of(value, axis, direction):
    """Indices that sort ``value``; equal values keep their order either way."""
    key = -value if direction == "DESCENDING" else value
    return np.argsort(key, axis=axis, kind="stable")


def tensordot(a, b, axes, name=None):
    """``tf.tensordot``: sums the products of ``a`` and ``b`` over the paired ``axes``.

    ``axes`` is an int N (the last N axes of ``a`` with the first N of ``b``) or a pair of
    ints or lists of axes. Built as TensorFlow builds it, so its gradient follows: each side
    is transposed to put its free axes first (``a``) or last (``b``), reshaped to a matrix,
    the two multiplied, and the product reshaped to ``a``'s free axes then ``b``'s.
    """
    a, b = convert(a), convert(b)
    a_axes, b_axes = tensordot_axes(a.value.ndim, b.value.ndim, axes)
    a_free = [i for i in range_of(a.value.ndim) if i not in a_axes]
    b_free = [i for i in range_of(b.value.ndim) if i not in b_axes]
    a_free_dims = [a.value.shape[i] for i in a_free]
    b_free_dims = [b.value.shape[i] for i in b_free]
    a_matrix = ops.reshape(transpose(a, a_free + a_axes),
                           (int(np.prod(a_free_dims)), -1))
    b_matrix = ops.reshape(transpose(b, b_axes + b_free),
                           (-1, int(np.prod(b_free_dims))))
    return ops.reshape(ops.matmul(a_matrix, b_matrix), a_free_dims + b_free_dims)


def tensordot_axes(a_rank, b_rank, axes):
    """The contracted axes of each side, as lists of non-negative ints, checked."""
    if isinstance(axes, Tensor):
        axes = axes.value.tolist()
    if isinstance(axes, (int, np.integer)):
        if axes < 0:
            raise ValueError(f"`axes` must be at least 0. Received: {axes}.")
        if axes > a_rank:
            raise ValueError(f"`axes` must not be larger than the number of dimensions of "
                             f"tensor a (rank {a_rank}). Received: {axes}.")
        return list(range_of(a_rank)[a_rank - axes:]), list(range_of(axes))
    if not isinstance(axes, (list, tuple)) or len(axes) != 2:
        raise ValueError(f"`axes` must be an integer or have length 2. Received {axes!r}.")
    a_axes, b_axes = ([int(i)] if np.ndim(i) == 0 else [int(j) for j in i] for i in axes)
    if len(a_axes) != len(b_axes):
        raise ValueError(f"Different number of contraction axes `a` and `b`, "
                         f"{len(a_axes)} != {len(b_axes)}.")
    return ([i % a_rank for i in a_axes], [i % b_rank for i in b_axes])
