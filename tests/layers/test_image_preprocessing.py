"""The image preprocessing layers against real tf_keras 2.21 (``make_image_fixtures.py``):
``tf.image.resize`` for each method, Keras's projective ``transform`` for every fill mode and
interpolation under fixed matrices, the layers' inference outputs, shapes, configs and errors;
then what training does with the parameters the layer draws."""
import json
import os

import numpy as np
import pytest

from tracekeras import layers, models, utils
from tracekeras.backend import GradientTape, image_adjustments
from tracekeras.backend.stateful_random_ops import AUTO_SELECT, Generator
from tracekeras.layers.preprocessing import image_transform
from tracekeras.utils import image_ops

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
ARRAYS = np.load(os.path.join(DATA, "image_preprocessing.npz"))
with open(os.path.join(DATA, "image_preprocessing.json")) as f:
    FACTS = json.load(f)
EXACT = ("bilinear", "nearest")


def keys(prefix):
    return sorted(k for k in ARRAYS.files if k.startswith(prefix))


@pytest.mark.parametrize("key", keys("resize"))
def test_resize_is_tf_image_resize(key):
    kind, method, size = key.split("/")
    x = ARRAYS["input/image" if kind == "resize" else "input/image_u8"]
    out = image_ops.resize(x, tuple(int(d) for d in size.split("x")), method)
    assert out.dtype == ARRAYS[key].dtype
    if method in EXACT:
        np.testing.assert_array_equal(out, ARRAYS[key])
    else:   # bicubic and area sum in another order: float32 rounding
        np.testing.assert_allclose(out, ARRAYS[key], rtol=1e-6, atol=2e-4)


def test_matrices_are_keras_matrices():
    h, w = ARRAYS["input/small"].shape[1:3]
    np.testing.assert_allclose(image_transform.get_rotation_matrix(FACTS["angles"], h, w),
                               ARRAYS["matrix/rotation"], atol=1e-6)
    np.testing.assert_array_equal(image_transform.get_zoom_matrix(FACTS["zooms"], h, w),
                                  ARRAYS["matrix/zoom"])
    np.testing.assert_array_equal(image_transform.get_translation_matrix(FACTS["translations"]),
                                  ARRAYS["matrix/translation"])


@pytest.mark.parametrize("key", keys("transform"))
def test_transform_is_image_projective_transform(key):
    _, kind, fill_mode, interpolation = key.split("/")
    out = image_transform.transform(ARRAYS["input/small"], ARRAYS[f"matrix/{kind}"],
                                    fill_mode=fill_mode, fill_value=7.0,
                                    interpolation=interpolation)
    np.testing.assert_array_equal(out, ARRAYS[key])


@pytest.mark.parametrize("case", sorted(FACTS["layers"]))
def test_inference_output_shape_and_config_are_keras(case):
    facts = FACTS["layers"][case]
    layer = getattr(layers, facts["class"])(**facts["kwargs"])
    x = ARRAYS["input/" + facts["input"]]
    out = np.asarray(layer(x, training=False).value)
    assert (out.dtype.name, list(out.shape)) == (facts["dtype"], facts["shape"])
    if "area" in case:
        np.testing.assert_allclose(out, ARRAYS["layer/" + case], rtol=1e-6, atol=2e-4)
    else:
        np.testing.assert_array_equal(out, ARRAYS["layer/" + case])
    shape = layer.compute_output_shape((None,) + x.shape[1:])
    assert list(shape) == facts["output_shape"]
    config, expected = layer.get_config(), dict(facts["config"])
    assert json.loads(json.dumps({**config, "name": None})) == {**expected, "name": None}
    rebuilt = type(layer).from_config(config)
    assert rebuilt.get_config() == config


@pytest.mark.parametrize("case", FACTS["errors"], ids=lambda c: f"{c['class']}{c['kwargs']}")
def test_bad_arguments_raise_what_keras_raises(case):
    kwargs = {k: tuple(v) if isinstance(v, list) else v for k, v in case["kwargs"].items()}
    with pytest.raises(Exception) as raised:
        getattr(layers, case["class"])(**kwargs)
    assert (type(raised.value).__name__, str(raised.value)) == (case["type"], case["message"])


def test_adjust_contrast_is_tf_adjust_contrast():
    out = image_adjustments.adjust_contrast(ARRAYS["input/image"], np.float32(1.37))
    np.testing.assert_allclose(out.value, ARRAYS["contrast/1.37"], rtol=1e-6, atol=1e-4)


# -- training: the layer draws its parameters, the geometry is the transform's -------------

class KerasDraws:
    """What a layer seeded with ``seed`` draws: Keras's ``tf.random.Generator``."""

    def __init__(self, seed):
        self.generator = Generator.from_seed(seed, alg=AUTO_SELECT)

    def uniform(self, low, high, size):
        return self.generator.uniform(list(np.atleast_1d(size)), low, high).value


def square_batch():
    return np.arange(2 * 5 * 5 * 2, dtype="float32").reshape(2, 5, 5, 2)


def test_a_quarter_turn_rotates_the_pixels():
    x = square_batch()
    out = layers.RandomRotation((0.25, 0.25))(x, training=True).value
    np.testing.assert_allclose(out, np.rot90(x, k=1, axes=(1, 2)), atol=1e-4)


def test_zoom_and_translation_by_whole_pixels_move_the_pixels():
    x = square_batch()
    np.testing.assert_array_equal(layers.RandomZoom((0.0, 0.0))(x).value, x)
    shifted = layers.RandomTranslation((0.2, 0.2), (-0.4, -0.4), fill_mode="constant",
                                       fill_value=-1.0)(x).value
    expected = np.full_like(x, -1.0)
    expected[:, 1:, :3] = x[:, :4, 2:]
    np.testing.assert_array_equal(shifted, expected)


@pytest.mark.parametrize("cls, kwargs, draw", [
    ("RandomRotation", {"factor": 0.1},
     lambda rng, n, h, w: image_transform.get_rotation_matrix(
         rng.uniform(-0.2 * np.pi, 0.2 * np.pi, n).astype("float32"), h, w)),
    ("RandomZoom", {"height_factor": (-0.3, 0.2), "width_factor": 0.1},
     lambda rng, n, h, w: zoom_of(rng.uniform(0.7, 1.2, (n, 1)), rng.uniform(0.9, 1.1, (n, 1)),
                                  h, w)),
    ("RandomTranslation", {"height_factor": 0.2, "width_factor": (0.0, 0.3)},
     lambda rng, n, h, w: shift_of(rng.uniform(-0.2, 0.2, (n, 1)) * h,
                                   rng.uniform(0.0, 0.3, (n, 1)) * w)),
])
@pytest.mark.parametrize("fill_mode", image_transform.FILL_MODES)
def test_training_draws_per_image_parameters_from_the_seed(cls, kwargs, draw, fill_mode):
    x = ARRAYS["input/small"]
    layer = getattr(layers, cls)(seed=3, fill_mode=fill_mode, **kwargs)
    out = layer(x).value
    matrices = draw(KerasDraws(3), len(x), *x.shape[1:3])
    expected = image_transform.transform(x, matrices, fill_mode=fill_mode)
    np.testing.assert_allclose(out, expected, atol=1e-5)
    assert not np.allclose(out[0], x[0])
    np.testing.assert_array_equal(layer(x, training=False).value, x)


def zoom_of(height, width, h, w):
    return image_transform.get_zoom_matrix(
        np.concatenate([width, height], axis=1).astype("float32"), h, w)


def shift_of(dy, dx):
    return image_transform.get_translation_matrix(
        np.concatenate([dx, dy], axis=1).astype("float32"))


def test_flip_mirrors_some_images_and_keeps_the_others():
    x = np.random.default_rng(0).random((16, 4, 5, 3)).astype("float32")
    out = layers.RandomFlip("horizontal", seed=1)(x).value
    mirrored = [np.array_equal(o, i[:, ::-1]) for o, i in zip(out, x)]
    kept = [np.array_equal(o, i) for o, i in zip(out, x)]
    assert all(m != k for m, k in zip(mirrored, kept)) and any(mirrored) and any(kept)
    both = layers.RandomFlip(seed=2)(x[0]).value
    assert any(np.array_equal(both, v) for v in (x[0], x[0, ::-1], x[0, :, ::-1],
                                                  x[0, ::-1, ::-1]))


def test_contrast_and_crop_draw_one_value_per_call():
    x = ARRAYS["input/image"]
    out = layers.RandomContrast(0.5, seed=4)(x).value
    seed = Generator.from_seed(4, alg=AUTO_SELECT).make_seeds().value[:, 0]
    expected = np.clip(image_adjustments.stateless_random_contrast(x, 0.5, 1.5, seed).value,
                       0, 255)
    np.testing.assert_allclose(out, expected, atol=1e-4)
    cropped = layers.RandomCrop(4, 5, seed=6)(x).value
    rands = Generator.from_seed(6, alg=AUTO_SELECT).uniform([2], 0, 2**31 - 1, "int32").value
    top, left = rands[0] % 3, rands[1] % 5
    np.testing.assert_array_equal(cropped, x[:, top:top + 4, left:left + 5])
    np.testing.assert_array_equal(layers.RandomCrop(4, 5)(x, training=False).value,
                                  utils.image_utils.smart_resize(x, (4, 5)))


def test_augmentation_follows_the_model_and_the_global_seed():
    """The layers take their seeds from ``set_random_seed``'s generator when the model is
    built: the same seed, the same draws; each training call draws anew (the generators'
    states move on, as TensorFlow's)."""
    x = square_batch()

    def augmented():
        utils.set_random_seed(9)
        model = models.Sequential([layers.RandomFlip("horizontal", input_shape=(5, 5, 2)),
                                   layers.RandomRotation(0.1), layers.RandomZoom(0.1),
                                   layers.Rescaling(1.0 / 255)])
        return model, model(x, training=True).value
    model, first = augmented()
    np.testing.assert_allclose(model.predict(x, verbose=0), x / 255, rtol=1e-6)
    np.testing.assert_array_equal(augmented()[1], first)
    assert not np.allclose(first, x / 255)
    assert not np.array_equal(model(x, training=True).value, first)


def test_crop_and_rescaling_pass_gradients_back():
    model = models.Sequential([layers.CenterCrop(4, 4, input_shape=(6, 6, 1)),
                               layers.Conv2D(1, 3)])
    batch = np.ones((1, 6, 6, 1), "float32")
    with GradientTape() as tape:
        loss = model(batch, training=True)
    assert all(g is not None for g in tape.gradient(loss, model.trainable_weights))
