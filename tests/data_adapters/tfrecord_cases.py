"""TFRecord files and ``tf.train.Example``: one table, run on real TensorFlow
(``make_tfrecord_fixtures.py``, which writes ``data/tf_written.tfrecord`` and
``data/tfrecords.json``) and on tracekeras (``make_tracekeras_tfrecords.py`` writes
``data/tk_written.tfrecord``, which TensorFlow then reads; ``test_tfrecord.py``).

``RAW`` are records of plain bytes; ``EXAMPLES`` are Examples given as ``{key: (kind,
values)}`` (kinds ``bytes``, ``float``, ``int64``; ``None``: a Feature with no list);
``SPECS`` are ``parse_single_example`` feature specs given as ``{key: ("fixed", shape,
dtype, default) | ("var", dtype)}``, each parsed from one example by ``PARSES``. The files
hold the raw records, then each example serialized. Plain Python: no TensorFlow import.
"""
import re

import numpy as np

RAW = [b"abc", b"", bytes(range(256)) * 2, "\u00e9t\u00e9".encode("utf-8")]

EXAMPLES = [
    {"image_id": ("int64", [139])},
    {"bbox": ("float", [473.07, 395.93, 38.65, 28.67])},
    {"path": ("bytes", [b"datasets/val2017/000000000139.jpg"])},
    {"ids": ("int64", [0, -1, 2 ** 40, -(2 ** 63), 2 ** 63 - 1])},
    {"empty_floats": ("float", [])},
    {"no_list": (None, None)},
    {"odd bytes": ("bytes", [b'quote " and \\ and \n', bytes([0, 200, 127])])},
    {"area": ("float", [702.1057499999998]), "category_id": ("int64", [58]),
     "path": ("bytes", [b"a/b.jpg"]), "bbox": ("float", [1.5, -2.25, 1e-8, 3e38])},
    {},
]

SPECS = {
    "coco": {"area": ("fixed", [], "float32", None), "bbox": ("var", "float32"),
             "category_id": ("fixed", [], "int64", None), "path": ("fixed", [], "string", None)},
    "bbox_fixed": {"bbox": ("fixed", [4], "float32", None)},
    "bbox_matrix": {"bbox": ("fixed", [2, 2], "float32", None)},
    "defaults": {"missing": ("fixed", [2], "float32", [1.0, 2.0]),
                 "missing_string": ("fixed", [], "string", "none"),
                 "image_id": ("fixed", [], "int64", 0)},
    "var_missing": {"nothing": ("var", "int64"), "image_id": ("var", "int64")},
    "ids": {"ids": ("fixed", [5], "int64", None)},
    "no_list_default": {"no_list": ("fixed", [], "int64", 7)},
    # refused
    "required_missing": {"absent": ("fixed", [], "int64", None)},
    "no_list_required": {"no_list": ("fixed", [], "int64", None)},
    "too_few": {"bbox": ("fixed", [5], "float32", None)},
    "scalar_of_four": {"bbox": ("fixed", [], "float32", None)},
    "ints_too_many": {"ids": ("fixed", [2], "int64", None)},
    "strings_too_many": {"odd bytes": ("fixed", [], "string", None)},
    "wrong_type": {"image_id": ("fixed", [], "float32", None)},
    "var_wrong_type": {"image_id": ("var", "string")},
}

PARSES = [("coco", 7), ("bbox_fixed", 1), ("bbox_matrix", 1), ("defaults", 0),
          ("var_missing", 0), ("ids", 3), ("no_list_default", 5), ("required_missing", 0),
          ("no_list_required", 5), ("too_few", 1), ("scalar_of_four", 1), ("ints_too_many", 3),
          ("strings_too_many", 6), ("wrong_type", 0), ("var_wrong_type", 0), ("coco", 8)]


def example(tf, features):
    made = {}
    for key, (kind, values) in features.items():
        if kind is None:
            made[key] = tf.train.Feature()
        elif kind == "bytes":
            made[key] = tf.train.Feature(bytes_list=tf.train.BytesList(value=values))
        elif kind == "float":
            made[key] = tf.train.Feature(float_list=tf.train.FloatList(value=values))
        else:
            made[key] = tf.train.Feature(int64_list=tf.train.Int64List(value=values))
    return tf.train.Example(features=tf.train.Features(feature=made))


def records(tf):
    """Every record of the files: the raw ones, then the examples serialized."""
    return RAW + [example(tf, e).SerializeToString() for e in EXAMPLES]


def described_example(message):
    """An Example's content, keys sorted: ``{key: [kind, values]}`` (floats as float32)."""
    out = {}
    for key in sorted(message.features.feature):
        feature = message.features.feature[key]
        kind = feature.WhichOneof("kind")
        if kind is None:
            out[key] = [None, None]
            continue
        values = list(getattr(feature, kind).value)
        if kind == "bytes_list":
            values = [v.hex() for v in values]
        out[key] = [kind, values]
    return out


def feature_spec(tf, description):
    if description[0] == "var":
        return tf.io.VarLenFeature(getattr(tf, description[1]))
    _, shape, dtype, default = description
    return tf.io.FixedLenFeature(shape, getattr(tf, dtype), default_value=default)


def plain(value):
    """A parsed tensor (or SparseTensor) as JSON: kind, dtype, shape and values."""
    if hasattr(value, "indices") and hasattr(value, "dense_shape"):
        return {"sparse": True, "indices": plain(value.indices),
                "values": plain(value.values), "dense_shape": plain(value.dense_shape)}
    array = np.asarray(value)
    if array.dtype == object:
        return {"dtype": "string", "shape": list(array.shape),
                "values": [v.hex() for v in array.reshape(-1).tolist()]}
    return {"dtype": array.dtype.name, "shape": list(array.shape),
            "values": [float(v) for v in array.reshape(-1)]}


def parse(tf, spec_name, index):
    serialized = example(tf, EXAMPLES[index]).SerializeToString()
    spec = {key: feature_spec(tf, d) for key, d in SPECS[spec_name].items()}
    try:
        parsed = tf.io.parse_single_example(serialized, spec)
    except Exception as exc:  # noqa: BLE001 - the error is the result
        return {"error": type(exc).__name__, "message": clean(exc)}
    return {"keys": list(parsed), "values": {k: plain(v) for k, v in parsed.items()}}


def clean(exc):
    """An error's first line, without TensorFlow's kernel prefix and name suffix."""
    message = re.sub(r"^\{\{function_node [^}]*\}\} ", "", str(exc).split("\n")[0])
    return re.sub(r" name: $", "", message)


def formatted(tf):
    """Tensors in f-strings, as the TFRecord example prints its parsed features: an eager
    tensor formats as its NumPy value (``str`` gives ``tf.Tensor(...)``)."""
    parsed = tf.io.parse_single_example(
        example(tf, EXAMPLES[7]).SerializeToString(),
        {key: feature_spec(tf, d) for key, d in SPECS["coco"].items()})
    parsed["bbox"] = tf.sparse.to_dense(parsed["bbox"])
    out = {f"parsed {key}": f"{value}" for key, value in parsed.items()}
    out.update({"vector": f"{tf.constant([1.5, 2.0])}", "scalar .2f": f"{tf.constant(3.0):.2f}",
                "matrix": f"{tf.constant([[1, 2], [3, 4]])}",
                "strings": f"{tf.constant(['a', 'b'])}", "str of vector": str(tf.constant([1.5]))})
    try:
        out["vector .2f"] = format(tf.constant([1.0, 2.0]), ".2f")
    except TypeError as exc:
        out["vector .2f"] = f"TypeError: {exc}"
    return out


# compressed files: the raw records written as one stream (``options``)
COMPRESSIONS = {"gzip": "GZIP", "zlib": "ZLIB", "gzip_level_9": ("GZIP", 9)}


def options(tf, name):
    kind = COMPRESSIONS[name]
    if isinstance(kind, tuple):
        return tf.io.TFRecordOptions(compression_type=kind[0], compression_level=kind[1])
    return kind


def write_compressed(tf, folder, prefix):
    """``<prefix>_<name>.tfrecord`` for each compression, holding ``RAW``."""
    for name in COMPRESSIONS:
        with tf.io.TFRecordWriter(f"{folder}/{prefix}_{name}.tfrecord",
                                  options=options(tf, name)) as writer:
            for record in RAW:
                writer.write(record)
