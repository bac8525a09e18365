"""``tf.RaggedTensor`` of rank 2: a batch of rows of different lengths.

What it owns: :class:`RaggedTensor`, rows of one dtype (``bytes`` strings in an object
array, or numbers), what ``tf.strings.split`` and ``unicode_split`` of a rank-1 input
give and what a lookup layer hands back for them. It offers what the text tutorials
touch, with TensorFlow's results: ``to_tensor`` (padded with ``default_value``, by
default 0 or ``b""``), ``numpy()`` (a 2-D array when the rows have one length, else an
object array of the rows), ``to_list``, ``row_lengths``, ``row_splits``, ``values``
(``flat_values``), ``shape`` (``(rows, None)``), ``dtype``, row indexing (a Tensor) and
row slicing (a RaggedTensor), and the ``<tf.RaggedTensor [...]>`` print.

``constant`` is ``tf.ragged.constant`` of a list of rows. Ragged tensors of rank 3 or more,
the other ``tf.ragged`` constructors and ragged arithmetic are
not implemented. No trace events: it holds values, the ops that make it record.
"""
import numpy as np

from .tensor import Tensor, default_dtype


def row_array(row, dtype):
    array = np.asarray(getattr(row, "value", row), dtype=dtype)
    if array.ndim > 1:
        raise NotImplementedError(f"tracekeras's RaggedTensor has rank 2: each row is a "
                                  f"vector. Received a row of shape {array.shape}")
    return array.reshape(-1)



def values_array(values):
    """``values`` as TensorFlow takes them: arrays and Tensors keep their dtype; a Python
    list gets TensorFlow's (floats float32, ints int32, :func:`default_dtype`)."""
    if isinstance(values, (list, tuple)):
        array = np.asarray(values)
        return array.astype(default_dtype(values)) if array.dtype.kind in "biuf" else array
    return np.asarray(getattr(values, "value", values))

class RaggedTensor:
    """Rows of one dtype and different lengths (strings: object arrays of ``bytes``)."""

    def __init__(self, rows, dtype=None):
        rows = list(rows)
        if dtype is None:
            kinds = [np.asarray(getattr(row, "value", row)) for row in rows]
            strings = any(k.dtype.kind in "OSU" for k in kinds)
            dtype = object if strings or not kinds else np.result_type(*kinds)
        self.rows = [row_array(row, dtype) for row in rows]
        self.row_dtype = np.dtype(dtype)

    @classmethod
    def from_row_lengths(cls, values, row_lengths, name=None, validate=True):
        """Rows cut from ``values`` one after another, ``row_lengths[i]`` items each."""
        values = values_array(values)
        lengths = np.asarray(getattr(row_lengths, "value", row_lengths), dtype=np.int64)
        return cls.from_row_splits(values, np.concatenate([[0], np.cumsum(lengths)]),
                                   validate=validate)

    @classmethod
    def from_row_splits(cls, values, row_splits, name=None, validate=True):
        """Row ``i`` is ``values[row_splits[i]:row_splits[i + 1]]``."""
        values = values_array(values)
        if values.dtype.kind in "SU":
            values = values.astype(object)
        splits = np.asarray(getattr(row_splits, "value", row_splits), dtype=np.int64)
        if validate and (splits.ndim != 1 or len(splits) == 0 or splits[0] != 0
                         or np.any(np.diff(splits) < 0) or splits[-1] != len(values)):
            raise ValueError(f"Arguments to from_row_splits do not form a valid "
                             f"RaggedTensor: row_splits must start at 0, never decrease and "
                             f"end at the number of values ({len(values)}). Received: "
                             f"row_splits={splits.tolist()}")
        return cls([values[a:b] for a, b in zip(splits[:-1], splits[1:])], values.dtype)

    @property
    def shape(self):
        return (len(self.rows), None)

    @property
    def dtype(self):
        return self.row_dtype

    @property
    def ragged_rank(self):
        return 1

    def to_list(self):
        return [row.tolist() for row in self.rows]

    def row_lengths(self):
        return Tensor(np.array([len(row) for row in self.rows], np.int64))

    @property
    def row_splits(self):
        return Tensor(np.concatenate([[0], np.cumsum([len(row) for row in self.rows])])
                      .astype(np.int64))

    @property
    def flat_values(self):
        if not self.rows:
            return Tensor(np.empty(0, self.row_dtype))
        return Tensor(np.concatenate(self.rows).astype(self.row_dtype))

    values = flat_values

    def default(self, default_value):
        if default_value is not None:
            value = np.asarray(getattr(default_value, "value", default_value))
            if value.ndim != 0:
                raise ValueError(f"default_value must be a scalar for a RaggedTensor of rank "
                                 f"2. Received: shape={value.shape}")
            value = value.item()
            if self.row_dtype.kind == "O":
                return value.encode("utf-8") if isinstance(value, str) else value
            return self.row_dtype.type(value)
        return b"" if self.row_dtype.kind == "O" else self.row_dtype.type(0)

    def to_tensor(self, default_value=None, name=None, shape=None):
        """The rows padded (or cut) to one length with ``default_value``."""
        width = max((len(row) for row in self.rows), default=0)
        rows = len(self.rows)
        if shape is not None:
            rows = rows if shape[0] is None else int(shape[0])
            width = width if shape[1] is None else int(shape[1])
        out = np.full((rows, width), self.default(default_value), dtype=self.row_dtype)
        for i, row in enumerate(self.rows[:rows]):
            out[i, :min(len(row), width)] = row[:width]
        return Tensor(out)

    def numpy(self):
        """A 2-D array when every row has the same length, else an object array of rows."""
        if not self.rows:
            return np.zeros((0, 0), self.row_dtype)
        if all(len(row) == len(self.rows[0]) for row in self.rows):
            return np.array(self.rows, dtype=self.row_dtype)
        out = np.empty(len(self.rows), dtype=object)
        for i, row in enumerate(self.rows):
            out[i] = row
        return out

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return RaggedTensor(self.rows[index], self.row_dtype)
        if isinstance(index, (int, np.integer)):
            return Tensor(self.rows[index])
        raise NotImplementedError(f"tracekeras's RaggedTensor is indexed by a row number or a "
                                  f"slice of rows. Received: {index!r}")

    def __iter__(self):
        return (Tensor(row) for row in self.rows)

    def __repr__(self):
        return f"<tf.RaggedTensor {self.to_list()}>"

    __str__ = __repr__


def constant(pylist, dtype=None, ragged_rank=None, inner_shape=None, name=None,
             row_splits_dtype="int64"):
    """``tf.ragged.constant`` of a list of rows (lists, tuples or arrays of scalars): a
    ``RaggedTensor`` of rank 2; Python strings become ``bytes``, as TensorFlow's do."""
    rows = list(getattr(pylist, "tolist", lambda: pylist)())
    flat = not all(isinstance(row, (list, tuple, np.ndarray)) for row in rows)
    deep = any(isinstance(v, (list, tuple, np.ndarray)) for row in rows if not flat
               for v in row)
    if flat or deep or ragged_rank not in (None, 1) or inner_shape is not None:
        from tracekeras.shim.errors import OperationNotImplementedByTracekeras, caller
        raise OperationNotImplementedByTracekeras(
            "tracekeras does not implement tf.ragged.constant but of a list of rows of "
            f"scalars (a RaggedTensor of rank 2) (used by {caller()})")
    rows = [[v.encode() if isinstance(v, str) else v for v in row] for row in rows]
    if dtype is None:   # TensorFlow's defaults for Python values: int32, float32, string
        kind = np.array([v for row in rows for v in row]).dtype.kind
        dtype = {"i": np.int32, "f": np.float32, "b": np.bool_}.get(
            kind, object if kind in "OSU" else np.float32)
    return RaggedTensor(rows, np.dtype(getattr(dtype, "as_numpy_dtype", dtype)))
