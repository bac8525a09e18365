"""``tf.image.ResizeMethod`` and ``tf.random_normal_initializer`` as a script reaches them
through the shim (the TensorFlow tutorial on image segmentation uses both).

Expected values are TensorFlow 2.21's, checked in the tfvenv: ``ResizeMethod``'s names are
plain strings, ``NEAREST_NEIGHBOR`` keeps a uint8 picture's dtype and copies the pixel
under each output's half-pixel centre; ``random_normal_initializer(0., 0.02)`` has the
config ``{'mean': 0.0, 'stddev': 0.02, 'seed': None}`` and draws float32 N(0, 0.02).
"""
import numpy as np
import pytest

from tracekeras.shim.errors import OperationNotImplementedByTracekeras


def test_resize_method_names_are_tensorflows(tf):
    method = tf.image.ResizeMethod
    assert (method.BILINEAR, method.NEAREST_NEIGHBOR, method.BICUBIC, method.AREA) == (
        "bilinear", "nearest", "bicubic", "area")
    assert (method.LANCZOS3, method.LANCZOS5, method.GAUSSIAN, method.MITCHELLCUBIC) == (
        "lanczos3", "lanczos5", "gaussian", "mitchellcubic")


def test_resize_with_nearest_neighbor_keeps_uint8_masks(tf):
    mask = (np.arange(6, dtype=np.uint8) * 40).reshape(3, 2, 1)
    out = tf.image.resize(mask, (4, 3), method=tf.image.ResizeMethod.NEAREST_NEIGHBOR)
    assert out.dtype == tf.uint8
    np.testing.assert_array_equal(out.numpy()[..., 0], [[0, 40, 40], [80, 120, 120],
                                                         [80, 120, 120], [160, 200, 200]])


def test_a_method_tracekeras_lacks_is_named_in_the_one_line_error(tf):
    with pytest.raises(OperationNotImplementedByTracekeras,
                       match="tracekeras does not implement tf.image.resize with "
                             "method='lanczos3'"):
        tf.image.resize(np.zeros((4, 4, 1), "float32"), (2, 2),
                        method=tf.image.ResizeMethod.LANCZOS3)


def test_an_unknown_method_is_refused_with_tensorflows_message(tf):
    with pytest.raises(ValueError, match="^Resize method is not implemented: foo$"):
        tf.image.resize(np.zeros((4, 4, 1), "float32"), (2, 2), method="foo")


def test_random_normal_initializer_draws_and_configures_as_tensorflows(tf):
    initializer = tf.random_normal_initializer(0., 0.02)
    assert initializer.get_config() == {"mean": 0.0, "stddev": 0.02, "seed": None}
    values = np.asarray(initializer((200, 300)))
    assert values.dtype == np.float32 and values.shape == (200, 300)
    assert abs(values.mean()) < 0.001 and abs(values.std() - 0.02) < 0.001


def test_a_layer_takes_it_as_its_kernel_initializer(tf):
    layer = tf.keras.layers.Conv2DTranspose(
        4, 3, strides=2, padding="same", use_bias=False,
        kernel_initializer=tf.random_normal_initializer(0., 0.02))
    out = layer(np.ones((1, 2, 2, 3), "float32"))
    assert out.shape == (1, 4, 4, 4)
    assert layer.kernel.shape == (3, 3, 4, 3)
    assert 0 < float(np.std(layer.kernel.numpy())) < 0.05
