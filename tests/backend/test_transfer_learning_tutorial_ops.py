"""Two things the TensorFlow transfer-learning tutorial leans on, as TensorFlow 2.21 gives
them (written down here from a run of it): ``tf.where(condition, 0, 1)`` of two Python
ints is an int32 tensor (it prints ``[0 1]``, not ``[0. 1.]``), and
``as_numpy_iterator()`` returns an iterator with a ``next()`` method
(``test_dataset.as_numpy_iterator().next()``)."""
import numpy as np

from tracekeras.backend import ops
from tracekeras.data import Dataset


def test_where_of_two_python_ints_is_int32():
    out = ops.where(np.array([0.2, 0.7]) < 0.5, 0, 1)
    assert out.value.dtype == np.int32
    assert out.value.tolist() == [0, 1]


def test_where_of_a_python_int_beside_a_float_tensor_keeps_the_tensor_s_dtype():
    out = ops.where(np.array([True, False]), 0, ops.convert(np.array([2.5, 3.5], "float32")))
    assert out.value.dtype == np.float32
    assert out.value.tolist() == [0.0, 3.5]


def test_numpy_iterator_has_next_as_tensorflow_s_does():
    it = Dataset.range(3).as_numpy_iterator()
    assert type(it).__name__ == "NumpyIterator"
    assert it.next() == 0
    assert next(it) == 1
    assert list(it) == [2]
