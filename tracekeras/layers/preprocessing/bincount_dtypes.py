"""The input dtypes TensorFlow's kernels behind ``CategoryEncoding`` take, and their refusals
(``tf.reduce_max`` of the range check, then ``tf.math.bincount`` or ``tf.sparse.bincount``).

What it owns: :func:`check_range_dtype` (``Max`` takes numbers, not bools) and
:func:`check_bincount_dtype` (the dense ``DenseBincount`` takes int32, int64 and, cast by
``tf.math.bincount``, floats; the sparse ``DenseCountSparseOutput`` takes int32 and int64
only). Eagerly the refusal is TensorFlow's ``InvalidArgumentError`` naming the kernel's
attribute; on a symbolic input (``executing_eagerly()`` False) it is the ``TypeError`` that
graph construction raises. The texts are TensorFlow 2.21's
(tests/layers/make_category_encoding_dtype_fixtures.py records them).

What it receives: the dtype of the values (after the layer's autocast) and whether the call
is eager. What it hands on: nothing, or the error. Trace events: none.
"""
import numpy as np

from tracekeras.backend.string_ops import InvalidArgumentError

# TensorFlow's attribute names of dtypes (``DT_FLOAT`` is "float") and graph names
ATTR_NAMES = {"float32": "float", "float64": "double", "float16": "half"}

MAX_TYPES = ("float32, float64, int32, uint8, int16, int8, int64, bfloat16, uint16, float16, "
             "uint32, uint64, qint8, quint8, qint32, qint16, quint16")
MAX_OP = ("Op<name=Max; signature=input:T, reduction_indices:Tidx -> output:T; "
          "attr=keep_dims:bool,default=false; attr=T:type,allowed=[DT_FLOAT, DT_DOUBLE, DT_INT32, "
          "DT_UINT8, DT_INT16, DT_INT8, DT_INT64, DT_BFLOAT16, DT_UINT16, DT_HALF, DT_UINT32, "
          "DT_UINT64, DT_QINT8, DT_QUINT8, DT_QINT32, DT_QINT16, DT_QUINT16]; "
          "attr=Tidx:type,default=DT_INT32,allowed=[DT_INT32, DT_INT64]>")
DENSE_OP = ("Op<name=DenseBincount; signature=input:Tidx, size:Tidx, weights:T -> output:T; "
            "attr=Tidx:type,allowed=[DT_INT32, DT_INT64]; attr=T:type,allowed=[DT_INT32, "
            "DT_INT64, DT_FLOAT, DT_DOUBLE]; attr=binary_output:bool,default=false>")
SPARSE_OP = ("Op<name=DenseCountSparseOutput; signature=values:T, weights:output_type -> "
             "output_indices:int64, output_values:output_type, output_dense_shape:int64; "
             "attr=T:type,allowed=[DT_INT32, DT_INT64]; attr=minlength:int,default=-1,min=-1; "
             "attr=maxlength:int,default=-1,min=-1; attr=binary_output:bool; "
             "attr=output_type:type,allowed=[DT_INT32, DT_INT64, DT_FLOAT, DT_DOUBLE]>")


def kernel_error(attr, dtype, allowed, op_name, op_def):
    """An eager kernel's refusal of an attribute's dtype, as TensorFlow words it."""
    name = ATTR_NAMES.get(dtype.name, dtype.name)
    return InvalidArgumentError(
        f"Value for attr '{attr}' of {name} is not in the list of allowed values: {allowed}"
        f"\n\t; NodeDef: {{{{node {op_name}}}}}; {op_def} [Op:{op_name}] name: ")


def graph_error(parameter, dtype, allowed):
    """Graph construction's refusal of an input's dtype."""
    return TypeError(f"Value passed to parameter '{parameter}' has DataType {dtype.name} not in "
                     f"list of allowed values: {allowed}")


def check_range_dtype(dtype, eager):
    """``tf.reduce_max`` of the values (the range check) refuses bools."""
    dtype = np.dtype(dtype)
    if dtype != np.bool_:
        return
    if eager:
        allowed = ", ".join(ATTR_NAMES.get(t, t) for t in MAX_TYPES.split(", "))
        raise kernel_error("T", dtype, allowed, "Max", MAX_OP)
    raise graph_error("input", dtype, MAX_TYPES)


def check_bincount_dtype(dtype, sparse, eager):
    """The bincount kernel's refusal of values that are not int32 or int64 (floats pass to
    the dense kernel, which ``tf.math.bincount`` casts to int32)."""
    dtype = np.dtype(dtype)
    if dtype in (np.int32, np.int64) or (not sparse and dtype.kind == "f"):
        return
    if sparse:
        if eager:
            raise kernel_error("T", dtype, "int32, int64", "DenseCountSparseOutput", SPARSE_OP)
        raise graph_error("values", dtype, "int32, int64")
    if eager:
        raise kernel_error("Tidx", dtype, "int32, int64", "DenseBincount", DENSE_OP)
    raise graph_error("input", dtype, "int32, int64")
