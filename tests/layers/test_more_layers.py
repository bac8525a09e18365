"""Permute, ThresholdedReLU, UnitNormalization, GroupNormalization, SpatialDropout1D/2D/3D,
RandomBrightness, RandomHeight and RandomWidth against tf_keras 2.21
(``make_more_layers_fixtures.py``): outputs and gradients for fixed weights (the gradients
also against central differences), the seeded spatial dropout masks, a two-epoch fit, the
random layers' inference path, the summary, configs (and a round trip through them) and
the refusals; the augmentation layers' training draws (TensorFlow's numbers, from Keras's
generator) and the seeds they take while a model is built."""
import json
import os

import numpy as np
import pytest

from tracekeras import shim
from tracekeras.backend import clear_session

from . import more_layers_cases as cases

DATA = os.path.join(os.path.dirname(__file__), "data")
KERAS = dict(np.load(os.path.join(DATA, "more_layers.npz")))
with open(os.path.join(DATA, "more_layers.json")) as f:
    FACTS = json.load(f)


@pytest.fixture
def tf():
    clear_session()
    with shim.activated():
        import tensorflow
        yield tensorflow


def assert_all_match(ours, rtol, atol):
    assert sorted(ours) == sorted(k for k in KERAS if k.split("/")[0] in
                                  {name.split("/")[0] for name in ours})
    for name, value in ours.items():
        assert value.dtype == KERAS[name].dtype and value.shape == KERAS[name].shape, name
        np.testing.assert_allclose(value, KERAS[name], rtol=rtol, atol=atol, err_msg=name)


def test_outputs_and_gradients_for_fixed_weights(tf):
    assert_all_match(cases.deterministic(tf), rtol=1e-5, atol=1e-6)


def test_spatial_dropout_draws_tf_keras_s_masks(tf):
    ours = cases.dropout(tf)
    assert_all_match(ours, rtol=1e-6, atol=0)
    mask = ours["spatial_2d_seeded/training_0"] == 0
    assert 0 < mask.sum() < mask.size
    assert (mask == mask[:, :1, :1, :]).all()     # a channel dropped everywhere or nowhere


def test_a_fit_with_the_new_layers_follows_tf_keras(tf):
    assert_all_match(cases.fit(tf), rtol=1e-5, atol=1e-5)   # eight steps of float32 rounding


def test_random_layers_pass_their_input_outside_training(tf):
    assert_all_match(cases.random_inference(tf), rtol=0, atol=0)


def test_random_layers_draw_tensorflow_s_numbers(tf):
    """All nine augmentation layers, seeded and unseeded, two training calls each (the
    projective transforms to float32 rounding, the rest bit for bit), a model's kernel (the
    layer took its seed first) and the fit through the layer (float32 rounding over four
    steps)."""
    assert_all_match(cases.random_draws(tf), rtol=1e-5, atol=1e-5)


def test_augmentation_layers_take_their_seeds_as_keras_does(tf):
    assert_all_match(cases.seed_order(tf), rtol=0, atol=0)


def test_summary_configs_and_refusals(tf):
    assert cases.summary(tf) == FACTS["summary"]
    assert cases.configs(tf) == FACTS["configs"]
    assert cases.refusals(tf) == FACTS["refusals"]


def test_configs_rebuild_the_same_layers(tf):
    layers = tf.keras.layers
    for name, config in FACTS["configs"].items():
        class_name = {"p": "Permute", "t": "ThresholdedReLU", "u": "UnitNormalization",
                      "g": "GroupNormalization", "s1": "SpatialDropout1D",
                      "s2": "SpatialDropout2D", "s3": "SpatialDropout3D",
                      "b": "RandomBrightness", "h": "RandomHeight", "w": "RandomWidth"}[name]
        layer = layers.deserialize({"class_name": class_name, "config": config})
        assert json.loads(json.dumps(layer.get_config())) == config, name


@pytest.mark.parametrize("name", sorted(cases.DETERMINISTIC))
def test_input_gradients_match_central_differences(tf, name):
    class_name, config, shape, scale = cases.DETERMINISTIC[name]
    layer = getattr(tf.keras.layers, class_name)(dtype="float64", **config)
    layer.build(shape)
    cases.fixed_weights(layer)
    x = cases.inputs(shape, scale).astype("float64")
    weights = cases.inputs(tuple(np.asarray(layer(x)).shape), 1.0, seed=1)
    variable = tf.Variable(x)
    with tf.GradientTape() as tape:
        total = tf.reduce_sum(layer(variable) * weights)
    analytic = np.asarray(tape.gradient(total, variable))
    numeric = np.zeros_like(x)
    eps = 1e-6
    for i in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[i] = eps
        up = np.sum(np.asarray(layer(x + step)) * weights)
        down = np.sum(np.asarray(layer(x - step)) * weights)
        numeric[i] = (up - down) / (2 * eps)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-6)


def test_random_brightness_adds_one_delta_per_image_within_the_factor(tf):
    tf.keras.utils.set_random_seed(5)
    images = cases.IMAGES.astype("float32")
    out = np.asarray(tf.keras.layers.RandomBrightness((-0.1, 0.3))(images))
    inside = (out > 0) & (out < 255)
    deltas = [np.unique(np.round((out - images)[i][inside[i]], 3)) for i in range(2)]
    assert all(len(d) == 1 and -25.5 <= d[0] <= 76.5 for d in deltas)
    assert deltas[0] != deltas[1]
    assert out.min() >= 0 and out.max() <= 255


def test_random_height_and_width_resize_to_a_drawn_size(tf):
    layers = tf.keras.layers
    sizes = {np.asarray(layers.RandomHeight((-0.4, 0.4), seed=s)(cases.IMAGES)).shape
             for s in range(8)}
    assert {shape[2:] for shape in sizes} == {(6, 3)} and len(sizes) > 1
    assert all(3 <= shape[1] <= 7 for shape in sizes)
    out = np.asarray(layers.RandomWidth((1.0, 1.0))(cases.IMAGES))    # exactly twice as wide
    assert out.shape == (2, 5, 12, 3) and out.dtype == np.float32
    resized = np.asarray(tf.image.resize(cases.IMAGES, (5, 12)))
    np.testing.assert_allclose(out, resized, rtol=1e-6)
