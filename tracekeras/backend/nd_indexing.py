"""``tf.gather_nd``, ``tf.scatter_nd`` and ``tf.tensor_scatter_nd_*``: indexing by coordinates.

What it owns: the ops whose ``indices`` hold, along their last axis, the first ``K``
coordinates of places in a tensor (``tensorflow/python/ops/array_ops.py``). ``gather_nd``
reads the element or slice at each (``indices.shape[:-1] + params.shape[K:]``; with
``batch_dims`` the leading axes pair up), ``scatter_nd`` adds ``updates`` into zeros of
``shape`` (repeated places add up), ``tensor_scatter_nd_update`` writes them into a copy
of ``tensor`` (a place written twice keeps the last), ``_add`` and ``_sub`` add them to it
or subtract them from it.

Each checks what TensorFlow's kernel checks, with its message less the kernel's
``{{function_node ...}}`` prefix: an index outside the tensor (``indices[0] = [0, 5] does not
index into param shape [2,3,4]``), too many coordinates, ``updates`` of the wrong shape,
indices that are not integers. Gradients are TensorFlow's: ``gather_nd`` sends its
gradient back to the places it read (a ``scatter_nd``), ``scatter_nd`` reads it back at
the places it wrote (a ``gather_nd``), an update hides the overwritten places of
``tensor`` from the gradient; each beside its ``backward_ops`` twin (second derivatives).
Trace events: a ``backend`` instant per op at level full.
"""
import numpy as np

from . import array_ops
from .ops import maybe
from .string_ops import InvalidArgumentError
from .tape import record
from .tensor import convert

INDEX_DTYPES = ("int16", "int32", "int64")


def dims_text(shape):
    return "[" + ",".join(str(d) for d in shape) + "]"


def as_indices(indices, attr="Tindices", allowed=INDEX_DTYPES):
    """The indices as an int64 array; TensorFlow's refusal of another dtype."""
    value = np.asarray(convert(indices).value) if not isinstance(indices, (list, tuple)) \
        else np.asarray(indices)
    if value.dtype == np.float64 or value.dtype.name not in allowed:
        name = {"float64": "float", "float32": "float", "bool": "bool"}.get(
            value.dtype.name, value.dtype.name)
        raise InvalidArgumentError(
            f"Value for attr '{attr}' of {name} is not in the list of allowed values: "
            f"{', '.join(allowed)}")
    return value.astype(np.int64)


def check_places(index, shape, op, what="shape"):
    """Every coordinate row of ``index`` (``[..., K]``) inside ``shape``."""
    rows = index.reshape(-1, index.shape[-1])
    bad = np.nonzero(((rows < 0) | (rows >= np.asarray(shape[:index.shape[-1]]))).any(axis=1))[0]
    if bad.size:
        row = rows[bad[0]]
        tail = ", node name: GatherNd" if op == "GatherNd" else ""
        raise InvalidArgumentError(
            f"indices[{bad[0]}] = [{', '.join(str(int(i)) for i in row)}] does not index into "
            f"{what} {dims_text(shape)}{tail} [Op:{op}]")


def places(index):
    """NumPy's fancy index for coordinate rows ``[..., K]``."""
    return tuple(index[..., k] for k in range(index.shape[-1]))


def with_batch(index, batch_shape):
    """Coordinate rows with the batch coordinates put in front (``batch_dims``)."""
    if not batch_shape:
        return index
    grid = np.stack(np.meshgrid(*[np.arange(d) for d in batch_shape], indexing="ij"), axis=-1)
    grid = grid.reshape(tuple(batch_shape) + (1,) * (index.ndim - len(batch_shape) - 1)
                        + (len(batch_shape),))
    grid = np.broadcast_to(grid, index.shape[:-1] + (len(batch_shape),))
    return np.concatenate([grid, index], axis=-1)


def gather_nd(params, indices, batch_dims=0, name=None):
    """``tf.gather_nd``: the elements or slices of ``params`` at coordinate rows."""
    params = array_ops.convert_to_tensor(params)
    pv = params.value
    index = as_indices(indices)
    batch_dims = int(batch_dims)
    if index.shape[-1] > pv.ndim - batch_dims:
        raise InvalidArgumentError(f"index innermost dimension length must be <= params rank; "
                                   f"saw: {index.shape[-1]} vs. {pv.ndim} [Op:GatherNd]")
    full = with_batch(index, pv.shape[:batch_dims])
    check_places(full, pv.shape, "GatherNd", "param shape")
    at = places(full)

    def backward(g, needs):
        out = np.zeros_like(pv)
        np.add.at(out, at, g)
        return (out,)

    def backward_ops(g, needs, out):
        return (scatter_nd(full, g, pv.shape),)
    return record("tf.gather_nd", pv[at], (params,), backward, backward_ops)


def check_updates(index, updates_shape, shape, op):
    """``updates`` must be ``indices.shape[:-1] + shape[K:]``, in TensorFlow's words."""
    outer = index.ndim - 1
    if tuple(updates_shape[:outer]) != tuple(index.shape[:-1]):
        raise InvalidArgumentError(
            f"Dimensions [0,{outer}) of indices[shape={dims_text(index.shape)}] must match "
            f"dimensions [0,{outer}) of updates[shape={dims_text(updates_shape)}] [Op:{op}]")
    inner = tuple(shape[index.shape[-1]:])
    if tuple(updates_shape[outer:]) != inner:
        k = index.shape[-1]
        raise InvalidArgumentError(
            f"Dimensions [{k},{len(shape)}) of input[shape={dims_text(shape)}] = "
            f"{dims_text(inner)} must match dimensions [{outer},{len(updates_shape)}) of "
            f"updates[shape={dims_text(updates_shape)}] = {dims_text(updates_shape[outer:])} "
            f"[Op:{op}]")


def scatter_nd(indices, updates, shape, name=None):
    """``tf.scatter_nd``: ``updates`` added into zeros of ``shape`` at coordinate rows."""
    updates = array_ops.convert_to_tensor(updates)
    uv = updates.value
    index = as_indices(indices)
    shape = tuple(int(d) for d in np.asarray(convert(shape).value).reshape(-1))
    check_updates(index, uv.shape, shape, "ScatterNd")
    check_places(index, shape, "ScatterNd")
    at = places(index)
    value = np.zeros(shape, uv.dtype)
    np.add.at(value, at, uv)
    return record("tf.scatter_nd", value, (updates,), lambda g, needs: (g[at],),
                  lambda g, needs, out: (gather_nd(g, index),))


def tensor_scatter(name, combine, tensor, indices, updates):
    """One of the ``tensor_scatter_nd_*`` ops: ``combine(copy, at, updates)`` in place."""
    tensor = convert(tensor)
    tv = tensor.value
    updates = convert(updates, dtype=tv.dtype)
    index = as_indices(indices)
    op = "TensorScatter" + name.title().replace("_", "")
    check_updates(index, updates.value.shape, tv.shape, op)
    check_places(index, tv.shape, op)
    at = places(index)
    value = tv.copy()
    combine(value, at, updates.value)
    return value, tensor, updates, at, index


def tensor_scatter_nd_update(tensor, indices, updates, name=None):
    """``tf.tensor_scatter_nd_update``: a copy of ``tensor`` with ``updates`` written in."""
    def write(value, at, u):
        value[at] = u
    value, tensor, updates, at, index = tensor_scatter("update", write, tensor, indices, updates)

    def backward(g, needs):
        kept = g.copy()
        kept[at] = 0
        return (kept if needs[0] else None, g[at] if needs[1] else None)

    def backward_ops(g, needs, out):
        return (maybe(needs[0], lambda: tensor_scatter_nd_update(
                    g, index, np.zeros(updates.value.shape, g.value.dtype))),
                maybe(needs[1], lambda: gather_nd(g, index)))
    return record("tf.tensor_scatter_nd_update", value, (tensor, updates), backward,
                  backward_ops)


def additive(name, sign):
    def op(tensor, indices, updates, name=None):
        def combine(value, at, u):
            np.add.at(value, at, sign * u)
        value, tensor, updates, at, index = tensor_scatter(name_, combine, tensor, indices,
                                                           updates)

        def backward(g, needs):
            return (g if needs[0] else None, sign * g[at] if needs[1] else None)

        def backward_ops(g, needs, out):
            taken = maybe(needs[1], lambda: gather_nd(g, index))
            return (g if needs[0] else None,
                    None if taken is None else (taken if sign > 0 else -taken))
        return record(f"tf.tensor_scatter_nd_{name_}", value, (tensor, updates), backward,
                      backward_ops)
    name_ = name
    op.__name__ = op.__qualname__ = f"tensor_scatter_nd_{name}"
    done = "added to" if sign > 0 else "subtracted from"
    op.__doc__ = f"``tf.tensor_scatter_nd_{name}``: ``updates`` {done} a copy of ``tensor``."
    return op


tensor_scatter_nd_add = additive("add", 1)
tensor_scatter_nd_sub = additive("sub", -1)
