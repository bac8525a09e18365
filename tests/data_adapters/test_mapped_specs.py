"""The ``element_spec`` of mapped datasets against TensorFlow 2.21's
(``make_mapped_spec_fixture.py``, cases in ``mapped_spec_cases.py``): string ops,
preprocessing layers inside ``map``, ``tf.one_hot``, casts, dicts, reshapes, and the
dimensions that follow the data's values (a string's token count, ``tf.fill([n])``,
``tf.range(n)``), which TensorFlow leaves unknown."""
import importlib
import json
import os

import pytest

from tracekeras import shim
from tracekeras.data import structure

from .mapped_spec_cases import make_cases

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "mapped_specs.json"), encoding="utf-8") as f:
    TF = json.load(f)["specs"]


@pytest.fixture(scope="module")
def cases():
    with shim.activated():
        yield make_cases(importlib.import_module("tensorflow"))


def test_every_case_was_recorded(cases):
    assert sorted(cases) == sorted(TF)


@pytest.mark.parametrize("name", sorted(TF))
def test_mapped_element_spec_matches_tensorflow(cases, name):
    assert repr(cases[name]().element_spec) == TF[name]


def test_a_function_that_refuses_ones_keeps_the_zeros_spec():
    def call(x):
        if x.any():
            raise ValueError("ones refused")
        return x[:1]
    spec = structure.traced_spec(call, structure.TensorSpec((None,), "int64"))
    assert spec == structure.TensorSpec((1,), "int64")


def test_a_map_to_ragged_tokens_hands_on_ragged_tensors(cases):
    """``tf.strings.split`` of a batch of texts is a RaggedTensor, element by element, as
    TensorFlow gives it; batching such elements (TensorFlow: a RaggedTensor of rank 3) ends
    in the one-line message."""
    from .mapped_spec_cases import TEXTS
    rows = [list(batch.to_list()) for batch in cases["split_batch_ragged"]()]
    assert rows == [[t.encode().split() for t in TEXTS[:2]],
                    [t.encode().split() for t in TEXTS[2:]]]
    with pytest.raises(shim.errors.OperationNotImplementedByTracekeras,
                       match=r"^tracekeras does not implement tensorflow.data.Dataset.batch "
                             r"of RaggedTensor elements \(a RaggedTensor of rank 3\) \(used "
                             r"by test_mapped_specs.py line \d+\)$"):
        list(cases["split_batch_ragged"]().batch(2))
