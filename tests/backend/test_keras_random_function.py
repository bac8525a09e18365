"""``K.random_normal`` in the functions Keras runs as ``tf.function``s, against tf_keras
2.21 (data/keras_random_function.json, made by make_keras_random_function_fixtures.py):
the op seed is drawn from NumPy when the function is traced (once, or twice when the
first call makes variables), not at each call, and the op's kernel goes on from call to
call; eager calls draw a new seed each time."""
import json
import os

import numpy as np

import tracekeras

from .keras_random_function_scenarios import draws

with open(os.path.join(os.path.dirname(__file__), "data", "keras_random_function.json")) as f:
    KERAS = json.load(f)["draws"]

OURS = draws(tracekeras)


def test_eager_draws_and_predict_calls_draw_tf_keras_numbers():
    for key in ("eager", "predict"):
        np.testing.assert_allclose(OURS[key], KERAS[key], rtol=1e-6)
    for key in ("np_after_eager", "np_after_predict"):
        assert OURS[key] == KERAS[key]


def test_test_functions_trace_once_without_metrics_and_twice_with():
    for key in ("no_metrics", "with_metrics"):
        for part in ("test", "test_again"):
            np.testing.assert_allclose(OURS[key][part], KERAS[key][part], rtol=1e-6)
        assert OURS[key]["np_after"] == KERAS[key]["np_after"]


def test_train_functions_trace_twice_and_draw_from_the_last_trace_kernel():
    for key in ("no_metrics", "with_metrics"):
        np.testing.assert_allclose(OURS[key]["train"], KERAS[key]["train"], rtol=1e-5)
