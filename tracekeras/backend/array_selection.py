"""``tf.boolean_mask``, ``tf.unique`` (and ``unique_with_counts``), ``tf.searchsorted``,
``tf.math.bincount`` and ``tf.nn.embedding_lookup``: ops that pick or count elements by
their values.

What it owns: five ops of ``tensorflow/python/ops`` (``array_ops``, ``bincount_ops``,
``embedding_ops``) whose results depend on the values of an integer or boolean input.
``boolean_mask`` keeps the slices where ``mask`` holds (from ``axis`` on, over the mask's
rank), built as TensorFlow builds it, a reshape and a ``tf.gather``, so its gradient is
the gather's; ``embedding_lookup`` is a ``tf.gather`` of rows (clipped to ``max_norm``
when given). ``unique`` (values in order of first appearance and each element's
position among them), ``searchsorted`` (``side`` left or right, over the leading batch
axes) and ``bincount`` (counts, or summed ``weights``, of non-negative integers, along
the last axis with ``axis=-1``) have no gradient: asked for one through ``unique``'s values
or ``bincount``'s weights, the tape raises TensorFlow's ``LookupError`` (``gradient
registry has no entry for: Unique``).

Their refusals are TensorFlow's, less the kernel's ``{{function_node ...}}`` prefix:
``mask cannot be scalar.``, ``Shapes (2,) and (3,) are incompatible``, ``unique expects a
1D vector.``, ``Input arr must be non-negative!``, ``Leading dim_size of both tensors
must match.``. Trace events: a ``backend`` instant per op at level full.
"""
import collections

import numpy as np

from tracekeras.shim.errors import OperationNotImplementedByTracekeras, caller

from . import array_ops, math_ops, ops
from .string_ops import InvalidArgumentError
from .tape import record
from .tensor import Tensor, convert

Unique = collections.namedtuple("Unique", ["y", "idx"])
UniqueWithCounts = collections.namedtuple("UniqueWithCounts", ["y", "idx", "count"])


def shape_text(shape):
    return "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"


def boolean_mask(tensor, mask, axis=None, name="boolean_mask"):
    """``tf.boolean_mask``: the slices of ``tensor`` where ``mask`` holds."""
    tensor = array_ops.convert_to_tensor(tensor)
    mask_value = np.asarray(array_ops.convert_to_tensor(mask).value)
    if mask_value.ndim == 0:
        raise ValueError("mask cannot be scalar.")
    axis = 0 if axis is None else int(axis) % max(tensor.value.ndim, 1)
    masked = tensor.value.shape[axis:axis + mask_value.ndim]
    if masked != mask_value.shape:
        raise ValueError(f"Shapes {shape_text(masked)} and {shape_text(mask_value.shape)} "
                         "are incompatible")
    shape = tensor.value.shape
    flat = ops.reshape(tensor, shape[:axis] + (int(np.prod(masked, dtype=np.int64)),)
                       + shape[axis + mask_value.ndim:])
    return ops.gather(flat, np.flatnonzero(mask_value), axis=axis)


def unique(x, out_idx="int32", name=None):
    """``tf.unique``: ``(y, idx)``, the values of ``x`` in order of first appearance and
    where each element of ``x`` is in ``y``."""
    value = np.asarray(array_ops.convert_to_tensor(x).value)
    if value.ndim != 1:
        raise InvalidArgumentError("unique expects a 1D vector. [Op:Unique] name: ")
    firsts, idx = {}, np.empty(value.shape, array_ops.numpy_dtype(out_idx))
    for i, item in enumerate(value.tolist()):   # value -> (its place in y, where it first is)
        idx[i] = firsts.setdefault(item, (len(firsts), i))[0]
    y = value[[first for _, first in firsts.values()]]
    x = x if isinstance(x, Tensor) else array_ops.convert_to_tensor(x)
    return Unique(record("tf.unique", y, (x,), no_gradient("Unique")),
                  record("tf.unique", idx, (), None))


def no_gradient(op):
    """The backward rule of an op TensorFlow registers no gradient for: its LookupError."""
    def refuse(*args):
        raise LookupError(f"gradient registry has no entry for: {op}")
    return refuse


def unique_with_counts(x, out_idx="int32", name=None):
    """``tf.unique_with_counts``: ``tf.unique``'s ``(y, idx)`` and how often each value
    appears (``out_idx``'s dtype)."""
    y, idx = unique(x, out_idx=out_idx)
    counts = np.bincount(idx.value, minlength=y.value.shape[0]).astype(idx.value.dtype)
    return UniqueWithCounts(y, idx, record("tf.unique_with_counts", counts, (), None))


def searchsorted(sorted_sequence, values, side="left", out_type="int32", name=None):
    """``tf.searchsorted``: where each of ``values`` would go in ``sorted_sequence`` (per
    row of the leading axes), before equal values (``left``) or after them (``right``)."""
    if side not in ("left", "right"):
        raise ValueError("Argument `side` must be either 'right' or 'left'. Received: `side` "
                         f"= '{side}'.")
    sequence = np.asarray(array_ops.convert_to_tensor(sorted_sequence).value)
    found = np.asarray(array_ops.convert_to_tensor(values).value)
    op = "LowerBound" if side == "left" else "UpperBound"
    if found.dtype != sequence.dtype:
        raise InvalidArgumentError(
            f"cannot compute {op} as input #1(zero-based) was expected to be a "
            f"{ops.type_name(sequence.dtype)} tensor but is a {ops.type_name(found.dtype)} tensor "
            f"[Op:{op}] name: ")
    if sequence.ndim == 0:
        raise InvalidArgumentError("slice index -1 of dimension 0 out of bounds. "
                                   "[Op:StridedSlice] name: strided_slice/")
    if sequence.shape[:-1] != found.shape[:-1] or found.ndim != sequence.ndim:
        raise InvalidArgumentError(f"Leading dim_size of both tensors must match. [Op:{op}] "
                                   "name: ")
    rows_s = sequence.reshape(-1, sequence.shape[-1])
    rows_v = found.reshape(-1, found.shape[-1])
    out = np.stack([np.searchsorted(s, v, side=side) for s, v in zip(rows_s, rows_v)])
    return record("tf.searchsorted", out.reshape(found.shape).astype(
        array_ops.numpy_dtype(out_type)), (), None)


def bincount(arr, weights=None, minlength=None, maxlength=None, dtype="int32", name=None,
             axis=None, binary_output=False):
    """``tf.math.bincount``: how often each integer appears in ``arr`` (or the sum of its
    ``weights``); with ``axis=-1`` one count per row of the last axis."""
    values = np.asarray(array_ops.convert_to_tensor(arr).value)
    if values.dtype.kind == "f":
        values = values.astype(np.int32)
    if axis not in (None, 0, -1):
        raise ValueError(f"Unsupported axis value {axis}. Only 0 and -1 are currently "
                         "supported.")
    if values.size and values.min() < 0:
        raise InvalidArgumentError("Input arr must be non-negative! [Op:DenseBincount] name: ")
    size = int(values.max()) + 1 if values.size else 0
    size = max(size, int(minlength)) if minlength is not None else size
    size = min(size, int(maxlength)) if maxlength is not None else size
    weights = None if weights is None else array_ops.convert_to_tensor(weights)
    weight = None if weights is None else np.asarray(weights.value)
    if weight is not None and weight.size and weight.shape != values.shape:
        raise InvalidArgumentError(
            "`weights` must be the same shape as `arr` or a length-0 `Tensor`, in which case "
            f"it acts as all weights equal to 1. Received [{','.join(map(str, weight.shape))}] "
            "[Op:DenseBincount]")
    weights = weights if weight is None or weight.size else None
    weight = weight if weight is None or weight.size else None
    kind = weight.dtype if weight is not None else array_ops.numpy_dtype(dtype)
    rows = values.reshape(-1, values.shape[-1]) if axis == -1 and values.ndim > 1 \
        else values.reshape(1, -1)
    wrows = None if weight is None else weight.reshape(rows.shape)
    out = np.zeros((rows.shape[0], size), kind)
    for r, row in enumerate(rows):
        keep = row < size
        np.add.at(out[r], row[keep], 1 if wrows is None else wrows[r][keep])
    if binary_output:
        out = (out > 0).astype(kind)
    out = out.reshape(values.shape[:-1] + (size,)) if axis == -1 and values.ndim > 1 \
        else out[0]
    sources = () if weights is None else (weights,)
    return record("tf.math.bincount", out, sources, no_gradient("DenseBincount"))


def embedding_lookup(params, ids, max_norm=None, name=None):
    """``tf.nn.embedding_lookup``: the rows of ``params`` at ``ids`` (a ``tf.gather``), each
    clipped to norm ``max_norm`` when given."""
    if isinstance(params, (list, tuple)):
        if len(params) != 1:
            raise OperationNotImplementedByTracekeras(
                f"tracekeras does not implement tf.nn.embedding_lookup over {len(params)} "
                f"sharded tables (used by {caller()})")
        params = params[0]
    params = params if isinstance(params, Tensor) else convert(params)
    ids_value = np.asarray(array_ops.convert_to_tensor(ids).value)
    rows = ops.gather(params, ids_value)
    if max_norm is None:
        return rows
    axes = list(range(ids_value.ndim, rows.value.ndim))
    return math_ops.clip_by_norm(rows, max_norm, axes=axes)
