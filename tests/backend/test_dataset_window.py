"""``Dataset.window`` and ``flat_map``: the windows, their count and the window dataset's
``repr``, as tf.data 2.21 gives them (its values written down here from a run of it; the
flat-mapped elements are also in the tf surface table, ``scenarios.DATASETS``)."""
import numpy as np
import pytest

from tracekeras.data import Dataset

CASES = [   # (size, shift, stride, drop_remainder), tf.data's cardinality and windows of 0..14
    ((5, 2, 1, True), 6, [list(range(s, s + 5)) for s in range(0, 11, 2)]),
    ((5, 2, 1, False), 8, [list(range(s, min(s + 5, 15))) for s in range(0, 15, 2)]),
    ((3, 4, 2, False), 4, [[0, 2, 4], [4, 6, 8], [8, 10, 12], [12, 14]]),
    ((4, None, 1, False), 4, [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11], [12, 13, 14]]),
    ((3, 1, 3, True), 9, [[s, s + 3, s + 6] for s in range(9)]),
]


@pytest.mark.parametrize("args, count, expected", CASES)
def test_windows_and_their_count(args, count, expected):
    size, shift, stride, drop = args
    windows = Dataset.from_tensor_slices(np.arange(15, dtype="int32")).window(
        size, shift=shift, stride=stride, drop_remainder=drop)
    assert int(windows.cardinality()) == count
    assert [[int(v) for v in w.as_numpy_iterator()] for w in windows] == expected


def test_reprs_name_the_window_and_flat_map_datasets():
    windows = Dataset.from_tensor_slices(np.arange(15, dtype="int32")).window(5, shift=2)
    assert repr(windows) == ("<_WindowDataset element_spec=DatasetSpec(TensorSpec(shape=(), "
                             "dtype=tf.int32, name=None), TensorShape([]))>")
    flat = windows.flat_map(lambda window: window.batch(5))
    assert repr(flat) == ("<_FlatMapDataset element_spec=TensorSpec(shape=(None,), "
                          "dtype=tf.int32, name=None)>")
    assert int(flat.cardinality()) == -2


def test_bad_window_arguments_are_refused():
    with pytest.raises(ValueError, match="must be positive"):
        Dataset.range(4).window(0)
