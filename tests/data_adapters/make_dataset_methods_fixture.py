"""TensorFlow 2.21's results for the cases of ``dataset_methods_cases.py``: each dataset's
``repr``, ``element_spec``, cardinality and elements, each error case's type and message,
the facts of ``tf.data.Options``, ``sparse_batch``'s printed batches, and a small dataset
saved by TensorFlow's ``Dataset.save`` (``data/tf_saved_dataset``: tracekeras refuses to
load it in one line).

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python \\
        tests/data_adapters/make_dataset_methods_fixture.py

Output: ``data/dataset_methods.json`` and ``data/tf_saved_dataset/``.
"""
import json
import os
import shutil
import sys
import tempfile

import numpy as np
import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from dataset_methods_cases import (  # noqa: E402
    make_cases,
    make_errors,
    options_facts,
    plain,
    sparse_facts,
)


def record(dataset):
    return {"repr": repr(dataset), "element_spec": repr(dataset.element_spec),
            "cardinality": int(dataset.cardinality()),
            "elements": [plain(e) for e in dataset.as_numpy_iterator()]}


def main():
    with tempfile.TemporaryDirectory() as folder:
        cases = {name: record(make()) for name, make in make_cases(tf, folder).items()}
        errors = {}
        for name, make in make_errors(tf, folder).items():
            try:
                list(make().as_numpy_iterator())
                errors[name] = None
            except Exception as e:  # noqa: BLE001 - the error is the fact
                errors[name] = {"type": type(e).__name__,
                                "message": str(e).replace(folder, "FOLDER")}
    saved = os.path.join(HERE, "data", "tf_saved_dataset")
    shutil.rmtree(saved, ignore_errors=True)
    tf.data.Dataset.from_tensor_slices(np.arange(3, dtype="int64")).save(saved)
    out = os.path.join(HERE, "data", "dataset_methods.json")
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        json.dump({"tensorflow": tf.__version__, "cases": cases, "errors": errors,
                   "options": options_facts(tf), "sparse": sparse_facts(tf)}, f, indent=1)
        f.write("\n")
    os.replace(out + ".tmp", out)


if __name__ == "__main__":
    main()
