"""``tf.math``'s segment reductions: the rows of ``data`` added up (or averaged, or their
largest or smallest kept) by the segment each row's id names.

What it owns: ``unsorted_segment_sum``, ``unsorted_segment_mean``,
``unsorted_segment_sqrt_n``, ``unsorted_segment_max``, ``unsorted_segment_min`` (any order
of ids, ``num_segments`` given, negative ids dropped, an empty segment 0, or the dtype's
lowest (max) or highest (min) value) and the sorted ``segment_sum``, ``segment_mean``,
``segment_max``, ``segment_min`` (ids a vector that never decreases; ``ids[-1] + 1``
segments, an empty one 0) (``tf.math.bincount``, how many rows each id has, is
:mod:`tracekeras.backend.array_selection`'s). ``segment_ids`` has the shape of a leading
part of ``data``'s; the output is
``[num_segments] + data.shape[segment_ids.ndim:]``. TensorFlow's checks, with its error
(``InvalidArgumentError``) and message: the ids' dtype (int16, int32, int64), the shapes,
each id inside ``[0, num_segments)``, the sorted ids increasing.

Gradients are TensorFlow's registered ones: a sum sends each segment's gradient back to
its rows (``_GatherDropNegatives``: none to a dropped row); mean and sqrt_n are built as
TensorFlow builds them, the sum divided by the segment's row count (at least 1) or its
square root, so their gradient follows; max and min split a segment's gradient between the
rows that reached the extreme (ties share it). Each has its ``backward_ops`` twin in
differentiable ops (second derivatives). Trace events: a ``backend`` instant per op at
level full (``record``).
"""
import numpy as np

from . import ops
from .ops import bound
from .string_ops import InvalidArgumentError
from .tape import record
from .tensor import convert

INDEX_DTYPES = ("int16", "int32", "int64")
NUMBER_DTYPES = ("float", "double", "int32", "uint8", "int16", "int8", "complex64", "int64",
                 "qint8", "quint8", "qint32", "bfloat16", "qint16", "quint16", "uint16",
                 "complex128", "half", "uint32", "uint64")
REAL_DTYPES = ("float", "double", "int32", "uint8", "int16", "int8", "int64", "bfloat16",
               "uint16", "half", "uint32", "uint64")
FLOAT_DTYPES = ("bfloat16", "half", "float", "double", "complex64", "complex128")


def tf_dtype_name(dtype):
    """The name TensorFlow's op registry gives a NumPy dtype (float32 is ``float``)."""
    if dtype.kind in "OSU":
        return "string"
    return {"float16": "half", "float32": "float", "float64": "double"}.get(dtype.name,
                                                                            dtype.name)


def check_dtype(attr, dtype, allowed):
    if tf_dtype_name(dtype) not in allowed:
        raise InvalidArgumentError(f"Value for attr '{attr}' of {tf_dtype_name(dtype)} is not "
                                   f"in the list of allowed values: {', '.join(allowed)}")


def shape_text(shape):
    return "[" + ",".join(str(d) for d in shape) + "]"


class Segments:
    """The arguments of one segment reduction, their dtypes checked: ``data`` (a Tensor) and
    the ids. ``arrange`` (after the op's shape checks) gives the rows (``[ids.size] + rest``),
    the ids flattened, which rows are kept (id not negative) and the number of segments."""

    def __init__(self, op, data, segment_ids, allowed):
        self.op = op
        self.data = convert(data)
        check_dtype("T", self.data.value.dtype, allowed)
        self.ids = np.asarray(convert(segment_ids).value)
        check_dtype("Tindices", self.ids.dtype, INDEX_DTYPES)

    def arrange(self, num_segments):
        dv = self.data.value
        self.rows = dv.reshape((self.ids.size,) + dv.shape[self.ids.ndim:])
        self.flat = self.ids.reshape(-1).astype(np.int64)
        self.kept = self.flat >= 0
        self.num_segments = num_segments
        self.column = (-1,) + (1,) * (self.rows.ndim - 1)    # a per-row or per-segment factor
        return self

    def out_shape(self):
        return (self.num_segments,) + self.rows.shape[1:]

    def spread(self, g):
        """A segment-shaped gradient sent back to the rows: each row its segment's, a dropped
        row none (``_GatherDropNegatives``), in ``data``'s shape."""
        out = g[np.where(self.kept, self.flat, 0)]
        out[~self.kept] = 0
        return out.reshape(self.data.value.shape)

    def spread_ops(self, g):
        """``spread`` in differentiable ops."""
        mask = self.kept.reshape(self.column).astype(g.value.dtype)
        rows = ops.multiply(ops.gather(g, np.where(self.kept, self.flat, 0)), mask)
        return ops.reshape(rows, self.data.value.shape)

    def counts(self, dtype):
        """Each segment's number of rows, at least 1, shaped to divide the segment sums."""
        n = np.bincount(self.flat[self.kept], minlength=self.num_segments)
        return np.maximum(n, 1).reshape(self.column).astype(dtype)


def unsorted(op, data, segment_ids, num_segments, allowed):
    """The Segments of an unsorted reduction: the ids' shape leads ``data``'s,
    ``num_segments`` a non-negative scalar, every id below it."""
    segments = Segments(op, data, segment_ids, allowed)
    shape, ids = segments.data.value.shape, segments.ids
    if shape[:ids.ndim] != ids.shape:
        raise InvalidArgumentError(f"data.shape = {shape_text(shape)} does not start with "
                                   f"segment_ids.shape = {shape_text(ids.shape)} [Op:{op}]")
    count = bound(num_segments)
    if isinstance(count, float):
        raise TypeError(f"Cannot convert {count!r} to EagerTensor of dtype int32")
    count = np.asarray(count)
    if count.ndim:
        raise InvalidArgumentError(f"num_segments should be a scalar, not shape "
                                   f"{shape_text(count.shape)} [Op:{op}]")
    count = int(count)
    if count < 0:
        raise InvalidArgumentError(f"Input num_segments == {count} must not be negative. "
                                   f"[Op:{op}]")
    above = np.flatnonzero(ids >= count)
    if above.size:
        where = np.unravel_index(above[0], ids.shape)
        raise InvalidArgumentError(
            f"segment_ids[{','.join(str(int(i)) for i in where)}] = "
            f"{int(ids.reshape(-1)[above[0]])} is out of range [0, {count}) [Op:{op}]")
    return segments.arrange(count)


def sorted_segments(op, data, segment_ids, allowed):
    """The Segments of a sorted reduction: the ids a vector of the length of ``data``'s first
    axis that never decreases; ``ids[-1] + 1`` segments."""
    segments = Segments(op, data, segment_ids, allowed)
    ids = segments.ids
    if ids.ndim != 1:
        raise InvalidArgumentError(f"segment_ids should be a vector. [Op:{op}]")
    if segments.data.value.ndim == 0 or ids.size != segments.data.value.shape[0]:
        raise InvalidArgumentError(f"segment_ids should be the same size as dimension 0 of "
                                   f"input. [Op:{op}]")
    rows = int(ids[-1]) + 1 if ids.size else 0
    runs = ids[np.r_[0, np.flatnonzero(ids[1:] != ids[:-1]) + 1]] if ids.size else ids
    for j, segment in enumerate(runs):        # TensorFlow's order: the next run, then this one
        if j + 1 < runs.size and runs[j + 1] < segment:
            raise InvalidArgumentError(f"segment ids are not increasing [Op:{op}]")
        if segment < 0:
            raise InvalidArgumentError(
                f"Segment id {int(segment)} out of range [0, {rows}), possibly because "
                f"'segment_ids' input is not sorted. [Op:{op}]")
    return segments.arrange(rows)


def summed(segments, name):
    """The rows added up by segment."""
    rows, kept = segments.rows, segments.kept
    out = np.zeros(segments.out_shape(), rows.dtype)
    np.add.at(out, segments.flat[kept], rows[kept])
    return record(name, out, (segments.data,),
                  lambda g, needs: (segments.spread(g),),
                  lambda g, needs, out: (segments.spread_ops(g),))


def extreme(segments, name, ufunc, empty_is_zero):
    """The largest (``np.maximum``) or smallest row value by segment; an empty segment the
    dtype's lowest (highest) value, or 0 (the sorted ops); the gradient split between the
    rows that reached it."""
    rows, kept, flat = segments.rows, segments.kept, segments.flat
    info = np.finfo if rows.dtype.kind == "f" else np.iinfo
    start = info(rows.dtype).min if ufunc is np.maximum else info(rows.dtype).max
    out = np.full(segments.out_shape(), start, rows.dtype)
    ufunc.at(out, flat[kept], rows[kept])
    if empty_is_zero:
        out[np.bincount(flat[kept], minlength=segments.num_segments) == 0] = 0
    selected = (rows == segments.spread(out).reshape(rows.shape)) & kept.reshape(
        segments.column)
    share = np.zeros(segments.out_shape(), rows.dtype)
    np.add.at(share, flat[kept], selected[kept].astype(rows.dtype))
    share = np.where(share > 0, share, 1)

    def backward(g, needs):
        picked = segments.spread(g / share).reshape(rows.shape)
        return (np.where(selected, picked, 0).reshape(segments.data.value.shape),)

    def backward_ops(g, needs, out):
        picked = ops.reshape(segments.spread_ops(ops.divide(g, share)), rows.shape)
        return (ops.reshape(ops.where(selected, picked, np.zeros_like(rows)),
                            segments.data.value.shape),)
    return record(name, out, (segments.data,), backward, backward_ops)


# -- unsorted: any order of ids, num_segments given ----------------------------------------

def unsorted_segment_sum(data, segment_ids, num_segments, name=None):
    """``tf.math.unsorted_segment_sum``: row ``i`` added to output row ``segment_ids[i]``."""
    segments = unsorted("UnsortedSegmentSum", data, segment_ids, num_segments, NUMBER_DTYPES)
    return summed(segments, "tf.math.unsorted_segment_sum")


def unsorted_segment_mean(data, segment_ids, num_segments, name=None):
    """``tf.math.unsorted_segment_mean``: the segment sums over each segment's row count (an
    empty segment 0; integer data gives float64, as TensorFlow's ``/``)."""
    segments = unsorted("UnsortedSegmentSum", data, segment_ids, num_segments, NUMBER_DTYPES)
    total = summed(segments, "tf.math.unsorted_segment_sum")
    return ops.divide(total, segments.counts(total.value.dtype))


def unsorted_segment_sqrt_n(data, segment_ids, num_segments, name=None):
    """``tf.math.unsorted_segment_sqrt_n``: the segment sums over the square root of each
    segment's row count (floating data only)."""
    check_dtype("T", convert(data).value.dtype, FLOAT_DTYPES)
    segments = unsorted("UnsortedSegmentSum", data, segment_ids, num_segments, NUMBER_DTYPES)
    total = summed(segments, "tf.math.unsorted_segment_sum")
    return ops.divide(total, np.sqrt(segments.counts(total.value.dtype)))


def unsorted_segment_max(data, segment_ids, num_segments, name=None):
    """``tf.math.unsorted_segment_max``: an empty segment holds the dtype's lowest value."""
    segments = unsorted("UnsortedSegmentMax", data, segment_ids, num_segments, REAL_DTYPES)
    return extreme(segments, "tf.math.unsorted_segment_max", np.maximum, False)


def unsorted_segment_min(data, segment_ids, num_segments, name=None):
    """``tf.math.unsorted_segment_min``: an empty segment holds the dtype's highest value."""
    segments = unsorted("UnsortedSegmentMin", data, segment_ids, num_segments, REAL_DTYPES)
    return extreme(segments, "tf.math.unsorted_segment_min", np.minimum, False)


# -- sorted: ids that never decrease, ids[-1] + 1 segments ------------------------------------

def segment_sum(data, segment_ids, name=None):
    """``tf.math.segment_sum``."""
    return summed(sorted_segments("SegmentSum", data, segment_ids, NUMBER_DTYPES),
                  "tf.math.segment_sum")


def segment_mean(data, segment_ids, name=None):
    """``tf.math.segment_mean``: integer data keeps its dtype (the mean truncated)."""
    segments = sorted_segments("SegmentMean", data, segment_ids, NUMBER_DTYPES)
    rows, kept = segments.rows, segments.kept
    total = np.zeros(segments.out_shape(), rows.dtype)
    np.add.at(total, segments.flat[kept], rows[kept])
    counts = segments.counts(rows.dtype)
    out = (np.trunc(total / counts) if rows.dtype.kind in "iu" else total / counts)
    return record("tf.math.segment_mean", out.astype(rows.dtype), (segments.data,),
                  lambda g, needs: (segments.spread(g / counts),),
                  lambda g, needs, out: (segments.spread_ops(ops.divide(g, counts)),))


def segment_max(data, segment_ids, name=None):
    """``tf.math.segment_max``: an empty segment is 0."""
    return extreme(sorted_segments("SegmentMax", data, segment_ids, REAL_DTYPES),
                   "tf.math.segment_max", np.maximum, True)


def segment_min(data, segment_ids, name=None):
    """``tf.math.segment_min``: an empty segment is 0."""
    return extreme(sorted_segments("SegmentMin", data, segment_ids, REAL_DTYPES),
                   "tf.math.segment_min", np.minimum, True)


__all__ = ["segment_max", "segment_mean", "segment_min", "segment_sum",
           "unsorted_segment_max", "unsorted_segment_mean", "unsorted_segment_min",
           "unsorted_segment_sqrt_n", "unsorted_segment_sum"]
