"""Write how often real tf_keras 2.21 runs a layer's ``call`` (data/call_counts.json).

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/build/make_call_count_fixtures.py

For the layer of ``call_count_cases.py``: its state after functional construction on
Inputs of known and unknown dimensions, and after the fit of a functional and a subclassed
model, eagerly (``run_eagerly=True``) and traced (the default). Run by hand, never by the
tests.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import tf_keras as keras  # noqa: E402
from call_count_cases import SHAPES, construction, fits  # noqa: E402


def main():
    out = {"construction": {label: construction(keras, shape)
                            for label, shape in SHAPES.items()},
           "fit eagerly": fits(keras, True), "fit traced": fits(keras, False)}
    with open(os.path.join(HERE, "data", "call_counts.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
