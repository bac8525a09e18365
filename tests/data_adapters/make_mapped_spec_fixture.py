"""TensorFlow 2.21's ``element_spec`` (its ``repr``) of each mapped dataset of
``mapped_spec_cases.py``.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python \\
        tests/data_adapters/make_mapped_spec_fixture.py

Output: ``data/mapped_specs.json``, case name -> the ``repr`` of its element_spec.
"""
import json
import os
import sys

import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from mapped_spec_cases import make_cases  # noqa: E402


def main():
    specs = {name: repr(make().element_spec) for name, make in make_cases(tf).items()}
    facts = {"tensorflow": tf.__version__, "specs": specs}
    out = os.path.join(HERE, "data", "mapped_specs.json")
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        json.dump(facts, f, indent=1)
        f.write("\n")
    os.replace(out + ".tmp", out)


if __name__ == "__main__":
    main()
