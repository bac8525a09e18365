"""unpack/pack_x_y_sample_weight, train_validation_split, single_batch_iterator, expand_1d."""
import re

import numpy as np
import pytest

from tracekeras.backend import Tensor
from tracekeras.engine import data_adapter as da


def test_unpack_x_y_sample_weight():
    x, y, sw = np.zeros(2), np.ones(2), np.full(2, 2.0)
    assert da.unpack_x_y_sample_weight(x)[0] is x
    assert da.unpack_x_y_sample_weight((x,)) == (x, None, None)
    assert da.unpack_x_y_sample_weight((x, y)) == (x, y, None)
    assert da.unpack_x_y_sample_weight([x, y, sw]) == (x, y, sw)  # a list reads as a tuple
    d = {"a": x}
    assert da.unpack_x_y_sample_weight(d) == (d, None, None)
    with pytest.raises(ValueError, match=re.escape("Data is expected to be in format `x`, "
                                                   "`(x,)`, `(x, y)`, or `(x, y, sample_weight)`, "
                                                   "found: (1, 2, 3, 4)")):
        da.unpack_x_y_sample_weight((1, 2, 3, 4))


def test_pack_x_y_sample_weight():
    x, y, sw = np.zeros(2), np.ones(2), np.full(2, 2.0)
    assert da.pack_x_y_sample_weight(x) is x
    assert da.pack_x_y_sample_weight((x, x)) == ((x, x),)
    assert da.pack_x_y_sample_weight(x, y) == (x, y)
    assert da.pack_x_y_sample_weight(x, y, sw) == (x, y, sw)
    assert da.unpack_x_y_sample_weight(da.pack_x_y_sample_weight((x, x)))[0] == (x, x)


def test_train_validation_split_takes_the_last_part():
    x, y = np.arange(10).reshape(10, 1), np.arange(10)
    (tx, ty, tsw), (vx, vy, vsw) = da.train_validation_split((x, y, None), 0.25)
    assert ty.tolist() == list(range(7)) and vy.tolist() == [7, 8, 9]  # floor(10 * 0.75) = 7
    assert tsw is None and vsw is None
    assert tx.shape == (7, 1) and vx.shape == (3, 1)


def test_train_validation_split_floor():
    (t, _), (v, _) = da.train_validation_split((np.arange(10), np.arange(10)), 0.33)
    assert len(t) == 6 and len(v) == 4  # floor(10 * 0.67) = 6


def test_train_validation_split_nested():
    x = {"a": np.arange(4), "b": np.arange(4) * 2}
    (tx, _), (vx, _) = da.train_validation_split((x, np.arange(4)), 0.5)
    assert tx["b"].tolist() == [0, 2] and vx["a"].tolist() == [2, 3]


def test_train_validation_split_errors():
    with pytest.raises(ValueError, match=re.escape(
            "Training data contains 3 samples, which is not sufficient to split it into a "
            "validation and training set as specified by `validation_split=0.9`. Either provide "
            "more data, or a different value for the `validation_split` argument.")):
        da.train_validation_split((np.zeros(3), np.zeros(3)), 0.9)
    with pytest.raises(ValueError, match=re.escape("`validation_split` must be a float between "
                                                   "0 and 1. Received: validation_split=1.5")):
        da.train_validation_split((np.zeros(3), np.zeros(3)), 1.5)
    with pytest.raises(ValueError, match=re.escape(
            "`validation_split` is only supported for Tensors or NumPy arrays, found following "
            "types in the input: [<class 'float'>, <class 'float'>]")):
        da.train_validation_split(([1.0, 2.0], np.zeros(2)), 0.5)  # nest flattens the list


def test_single_batch_iterator():
    x = np.arange(6, dtype=np.float64).reshape(3, 2)
    it = da.single_batch_iterator(x, np.arange(3))
    bx, by = next(it)
    assert bx.dtype == np.float32 and by.numpy().tolist() == [0, 1, 2]
    with pytest.raises(StopIteration):
        next(it)
    assert len(next(da.single_batch_iterator(x))) == 1  # (x,)
    batch = next(da.single_batch_iterator(Tensor(x), np.array([0, 1, 1]),
                                          class_weight={0: 2.0, 1: 3.0}))
    np.testing.assert_allclose(batch[2], [2.0, 3.0, 3.0])
    with pytest.raises(ValueError, match="Data cardinality is ambiguous"):
        da.single_batch_iterator(x, np.arange(4))


def test_expand_1d():
    out = da.expand_1d((np.arange(3), np.zeros((3, 2)), None))
    assert out[0].shape == (3, 1) and out[1].shape == (3, 2) and out[2] is None
