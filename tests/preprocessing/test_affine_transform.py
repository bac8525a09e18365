"""``affine_sample`` resamples as ``scipy.ndimage.affine_transform`` (what tf_keras calls).

tf_keras's ``apply_affine_transform`` hands each channel to SciPy; tracekeras does the
same in NumPy. Where SciPy is installed (the test extra), random matrices and offsets,
whole-pixel shifts and flips land on the same values for every fill mode and both
spline orders Keras offers; data/image_generator.npz checks the whole path against tf_keras.
"""
import numpy as np
import pytest

from tracekeras.preprocessing import affine_transform

ndimage = pytest.importorskip("scipy.ndimage")


def cases(count=120, seed=0):
    rng = np.random.RandomState(seed)
    for trial in range(count):
        h, w = rng.randint(1, 12, 2)
        image = rng.rand(h, w).astype("float32")
        if trial % 2:
            offset = rng.uniform(-8, 8, 2)
        else:
            offset = rng.randint(-12, 12, 2).astype(float)
        if trial % 5 == 0:
            matrix = np.diag(rng.choice([-1.0, 1.0, 2.0, 0.5], 2))
        elif trial % 3 == 0:
            theta = np.deg2rad(rng.uniform(-40, 40))
            matrix = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
        else:
            matrix = rng.uniform(-1.5, 1.5, (2, 2))
        yield image, matrix, offset


@pytest.mark.parametrize("order", [0, 1])
@pytest.mark.parametrize("mode", affine_transform.FILL_MODES)
def test_affine_sample_matches_scipy(mode, order):
    for image, matrix, offset in cases():
        expected = ndimage.affine_transform(image, matrix, offset, order=order, mode=mode,
                                            cval=0.25)
        found = affine_transform.affine_sample(image, matrix, offset, order, mode, 0.25)
        assert found.dtype == expected.dtype
        np.testing.assert_allclose(found, expected, rtol=1e-6, atol=1e-6)


def test_orders_and_modes_keras_offers_but_tracekeras_does_not_are_refused():
    image = np.zeros((4, 4, 1), dtype="float32")
    with pytest.raises(NotImplementedError, match="tracekeras does not implement keras.prep"
                                                  "rocessing.image.apply_affine_transform "
                                                  "with order=3 \\(used by "):
        affine_transform.apply_affine_transform(image, theta=10, order=3)
    with pytest.raises(ValueError, match="must be distinct"):
        affine_transform.apply_affine_transform(image, row_axis=0, col_axis=0)
