"""TensorFlow 2.21's text form of ``tf.data`` datasets: ``repr`` (what ``print`` shows),
``str`` and ``element_spec`` of each pipeline of ``dataset_repr_cases.py``.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python tests/data_adapters/make_dataset_repr_fixture.py

Output: ``data/dataset_reprs.json``, case name -> ``repr``, ``str``, ``element_spec`` (its
``repr``) and ``cardinality``.
"""
import json
import os
import sys

import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from dataset_repr_cases import CASES  # noqa: E402


def main():
    facts = {"tensorflow": tf.__version__, "cases": {}}
    for name, make in CASES.items():
        dataset = make(tf.data, tf.TensorSpec)
        facts["cases"][name] = {"repr": repr(dataset), "str": str(dataset),
                                "element_spec": repr(dataset.element_spec),
                                "cardinality": int(dataset.cardinality())}
    out = os.path.join(HERE, "data", "dataset_reprs.json")
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        json.dump(facts, f, indent=1)
        f.write("\n")
    os.replace(out + ".tmp", out)
    for name, case in facts["cases"].items():
        print(name, case["repr"])


if __name__ == "__main__":
    main()
