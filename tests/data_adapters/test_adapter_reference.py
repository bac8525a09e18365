"""Each input kind against real Keras (tf_keras 2.21 reference, data/adapters_reference.json):
the adapter chosen, steps per epoch before and after the first epoch, batch sizes
as iterated, the partial batch, and what the trace says select_data_adapter asked."""
import json
import os

import numpy as np
import pytest

import tracekeras
from tracekeras.backend import Tensor
from tracekeras.data import Dataset, DatasetCreator
from tracekeras.engine import data_adapter

from .fakes import BatchSequence, FakeH5

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "adapters_reference.json")) as f:
    REFERENCE = json.load(f)
KINDS = {k["kind"]: k for k in REFERENCE["kinds"] if k.get("adapter")}
N = REFERENCE["n_samples"]


def arrays():
    rng = np.random.default_rng(0)
    return rng.random((N, 784), dtype=np.float32), rng.integers(0, 10, N)


def make_input(kind):
    """Handler kwargs standing for the reference's input kind."""
    x, y = arrays()
    if kind == "numpy arrays":
        return dict(x=x, y=y, batch_size=128)
    if kind == "numpy arrays, batch_size omitted":
        return dict(x=x, y=y)
    if kind == "tf.Tensor (EagerTensor)":
        return dict(x=Tensor(x), y=Tensor(y), batch_size=128)
    if kind == "dict of numpy arrays":
        return dict(x={"a": x}, y=y, batch_size=128)
    if kind == "list of numpy arrays":
        return dict(x=[x, x[:, :4]], y=y, batch_size=128)
    if kind == "python list of scalars":
        return dict(x=[float(v) for v in x[:, 0]], y=[int(v) for v in y], batch_size=128)
    if kind == "python list of lists":
        return dict(x=x[:, :4].tolist(), y=y.tolist(), batch_size=128)
    if kind == "tf.data.Dataset (batched 128)":
        return dict(x=Dataset.from_tensor_slices((x, y)).batch(128))
    if kind == "tf.data.Dataset (unbatched)":
        return dict(x=Dataset.from_tensor_slices((x, y)))
    if kind == "python generator (8 batches)":
        return dict(x=(((x[i:i + 128], y[i:i + 128]) for i in range(0, N, 128))))
    if kind == "keras.utils.Sequence (len 8)":
        return dict(x=BatchSequence(x, y, 128))
    if kind in ("tf.SparseTensor", "tf.RaggedTensor"):
        sparse = pytest.importorskip("scipy.sparse")
        return dict(x=sparse.csr_matrix(x[:, :16]), y=y, batch_size=128)
    if kind == "DatasetCreator":
        return dict(x=DatasetCreator(
            lambda ctx: Dataset.from_tensor_slices((x, y)).batch(128).repeat()),
            steps_per_epoch=8)
    if kind == "h5py.Dataset (array-like)":
        return dict(x=FakeH5(x), y=FakeH5(y), batch_size=128)
    raise KeyError(kind)


def first_leaf(batch):
    x, _, _ = data_adapter.unpack_x_y_sample_weight(batch)
    while isinstance(x, (list, tuple, dict)):
        x = list(x.values())[0] if isinstance(x, dict) else x[0]
    return x


def iterate_one_epoch(handler):
    sizes, shapes = [], set()
    for _, iterator in handler.enumerate_epochs():
        with handler.catch_stop_iteration():
            for _ in handler.steps():
                leaf = first_leaf(next(iterator))
                sizes.append(int(leaf.shape[0]))
                shapes.add(tuple(leaf.shape))
    return sizes, shapes


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_adapter_facts_match_keras(kind):
    ref = KINDS[kind]
    handler = data_adapter.get_data_handler(model=None, epochs=1, **make_input(kind))
    adapter = handler._adapter
    assert type(adapter).__name__ == ref["adapter"]
    assert adapter.get_size() == ref["get_size"]
    assert adapter.should_recreate_iterator() == ref["should_recreate_iterator"]
    if ref["batch_size"] == "raises NotImplementedError":
        for method in (adapter.batch_size, adapter.has_partial_batch, adapter.partial_batch_size):
            with pytest.raises(NotImplementedError):
                method()
    else:
        assert adapter.batch_size() == ref["batch_size"]
        assert adapter.has_partial_batch() == ref["has_partial_batch"]
        assert adapter.partial_batch_size() == ref["partial_batch_size"]
    assert handler.inferred_steps == ref["inferred_steps"]
    sizes, shapes = iterate_one_epoch(handler)
    assert sizes == ref["iterated_batch_sizes"]
    want_shapes = {s for s in ref["iterated_x_shapes"] if "None" not in s}
    assert {str(s) for s in shapes} >= want_shapes
    assert handler.inferred_steps == ref["inferred_steps_after_epoch"]


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_trace_shows_every_adapter_asked_and_the_one_accepted(kind):
    ref = KINDS[kind]
    with tracekeras.trace() as t:
        data_adapter.get_data_handler(model=None, **make_input(kind))
    ends = [r for r in t.records if r["ph"] == "E"
            and r["name"] == "keras.engine.data_adapter.select_data_adapter"]
    assert len(ends) == 1
    args = ends[0]["args"]
    assert args["asked"] == REFERENCE["adapter_order"]
    assert args["accepted"] == [ref["adapter"]]
    assert args["chosen"] == ref["adapter"]
    assert [name for name, ok in args["answers"].items() if ok] == [ref["adapter"]]
    begins = [r["name"] for r in t.records if r["ph"] == "B"]
    assert begins[:3] == ["keras.engine.data_adapter.get_data_handler",
                          "keras.engine.data_adapter.DataHandler.__init__",
                          "keras.engine.data_adapter.select_data_adapter"]
    assert begins[3] == f"keras.engine.data_adapter.{ref['adapter']}.__init__"


def test_adapter_order_is_keras_order():
    names = [cls.__name__ for cls in data_adapter.ALL_ADAPTER_CLS]
    assert names == REFERENCE["adapter_order"]


def test_adapter_init_span_carries_batching_facts():
    x, y = arrays()
    with tracekeras.trace() as t:
        data_adapter.get_data_handler(x=x, y=y, batch_size=128, shuffle=True, model=None)
    end = [r for r in t.records if r["ph"] == "E" and
           r["name"] == "keras.engine.data_adapter.TensorLikeDataAdapter.__init__"][0]
    assert end["args"]["steps"] == 8
    assert end["args"]["batch_size"] == 128
    assert end["args"]["partial_batch_size"] == 104
    assert end["args"]["samples"] == N
    assert end["args"]["shuffle"] is True
    assert end["args"]["num_full_batches"] == 7
    assert end["args"]["converted"] == []  # float32 x and int y need no conversion
    with tracekeras.trace() as t:
        data_adapter.get_data_handler(x=x.astype(np.float64), y=y, model=None)
    end = [r for r in t.records if r["ph"] == "E" and
           r["name"] == "keras.engine.data_adapter.TensorLikeDataAdapter.__init__"][0]
    assert end["args"]["converted"] == ["x: float64 -> float32"]
    assert end["args"]["batch_size_from"] == "default 32"
    assert (end["args"]["steps"], end["args"]["partial_batch_size"]) == (32, 8)
