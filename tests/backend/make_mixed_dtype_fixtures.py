"""Record what real TensorFlow does for ``mixed_dtype_cases.CASES`` into
``data/tf_mixed_dtype.json``: the value and dtype, or the error type and its whole
message. Run from the repository root with the TensorFlow venv::

    TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python tests/backend/make_mixed_dtype_fixtures.py
"""
import json
import os
import sys

import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import mixed_dtype_cases as cases  # noqa: E402 - the table sits next to this script

OUT = os.path.join(HERE, "data", "tf_mixed_dtype.json")


def main():
    results = {}
    for name, call in cases.CASES:
        try:
            value = call(tf)
        except Exception as error:   # the error is what the case records
            results[name] = {"error": type(error).__name__, "message": str(error)}
        else:
            results[name] = {"value": value.numpy().tolist(), "dtype": value.dtype.name}
    with open(OUT, "w") as f:
        json.dump({"results": results, "tensorflow": tf.__version__}, f, indent=1)
        f.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
