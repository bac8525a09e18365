"""A tensor's shape answers a script as TensorFlow's ``TensorShape`` does
(``data/tf_shapes.json``, ``make_shape_fixtures.py``): ``x.shape.as_list()``, ``rank``,
``num_elements()``, slices, equality with a list, for an eager tensor and a KerasTensor."""
import json
import os

import numpy as np
import pytest

import tracekeras as keras
from tracekeras.backend.tensor import Tensor

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "tf_shapes.json"), encoding="utf-8") as f:
    TF = json.load(f)["shapes"]


def answers(shape):
    return {"str": str(shape), "as_list": shape.as_list(), "rank": shape.rank,
            "ndims": shape.ndims, "num_elements": shape.num_elements(),
            "is_fully_defined": shape.is_fully_defined(), "slice": shape[1:].as_list(),
            "index": shape[-1], "equals_list": shape == shape.as_list(),
            "compatible": shape.is_compatible_with([None] * len(shape)),
            "incompatible": shape.is_compatible_with([7] * len(shape)), "len": len(shape)}


@pytest.mark.parametrize("case", sorted(TF))
def test_a_shape_answers_as_tensorflow_s_tensor_shape(case):
    eager, symbolic = Tensor(np.zeros((2, 3), "float32")), keras.Input((5, 4))
    shape = {"eager": eager.shape, "eager get_shape": eager.get_shape(),
             "symbolic": symbolic.shape, "symbolic get_shape": symbolic.get_shape()}[case]
    assert answers(shape) == TF[case]


def test_the_shape_is_still_the_tuple_the_engine_uses():
    shape = Tensor(np.zeros((2, 3), "float32")).shape
    assert shape == (2, 3) and isinstance(shape, tuple) and str(shape) == "(2, 3)"
    assert repr(shape) == "TensorShape([2, 3])"   # as TensorFlow's (tests/run/test_printing.py)
    assert {shape: 1}[(2, 3)] == 1 and shape + (4,) == (2, 3, 4)
