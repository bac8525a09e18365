"""TFRecord files and ``tf.train.Example`` round-trip with TensorFlow's.

Against ``data/tfrecords.json`` and the two committed files (``make_tfrecord_fixtures.py``,
``make_tracekeras_tfrecords.py``): tracekeras reads the file TensorFlow wrote
(``tf_written.tfrecord``: every record, every Example's content), writes the same records
byte for byte again as ``tk_written.tfrecord``, which TensorFlow read back as written; an
Example of at most one feature serializes to TensorFlow's bytes and prints TensorFlow's
text format; ``parse_single_example`` gives TensorFlow's tensors, sparse tensors and
errors; a file cut short, altered or missing raises TensorFlow's error; two files read
with ``num_parallel_reads`` interleave in TensorFlow's order; GZIP and ZLIB files (a
compression level too) are TensorFlow's bytes, and each reads the other's.
"""
import json
import os

import numpy as np
import pytest

from . import tfrecord_cases as cases

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
with open(os.path.join(DATA, "tfrecords.json")) as f:
    FACTS = json.load(f)



def test_reads_the_file_tensorflow_wrote(tf):
    records = [bytes(r) for r in tf.data.TFRecordDataset(
        os.path.join(DATA, "tf_written.tfrecord")).as_numpy_iterator()]
    assert records[:len(cases.RAW)] == cases.RAW
    examples = [tf.train.Example.FromString(r) for r in records[len(cases.RAW):]]
    assert [cases.described_example(e) for e in examples] == FACTS["described"]


def test_writes_what_tensorflow_read_back(tf, tmp_path):
    path = str(tmp_path / "ours.tfrecord")
    with tf.io.TFRecordWriter(path) as writer:
        for record in cases.records(tf):
            writer.write(record)
    with open(path, "rb") as ours, open(os.path.join(DATA, "tk_written.tfrecord"), "rb") as f:
        assert ours.read() == f.read()
    read = FACTS["read_tk"]
    assert [bytes.fromhex(r["hex"]) for r in read] == cases.records(tf)
    assert [r["example"] for r in read[len(cases.RAW):]] == FACTS["described"]
    # the framing of the raw records is TensorFlow's, byte for byte
    with open(os.path.join(DATA, "tf_written.tfrecord"), "rb") as theirs:
        framed = sum(16 + len(r) for r in cases.RAW)
        with open(path, "rb") as ours:
            assert ours.read(framed) == theirs.read(framed)


@pytest.mark.parametrize("index", sorted(FACTS["single"], key=int))
def test_one_feature_examples_are_tensorflow_s_bytes_and_text(tf, index):
    message = cases.example(tf, cases.EXAMPLES[int(index)])
    assert message.SerializeToString().hex() == FACTS["single"][index]["hex"]
    assert str(message) == FACTS["single"][index]["text"]
    again = tf.train.Example()
    again.ParseFromString(bytes.fromhex(FACTS["single"][index]["hex"]))
    assert again == message


@pytest.mark.parametrize("case", sorted(FACTS["parses"]))
def test_parse_single_example_is_tensorflow_s(tf, case):
    name, index = case.split("@")
    got, want = cases.parse(tf, name, int(index)), FACTS["parses"][case]
    if "error" in want:
        assert got == want
        return
    assert got["keys"] == want["keys"]
    for key, value in want["values"].items():
        ours = got["values"][key]
        if value.get("sparse"):
            for part in ("indices", "values", "dense_shape"):
                assert ours[part]["dtype"] == value[part]["dtype"], (key, part)
                np.testing.assert_array_equal(ours[part]["values"], value[part]["values"])
            continue
        assert (ours["dtype"], ours["shape"]) == (value["dtype"], value["shape"]), key
        if value["dtype"] == "string":
            assert ours["values"] == value["values"]
        else:
            np.testing.assert_array_equal(ours["values"], value["values"])


@pytest.mark.parametrize("name", sorted(FACTS["type_errors"]))
def test_list_messages_refuse_values_as_protobuf_does(tf, name):
    calls = {"int64_of_float": lambda: tf.train.Int64List(value=[1.5]),
             "float_of_str": lambda: tf.train.FloatList(value=["x"]),
             "bytes_of_str": lambda: tf.train.BytesList(value=["x"]),
             "feature_of_list": lambda: tf.train.Feature(int64_list=[1])}
    with pytest.raises(TypeError) as info:
        calls[name]()
    assert str(info.value) == FACTS["type_errors"][name]["message"]


@pytest.mark.parametrize("name", sorted(FACTS["damaged"]))
def test_damaged_files_raise_tensorflow_s_errors(tf, tmp_path, name):
    source = os.path.join(DATA, "tf_written.tfrecord")
    data = open(source, "rb").read()
    variants = {"truncated_footer": data[:-3], "truncated_header": data[:19 + 5],
                "corrupted_data": data[:14] + bytes([data[14] ^ 1]) + data[15:],
                "corrupted_length_crc": data[:9] + bytes([data[9] ^ 1]) + data[10:],
                "corrupted_second_length": data[:20] + bytes([data[20] ^ 1]) + data[21:]}
    path = str(tmp_path / f"{name}.tfrecord")
    if name in variants:
        with open(path, "wb") as f:
            f.write(variants[name])
    want = FACTS["damaged"][name]
    if "value" in want:
        assert len(list(tf.data.TFRecordDataset(path))) == want["value"]
        return
    errors = {"DataLossError": tf.errors.DataLossError, "NotFoundError": tf.errors.NotFoundError}
    with pytest.raises(errors[want["error"]]) as info:
        list(tf.data.TFRecordDataset(path))
    assert str(info.value).replace(str(tmp_path), "FOLDER").replace(
        f"{name}.tfrecord", "missing.tfrecord") == want["message"]


def test_num_parallel_reads_interleaves_as_tensorflow(tf, tmp_path):
    paths = []
    for name, records in (("a", [b"a0", b"a1", b"a2"]), ("b", [b"b0"]), ("c", [b"c0", b"c1"])):
        paths.append(str(tmp_path / f"{name}.tfrecord"))
        with tf.io.TFRecordWriter(paths[-1]) as writer:
            for record in records:
                writer.write(record)
    dataset = tf.data.TFRecordDataset(paths, num_parallel_reads=2)
    want = FACTS["interleaved"]
    assert [bytes(r).decode() for r in dataset.as_numpy_iterator()] == want["order"]
    assert repr(dataset) == want["repr"]
    assert repr(tf.data.TFRecordDataset(paths)) == want["plain_repr"]
    assert repr(dataset.element_spec) == want["element_spec"]


@pytest.mark.parametrize("name", sorted(cases.COMPRESSIONS))
def test_compressed_files_are_tensorflow_s_bytes_both_ways(tf, tmp_path, name):
    cases.write_compressed(tf, str(tmp_path), "ours")
    with open(tmp_path / f"ours_{name}.tfrecord", "rb") as ours, \
            open(os.path.join(DATA, f"tf_{name}.tfrecord"), "rb") as theirs:
        assert ours.read() == theirs.read()
    kind = cases.COMPRESSIONS[name]
    kind = kind if isinstance(kind, str) else kind[0]
    read = tf.data.TFRecordDataset(os.path.join(DATA, f"tf_{name}.tfrecord"),
                                   compression_type=kind)
    assert [bytes(r) for r in read.as_numpy_iterator()] == cases.RAW
    assert [bytes.fromhex(r) for r in FACTS["read_tk_compressed"][name]] == cases.RAW


def test_record_options_as_tensorflow_s(tf):
    facts = FACTS["options"]
    options = tf.io.TFRecordOptions("GZIP")
    assert {k: getattr(options, k) for k in facts["attributes"]} == facts["attributes"]
    assert [tf.io.TFRecordOptions.get_compression_type_string(o) for o in (
        None, "ZLIB", tf.io.TFRecordOptions("GZIP"))] == facts["type_string"]
    with pytest.raises(ValueError) as info:
        tf.io.TFRecordWriter(os.path.join(DATA, "x"), "LZ4")
    assert str(info.value) == facts["bad_type"]["message"]
    assert not os.path.exists(os.path.join(DATA, "x"))
    with pytest.raises(tf.errors.DataLossError) as info:   # a GZIP file read as plain
        list(tf.data.TFRecordDataset(os.path.join(DATA, "tf_gzip.tfrecord")))
    assert str(info.value) == facts["gzip_read_plain"]["message"]


def test_tensors_format_as_tensorflow_s_in_f_strings(tf):
    assert cases.formatted(tf) == FACTS["formatted"]
