"""Mixed precision against tf_keras 2.21 (``make_fixtures.py``): float16 outputs and float32
gradients of a Dense and a Conv2D layer under ``mixed_float16``, fits whose optimizer
compile wraps in a LossScaleOptimizer (losses, weights, the loss scale after every step,
steps skipped for float16 overflow), the guide's custom loop, policies, layer configs,
summaries and error messages.

Tolerances: a float16 value has 11 significant bits, so one rounding differs by about
5e-4 of the value; TensorFlow and NumPy may add a float16 product's terms in another
order, and a short fit carries such differences on. Outputs are compared to 2e-3 of the
largest value, gradients (sums of float16 products) to 5e-3, a fit's losses and weights to
1e-2 of their scale. Loss scales and skipped steps are compared exactly.
"""
import json
import os

import numpy as np
import pytest

from tracekeras import shim, trace
from tracekeras.backend import clear_session

from . import cases

DATA = os.path.join(os.path.dirname(__file__), "data")
KERAS = dict(np.load(os.path.join(DATA, "mixed_precision.npz")))
with open(os.path.join(DATA, "mixed_precision.json")) as f:
    FACTS = json.load(f)


@pytest.fixture
def tf():
    clear_session()
    with shim.activated():
        import tensorflow
        yield tensorflow
        tensorflow.keras.mixed_precision.set_global_policy(None)


def close(ours, keras, scale_tolerance, name):
    scale = max(float(np.abs(keras).max()), 1e-3)
    np.testing.assert_allclose(np.asarray(ours, dtype=np.float64), keras,
                               atol=scale_tolerance * scale, rtol=0, err_msg=name)


@pytest.mark.parametrize("case", ["dense", "conv2d"])
def test_layer_outputs_and_gradients(tf, case):
    arrays, facts = getattr(cases, case)(tf)
    assert facts == FACTS[case]
    assert arrays["y"].dtype == np.float16
    close(arrays["y"], KERAS[f"{case}/y"], 2e-3, "y")
    for name in ("grad_kernel", "grad_bias", "grad_x"):
        assert arrays[name].dtype == np.float32
        close(arrays[name], KERAS[f"{case}/{name}"], 5e-3, name)


def test_more_layers_under_mixed_float16(tf):
    """BatchNormalization and LayerNormalization normalize float16 inputs in float32 with
    plain float32 weights, Embedding looks its float32 rows up and casts them; recurrent,
    attention and the other convolutions compute in float16. Outputs to 4e-3 of their
    scale (a few float16 roundings of a recurrence or an attention's softmax)."""
    arrays, facts = cases.more_layers(tf)
    assert facts == FACTS["more_layers"]
    for name, value in arrays.items():
        assert value.dtype == np.float16, name
        close(value, KERAS[f"more_layers/{name}"], 4e-3, name)


def test_fit_wraps_the_optimizer_and_trains_like_keras(tf):
    arrays, facts = cases.fit(tf)
    assert facts == FACTS["fit"]
    for name, value in arrays.items():
        close(value, KERAS[f"fit/{name}"], 1e-2, name)


@pytest.mark.parametrize("case", ["growth", "overflow"])
def test_loss_scale_grows_halves_and_skips_like_keras(tf, case):
    arrays, facts = getattr(cases, case)(tf)
    assert facts == FACTS[case]
    kernels = KERAS[f"{case}/kernels"]
    # a skipped step leaves the kernel as it was, in both engines
    ours_skipped = [bool(np.array_equal(a, b)) for a, b in zip(arrays["kernels"][1:],
                                                                arrays["kernels"][:-1])]
    keras_skipped = [bool(np.array_equal(a, b)) for a, b in zip(kernels[1:], kernels[:-1])]
    assert ours_skipped == keras_skipped
    for name, value in arrays.items():
        close(value, KERAS[f"{case}/{name}"], 1e-2, name)


def test_overflow_skips_the_first_steps(tf):
    """The regression's scaled gradients overflow float16 until the scale is 32: ten steps
    skipped (the scale halved each time), then two applied."""
    assert FACTS["overflow"]["scales"][:10] == [2.0 ** (14 - i) for i in range(10)]
    arrays, _ = cases.overflow(tf)
    kernels = arrays["kernels"]
    initial = cases.fixed((4, 1), 20)
    assert all(np.array_equal(k, initial) for k in kernels[:10])
    assert not np.array_equal(kernels[10], initial)


def test_custom_training_loop(tf):
    arrays, facts = cases.custom_loop(tf)
    assert facts == FACTS["custom_loop"]
    for name, value in arrays.items():
        close(value, KERAS[f"custom_loop/{name}"], 1e-2, name)
    # the scaled loss is the loss times 2**15
    np.testing.assert_allclose(arrays["scaled_loss_0"], arrays["loss_0"] * 2.0 ** 15,
                               rtol=1e-6)


def test_layers_compute_in_float16_and_keep_float32_weights(tf):
    assert cases.layer_dtypes(tf) == FACTS["layer_dtypes"]


def test_policies_and_their_errors(tf):
    assert cases.policies(tf) == FACTS["policies"]


def test_layer_policies_configs_summary_and_errors(tf):
    facts = json.loads(json.dumps(cases.layers_and_configs(tf)))   # tuples as lists
    assert facts == FACTS["layers"]


def test_compile_notes_the_policy_and_fit_notes_the_loss_scale(tf):
    """The trace says why the optimizer was wrapped and, at every apply, which scale the
    step used, whether it was applied and the scale after it."""
    with trace() as t:
        cases.overflow(tf)
    ends = [r for r in t.records if r.get("ph") == "E"]
    compile_note = [r["args"] for r in ends
                    if r["name"] == "keras.engine.training.Model._get_optimizer"]
    assert compile_note == [{"dtype_policy": "mixed_float16", "loss_scale_optimizer":
                             "wrapped SGD: the model's policy is mixed_float16"}]
    applies = [r["args"] for r in ends if r["name"].endswith(
        "LossScaleOptimizerV3.apply_gradients") and r.get("args")]
    assert applies[0]["loss_scale"] == 32768.0 and applies[0]["applied"] is False
    assert applies[0]["new_loss_scale"] == 16384.0
    assert applies[0]["reason"].startswith("inf or nan in the gradients: step skipped")


def test_float32_policy_does_not_wrap(tf):
    model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(2)])
    with trace() as t:
        model.compile(optimizer="sgd", loss="mse")
    assert type(model.optimizer).__name__ == "SGD"
    note = [r.get("args") for r in t.records if r.get("ph") == "E"
            and r["name"] == "keras.engine.training.Model._get_optimizer"]
    assert note == [None]


def test_mixed_bfloat16_layers_are_refused_in_one_line(tf):
    tf.keras.mixed_precision.set_global_policy("mixed_bfloat16")
    with pytest.raises(NotImplementedError, match="tracekeras does not implement the bfloat16"):
        tf.keras.layers.Dense(2)


def test_autocast_variable_reads(tf):
    """Inside a mixed layer's call the kernel reads as float16, outside as float32; the
    optimizer updates the float32 value."""
    tf.keras.mixed_precision.set_global_policy("mixed_float16")
    seen = []

    class Probe(tf.keras.layers.Layer):
        def build(self, input_shape):
            self.w = self.add_weight("w", shape=(2,), initializer="ones")

        def call(self, inputs):
            seen.append((tf.identity(self.w).dtype.name, self.w.dtype_to_cast_to.name))
            return inputs * self.w
    probe = Probe()
    out = probe(np.ones((1, 2), "float32"))
    assert out.dtype.name == "float16" and seen == [("float16", "float16")]
    assert probe.w.dtype.name == "float32" and tf.identity(probe.w).dtype.name == "float32"
    assert probe.w.dtype_to_cast_to.name == "float32"
