"""Generators, Sequences, datasets, pandas and sparse inputs: the details Keras gives each."""
import numpy as np
import pytest

from tracekeras.backend import Tensor
from tracekeras.data import Dataset
from tracekeras.engine import data_adapter

from .fakes import BatchSequence, FakeH5


def handler(**kw):
    kw.setdefault("model", None)
    return data_adapter.get_data_handler(**kw)


def first_batch(h):
    for _, iterator in h.enumerate_epochs():
        return next(iterator)


class UnbuiltModel:
    built = False

    def __init__(self):
        self.calls = []

    def __call__(self, x, training=None):
        self.calls.append((x.shape, training))
        self.built = True


def test_generator_peek_builds_an_unbuilt_model_and_loses_no_batch():
    x = np.arange(12, dtype=np.float64).reshape(6, 2)
    model = UnbuiltModel()
    gen = ((x[i:i + 2], np.arange(i, i + 2)) for i in range(0, 6, 2))
    h = handler(x=gen, model=model)
    assert model.calls == [((2, 2), False)]
    assert h._adapter.representative_batch_size() == 2
    batches = []
    for _, iterator in h.enumerate_epochs():
        with h.catch_stop_iteration():
            for _ in h.steps():
                batches.append(next(iterator))
    # the peeked one too
    assert [b[1].numpy().tolist() for b in batches] == [[0, 1], [2, 3], [4, 5]]
    assert all(b[0].dtype == np.float32 for b in batches)


def test_generator_lists_become_tuples_and_x_alone_stays_x():
    gen = iter([[np.zeros((2, 1)), np.ones(2)], [np.zeros((2, 1)), np.ones(2)]])
    assert isinstance(first_batch(handler(x=gen)), tuple)
    gen = iter([np.zeros((2, 1))] * 2)
    assert isinstance(first_batch(handler(x=gen)), Tensor)


def test_sequence_is_recreated_each_epoch():
    x, y = np.arange(10.0).reshape(10, 1), np.arange(10)
    h = handler(x=BatchSequence(x, y, 4), epochs=2)
    seen = []
    for _, iterator in h.enumerate_epochs():
        seen.append([next(iterator)[1].numpy().tolist() for _ in h.steps()])
    assert seen[0] == seen[1] == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]


def test_dataset_with_fewer_steps_than_its_size_keeps_one_iterator():
    """Keras recreates the iterator only when steps is None or equals the cardinality."""
    ds = Dataset.from_tensor_slices(np.arange(6)).batch(1)
    h = handler(x=ds, steps_per_epoch=2, epochs=3)
    assert not h._adapter.should_recreate_iterator()
    seen = []
    for _, iterator in h.enumerate_epochs():
        seen.append([int(next(iterator)[0]) for _ in h.steps()])
    assert seen == [[0, 1], [2, 3], [4, 5]]
    h = handler(x=ds, epochs=2)
    assert h._adapter.should_recreate_iterator()


def test_generic_array_like_reads_slices_and_index_lists():
    x = np.arange(20.0).reshape(10, 2)
    h = handler(x=FakeH5(x), y=FakeH5(np.arange(10)), batch_size=4, shuffle=True)
    batch = first_batch(h)
    np.testing.assert_array_equal(batch[0][:, 0] / 2, batch[1])
    assert batch[0].dtype == np.float64  # read as stored, as Keras's py_function does


def test_scipy_sparse_is_densified_per_batch_and_float32():
    sparse = pytest.importorskip("scipy.sparse")
    x = sparse.random(10, 5, density=0.5, format="csr", random_state=0)
    h = handler(x=x, y=np.arange(10), batch_size=4)
    batch = first_batch(h)
    assert isinstance(batch[0], Tensor) and batch[0].dtype == np.float32
    np.testing.assert_allclose(batch[0], x[:4].toarray().astype(np.float32))
    assert h._adapter.partial_batch_size() == 2


def test_pandas_dataframe_and_series():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"a": np.arange(6.0), "b": np.arange(6.0) * 2})
    h = handler(x=frame, y=pd.Series(np.arange(6)), batch_size=4)
    assert type(h._adapter).__name__ == "TensorLikeDataAdapter"
    bx, by = first_batch(h)
    assert bx.shape == (4, 2) and bx.dtype == np.float32 and by.shape == (4, 1)


def test_trace_shows_sequence_epoch_ends_and_the_inferred_steps():
    import tracekeras
    x, y = np.arange(10.0).reshape(10, 1), np.arange(10)
    with tracekeras.trace() as t:
        h = handler(x=BatchSequence(x, y, 4), epochs=2)
        for _, iterator in h.enumerate_epochs():
            for _ in h.steps():
                next(iterator)
    ends = {r["name"].rsplit(".", 2)[-2] + "." + r["name"].rsplit(".", 1)[-1]: r.get("args")
            for r in t.records if r["ph"] == "E"}
    assert ends["DataHandler._configure_dataset_and_inferred_steps"]["inferred_steps"] == 3
    assert ends["DataHandler.__init__"] == {"adapter": "KerasSequenceAdapter",
                                            "inferred_steps": 3}
    epoch_ends = [r for r in t.records if r["ph"] == "B"
                  and r["name"] == "keras.engine.data_adapter.KerasSequenceAdapter.on_epoch_end"]
    assert len(epoch_ends) == 2
