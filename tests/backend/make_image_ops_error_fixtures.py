"""Record real TensorFlow's errors for ``image_ops_error_cases.CASES`` into
``data/tf_image_ops_errors.json`` (type and first line of the message, without
TensorFlow's ``{{function_node ...}}`` prefix and ``[Op:...]`` suffix). Run from the
repository root with the TensorFlow venv::

    TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python tests/backend/make_image_ops_error_fixtures.py
"""
import json
import os
import re
import sys

import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import image_ops_error_cases as cases  # noqa: E402 - the table sits next to this script

OUT = os.path.join(HERE, "data", "tf_image_ops_errors.json")


def error_text(error):
    message = re.sub(r"^\{\{function_node [^}]*\}\} ", "", str(error)).splitlines()[0]
    return re.sub(r"\s*\[Op:\w+\]( name: \S*)?\s*$", "", message)


def main():
    errors = {}
    for name, call in cases.CASES:
        try:
            call(tf)
        except Exception as error:   # the error is what the case records
            errors[name] = {"error": type(error).__name__, "message": error_text(error)}
        else:
            raise AssertionError(f"{name}: TensorFlow raised nothing")
    with open(OUT, "w") as f:
        json.dump({"errors": errors, "tensorflow": tf.__version__}, f, indent=1)
        f.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
