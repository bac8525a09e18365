"""The text form of tracekeras's ``tf.data`` datasets (``print(dataset)``, ``repr``, ``str``)
and their ``element_spec``, against TensorFlow 2.21's for the pipelines of
``dataset_repr_cases.py`` (``make_dataset_repr_fixture.py``): the class TensorFlow makes for
each step (``_TensorSliceDataset``, ``_BatchDataset``, ``CacheDataset``...), the specs it
derives (an unknown batch dimension, a traced ``map``)."""
import json
import os

import numpy as np
import pytest

from tracekeras import data
from tracekeras.backend import random as krandom

from .dataset_repr_cases import CASES

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "dataset_reprs.json"), encoding="utf-8") as f:
    TF = json.load(f)["cases"]


def test_every_case_was_recorded():
    assert sorted(CASES) == sorted(TF)


@pytest.mark.parametrize("name", sorted(CASES))
def test_text_and_element_spec_match_tensorflow(name):
    dataset = CASES[name](data, data.TensorSpec)
    assert repr(dataset) == TF[name]["repr"]
    assert str(dataset) == TF[name]["str"]
    assert repr(dataset.element_spec) == TF[name]["element_spec"]
    assert int(dataset.cardinality()) == TF[name]["cardinality"]


def test_printing_a_shuffled_dataset_does_not_change_its_order():
    def order(show):
        krandom.set_seed(5)
        dataset = data.Dataset.range(20).shuffle(20).map(lambda x: x * 2).batch(5)
        if show:
            repr(dataset)
        return [b.tolist() for b in dataset.as_numpy_iterator()]
    assert order(show=True) == order(show=False)


def test_a_map_function_that_refuses_zeros_leaves_the_spec_to_the_first_element():
    def strict(x):
        if not np.all(np.asarray(x.value) > 0):
            raise ValueError("zeros")
        return x
    dataset = data.Dataset.from_tensor_slices(np.array([1.0, 2.0], "float32")).map(strict)
    assert repr(dataset) == ("<_MapDataset element_spec=TensorSpec(shape=(), "
                             "dtype=tf.float32, name=None)>")


def test_printing_a_mapped_dataset_changes_nothing_after_it(capsys):
    # TensorFlow traces a map function once, when map is called; the calls tracekeras
    # makes on zeros to learn the spec leave every random generator as it was and print
    # nothing, so a program's numbers do not depend on whether it printed its dataset
    from tracekeras.backend import random as random_ops

    def noisy(x):
        print("mapped")
        return x + random_ops.normal(())

    def draws_after(show):
        random_ops.set_seed(3)
        dataset = data.Dataset.from_tensor_slices(np.arange(4.0, dtype="float32")).map(noisy)
        if show:
            repr(dataset)
        return [float(v) for v in random_ops.uniform((3,)).value], list(dataset.as_numpy_iterator())

    quiet = draws_after(False)
    capsys.readouterr()
    printed = draws_after(True)
    assert printed == quiet
    assert capsys.readouterr().out.count("mapped") == 4   # the four elements, not the spec
