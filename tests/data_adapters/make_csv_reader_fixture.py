"""TensorFlow 2.21's results for the cases of ``csv_reader_cases.py``: each dataset's
``repr``, ``element_spec``, cardinality and elements, each error case's type and
message, and ``tf.io.decode_csv`` with ``select_cols``.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python \\
        tests/data_adapters/make_csv_reader_fixture.py

Output: ``data/csv_readers.json``.
"""
import json
import os
import sys
import tempfile

import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from csv_reader_cases import decode_facts, make_cases, make_errors, write_files  # noqa: E402
from dataset_methods_cases import plain  # noqa: E402


def record(dataset):
    return {"repr": repr(dataset), "element_spec": repr(dataset.element_spec),
            "cardinality": int(dataset.cardinality()),
            "elements": [plain(e) for e in dataset.as_numpy_iterator()]}


def main():
    with tempfile.TemporaryDirectory() as folder:
        write_files(folder)
        cases = {name: record(make()) for name, make in make_cases(tf, folder).items()}
        errors = {}
        for name, make in make_errors(tf, folder).items():
            try:
                list(make().as_numpy_iterator())
                errors[name] = None
            except Exception as e:  # noqa: BLE001 - the error is the fact
                errors[name] = {"type": type(e).__name__,
                                "message": str(e).replace(folder, "FOLDER")}
    out = os.path.join(HERE, "data", "csv_readers.json")
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        json.dump({"tensorflow": tf.__version__, "cases": cases, "errors": errors,
                   "decode_csv": decode_facts(tf)}, f, indent=1)
        f.write("\n")
    os.replace(out + ".tmp", out)


if __name__ == "__main__":
    main()
