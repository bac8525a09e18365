"""CSV files read by ``tf.data.experimental.CsvDataset``, ``TextLineDataset`` and
``make_csv_dataset`` with the options the "Load CSV data" tutorial uses (gzipped files,
``ignore_errors``, ``select_columns``/``select_cols``/``exclude_cols``, Python-typed record
defaults), compared with TensorFlow 2.21 (``make_csv_reader_fixture.py``). Each case
takes a ``tensorflow`` module and a folder holding ``write_files``' files and returns a
dataset; each error case a call whose error is kept."""
import gzip
import os

import numpy as np

MIXED = "x,y,z\n1,2.5,a\n3,,b\n4,5.5\n6,7.5,c\n\"7\",8,\"d,e\"\n"
CLEAN = "x,y,z\n1,2.5,a\n6,7.5,c\n9,0.25,f\n"


def write_files(folder):
    with open(os.path.join(folder, "mixed.csv"), "w", encoding="utf-8") as f:
        f.write(MIXED)
    with open(os.path.join(folder, "clean.csv"), "w", encoding="utf-8") as f:
        f.write(CLEAN)
    with gzip.open(os.path.join(folder, "clean.csv.gz"), "wt", encoding="utf-8") as f:
        f.write(CLEAN)


def make_cases(tf, folder):
    data = tf.data
    mixed, clean = os.path.join(folder, "mixed.csv"), os.path.join(folder, "clean.csv")
    packed = os.path.join(folder, "clean.csv.gz")
    return {
        "csv_ignore_errors": lambda: data.experimental.CsvDataset(
            mixed, [0, 0.0, "s"], header=True).ignore_errors(),
        "csv_dtypes_gzip": lambda: data.experimental.CsvDataset(
            packed, [tf.int32, tf.float32, tf.string], header=True, compression_type="GZIP"),
        "csv_python_types": lambda: data.experimental.CsvDataset(
            [clean, clean], [int(), float(), str()], header=True),
        "csv_select_cols": lambda: data.experimental.CsvDataset(
            clean, [[0], ["q"]], header=True, select_cols=[0, 2]),
        "csv_exclude_cols": lambda: data.experimental.CsvDataset(
            mixed, [[0], [1.0]], header=True, exclude_cols=[2]),
        "csv_no_header": lambda: data.experimental.CsvDataset(
            clean, [["?"], ["?"], ["?"]]),
        "text_lines_gzip": lambda: data.TextLineDataset(packed, compression_type="GZIP"),
        "make_csv_ignore_errors": lambda: data.experimental.make_csv_dataset(
            mixed, 2, num_epochs=1, shuffle=False, ignore_errors=True,
            column_defaults=[0, 0.0, "s"]),
        "make_csv_gzip_select": lambda: data.experimental.make_csv_dataset(
            packed, 2, num_epochs=1, shuffle=False, compression_type="GZIP", label_name="z",
            select_columns=["x", "z"]),
        "make_csv_select_indices": lambda: data.experimental.make_csv_dataset(
            clean, 3, num_epochs=1, shuffle=False, select_columns=[2, 1]),
    }


def make_errors(tf, folder):
    data = tf.data
    mixed, clean = os.path.join(folder, "mixed.csv"), os.path.join(folder, "clean.csv")
    return {
        "csv_short_record": lambda: data.experimental.CsvDataset(
            mixed, [0, 0.0, "s"], header=True),
        "csv_required_missing": lambda: data.experimental.CsvDataset(
            mixed, [tf.int32, tf.float32, tf.string], header=True),
        "csv_bad_number": lambda: data.experimental.CsvDataset(
            clean, [0, 0, "s"], header=True),
        "csv_select_size": lambda: data.experimental.CsvDataset(
            mixed, [[0], [1.0], ["q"]], header=True, select_cols=[0, 2]),
        "make_csv_infer_short_row": lambda: data.experimental.make_csv_dataset(
            mixed, 2, num_epochs=1, shuffle=False),
        "make_csv_select_unknown": lambda: data.experimental.make_csv_dataset(
            clean, 2, select_columns=["x", "w"]),
        "make_csv_select_defaults": lambda: data.experimental.make_csv_dataset(
            clean, 2, select_columns=["x", "y"], column_defaults=[0]),
        "make_csv_bad_compression": lambda: data.experimental.make_csv_dataset(
            clean, 2, compression_type="BZ2"),
    }


def decode_facts(tf):
    """``tf.io.decode_csv`` with ``select_cols``: the columns' values and dtypes, and the
    errors (the op's message without TensorFlow's function-node prefix)."""
    facts = {}
    columns = tf.io.decode_csv(["1,a,2.5", "3,b,4"], [0, 0.0], select_cols=[0, 2])
    facts["values"] = [[str(np.asarray(c).dtype), np.asarray(c).tolist()] for c in columns]
    for name, args in {"not_increasing": ([0, 0.0], [2, 0]), "too_few": ([0, 0.0], [0]),
                       "repeated": ([0, 0.0], [0, 0]), "missing_field": ([0, 0.0], [0, 5])}.items():
        try:
            tf.io.decode_csv(["1,a,2.5"], args[0], select_cols=args[1])
            facts[name] = None
        except Exception as e:  # noqa: BLE001 - the error is the fact
            message = str(e)
            facts[name] = [type(e).__name__, message[message.find("}}") + 3 if "}}" in message
                                                     else 0:].replace(" [Op:DecodeCSV]", "")]
    return facts
