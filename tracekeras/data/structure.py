"""The static type of a dataset's elements (``tf.data``'s ``element_spec``): ``TensorSpec``
and how each transformation changes it (``tensorflow/python/data/util/structure.py``).

What it owns: ``TensorSpec`` (shape with ``None`` for an unknown dimension, dtype, name;
its text is TensorFlow's, ``TensorSpec(shape=(None, 3), dtype=tf.float32, name=None)``,
strings being ``tf.string``), ``RaggedTensorSpec`` (a ``map`` to ``tf.strings.split`` of a
batch of texts, ``ragged_batch``), ``SparseTensorSpec`` (``sparse_batch``), ``spec_of``
(the spec of NumPy data), ``batched`` (a new leading dimension: the batch size with
``drop_remainder``, else unknown), ``unbatched``, ``most_specific`` (what ``concatenate``
keeps of two specs: dimensions that differ become unknown), ``as_traced`` (a dataset
function reading the Python variables of the moment its step is made, as TensorFlow's
trace reads them) and ``traced_spec``: TensorFlow traces a ``map`` function on the input
spec; here it is called on zeros of the input spec twice, unknown dimensions filled with 2
and then 3, and on ones; an output dimension that differs between the calls is unknown.

What it receives: NumPy arrays and nested tuples/dicts of specs. What it hands on: specs
in the element's structure. Trace events: none.
"""
import contextlib
import io
import types

import numpy as np

from tracekeras.backend import random as random_ops
from tracekeras.backend import script_ops
from tracekeras.backend.ragged_tensor import RaggedTensor
from tracekeras.shim.errors import PACKAGE, OperationNotImplementedByTracekeras, caller
from tracekeras.utils import nest


class TensorSpec:
    """Shape and dtype of one element component (``tf.TensorSpec``)."""

    def __init__(self, shape, dtype, name=None):
        self.shape = None if shape is None else tuple(   # None: the rank is unknown too
            None if d is None else int(d) for d in shape)
        self.dtype = np.dtype(object if dtype in ("string", str, bytes) else dtype)
        self.name = name

    def __eq__(self, other):
        return (isinstance(other, TensorSpec) and self.shape == other.shape
                and self.dtype == other.dtype)

    def __hash__(self):
        return hash((self.shape, str(self.dtype)))

    def __repr__(self):
        dtype = "string" if self.dtype == object else self.dtype.name
        shape = "<unknown>" if self.shape is None else self.shape
        return f"TensorSpec(shape={shape}, dtype=tf.{dtype}, name={self.name!r})"


class RaggedTensorSpec(TensorSpec):
    """The spec of a ``tf.RaggedTensor`` component (rank 2, ragged in its second axis, row
    splits int64), as a ``map`` returning ``tf.strings.split`` of a batch of texts gives."""
    ragged_rank = 1

    def __eq__(self, other):
        return isinstance(other, RaggedTensorSpec) and super().__eq__(other)

    def __hash__(self):
        return hash(("ragged", self.shape, str(self.dtype)))

    def __repr__(self):
        dtype = "string" if self.dtype == object else self.dtype.name
        dims = ", ".join(str(d) for d in self.shape)
        return f"RaggedTensorSpec(TensorShape([{dims}]), tf.{dtype}, 1, tf.int64)"


class SparseTensorSpec(TensorSpec):
    """The spec of a ``tf.SparseTensor`` component (``Dataset.sparse_batch``'s batches)."""

    def __eq__(self, other):
        return isinstance(other, SparseTensorSpec) and super().__eq__(other)

    def __hash__(self):
        return hash(("sparse", self.shape, str(self.dtype)))

    def __repr__(self):
        dtype = "string" if self.dtype == object else self.dtype.name
        dims = ", ".join(str(d) for d in self.shape)
        return f"SparseTensorSpec(TensorShape([{dims}]), tf.{dtype})"


def leaf_spec(shape, leaf):
    """The spec of a component of ``shape`` like ``leaf`` (a RaggedTensor or an array)."""
    kind = RaggedTensorSpec if isinstance(leaf, RaggedTensor) else TensorSpec
    return kind(shape, leaf.dtype)


def spec_of(data, drop_leading=False):
    def spec(a):
        if a is None:
            return None
        return leaf_spec(a.shape[1:] if drop_leading else a.shape, a)
    return nest.map_structure(spec, data)


def leaf_map(fn, specs):
    return nest.map_structure(lambda s: None if s is None else fn(s), specs)


def batched(specs, batch_size, drop_remainder):
    size = int(batch_size) if drop_remainder else None
    return leaf_map(lambda s: refuse_ragged(s, "batch")
                    or TensorSpec(None if s.shape is None else (size,) + s.shape, s.dtype), specs)


def refuse_ragged(spec_or_leaf, step):
    """A ragged component cannot be stacked here: TensorFlow's batch of RaggedTensors is a
    RaggedTensor of rank 3, which tracekeras's RaggedTensor (rank 2) does not implement."""
    if isinstance(spec_or_leaf, (RaggedTensorSpec, RaggedTensor)):
        raise OperationNotImplementedByTracekeras(
            f"tracekeras does not implement tensorflow.data.Dataset.{step} of RaggedTensor "
            f"elements (a RaggedTensor of rank 3) (used by {caller(PACKAGE)})")


def unbatched(specs):
    return leaf_map(lambda s: TensorSpec(None if s.shape is None else s.shape[1:], s.dtype),
                    specs)


def most_specific(a, b):
    """The spec of both datasets' elements (``concatenate``): differing dimensions unknown."""
    def common(x, y):
        if x is None or y is None or x.shape is None or y.shape is None:
            return x if x is None or y is None else TensorSpec(None, x.dtype)
        if len(x.shape) != len(y.shape):
            return x
        return TensorSpec([d if d == e else None for d, e in zip(x.shape, y.shape)], x.dtype)
    if a is None or b is None:
        return a
    return nest.map_structure(common, a, b)


def zeros_of(specs, fill, value=0, text=None):
    """Arrays of ``specs``, unknown dimensions ``fill``, every item ``value`` (a string
    spec holds ``text``, or ``str(value)`` as bytes, the empty string for 0)."""
    def zeros(s):
        shape = ((() if fill == 2 else (fill,)) if s.shape is None   # an unknown rank
                 else tuple(fill if d is None else d for d in s.shape))
        if s.dtype == object:
            if text is not None:
                return np.full(shape, text, dtype=object)
            return np.full(shape, str(value).encode() if value else b"", dtype=object)
        return np.full(shape, value, s.dtype)
    return leaf_map(zeros, specs)


@contextlib.contextmanager
def left_unchanged():
    """Calls of a dataset's function that TensorFlow does not make (it traces the function
    once, when ``map`` is called): every random generator is left as it was and nothing
    is printed."""
    with random_ops.state_kept(), contextlib.redirect_stdout(io.StringIO()):
        yield


def as_traced(function):
    """``function`` reading the Python values it reads now: TensorFlow traces a dataset
    function when the step is made (``map``, ``filter``...), so the module variables and
    closure variables it reads are those of that moment (a ``lambda x: f(x, i)`` made in a
    loop keeps that turn's ``i``), though tracekeras calls it for each element later. The
    function's own code is unchanged; what it calls still reads its own variables."""
    if not isinstance(function, types.FunctionType):
        return function
    cells = None
    if function.__closure__ is not None:
        cells = tuple(frozen_cell(cell) for cell in function.__closure__)
    frozen = types.FunctionType(function.__code__, dict(function.__globals__),
                                function.__name__, function.__defaults__, cells)
    frozen.__kwdefaults__ = function.__kwdefaults__
    frozen.__dict__.update(function.__dict__)
    frozen.__qualname__ = function.__qualname__
    return frozen


def frozen_cell(cell):
    """A new cell holding what ``cell`` holds now (``cell`` itself while unassigned)."""
    try:
        return types.CellType(cell.cell_contents)
    except ValueError:   # a variable not yet assigned: left to be read when called
        return cell


def traced_spec(call, specs):
    """The spec of ``call``'s outputs for inputs of ``specs`` (``call`` takes NumPy data and
    returns NumPy data), or None when it cannot be called on zeros.

    Calls on zeros with unknown dimensions of 2 and of 3 find the dimensions that follow
    the input's; calls on ones (the strings "1" and "1 1") find those that follow the
    values (a string's token count, ``tf.range(n)``), which TensorFlow's trace leaves
    unknown too: ``tf.strings.split(s, sep=" ")`` gives one token for "" and for "1", two
    for "1 1". A function that refuses ones keeps what the zeros found."""
    try:
        with left_unchanged():
            outputs = [trial(call, zeros_of(specs, fill), number)
                       for number, fill in enumerate((2, 3))]
        first, second = ([leaf_value(leaf) for leaf in nest.flatten(out)] for out in outputs)
    except Exception:  # noqa: BLE001 - a function that refuses zeros: the spec stays unknown
        return None
    if len(first) != len(second):
        return None
    shapes = [common_shape(a.shape, b.shape) for a, b in zip(first, second)]
    strings = any(s is not None and s.dtype == np.dtype(object) for s in nest.flatten(specs))
    texts = [None] + ([b"1 1"] if strings else [])
    for text in texts:
        try:
            with left_unchanged():
                ones = [leaf_value(leaf)
                        for leaf in nest.flatten(trial(call, zeros_of(specs, 2, 1, text), 0))]
        except Exception:  # noqa: BLE001 - ones refused: the zeros' dimensions stand
            continue
        if len(ones) == len(first):
            shapes = [common_shape(shape, one.shape) for shape, one in zip(shapes, ones)]
    leaves = [leaf_spec(shape, a) for shape, a in zip(shapes, first)]
    return nest.pack_sequence_as(outputs[0], leaves)


def trial(call, inputs, number):
    """One trial call of a dataset's function (``py_function`` runs nothing in it)."""
    script_ops.TRIAL.trial = number
    try:
        return call(inputs)
    finally:
        script_ops.TRIAL.trial = None


def leaf_value(leaf):
    return leaf if isinstance(leaf, RaggedTensor) else np.asarray(leaf)


def common_shape(a, b):
    """The dimensions two shapes agree on, None where they differ (an unknown rank, None,
    where the ranks differ)."""
    if a is None or b is None or len(a) != len(b):
        return None
    return tuple(d if d == e else None for d, e in zip(a, b))
