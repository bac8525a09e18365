"""Write what real tf_keras 2.21's ``CategoryEncoding`` does with inputs of each dtype.

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python \
        tests/layers/make_category_encoding_dtype_fixtures.py

For ``sparse`` False and True, each ``output_mode`` of ``MODES`` and each dtype of ``DTYPES``:
the layer called on ``[0, 1.7, 3]`` (``[0, 1, 3]`` for a non-float dtype) eagerly, and on an
``Input((3,), dtype=...)``: the output (dense values, sparse or not, dtype) or the error
(type and full message). Run by hand, never by the tests.

Output: ``data/category_encoding_dtypes.json``.
"""
import json
import os

import numpy as np
import tensorflow as tf
import tf_keras as keras

HERE = os.path.dirname(os.path.abspath(__file__))
MODES = ("multi_hot", "count", "one_hot")
DTYPES = ("float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8",
          "uint16", "bool")


def query(dtype):
    values = [0, 1.7, 3] if dtype.startswith("float") else [0, 1, 3]
    return np.array(values).astype(dtype)


def outcome(layer, inputs):
    try:
        out = layer(inputs)
    except Exception as exc:   # the error is the fact recorded
        return {"error": type(exc).__name__, "message": str(exc)}
    if isinstance(out, keras.KerasTensor if hasattr(keras, "KerasTensor") else ()):
        return {"shape": list(out.shape), "dtype": out.dtype.name}
    if hasattr(out, "_keras_history"):
        return {"shape": list(out.shape), "dtype": out.dtype.name,
                "sparse": isinstance(out, tf.SparseTensor) or "Sparse" in type(out).__name__}
    sparse = isinstance(out, tf.SparseTensor)
    dense = tf.sparse.to_dense(out) if sparse else out
    return {"values": dense.numpy().tolist(), "sparse": sparse, "dtype": out.dtype.name}


def encoding(sparse, mode):
    return keras.layers.CategoryEncoding(4, output_mode=mode, sparse=sparse, name="encoding")


def main():
    out = {}
    for sparse in (False, True):
        for mode in MODES:
            for dtype in DTYPES:
                layer = encoding(sparse, mode)
                record = {"eager": outcome(layer, query(dtype))}
                layer = encoding(sparse, mode)
                record["symbolic"] = outcome(layer, keras.Input((3,), dtype=dtype))
                out[f"{sparse} {mode} {dtype}"] = record
    with open(os.path.join(HERE, "data", "category_encoding_dtypes.json"), "w",
              encoding="utf-8") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
