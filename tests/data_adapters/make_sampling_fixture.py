"""TensorFlow 2.21's results for ``sampling_cases.py``: each case's elements (a dataset's,
or several iterations'), and for a dataset its ``repr``, ``element_spec`` and cardinality;
each error case's type and message.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python \\
        tests/data_adapters/make_sampling_fixture.py

Output: ``data/sampling.json``.
"""
import json
import os
import sys

import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from grouping_cases import plain  # noqa: E402
from sampling_cases import make_cases, make_errors  # noqa: E402


def record(made):
    if isinstance(made, list):
        return {"iterations": plain(made)}
    return {"repr": repr(made), "element_spec": repr(made.element_spec),
            "cardinality": int(made.cardinality()),
            "elements": [plain(e) for e in made.as_numpy_iterator()]}


def main():
    cases = {name: record(make()) for name, make in make_cases(tf).items()}
    errors = {}
    for name, make in make_errors(tf).items():
        try:
            make()
            errors[name] = None
        except Exception as e:  # noqa: BLE001 - the error is the fact
            errors[name] = {"type": type(e).__name__, "message": str(e)}
    out = os.path.join(HERE, "data", "sampling.json")
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        json.dump({"tensorflow": tf.__version__, "cases": cases, "errors": errors}, f,
                  indent=1)
        f.write("\n")
    os.replace(out + ".tmp", out)


if __name__ == "__main__":
    main()
