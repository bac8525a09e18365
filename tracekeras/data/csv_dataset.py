"""``tf.data.experimental.make_csv_dataset``: CSV files as batches of a features dict and a
label (``tensorflow/python/data/experimental/ops/readers.py``), built from the readers
tracekeras has.

What it owns: ``make_csv_dataset`` and its helpers: the files matching ``file_pattern``
(sorted; shuffled with ``Dataset.shuffle`` when ``shuffle``), the column names (given,
or the first file's header), the column types (given as dtypes, or inferred as TensorFlow
infers them from the first ``num_rows_for_inference`` rows: the least permissive of int32,
int64, float32, float64 and string that every value fits, empty and ``na_value`` fields
skipped), each file's lines (``TextLineDataset``, the header skipped) decoded by
``tf.io.decode_csv`` and read ``num_parallel_reads`` files at a time
(``Dataset.interleave``), then TensorFlow's shuffle, repeat (``num_epochs``; ``None``
repeats for ever and drops a last partial batch), ``batch`` and a ``map`` to an
``OrderedDict`` of the columns with the label popped out. ``select_columns``,
``compression_type`` and ``ignore_errors`` end in tracekeras's "does not implement".

What it hands on: a ``Dataset``. Trace events: none of its own.
"""
import collections
import csv
import glob

import numpy as np

from tracekeras.backend.array_ops import numpy_dtype
from tracekeras.backend.parsing_ops import csv_decoder
from tracekeras.data.dataset import AUTOTUNE, Dataset
from tracekeras.data.readers import TextLineDataset, interleave
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


def csv_rows(filenames, num_cols, field_delim, use_quote_delim, header):
    for name in filenames:
        with open(name, encoding="utf-8") as f:
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
                      num_rows_for_inference):
    types = [None] * num_cols
    rows = csv_rows(filenames, num_cols, field_delim, use_quote_delim, header)
    for i, row in enumerate(rows):
        if num_rows_for_inference is not None and i >= num_rows_for_inference:
            break
        types = [infer_type(text, na_value, t) for text, t in zip(row, types)]
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


def column_names_of(filenames, column_names, header, field_delim, use_quote_delim):
    if column_names is None:
        if not header:
            raise ValueError("Expected `column_names` or `header` arguments. Neither "
                             "is provided.")
        with open(filenames[0], encoding="utf-8") as f:
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


def refuse(**options):
    for option, value in options.items():
        if value:
            raise OperationNotImplementedByTracekeras(
                f"tracekeras does not implement tensorflow.data.experimental.make_csv_dataset"
                f"({option}=...) (used by {caller()})")


def make_csv_dataset(file_pattern, batch_size, column_names=None, column_defaults=None,
                     label_name=None, select_columns=None, field_delim=",",
                     use_quote_delim=True, na_value="", header=True, num_epochs=None,
                     shuffle=True, shuffle_buffer_size=10000, shuffle_seed=None,
                     prefetch_buffer_size=None, num_parallel_reads=None, sloppy=False,
                     num_rows_for_inference=100, compression_type=None, ignore_errors=False,
                     encoding="utf-8"):
    """``tf.data.experimental.make_csv_dataset``: batches of ``(features, label)``."""
    refuse(select_columns=select_columns is not None, compression_type=compression_type,
           ignore_errors=ignore_errors)
    filenames = file_names(file_pattern)
    dataset = Dataset.from_tensor_slices(np.array([n.encode() for n in filenames], dtype=object))
    if shuffle:
        dataset = dataset.shuffle(len(filenames), shuffle_seed)
    column_names = column_names_of(filenames, column_names, header, field_delim, use_quote_delim)
    defaults = (given_defaults(column_defaults) if column_defaults is not None else
                inferred_defaults(filenames, len(column_names), field_delim, use_quote_delim,
                                  na_value, header, num_rows_for_inference))
    if label_name is not None and label_name not in column_names:
        raise ValueError("`label_name` provided must be one of the columns: "
                         f"{column_names}. Received: {label_name}.")

    decode = csv_decoder(defaults, field_delim=field_delim, use_quote_delim=use_quote_delim,
                         na_value=na_value)

    def filename_to_dataset(filename):
        lines = TextLineDataset(filename)
        if header:
            lines = lines.skip(1)
        return lines.map(lambda line: tuple(decode(line)))

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


__all__ = ["make_csv_dataset"]
