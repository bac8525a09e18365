"""``tf.io.parse_single_example``: a serialized ``tf.train.Example`` to tensors, by a dict
of feature specs (TensorFlow's ``parsing_ops`` and its ParseExampleV2 kernel).

What it owns: ``FixedLenFeature(shape, dtype, default_value=None)`` (a tensor of that
shape: the feature's values, or the default where the feature is missing) and
``VarLenFeature(dtype)`` (a ``SparseTensor`` of the values, indices ``[[0], [1], ...]``),
each of dtype ``tf.string``, ``tf.float32`` or ``tf.int64`` (read from the Example's
``bytes_list``, ``float_list`` or ``int64_list``), and ``parse_single_example(serialized,
features)``: a dict with the sparse keys first, then the dense ones, each sorted, as
TensorFlow orders them. TensorFlow's ``InvalidArgumentError`` and messages for bytes that
are not an Example, a required feature missing, a list of another type, or a number of
values other than the shape's (TensorFlow's fast parser: "Some int64_list slice was not
parsed", "Parsing bytes_list failed" for strings too many). A Feature with no list counts
as missing.

What it hands on: Tensors and SparseTensors. No gradients (parsing has none). Trace
events: none of its own.
"""
import collections

import numpy as np

from tracekeras.backend.array_ops import numpy_dtype
from tracekeras.backend.sparse_tensor import SparseTensor
from tracekeras.backend.string_ops import InvalidArgumentError
from tracekeras.backend.tensor import Tensor
from tracekeras.data.example_proto import DecodeError, Example

LISTS = {"string": "bytes_list", "float32": "float_list", "int64": "int64_list"}
TYPE_NAMES = {"string": "string", "float32": "float", "int64": "int64"}


class FixedLenFeature(collections.namedtuple("FixedLenFeature",
                                             ["shape", "dtype", "default_value"])):
    """``tf.io.FixedLenFeature``: a dense feature of a known shape."""

    def __new__(cls, shape, dtype, default_value=None):
        return super().__new__(cls, shape, dtype, default_value)


class VarLenFeature(collections.namedtuple("VarLenFeature", ["dtype"])):
    """``tf.io.VarLenFeature``: a feature of any number of values, as a SparseTensor."""


def dtype_key(dtype):
    """``string``, ``float32`` or ``int64``: the dtypes an Example holds."""
    numpy = numpy_dtype(dtype)
    key = "string" if numpy.kind == "O" else numpy.name
    if key not in LISTS:
        raise ValueError(f"Unsupported dtype {getattr(dtype, 'name', dtype)} in a feature "
                         f"spec: an Example holds string, float32 or int64 values.")
    return key


def example_of(serialized):
    value = serialized.value if isinstance(serialized, Tensor) else serialized
    data = value.item() if isinstance(value, np.ndarray) else value
    data = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    try:
        return Example.FromString(data)
    except (DecodeError, UnicodeDecodeError):
        shown = data.decode("utf-8", "backslashreplace")
        raise InvalidArgumentError(f"Could not parse example input, value: '{shown}' "
                                   f"[Op:ParseExampleV2]") from None


def values_of(feature, kind, key, sparse):
    """The feature's values as an array of the spec's dtype; its list must be that kind."""
    found = feature.WhichOneof("kind")
    if found is not None and found != LISTS[kind]:
        actual = {name: TYPE_NAMES[k] for k, name in LISTS.items()}[found]
        if sparse:
            raise InvalidArgumentError(f"Key: {key}.  Data types don't match. Expected type: "
                                       f"{TYPE_NAMES[kind]}, Actual type: {actual} "
                                       f"[Op:ParseExampleV2]")
        raise InvalidArgumentError(f"Key: {key}.  Data types don't match. Data type: {actual} "
                                   f"but expected type: {TYPE_NAMES[kind]} [Op:ParseExampleV2]")
    values = getattr(feature, LISTS[kind]).value
    return np.array(values, dtype=object if kind == "string" else kind).reshape(-1)


def dense(feature, spec, kind, key):
    shape = [int(d) for d in spec.shape]
    size = int(np.prod(shape, dtype=np.int64))
    if feature is None:
        if spec.default_value is None:
            raise InvalidArgumentError(f"Feature: {key} (data type: {TYPE_NAMES[kind]}) is "
                                       f"required but could not be found. [Op:ParseExampleV2]")
        default = spec.default_value
        default = default.encode("utf-8") if isinstance(default, str) else default
        values = np.broadcast_to(np.asarray(default, dtype=object if kind == "string"
                                            else kind), shape)
        return Tensor(np.array(values))
    values = values_of(feature, kind, key, sparse=False)
    if values.size != size:    # TensorFlow's fast parser says it so: more strings, "failed"
        what = ("Parsing bytes_list failed" if kind == "string" and values.size > size
                else f"Some {LISTS[kind]} slice was not parsed")
        raise InvalidArgumentError(f"Key: {key}.  Can't parse serialized Example: {what}. "
                                   f"[Op:ParseExampleV2]")
    return Tensor(values.reshape(shape))


def parse_single_example(serialized, features, name=None, example_names=None):
    """``tf.io.parse_single_example``: the features of one serialized Example."""
    unknown = [k for k, spec in features.items()
               if not isinstance(spec, (FixedLenFeature, VarLenFeature))]
    if unknown:
        raise ValueError(f"Unsupported {type(features[unknown[0]]).__name__} "
                         f"{features[unknown[0]]}.")
    example = example_of(serialized)
    found = example.features.feature
    out = {}
    for key in sorted(k for k, spec in features.items() if isinstance(spec, VarLenFeature)):
        kind = dtype_key(features[key].dtype)
        values = (values_of(found[key], kind, key, sparse=True) if key in found
                  and found[key].WhichOneof("kind") is not None
                  else np.zeros(0, object if kind == "string" else kind))
        out[key] = SparseTensor(np.arange(values.size, dtype=np.int64).reshape(-1, 1), values,
                                np.array([values.size], np.int64))
    for key in sorted(k for k, spec in features.items() if isinstance(spec, FixedLenFeature)):
        spec = features[key]
        feature = found.get(key)   # a Feature of no kind counts as missing
        feature = None if feature is None or feature.WhichOneof("kind") is None else feature
        out[key] = dense(feature, spec, dtype_key(spec.dtype), key)
    return out


__all__ = ["FixedLenFeature", "VarLenFeature", "parse_single_example"]
