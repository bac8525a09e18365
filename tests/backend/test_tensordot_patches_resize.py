"""``tf.tensordot`` and ``tf.image.extract_patches`` refuse what TensorFlow refuses;
``tf.image.resize`` names what tracekeras does not implement of it.

Their values and gradients are compared with TensorFlow's in ``test_tf_surface.py``
(cases ``tensordot_*``, ``extract_patches_*`` and ``image_resize_*``); here, bad
arguments end in TensorFlow's kind of error, saying what was expected and what was
received, and the options of ``resize`` tracekeras lacks in its one-line message.
"""
import numpy as np
import pytest

from tracekeras.backend import GradientTape, Variable, array_ops, ops, spatial
from tracekeras.backend.string_ops import InvalidArgumentError
from tracekeras.shim.errors import OperationNotImplementedByTracekeras

X = np.zeros((2, 3), "float32")
W = np.zeros((3, 4), "float32")
IMAGE = np.zeros((1, 4, 4, 2), "float32")
ONES = [1, 1, 1, 1]


@pytest.mark.parametrize("axes, message", [
    (3, "must not be larger than the number of dimensions"),
    (-1, "must be at least 0. Received: -1"),
    ([[0, 1], [0]], "Different number of contraction axes `a` and `b`, 2 != 1"),
    ([1, 2, 3], "must be an integer or have length 2. Received [1, 2, 3]"),
])
def test_tensordot_refuses_bad_axes(axes, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        array_ops.tensordot(X, W, axes)


def test_tensordot_takes_axes_from_the_end_and_a_pair_of_ints():
    np.testing.assert_allclose(array_ops.tensordot(X + 1, W + 2, 1).value, (X + 1) @ (W + 2))
    cube = np.arange(24, dtype="float32").reshape(2, 3, 4)
    np.testing.assert_allclose(array_ops.tensordot(cube, cube, axes=(-1, 2)).value,
                               np.tensordot(cube, cube, axes=(2, 2)))


@pytest.mark.parametrize("images, sizes, padding, message", [
    (IMAGE, [1, 2, 2], "SAME", "`sizes` must be a list of 4 ints"),
    (IMAGE, [2, 2, 2, 1], "SAME", "windows across space only"),
    (IMAGE, [1, 2, 2, 1], "same", '`padding` must be "SAME" or "VALID"'),
    (IMAGE[0], [1, 2, 2, 1], "SAME", "input must be 4-dimensional"),
])
def test_extract_patches_refuses_bad_arguments(images, sizes, padding, message):
    with pytest.raises(InvalidArgumentError, match=message):
        spatial.extract_patches(images, sizes, ONES, ONES, padding)


def test_resize_names_the_option_it_does_not_implement():
    with pytest.raises(OperationNotImplementedByTracekeras,
                       match="tracekeras does not implement tf.image.resize with antialias=True"):
        spatial.resize(IMAGE, (2, 2), antialias=True)


@pytest.mark.parametrize("method", ["bicubic", "area"])
def test_resize_names_the_gradients_it_does_not_implement(method):
    image = Variable(IMAGE + 1)
    with GradientTape() as tape:
        out = ops.reduce_sum(spatial.resize(image, (3, 5), method=method))
    np.testing.assert_allclose(out.value, spatial.resize(IMAGE + 1, (3, 5), method).value.sum())
    with pytest.raises(OperationNotImplementedByTracekeras,
                       match=f"gradient of tf.image.resize with method='{method}'"):
        tape.gradient(out, image)
