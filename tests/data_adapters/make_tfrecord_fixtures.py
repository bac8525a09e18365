"""Facts of TensorFlow 2.21's TFRecord files and ``tf.train.Example``, for
``test_tfrecord.py``.

Run from the repository root with the TensorFlow venv, after
``make_tracekeras_tfrecords.py`` (tests never import TensorFlow)::

    /work/tfvenv/bin/python tests/data_adapters/make_tfrecord_fixtures.py

Writes ``data/tf_written.tfrecord`` (the records of ``tfrecord_cases``, by
``tf.io.TFRecordWriter``) and ``data/tfrecords.json``: TensorFlow's bytes and text format
of each Example of at most one feature (a map of more has TensorFlow's own order), each
Example's content as TensorFlow reads it back, ``parse_single_example``'s results and
errors, what TensorFlow reads from ``data/tk_written.tfrecord`` (written by tracekeras),
the errors of files cut short, altered or missing, the interleaved order of two files,
tensors in f-strings,
the datasets' repr, and the type errors of the list messages.
"""
import json
import os
import sys
import tempfile

import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import tfrecord_cases as cases  # noqa: E402

DATA = os.path.join(HERE, "data")


def outcome(call):
    try:
        return {"value": call()}
    except Exception as exc:  # noqa: BLE001 - the error is the result
        return {"error": type(exc).__name__, "message": cases.clean(exc)}


def read_back(path):
    out = []
    for record in tf.data.TFRecordDataset(path).as_numpy_iterator():
        try:
            message = tf.train.Example.FromString(record)
            out.append({"hex": record.hex(), "example": cases.described_example(message)})
        except Exception:  # noqa: BLE001 - a raw record
            out.append({"hex": record.hex(), "example": None})
    return out


def damaged(folder, source):
    data = open(source, "rb").read()
    variants = {"truncated_footer": data[:-3], "truncated_header": data[:19 + 5],
                "corrupted_data": data[:14] + bytes([data[14] ^ 1]) + data[15:],
                "corrupted_length_crc": data[:9] + bytes([data[9] ^ 1]) + data[10:],
                "corrupted_second_length": data[:20] + bytes([data[20] ^ 1]) + data[21:]}
    out = {}
    for name, content in variants.items():
        path = os.path.join(folder, name + ".tfrecord")
        with open(path, "wb") as f:
            f.write(content)
        out[name] = outcome(lambda path=path: len(list(tf.data.TFRecordDataset(path))))
    out["missing"] = outcome(lambda: list(tf.data.TFRecordDataset(
        os.path.join(folder, "missing.tfrecord"))))
    out["missing"]["message"] = out["missing"]["message"].replace(folder, "FOLDER")
    return out


def interleaved(folder):
    paths = []
    for name, records in (("a", [b"a0", b"a1", b"a2"]), ("b", [b"b0"]), ("c", [b"c0", b"c1"])):
        paths.append(os.path.join(folder, name + ".tfrecord"))
        with tf.io.TFRecordWriter(paths[-1]) as writer:
            for record in records:
                writer.write(record)
    dataset = tf.data.TFRecordDataset(paths, num_parallel_reads=2)
    return {"order": [r.decode() for r in dataset.as_numpy_iterator()], "repr": repr(dataset),
            "plain_repr": repr(tf.data.TFRecordDataset(paths)),
            "element_spec": repr(dataset.element_spec)}


def main():
    tf_file = os.path.join(DATA, "tf_written.tfrecord")
    with tf.io.TFRecordWriter(tf_file) as writer:
        for record in cases.records(tf):
            writer.write(record)
    examples = [cases.example(tf, e) for e in cases.EXAMPLES]
    facts = {
        "single": {str(i): {"hex": m.SerializeToString().hex(), "text": str(m)}
                   for i, m in enumerate(examples) if len(cases.EXAMPLES[i]) <= 1},
        "described": [cases.described_example(tf.train.Example.FromString(
            m.SerializeToString())) for m in examples],
        "parses": {f"{name}@{index}": cases.parse(tf, name, index)
                   for name, index in cases.PARSES},
        "read_tk": read_back(os.path.join(DATA, "tk_written.tfrecord")),
        "formatted": cases.formatted(tf),
        "type_errors": {
            "int64_of_float": outcome(lambda: tf.train.Int64List(value=[1.5])),
            "float_of_str": outcome(lambda: tf.train.FloatList(value=["x"])),
            "bytes_of_str": outcome(lambda: tf.train.BytesList(value=["x"])),
            "feature_of_list": outcome(lambda: tf.train.Feature(int64_list=[1])),
        },
    }
    cases.write_compressed(tf, DATA, "tf")
    facts["read_tk_compressed"] = {
        name: [r.hex() for r in tf.data.TFRecordDataset(
            os.path.join(DATA, f"tk_{name}.tfrecord"),
            compression_type=cases.COMPRESSIONS[name] if isinstance(
                cases.COMPRESSIONS[name], str) else cases.COMPRESSIONS[name][0]
        ).as_numpy_iterator()] for name in cases.COMPRESSIONS}
    facts["options"] = {
        "attributes": {k: getattr(tf.io.TFRecordOptions("GZIP"), k) for k in (
            "compression_type", "compression_level", "window_bits", "mem_level")},
        "type_string": [tf.io.TFRecordOptions.get_compression_type_string(o)
                        for o in (None, "ZLIB", tf.io.TFRecordOptions("GZIP"))],
        "bad_type": outcome(lambda: tf.io.TFRecordWriter(os.path.join(DATA, "x"), "LZ4")),
        "gzip_read_plain": outcome(lambda: len(list(tf.data.TFRecordDataset(
            os.path.join(DATA, "tf_gzip.tfrecord"))))),
    }
    with tempfile.TemporaryDirectory() as folder:
        facts["damaged"] = damaged(folder, tf_file)
        facts["interleaved"] = interleaved(folder)
    with open(os.path.join(DATA, "tfrecords.json"), "w") as f:
        json.dump(facts, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
