"""EinsumDense and MultiHeadAttention against real tf_keras 2.21 (make_attention_fixtures.py).

Each layer case sets the weights tf_keras had and compares the weights' names and shapes,
the outputs in inference and training mode, the attention scores, and the gradients of
``sum(output * R)`` for each input and weight. The model cases compare ``summary()``,
weight names, predictions through an ``Embedding(mask_zero=True)`` mask and through the
TFOpLambda layers Python arithmetic on KerasTensors makes, and a two-epoch
``fit`` of keras.io's transformer text classifier and timeseries encoder at a small size.
"""
import json
import os
from types import SimpleNamespace

import numpy as np
import pytest

from tracekeras import layers
from tracekeras.backend import GradientTape, Tensor, clear_session, ops
from tracekeras.models import Model, Sequential

from . import layer_helpers
from .attention_models import call_layer, models

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "attention.json")) as f:
    KERAS = json.load(f)
ARRAYS = np.load(os.path.join(HERE, "data", "attention.npz"))
RTOL, ATOL = 1e-5, 1e-6


def arrays_of(prefix):
    return layer_helpers.arrays_of(prefix, ARRAYS)


def value(x):
    return np.asarray(getattr(x, "value", x))


def run_layer_case(name):
    case = KERAS["layers"][name]
    clear_session()
    layer = getattr(layers, case["class_name"])(**case["config"])
    xs = arrays_of(f"{name}/x")
    mask = ARRAYS[f"{name}/mask"] if case["mask"] else None
    kwargs = case["call_kwargs"]
    call_layer(layer, xs, mask, kwargs, False)
    layer.set_weights(arrays_of(f"{name}/w"))
    got = {"weights": [[w.name, list(w.shape)] for w in layer.weights]}
    got["out_inference"], got["scores"] = call_layer(layer, xs, mask, kwargs, False)
    tensors = [Tensor(x) for x in xs]
    with GradientTape(persistent=True) as tape:
        for t in tensors:
            tape.watch(t)
        out, _ = call_layer(layer, tensors, mask, kwargs, True)
        loss = ops.reduce_sum(ops.multiply(out, ARRAYS[f"{name}/r"]))
    got["out_training"] = out
    for i, t in enumerate(tensors):
        got[f"gx{i}"] = tape.gradient(loss, t)
    for i, w in enumerate(layer.trainable_weights):
        got[f"gw{i}"] = tape.gradient(loss, w)
    return got


@pytest.mark.parametrize("name", sorted(KERAS["layers"]))
def test_layer_matches_tf_keras(name):
    got = run_layer_case(name)
    assert got["weights"] == KERAS["layers"][name]["weights"]
    keys = [k[len(name) + 1:] for k in ARRAYS.files if k.startswith(name + "/")]
    compared = [k for k in keys if k in got]
    for key in compared:
        np.testing.assert_allclose(value(got[key]), ARRAYS[f"{name}/{key}"], rtol=RTOL,
                                   atol=ATOL, err_msg=f"{name}: {key}")
    assert {k for k in keys if k.startswith(("gx", "gw", "out_", "scores"))} <= set(compared)


def test_dropout_of_the_scores_acts_in_training_only():
    got = run_layer_case("mha_dropout")
    assert not np.allclose(value(got["out_training"]), value(got["out_inference"]))


# -- models ------------------------------------------------------------------------
MODELS = models(SimpleNamespace(layers=layers, Sequential=Sequential, Model=Model,
                                Input=layers.Input))


def make_model(name):
    clear_session()
    model = MODELS[name]()
    model.set_weights(arrays_of(f"{name}/w"))
    return model


@pytest.mark.parametrize("name", sorted(MODELS))
def test_model_summary_weights_and_predictions(name):
    model = make_model(name)
    lines = []
    model.summary(print_fn=lines.append, line_length=100)
    assert "\n".join(lines) == KERAS["models"][name]["summary"]
    assert [[w.name, list(w.shape)] for w in model.weights] == KERAS["models"][name]["weights"]
    x = ARRAYS[f"{name}/x"]
    predictions = model.predict(list(x) if name == "operators" else x, verbose=0)
    predictions = predictions if isinstance(predictions, list) else [predictions]
    for got, want in zip(predictions, arrays_of(f"{name}/predict")):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)


def test_padding_mask_reaches_the_scores():
    """A query that is not padding gives keys at padded positions (id 0) no weight; a
    padded query sees every key masked, so its softmax is uniform, as in tf_keras."""
    model = make_model("masked")
    x = ARRAYS["masked/x"]
    _, scores = model.predict(x, verbose=0)
    padded_key = (x == 0)[:, None, None, :]
    padded_query = (x == 0)[:, None, :, None]
    assert np.all(scores[np.broadcast_to(padded_key & ~padded_query, scores.shape)] < 1e-6)
    np.testing.assert_allclose(scores[np.broadcast_to(padded_query, scores.shape)],
                               1 / x.shape[1], rtol=1e-6)


@pytest.mark.parametrize("name", ["text_classifier", "timeseries_encoder"])
def test_short_fit_matches_tf_keras(name):
    from tracekeras import optimizers
    model = make_model(name)
    model.compile(optimizer=optimizers.Adam(learning_rate=0.01),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(ARRAYS[f"{name}/x"], ARRAYS[f"{name}/y"], batch_size=4, epochs=2,
                        shuffle=False, verbose=0)
    want = KERAS["models"][name]["history"]
    np.testing.assert_allclose(history.history["loss"], want["loss"], rtol=1e-5)
    assert history.history["accuracy"] == pytest.approx(want["accuracy"])
    # Adam divides by sqrt(v): float32 rounding in a gradient near 0 (another order of the
    # einsum's sums than TensorFlow's) moves a weight by a little of the 0.01 step
    for got, after in zip(model.get_weights(), arrays_of(f"{name}/after")):
        np.testing.assert_allclose(got, after, rtol=1e-4, atol=5e-5)


# -- configs and bad input -------------------------------------------------------------
def test_configs_have_tf_keras_keys_and_values():
    clear_session()
    mha = layers.MultiHeadAttention(num_heads=2, key_dim=3, name="mha")
    q = layers.Input(shape=(4, 6))
    mha(q, q)
    config = mha.get_config()
    want = dict(KERAS["configs"]["MultiHeadAttention"])
    assert list(config) == list(want)
    for key in ("query_shape", "key_shape", "value_shape"):
        assert str(tuple(config.pop(key))) == want.pop(key)
    config["attention_axes"] = list(config["attention_axes"])
    assert {k: v for k, v in config.items() if not k.endswith("initializer")} == \
        {k: v for k, v in want.items() if not k.endswith("initializer")}
    dense = layers.EinsumDense("ab,bc->ac", output_shape=4, bias_axes="c", name="ed")
    want = KERAS["configs"]["EinsumDense"]
    assert list(dense.get_config()) == list(want)
    assert {k: v for k, v in dense.get_config().items() if not k.endswith("initializer")} == \
        {k: v for k, v in want.items() if not k.endswith("initializer")}


def test_from_config_rebuilds_the_same_layer():
    clear_session()
    mha = layers.MultiHeadAttention(num_heads=2, key_dim=3, value_dim=4, output_shape=5)
    x = np.random.default_rng(0).normal(size=(2, 4, 6)).astype("float32")
    out = mha(x, x)
    again = layers.MultiHeadAttention.from_config(mha.get_config())
    again(x, x)
    again.set_weights(mha.get_weights())
    np.testing.assert_allclose(value(again(x, x)), value(out), rtol=1e-6)
    assert [w.shape for w in again.weights] == [w.shape for w in mha.weights]


def test_bad_einsum_equation_is_refused_at_construction():
    with pytest.raises(ValueError, match="Invalid einsum equation 'ab->b'"):
        layers.EinsumDense("ab->b", output_shape=3)


def test_bad_bias_axis_is_refused_at_build():
    layer = layers.EinsumDense("ab,bc->ac", output_shape=3, bias_axes="x")
    with pytest.raises(ValueError, match="Bias dimension 'x' was requested"):
        layer(np.zeros((2, 4), "float32"))
    assert layer.weights == []


def test_mismatched_query_and_value_shapes_are_refused():
    layer = layers.MultiHeadAttention(num_heads=2, key_dim=3)
    with pytest.raises(ValueError, match="last dimension of `query_shape` and `value_shape`"):
        layer.compute_output_shape((None, 4, 6), (None, 5, 7))


@pytest.mark.parametrize("kwargs", [{"num_heads": 0, "key_dim": 2},
                                    {"num_heads": 2, "key_dim": "8"}])
def test_bad_sizes_are_refused(kwargs):
    with pytest.raises(ValueError, match="must be a positive integer"):
        layers.MultiHeadAttention(**kwargs)


# -- the trace -------------------------------------------------------------------------
def test_build_spans_and_weights_are_traced_as_keras_names_them():
    from tracekeras import tracing
    clear_session()
    with tracing.trace() as t:
        MODELS["masked"]()
    records = [r for r in t.records if r.get("ph") == "B"]
    (signature,) = [r for r in records if r["name"] == "keras.layers.attention."
                    "multi_head_attention.MultiHeadAttention._build_from_signature"]
    assert signature["args"]["query_shape"] == [None, 6, 8]
    builds = [r for r in records if r["name"] == "keras.layers.core.einsum_dense.EinsumDense.build"]
    assert [(b["args"]["layer"], b["args"]["equation"]) for b in builds] == [
        ("query", "abc,cde->abde"), ("key", "abc,cde->abde"), ("value", "abc,cde->abde"),
        ("attention_output", "abcd,cde->abe")]
    for build in builds:
        inside = [r["args"]["weight"] for r in records
                  if r["name"] == "keras.engine.base_layer.Layer.add_weight"
                  and r.get("parent") == build["id"]]
        assert inside == ["kernel", "bias"]


def test_tracing_changes_no_number():
    from tracekeras import optimizers, tracing

    def fit():
        model = make_model("text_classifier")
        model.compile(optimizer=optimizers.Adam(learning_rate=0.01),
                      loss="sparse_categorical_crossentropy")
        history = model.fit(ARRAYS["text_classifier/x"], ARRAYS["text_classifier/y"],
                            batch_size=4, epochs=1, shuffle=False, verbose=0)
        return history.history["loss"], model.get_weights()
    loss, weights = fit()
    with tracing.trace(level="full"):
        traced_loss, traced_weights = fit()
    assert loss == traced_loss
    for a, b in zip(weights, traced_weights):
        np.testing.assert_array_equal(a, b)
