"""Write ``data/tf_second_order.json``: real TensorFlow's second derivatives for
``second_order_scenarios``.

Run with the TensorFlow venv, from the repository root::

    /work/tfvenv/bin/python tests/backend/make_second_order_fixtures.py

For every case of ``CASES`` it stores the first and second gradients that
``second_order`` takes with two nested tapes (after checking that one persistent tape
gives the same), and for every case of ``JACOBIANS`` and ``TARGET_LISTS`` the tensors it
returns (the jacobians, the gradients of a list of targets; stored as lists
of floats with their shapes; None where TensorFlow gives no gradient). The test
``test_second_order.py`` runs the same table through tracekeras's ``tf``.
"""
import json
import os
import sys

import numpy as np
import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

from tests.backend.second_order_scenarios import (  # noqa: E402 - after the path is set
    CASES,
    INPUTS,
    JACOBIANS,
    TARGET_LISTS,
    second_order,
)

OUT = os.path.join(HERE, "data", "tf_second_order.json")


def stored(array):
    if array is None:
        return None
    array = np.asarray(array, dtype=np.float64)
    return {"shape": list(array.shape), "values": [float(v) for v in array.reshape(-1)]}


def main():
    cases = {}
    for name, call, names in CASES:
        firsts, seconds = second_order(tf, call, names)
        again = second_order(tf, call, names, mode="persistent")
        for ours, theirs in zip(firsts + seconds, again[0] + again[1], strict=True):
            assert (ours is None) == (theirs is None), name
            if ours is not None:
                np.testing.assert_allclose(ours, theirs, rtol=1e-6, err_msg=name)
        cases[name] = {"first": [stored(g) for g in firsts],
                       "second": [stored(g) for g in seconds]}
    jacobians = {}
    for name, call, names in JACOBIANS + TARGET_LISTS:
        result = call(tf, *[tf.constant(INPUTS[n]) for n in names])
        jacobians[name] = [stored(None if j is None else j.numpy()) for j in result]
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump({"tensorflow": tf.__version__, "cases": cases, "jacobians": jacobians}, f)
    print(f"wrote {OUT}: {len(cases)} cases, {len(jacobians)} jacobian cases")


if __name__ == "__main__":
    main()
