"""The file-reading cases of ``make_reader_fixtures.py``, run by either engine (``tf`` is
TensorFlow or tracekeras's import shim) in a folder the caller chose: text files read by
``TextLineDataset``, ``Dataset.list_files`` seeded and not shuffled, ``interleave`` with
several cycle and block lengths, and ``tf.io.decode_csv`` (values and errors)."""
import os

import numpy as np


def write_files(folder):
    """Five small CSV-like files (a header line, a CRLF line end in one) and their paths."""
    paths = []
    for i in range(5):
        path = os.path.join(folder, f"part_{i:02d}.csv")
        rows = ["a,b"] + [f"{i},{i * 10 + r}" for r in range(i + 1)]
        end = "\r\n" if i == 3 else "\n"
        with open(path, "w", newline="") as f:
            f.write(end.join(rows) + end)
        paths.append(path)
    return paths


def names(dataset, folder):
    return [os.path.relpath(os.fsdecode(bytes(np.asarray(x).item())), folder) for x in dataset]


def lines(dataset):
    return [bytes(np.asarray(x).item()).decode() for x in dataset]


def readers(tf, folder):
    paths = write_files(folder)
    out = {"text_lines": lines(tf.data.TextLineDataset(paths[3])),
           "text_lines_two_files": lines(tf.data.TextLineDataset(paths[:2])),
           "text_lines_parallel": lines(tf.data.TextLineDataset(paths[1:4],
                                                                num_parallel_reads=2))}
    tf.random.set_seed(42)
    out["list_files_seed"] = names(tf.data.Dataset.list_files(paths, seed=42), folder)
    out["list_files_pattern"] = names(tf.data.Dataset.list_files(
        os.path.join(folder, "part_0[1-3].csv"), shuffle=False), folder)
    for cycle, block in ((2, 1), (3, 2), (5, 1)):
        dataset = tf.data.Dataset.list_files(paths, shuffle=False).interleave(
            lambda path: tf.data.TextLineDataset(path).skip(1),
            cycle_length=cycle, block_length=block)
        out[f"interleave_{cycle}_{block}"] = lines(dataset)
    numbers = tf.data.Dataset.range(1, 4).interleave(
        lambda x: tf.data.Dataset.from_tensors(x).repeat(x), cycle_length=2)
    out["interleave_range"] = [int(x) for x in numbers]
    return out


def decode_csv(tf):
    defaults = [0, np.nan, tf.constant(np.nan, dtype=tf.float64), "Hello", tf.constant([])]
    out = {}
    for record in ("1,2,3,4,5", ",,,,5", '7,-1.5,2e3,"a,b",6'):
        fields = tf.io.decode_csv(record, defaults)
        out[record] = [[np.asarray(f).dtype.name if np.asarray(f).dtype != object else "string",
                        repr(np.asarray(f).item())] for f in fields]
    batch = tf.io.decode_csv(["1,2", "3,"], [0.0, 9])
    out["batch"] = [np.asarray(f).tolist() for f in batch]
    for record in (",,,,", "1,2,3,4,5,6,7", "x,2,3,4,5"):
        try:
            tf.io.decode_csv(record, defaults)
            out[record] = None
        except tf.errors.InvalidArgumentError as error:
            message = str(error)
            out[record] = message[message.find("}}") + 3 if "}}" in message else 0:].replace(
                " [Op:DecodeCSV]", "")
    return out


def lookup(tf):
    """A StaticVocabularyTable of words (and one of integers): known keys, out-of-vocabulary
    buckets, a 2-D batch and the table's size."""
    words = tf.constant([b"<pad>", b"great", b"movie", b"it"])
    table = tf.lookup.StaticVocabularyTable(
        tf.lookup.KeyValueTensorInitializer(words, tf.range(4, dtype=tf.int64)), 100)
    keys = tf.constant([[b"it", b"was", b"a", b"great"], [b"movie", b"<pad>", b"run", b"x"]])
    numbers = tf.lookup.StaticVocabularyTable(tf.lookup.KeyValueTensorInitializer(
        tf.constant([7, 11], dtype=tf.int64), tf.constant([0, 1], dtype=tf.int64)), 5)
    return {"ids": np.asarray(table.lookup(keys)).tolist(), "size": int(table.size()),
            "int_ids": np.asarray(numbers.lookup(tf.constant([7, 3, 11, 12345],
                                                             dtype=tf.int64))).tolist()}
