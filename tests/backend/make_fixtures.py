"""Write ``data/tf_surface.npz``: real TensorFlow's results for ``scenarios.CASES``.

Run with the TensorFlow venv, from the repository root::

    /work/tfvenv/bin/python tests/backend/make_fixtures.py

For every case it stores each output (``<case>/out<i>``, dtype and values) and, for
a case marked to differentiate, the gradient of the weighted sum of its float outputs
with respect to each float input, taken with ``tf.GradientTape``
(``<case>/grad<j>``; an input TensorFlow gives no gradient is absent). For each
pipeline of ``DATASETS`` it stores the leaves of every element and the
cardinality (``dataset:<name>/...``). The test
``test_tf_surface.py`` runs the same table through tracekeras's ``tf``.
"""
import os
import sys

import numpy as np
import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

from tests.backend.scenarios import CASES, DATASETS, INPUTS, weights  # noqa: E402 - after the path is set

OUT = os.path.join(HERE, "data", "tf_surface.npz")


def outputs_of(result):
    return list(result) if isinstance(result, (list, tuple)) else [result]


def is_float(array):
    return np.issubdtype(np.asarray(array).dtype, np.floating)


def run_case(call, names, differentiate):
    inputs = [tf.constant(INPUTS[n]) for n in names]
    with tf.GradientTape(persistent=True) as tape:
        for t in inputs:
            if is_float(t.numpy()):
                tape.watch(t)
        outs = outputs_of(call(tf, *inputs))
        floats = [o for o in outs if is_float(o.numpy())]
        total = sum(tf.reduce_sum(tf.cast(o, tf.float32) * weights(o.shape)) for o in floats)
    stored = {f"out{i}": np.asarray(o.numpy()) for i, o in enumerate(outs)}
    if differentiate:
        for j, t in enumerate(inputs):
            if is_float(t.numpy()):
                grad = tape.gradient(total, t)
                if grad is not None:
                    stored[f"grad{j}"] = tf.convert_to_tensor(grad).numpy()  # gather: sparse
    return stored


def run_dataset(build):
    """Every element's leaves in order (dict leaves by sorted key) and the cardinality."""
    dataset = build(tf)
    stored = {"cardinality": np.asarray(int(dataset.cardinality()))}
    for i, element in enumerate(dataset.as_numpy_iterator()):
        for j, leaf in enumerate(tf.nest.flatten(element)):
            stored[f"e{i}/{j}"] = np.asarray(leaf)
    return stored


def main():
    arrays = {}
    for name, call, names, differentiate in CASES:
        for key, value in run_case(call, names, differentiate).items():
            arrays[f"{name}/{key}"] = value
    for name, build in DATASETS:
        for key, value in run_dataset(build).items():
            arrays[f"dataset:{name}/{key}"] = value
    np.savez_compressed(OUT, **arrays)
    print(f"wrote {len(arrays)} arrays for {len(CASES)} cases to {OUT}")


if __name__ == "__main__":
    main()
