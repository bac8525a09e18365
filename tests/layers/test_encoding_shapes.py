"""Hashing and Discretization with a count, one_hot or multi_hot output report the shape
their call gives (the last axis becomes the number of bins) on an input with an unknown
dimension, so the next Dense can be built, and refuse an output of rank 3 while the model
is built, with Keras's message. ``adapt`` on numbers looks at no element as a possible
string (it used to copy the whole array into Python objects first), and still adapts on
lists of strings. data/encoding_shapes.json is tf_keras 2.21's answer
(tests/make_scenario_facts.py).
"""
import json
import os
import tracemalloc

import numpy as np

import tracekeras as keras

from .encoding_shape_scenarios import adapt_results, shape_cases, shapes

with open(os.path.join(os.path.dirname(__file__), "data", "encoding_shapes.json")) as f:
    KERAS = json.load(f)


def test_the_cases_are_tf_keras_s():
    assert sorted(shape_cases(keras)) == sorted(KERAS["shapes"])


def test_the_output_shapes_and_errors_are_tf_keras_s():
    keras.backend.clear_session()   # the layer names in the messages count from 1
    found = json.loads(json.dumps(shapes(keras)))
    for name, expected in KERAS["shapes"].items():
        assert found[name] == expected, name


def test_adapt_results_are_tf_keras_s():
    found = adapt_results(keras)
    expected = KERAS["adapt"]
    np.testing.assert_allclose(found.pop("normalization mean"),
                               expected.pop("normalization mean"), rtol=1e-6)
    np.testing.assert_allclose(found.pop("normalization variance"),
                               expected.pop("normalization variance"), rtol=1e-5)
    assert found == expected


def test_adapt_on_numbers_makes_no_copy_of_python_objects():
    x = np.random.RandomState(0).rand(100, 16, 16, 3).astype("float32")   # 0.3 MB
    layer = keras.layers.Normalization()
    tracemalloc.start()
    try:
        layer.adapt(x, batch_size=100)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # an object array of x would take 8 bytes a value and a 24-byte Python float each
    # (about 2.5 MB here); adapt itself needs about twice x (0.66 MB)
    assert peak < 16 * x.size
    np.testing.assert_allclose(np.asarray(layer.mean).ravel(),
                               x.astype("float64").mean(axis=(0, 1, 2)), rtol=1e-5)
