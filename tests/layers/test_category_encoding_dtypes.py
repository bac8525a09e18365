"""CategoryEncoding's inputs of each dtype against tf_keras 2.21
(``make_category_encoding_dtype_fixtures.py``): a dense encoding takes floats (truncated, as
TensorFlow's ``bincount`` casts them) and int32/int64; a sparse one refuses floats
(InvalidArgumentError eagerly, TypeError on a symbolic input, TensorFlow's messages); both
refuse other integer dtypes and bools."""
import json
import os

import numpy as np
import pytest

import tracekeras as keras

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
with open(os.path.join(HERE, "category_encoding_dtypes.json"), encoding="utf-8") as f:
    FACTS = json.load(f)


def query(dtype):
    values = [0, 1.7, 3] if dtype.startswith("float") else [0, 1, 3]
    return np.array(values).astype(dtype)


def outcome(function):
    try:
        out = function()
    except Exception as exc:   # the error is what is compared
        return {"error": type(exc).__name__, "message": str(exc)}
    if isinstance(out, keras.engine.keras_tensor.KerasTensor):
        return {"shape": list(out.shape), "dtype": out.dtype.name, "sparse": out.sparse}
    sparse = hasattr(out, "dense_shape")
    dense = keras.backend.sparse_tensor.to_dense(out) if sparse else out
    return {"values": np.asarray(dense).tolist(), "sparse": sparse,
            "dtype": np.asarray(dense).dtype.name}


def check(got, expected, key):
    sparse, _, dtype = key.split()
    if (got.get("error") == "InvalidArgumentError" and sparse == "True"
            and dtype in ("int8", "int16", "uint8", "uint16")):
        # TensorFlow names whichever of two refused attributes it meets first ('T', the
        # input's dtype, or 'output_type', the same dtype for the default weights): both
        # occur in its runs; tracekeras names 'T'
        assert expected["error"] == "InvalidArgumentError"
        assert f"Value for attr 'T' of {dtype} is not in the list" in got["message"]
        assert "DenseCountSparseOutput" in expected["message"]
        return
    assert got == expected


@pytest.mark.parametrize("key", sorted(FACTS))
def test_eagerly(key):
    sparse, mode, dtype = key.split()
    layer = keras.layers.CategoryEncoding(4, output_mode=mode, sparse=sparse == "True",
                                          name="encoding")
    check(outcome(lambda: layer(query(dtype))), FACTS[key]["eager"], key)


@pytest.mark.parametrize("key", sorted(FACTS))
def test_on_a_symbolic_input(key):
    sparse, mode, dtype = key.split()
    layer = keras.layers.CategoryEncoding(4, output_mode=mode, sparse=sparse == "True",
                                          name="encoding")
    check(outcome(lambda: layer(keras.Input((3,), dtype=dtype))), FACTS[key]["symbolic"], key)
