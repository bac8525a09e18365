"""Run the tables of ``<NAME>_scenarios.py`` through real TensorFlow.

For each NAME given (``control_flow``, ``indexing``, ``gfile``) writes ``data/tf_<NAME>.json``: each
case's outcome (``tf_cases.encode``, or its error), each gradient case's value and
gradients (``tf.GradientTape`` of the weighted sum of its output), each dataset's
``element_spec`` text and elements. Run with the TensorFlow venv from the repository root:
``TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/backend/make_tf_case_fixtures.py
control_flow indexing gfile``.
"""
import importlib
import json
import os
import sys

import tensorflow as tf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tf_cases  # noqa: E402 - the helpers sit next to this script

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def dataset_case(build):
    """The dataset's spec text and elements (or the error iterating it raised)."""
    def run():
        dataset = build(tf)
        return {"spec": repr(dataset.element_spec),
                "elements": tf_cases.encode(list(dataset.as_numpy_iterator()))}
    try:
        return run()
    except Exception as error:   # noqa: BLE001 - the error is the fixture
        return {"spec": repr(build(tf).element_spec),
                "error": {"type": type(error).__name__, "message": str(error)}}


def write(table):
    scenarios = importlib.import_module(f"{table}_scenarios")
    fixtures = {name: tf_cases.outcome(call, tf) for name, call, _ in
                getattr(scenarios, "CASES", ())}
    with tf_cases.inside_new_folder():   # steps that share one folder, in order
        for name, call, _ in getattr(scenarios, "STEPS", ()):
            fixtures[name] = tf_cases.outcome(call, tf)
    for name, (call, _) in getattr(scenarios, "custom_cases", lambda tf: {})(tf).items():
        fixtures[name] = tf_cases.outcome(call)
    for name, call, names in getattr(scenarios, "GRADIENTS", ()):
        fixtures[name] = tf_cases.outcome(tf_cases.gradient_case, tf, scenarios, call, names)
    for name, build in getattr(scenarios, "DATASETS", ()):
        fixtures[name] = dataset_case(build)
    fixtures["_meta"] = {"tensorflow": tf.__version__}
    out = os.path.join(DATA, f"tf_{table}.json")
    with open(out, "w") as f:
        json.dump(fixtures, f, indent=0, sort_keys=True)
    print(f"wrote {len(fixtures) - 1} cases to {out}")


if __name__ == "__main__":
    tf.get_logger().setLevel("ERROR")
    for name in sys.argv[1:]:
        write(name)
