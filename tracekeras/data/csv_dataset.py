"""``tf.data.experimental.make_csv_dataset``: CSV files as batches of a features dict and a
label, and ``tf.data.experimental.CsvDataset``, the records of CSV files
(``tensorflow/python/data/experimental/ops/readers.py``).

What it owns: ``make_csv_dataset`` and its helpers: the files matching ``file_pattern``
(sorted; shuffled with ``Dataset.shuffle`` when ``shuffle``), the column names (given,
or the first file's header), the column types (given as dtypes, or inferred as TensorFlow
infers them from the first ``num_rows_for_inference`` rows: the least permissive of int32,
int64, float32, float64 and string that every value fits, empty and ``na_value`` fields
skipped), each file a ``CsvDataset`` (followed by ``ignore_errors`` when asked), read
``num_parallel_reads`` files at a time (``Dataset.interleave``), then TensorFlow's
shuffle, repeat (``num_epochs``; ``None`` repeats for ever and drops a last partial
batch), ``batch`` and a ``map`` to an ``OrderedDict`` of the columns with the label popped
out. ``select_columns`` (names or indices) keeps those columns; ``compression_type="GZIP"``
reads gzipped files (``"ZLIB"`` ends in tracekeras's "does not implement").

``CsvDataset(filenames, record_defaults, compression_type, header, field_delim,
use_quote_delim, na_value, select_cols, exclude_cols)``: one tuple of scalars a record
(``CsvDatasetV2``, cardinality unknown), each file's header line skipped, each field
parsed as its default's type (``tf.io.decode_csv``'s ``column_of``: a dtype or an empty
list is a required column, a value is the default of an empty field), a record with the
wrong number of fields or a field that does not parse raising TensorFlow's
``InvalidArgumentError`` when read.

What it hands on: a ``Dataset``. Trace events: none of its own.
"""
import collections
import csv
import glob
import gzip

import numpy as np

from tracekeras.backend.array_ops import numpy_dtype
from tracekeras.backend.op_errors import InvalidArgumentError
from tracekeras.backend.parsing_ops import TYPE_NAMES, column_of, split_record
from tracekeras.data import readers
from tracekeras.data.dataset import AUTOTUNE, UNKNOWN_CARDINALITY, Dataset
from tracekeras.data.filtering import ignore_errors as ignoring_errors
from tracekeras.data.readers import interleave
from tracekeras.data.resumable import MappedElements
from tracekeras.data.structure import TensorSpec
from tracekeras.shim.errors import OperationNotImplementedByTracekeras, caller

INFERRED = ("int32", "int64", "float32", "float64", "string")


def fits(text, dtype):
    """Whether ``text`` parses as ``dtype`` (TensorFlow's ``_is_valid_*`` checks)."""
    try:
        if dtype == "int32":
            return np.int32(text) == np.int64(text)
        if dtype == "int64":
            np.int64(text)
            return True
        if dtype in ("float32", "float64"):
            return bool(np.dtype(dtype).type(text) < np.inf)
    except (ValueError, OverflowError):
        return False
    return True


def infer_type(text, na_value, previous):
    if text in ("", na_value):
        return previous
    for i, dtype in enumerate(INFERRED):
        if fits(text, dtype) and (previous is None or previous in INFERRED[:i + 1]):
            return dtype
    return None


def opened_text(name, compression_type):
    if compression_type == "GZIP":
        return gzip.open(name, "rt", encoding="utf-8", newline="")
    return open(name, encoding="utf-8", newline="")


def csv_rows(filenames, num_cols, field_delim, use_quote_delim, header, compression_type=None):
    for name in filenames:
        with opened_text(name, compression_type) as f:
            reader = csv.reader(f, delimiter=field_delim,
                                quoting=csv.QUOTE_MINIMAL if use_quote_delim else csv.QUOTE_NONE)
            row_num = 1
            if header:
                next(reader)
                row_num += 1
            for row in reader:
                if len(row) != num_cols:
                    raise ValueError(f"Problem inferring types: CSV row {row_num} has "
                                     f"{len(row)} number of fields. Expected: {num_cols}.")
                row_num += 1
                yield row


def inferred_defaults(filenames, num_cols, field_delim, use_quote_delim, na_value, header,
                      num_rows_for_inference, select_cols=None, compression_type=None):
    select_cols = list(range(num_cols)) if select_cols is None else select_cols
    types = [None] * len(select_cols)
    rows = csv_rows(filenames, num_cols, field_delim, use_quote_delim, header,
                    compression_type)
    for i, row in enumerate(rows):
        if num_rows_for_inference is not None and i >= num_rows_for_inference:
            break
        types = [infer_type(row[c], na_value, t) for c, t in zip(select_cols, types)]
    return [np.array([b""], dtype=object) if (t or "string") == "string"
            else np.array([0], dtype=t) for t in types]


def given_defaults(column_defaults):
    """A dtype stands for a required column of that type (an empty default)."""
    out = []
    for default in column_defaults:
        if isinstance(default, (list, tuple, np.ndarray)):   # a value: decode_csv reads it
            out.append(default)
            continue
        try:
            dtype = numpy_dtype(default)
        except (TypeError, ValueError, KeyError):
            out.append(default)
            continue
        out.append(np.array([], dtype=dtype))
    return out


def file_names(file_pattern):
    if isinstance(file_pattern, list):
        if not file_pattern:
            raise ValueError("Argument `file_pattern` should not be empty.")
        names = [n for entry in file_pattern for n in glob.glob(entry)]
    else:
        names = glob.glob(file_pattern)
    if not names:
        raise ValueError(f"No files match `file_pattern` {file_pattern}.")
    return sorted(names)


def column_names_of(filenames, column_names, header, field_delim, use_quote_delim,
                    compression_type=None):
    if column_names is None:
        if not header:
            raise ValueError("Expected `column_names` or `header` arguments. Neither "
                             "is provided.")
        with opened_text(filenames[0], compression_type) as f:
            quoting = csv.QUOTE_MINIMAL if use_quote_delim else csv.QUOTE_NONE
            column_names = next(csv.reader(f, delimiter=field_delim, quoting=quoting), None)
        if column_names is None:
            raise ValueError("Failed when reading the header line of "
                             f"{filenames[0]}. Is it an empty file?")
    if len(column_names) != len(set(column_names)):
        names = sorted(column_names)
        duplicates = {a for a, b in zip(names[:-1], names[1:]) if a == b}
        raise ValueError("Either `column_names` argument or CSV header row contains "
                         f"duplicate column names: {duplicates}.")
    return list(column_names)


def checked_compression(compression_type, what):
    """``None`` or ``"GZIP"``; ``"ZLIB"`` is the one-line error, another value TF's."""
    if compression_type in (None, ""):
        return None
    if compression_type == "GZIP":
        return "GZIP"
    if compression_type == "ZLIB":
        raise OperationNotImplementedByTracekeras(
            f"tracekeras does not implement {what}(compression_type='ZLIB') (used by "
            f"{caller()})")
    raise ValueError(f"Received unknown `compression_type` {compression_type}. Expected: "
                     "GZIP, ZLIB or  (empty string).")


def sorted_col_indices(select_columns, column_names):
    """``select_columns`` (names or indices) as sorted column indices, TensorFlow's checks."""
    positions, indices = {n: i for i, n in enumerate(column_names)}, []
    for v in select_columns:
        if isinstance(v, int):
            if v < 0 or v >= len(column_names):
                raise ValueError(f"Column index {v} specified in `select_columns` should be "
                                 f"> 0  and <= {len(column_names)}, which is the number of "
                                 "columns.")
            indices.append(v)
        elif v not in positions:
            raise ValueError(f"Column {v} specified in `select_columns` must be of one of "
                             f"the columns: {positions.keys()}.")
        else:
            indices.append(positions[v])
    if len(set(indices)) != len(select_columns):
        raise ValueError("The `select_columns` argument contains duplicate columns: "
                         f"{select_columns}.")
    return sorted(set(indices))


def make_csv_dataset(file_pattern, batch_size, column_names=None, column_defaults=None,
                     label_name=None, select_columns=None, field_delim=",",
                     use_quote_delim=True, na_value="", header=True, num_epochs=None,
                     shuffle=True, shuffle_buffer_size=10000, shuffle_seed=None,
                     prefetch_buffer_size=None, num_parallel_reads=None, sloppy=False,
                     num_rows_for_inference=100, compression_type=None, ignore_errors=False,
                     encoding="utf-8"):
    """``tf.data.experimental.make_csv_dataset``: batches of ``(features, label)``."""
    filenames = file_names(file_pattern)
    dataset = Dataset.from_tensor_slices(np.array([n.encode() for n in filenames], dtype=object))
    if shuffle:
        dataset = dataset.shuffle(len(filenames), shuffle_seed)
    compression = checked_compression(compression_type,
                                      "tensorflow.data.experimental.make_csv_dataset")
    column_names = column_names_of(filenames, column_names, header, field_delim,
                                   use_quote_delim, compression)
    if select_columns is not None:
        select_columns = sorted_col_indices(select_columns, column_names)
    defaults = (given_defaults(column_defaults) if column_defaults is not None else
                inferred_defaults(filenames, len(column_names), field_delim, use_quote_delim,
                                  na_value, header, num_rows_for_inference, select_columns,
                                  compression))
    if select_columns is not None and len(defaults) != len(select_columns):
        raise ValueError("If specified, `column_defaults` and `select_columns` must have the "
                         f"same length: `column_defaults` has length {len(defaults)}, "
                         f"`select_columns` has length {len(select_columns)}.")
    if select_columns is not None and len(column_names) > len(select_columns):
        column_names = [column_names[i] for i in select_columns]
    if label_name is not None and label_name not in column_names:
        raise ValueError("`label_name` provided must be one of the columns: "
                         f"{column_names}. Received: {label_name}.")

    def filename_to_dataset(filename):
        records = CsvDataset(filename, defaults, compression_type=compression, header=header,
                             field_delim=field_delim, use_quote_delim=use_quote_delim,
                             na_value=na_value, select_cols=select_columns)
        return ignoring_errors(records) if ignore_errors else records

    def map_fn(*columns):
        features = collections.OrderedDict(zip(column_names, columns))
        if label_name is not None:
            return features, features.pop(label_name)
        return features

    reads = 1 if num_parallel_reads is None or num_parallel_reads == AUTOTUNE else int(
        num_parallel_reads)
    dataset = interleave(dataset, filename_to_dataset, cycle_length=reads, block_length=1)
    if shuffle:
        dataset = dataset.shuffle(shuffle_buffer_size, shuffle_seed)
    if num_epochs != 1:
        dataset = dataset.repeat(num_epochs)
    dataset = dataset.batch(batch_size, drop_remainder=num_epochs is None)
    return dataset.map(map_fn).prefetch(AUTOTUNE)


def record_error(message, columns):
    return InvalidArgumentError(
        f"{{{{function_node __wrapped__IteratorGetNext_output_types_{columns}_device_/job:"
        f"localhost/replica:0/task:0/device:CPU:0}}}} {message} [Op:IteratorGetNext] name: ")


def parsed_record(fields, columns, na_value):
    """One record's fields as NumPy scalars of their columns' types."""
    values = []
    for index, (text, (dtype, default)) in enumerate(zip(fields, columns)):
        if text == "" or text == na_value:
            if default is None:
                raise record_error(f"Field {index} is required but missing in record!",
                                   len(columns))
            text = default
        if dtype == "string":
            values.append(np.array(text.encode() if isinstance(text, str) else text,
                                   dtype=object))
            continue
        try:
            values.append(np.array(text, dtype=dtype) if not isinstance(text, str) else
                          np.array(NUMBER_TEXT[dtype](text), dtype=dtype))
        except ValueError:
            raise record_error(f"Field {index} in record is not a valid "
                               f"{TYPE_NAMES[dtype]}: {text}", len(columns)) from None
    return tuple(values)


NUMBER_TEXT = {"int32": int, "int64": int, "float32": float, "float64": float}


def CsvDataset(filenames, record_defaults, compression_type=None, buffer_size=None,
               header=False, field_delim=",", use_quote_delim=True, na_value="",
               select_cols=None, exclude_cols=None, name=None):
    """``tf.data.experimental.CsvDataset``: a tuple of scalars for each CSV record."""
    compression = checked_compression(compression_type,
                                      "tensorflow.data.experimental.CsvDataset")
    columns = [column_of(default, field)
               for field, default in enumerate(given_defaults(record_defaults))]
    if select_cols is not None and exclude_cols is not None:
        raise InvalidArgumentError("Either select_cols or exclude_cols should be empty")
    if select_cols is not None and len(select_cols) != len(columns):
        raise InvalidArgumentError(
            "{{function_node __wrapped__CSVDatasetV2_output_types_"
            f"{len(columns)}_device_/job:localhost/replica:0/task:0/device:CPU:0}}}} "
            "select_cols should match output size [Op:CSVDatasetV2] name: ")
    paths = readers.file_names(filenames)

    def picked(fields):
        if select_cols is not None:
            kept = [fields[i] for i in select_cols if i < len(fields)]
        elif exclude_cols is not None:
            kept = [f for i, f in enumerate(fields) if i not in set(exclude_cols)]
        else:
            kept = fields
        if len(kept) != len(columns):
            raise record_error(f"Expect {len(columns)} fields but have {len(kept)} in record",
                               len(columns))
        return kept

    def records():
        for path in paths:
            lines = readers.read_lines(path, compression)
            if header:
                next(lines, None)
            for line in lines:
                yield split_record(bytes(line.item()), field_delim, use_quote_delim)

    def parsed(fields, graph):
        return parsed_record(picked(fields), columns, na_value)

    def make_iterator():   # a bad record raises, and the next one is read after it
        return MappedElements(records(), parsed, None)

    spec = tuple(TensorSpec((), object if dtype == "string" else dtype)
                 for dtype, _ in columns)
    return Dataset(make_iterator, UNKNOWN_CARDINALITY, spec, "CsvDatasetV2")


__all__ = ["CsvDataset", "make_csv_dataset"]
