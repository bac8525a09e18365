"""``tf.nn.conv2d``/``tf.nn.max_pool`` argument forms and errors (their numbers and
gradients are in the tf surface table, ``scenarios.py``), and the tensor functions of
``keras.backend`` against NumPy, with their gradients."""
import numpy as np
import pytest

from tracekeras import backend as K
from tracekeras.backend import GradientTape, Variable, nn_ops

from .helpers import check_gradients


def test_a_numpy_filter_takes_the_input_dtype():
    images = np.random.default_rng(0).random((1, 6, 7, 3))          # float64, as images / 255
    filters = np.ones((3, 3, 3, 2), dtype=np.float32)
    out = nn_ops.conv2d(images, filters, strides=1, padding="SAME")
    assert out.value.dtype == np.float64 and out.shape == (1, 6, 7, 2)
    np.testing.assert_allclose(out.value[0, 3, 3, 0], images[0, 2:5, 2:5].sum())


def test_strides_forms_are_the_same():
    x = np.random.default_rng(1).random((2, 6, 6, 3)).astype("float32")
    k = np.random.default_rng(2).random((2, 2, 3, 4)).astype("float32")
    outs = [nn_ops.conv2d(x, k, strides=s, padding="VALID").value
            for s in (2, [2], [2, 2], [1, 2, 2, 1])]
    for out in outs[1:]:
        np.testing.assert_array_equal(out, outs[0])


def test_bad_arguments_are_refused():
    x = np.zeros((1, 4, 4, 6), dtype="float32")
    with pytest.raises(ValueError, match="batch and depth dimensions must be 1"):
        nn_ops.conv2d(x, np.zeros((1, 1, 6, 1)), strides=[2, 1, 1, 1], padding="SAME")
    with pytest.raises(ValueError, match='"SAME" or "VALID"'):
        nn_ops.max_pool(x, 2, 2, padding="FULL")
    with pytest.raises(ValueError, match="evenly divide the input depth"):
        nn_ops.max_pool(x, ksize=(1, 1, 1, 4), strides=(1, 1, 1, 4), padding="VALID")
    with pytest.raises(ValueError, match="only implemented for ksize == stride"):
        nn_ops.max_pool(x, ksize=(1, 2, 2, 3), strides=(1, 2, 2, 3), padding="VALID")


def test_depth_max_pool_values_and_no_gradient():
    x = np.arange(12, dtype="float32").reshape(1, 1, 2, 6)[..., ::-1].copy()
    out = nn_ops.max_pool(x, ksize=(1, 1, 1, 3), strides=(1, 1, 1, 3), padding="VALID")
    np.testing.assert_array_equal(out.value, x.reshape(1, 1, 2, 2, 3).max(axis=-1))
    v = Variable(x)
    with GradientTape() as tape:
        y = nn_ops.max_pool(v, ksize=(1, 1, 1, 3), strides=(1, 1, 1, 3), padding="VALID")
    with pytest.raises(nn_ops.UnimplementedError, match="depth dimension"):
        tape.gradient(y, v)


def test_keras_backend_functions_match_numpy():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(2, 3, 4))
    np.testing.assert_allclose(K.mean(x, axis=0).value, x.mean(axis=0))
    np.testing.assert_allclose(K.sum(x, axis=-1, keepdims=True).value,
                               x.sum(axis=-1, keepdims=True))
    flags = x > 0
    assert K.mean(flags).value.dtype == np.float32
    np.testing.assert_allclose(K.sum(flags).value, flags.sum())
    np.testing.assert_allclose(K.exp(x).value, np.exp(x))
    np.testing.assert_allclose(K.square(x).value, x ** 2)
    np.testing.assert_array_equal(K.not_equal(x, 0).value, x != 0)
    np.testing.assert_array_equal(K.shape(x).value, [2, 3, 4])
    assert K.batch_flatten(x).shape == (2, 12)
    assert K.reshape(x, [4, -1]).shape == (4, 6)
    assert K.concatenate([x, x]).shape == (2, 3, 8)
    assert K.concatenate([x, x], axis=0).shape == (4, 3, 4)
    np.testing.assert_array_equal(K.permute_dimensions(x, [0, 2, 1]).value,
                                  x.transpose(0, 2, 1))


def test_keras_backend_functions_carry_gradients():
    rng = np.random.default_rng(4)
    check_gradients(lambda a: K.mean(K.square(K.batch_flatten(a)), axis=-1), rng.normal(
        size=(2, 3, 2)))
    check_gradients(lambda a, b: K.sum(K.exp(K.concatenate([a, b])), axis=0),
                    rng.normal(size=(2, 3)), rng.normal(size=(2, 2)))
