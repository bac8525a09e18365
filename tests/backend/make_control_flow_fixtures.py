"""Run the tables of ``control_flow_scenarios.py`` through real TensorFlow.

Writes ``data/tf_control_flow.json``: each case's outcome (``tf_cases.encode``, or its
error), each gradient case's value and gradients (``tf.GradientTape`` of the weighted sum
of its output), each dataset's ``element_spec`` text and elements. Run with the
TensorFlow venv from the repository root:
``TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/backend/make_control_flow_fixtures.py``.
"""
import json
import os
import sys

import numpy as np
import tensorflow as tf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import control_flow_scenarios as scenarios  # noqa: E402 - the table sits next to this script
import tf_cases  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "tf_control_flow.json")


def gradient_case(call, names):
    inputs = [tf.constant(scenarios.INPUTS[n]) for n in names]
    with tf.GradientTape() as tape:
        for t in inputs:
            tape.watch(t)
        out = call(tf, *inputs)
        total = tf.reduce_sum(out * scenarios.WEIGHTS[:int(np.size(out))].reshape(out.shape))
    grads = tape.gradient(total, inputs)   # one call: a py_function's gradient is taken once
    return {"value": tf_cases.encode(out), "gradients": tf_cases.encode(grads)}


def dataset_case(build):
    def run():
        dataset = build(tf)
        return {"spec": repr(dataset.element_spec),
                "elements": tf_cases.encode(list(dataset.as_numpy_iterator()))}
    try:
        return run()
    except Exception as error:   # noqa: BLE001 - the error is the fixture
        return {"spec": repr(build(tf).element_spec),
                "error": {"type": type(error).__name__, "message": str(error)}}


def main():
    tf.get_logger().setLevel("ERROR")
    fixtures = {name: tf_cases.outcome(call, tf) for name, call, _ in scenarios.CASES}
    for name, (call, _) in scenarios.custom_cases(tf).items():
        fixtures[name] = tf_cases.outcome(call)
    for name, call, names in scenarios.GRADIENTS:
        fixtures[name] = gradient_case(call, names)
    for name, build in scenarios.DATASETS:
        fixtures[name] = dataset_case(build)
    fixtures["_meta"] = {"tensorflow": tf.__version__}
    with open(OUT, "w") as f:
        json.dump(fixtures, f, indent=0, sort_keys=True)
    print(f"wrote {len(fixtures) - 1} cases to {OUT}")


if __name__ == "__main__":
    main()
