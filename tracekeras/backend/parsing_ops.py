"""``tf.io.decode_csv``: CSV records to one tensor per column (TensorFlow's parsing_ops).

What it owns: ``decode_csv(records, record_defaults, field_delim=",",
use_quote_delim=True, na_value="", select_cols=None)``. ``records`` is a string or a
string tensor of any shape; each record is split on ``field_delim`` (with quotes, a
quoted field may hold the delimiter and ``""`` for a quote). ``record_defaults`` gives
one entry per column: a value (its type sets the column's dtype: a Python int is int32,
a float float32, a string a string; a tensor keeps its own dtype; a one-element list is
its element), or an empty tensor or list (``tf.constant([])``, ``[]``: the column is
required, float32 unless the tensor says otherwise).
An empty field (or ``na_value``) takes the default. ``select_cols`` (strictly increasing,
one record default each) decodes those columns only. Errors are TensorFlow's
``InvalidArgumentError`` with its messages: a required field missing, a record with
another number of fields, a field that does not parse as its column's type.

What it hands on: a list of Tensors of the records' shape, one per column. No gradients.
"""
import csv

import numpy as np

from tracekeras.backend.string_ops import InvalidArgumentError, strings
from tracekeras.backend.tensor import Tensor

NUMBER_TYPES = {"int32": int, "int64": int, "float32": float, "float64": float}
TYPE_NAMES = {"int32": "int32", "int64": "int64", "float32": "float", "float64": "double"}


def column_of(default, field=0):
    """(dtype name, default value or None for a required column) of one record default (a
    list is the tensor it converts to: ``[0]`` an int32 default, ``[]`` a required float32
    column)."""
    value = default.value if isinstance(default, Tensor) else default
    if isinstance(value, (list, tuple)):
        if len(value) > 1:
            raise InvalidArgumentError(f"There should only be 1 default per field but field "
                                       f"{field} has {len(value)} [Op:DecodeCSV]")
        return column_of(value[0], field) if value else ("float32", None)
    array = np.asarray(value)
    if isinstance(default, Tensor) or isinstance(value, np.ndarray):
        dtype = "string" if array.dtype.kind in "OSU" else array.dtype.name
        if array.size == 0:
            return dtype, None
        first = array.reshape(-1)[0]
        return dtype, first.encode() if isinstance(first, str) else first
    if isinstance(value, (str, bytes)):
        return "string", value.encode() if isinstance(value, str) else value
    if isinstance(value, (bool, np.bool_)):
        raise TypeError("decode_csv: a bool record default is not a supported column type "
                        "(float32, float64, int32, int64, string).")
    if isinstance(value, (int, np.integer)):
        return "int32", value
    return "float32", value


def parse_field(text, dtype, column, record):
    if dtype == "string":
        return text.encode() if isinstance(text, str) else text
    try:
        return NUMBER_TYPES[dtype](text)
    except ValueError:
        raise InvalidArgumentError(f"Field {column} in record {record} is not a valid "
                                   f"{TYPE_NAMES[dtype]}: {text}") from None


def split_record(record, field_delim, use_quote_delim):
    text = record.decode() if isinstance(record, bytes) else record
    if not use_quote_delim:
        return text.split(field_delim)
    return next(csv.reader([text], delimiter=field_delim, quotechar='"')) if text else [""]


def decode_csv(records, record_defaults, field_delim=",", use_quote_delim=True, name=None,
               na_value="", select_cols=None):
    """``tf.io.decode_csv``: one Tensor per column of the records (of the ``select_cols``
    columns, strictly increasing, one default each)."""
    if select_cols is not None:
        select_cols = [int(c) for c in np.asarray(getattr(select_cols, "value", select_cols))
                       .reshape(-1)]
        if any(b <= a for a, b in zip(select_cols, select_cols[1:])):
            raise ValueError("select_cols is not strictly increasing.")
        if select_cols and select_cols[0] < 0:
            raise ValueError("select_cols contains negative values.")
        if len(select_cols) != len(record_defaults):
            raise ValueError("Length of select_cols and record_defaults do not match.")
    columns = [column_of(default, field) for field, default in enumerate(record_defaults)]
    return decode_columns(records, columns, field_delim, use_quote_delim, na_value,
                          select_cols)


def csv_decoder(record_defaults, field_delim=",", use_quote_delim=True, na_value=""):
    """``decode_csv`` with its record defaults read once: a reader of many lines (what
    ``make_csv_dataset`` maps over each file's lines) calls it per line."""
    columns = [column_of(default, field) for field, default in enumerate(record_defaults)]
    return lambda records: decode_columns(records, columns, field_delim, use_quote_delim,
                                          na_value)


def decode_columns(records, columns, field_delim, use_quote_delim, na_value,
                   select_cols=None):
    """The records split and parsed by ``columns``, ``(dtype, default)`` each (the fields
    of ``select_cols`` only, when given)."""
    array = strings(records, "DecodeCSV")
    values = [np.empty(array.shape, dtype=object) for _ in columns]
    for index, record in np.ndenumerate(array):
        fields = split_record(record, field_delim, use_quote_delim)
        if select_cols is not None:
            fields = [fields[i] for i in select_cols if i < len(fields)]
        number = int(np.ravel_multi_index(index, array.shape)) if array.shape else 0
        if len(fields) != len(columns):
            raise InvalidArgumentError(f"Expect {len(columns)} fields but have {len(fields)} "
                                       f"in record {number}")
        for column, (text, (dtype, default)) in enumerate(zip(fields, columns)):
            if text == "" or text == na_value:
                if default is None:
                    raise InvalidArgumentError(f"Field {column} is required but missing in "
                                               f"record {number}!")
                values[column][index] = default
            else:
                values[column][index] = parse_field(text, dtype, column, number)
    return [Tensor(value if dtype == "string" else value.astype(dtype))
            for value, (dtype, _) in zip(values, columns)]


__all__ = ["csv_decoder", "decode_csv"]
