"""DataHandler: epochs, steps, steps_per_execution, running out of data, shuffling, class
weights."""
import logging

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tracekeras
from tracekeras.backend import Tensor
from tracekeras.data import Dataset
from tracekeras.engine import data_adapter
from tracekeras.utils import set_random_seed
from tracekeras.utils.data_utils import Sequence


def handler(**kw):
    kw.setdefault("model", None)
    return data_adapter.get_data_handler(**kw)


def run(h, collect=lambda batch: batch):
    """Drive a handler the way Model.fit does (one next() per step): {epoch: [batches]}."""
    seen = {}
    for epoch, iterator in h.enumerate_epochs():
        seen[epoch] = []
        with h.catch_stop_iteration():
            for _ in h.steps():
                seen[epoch].append(collect(next(iterator)))
    return seen


def ids(n=10):
    x = np.arange(n, dtype=np.float32).reshape(n, 1)
    return x, np.arange(n)


def test_batches_are_tensor_tuples_float64_cast_to_float32_ints_kept():
    """As in Keras, the steps receive tensors (backend Tensors here), never NumPy arrays."""
    x = np.arange(20, dtype=np.float64).reshape(10, 2)
    y = np.arange(10, dtype=np.int64)
    sw = np.ones(10)
    x_b, y_b, sw_b = run(handler(x=x, y=y, sample_weight=sw, batch_size=4))[0][0]
    assert x_b.dtype == np.float32 and y_b.dtype == np.int64 and sw_b.dtype == np.float32
    np.testing.assert_array_equal(x_b, x[:4])
    x_only = run(handler(x=x, batch_size=4))[0][0]
    assert isinstance(x_only, Tensor) and x_only.shape == (4, 2)  # pack_x_y_sample_weight
    assert all(isinstance(b, Tensor) for b in (x_b, y_b, sw_b))


def test_dict_and_list_inputs_keep_their_structure():
    x, y = ids()
    batch = run(handler(x={"a": x, "b": x * 2}, y=[y, y], batch_size=4))[0][0]
    assert set(batch[0]) == {"a", "b"}
    np.testing.assert_array_equal(batch[0]["b"][:, 0], [0, 2, 4, 6])
    assert isinstance(batch[1], tuple) and len(batch[1]) == 2


def test_epochs_run_from_initial_epoch():
    x, y = ids()
    h = handler(x=x, y=y, batch_size=4, epochs=5, initial_epoch=2)
    assert list(run(h)) == [2, 3, 4]


def test_steps_per_epoch_smaller_than_data_continues_in_next_epoch():
    """Keras's TensorLike dataset spans all epochs: an epoch cut short resumes where it was."""
    x, y = ids(12)
    h = handler(x=x, y=y, batch_size=2, epochs=2, steps_per_epoch=3)
    seen = run(h, lambda b: b[1].numpy().tolist())
    assert seen[0] == [[0, 1], [2, 3], [4, 5]]
    assert seen[1] == [[6, 7], [8, 9], [10, 11]]


def test_lists_of_scalars_restart_each_epoch():
    h = handler(x=[float(i) for i in range(12)], y=list(range(12)), batch_size=2, epochs=2,
                steps_per_epoch=3)
    seen = run(h, lambda b: b[1].numpy().tolist())
    assert seen[0] == seen[1] == [[0, 1], [2, 3], [4, 5]]


def test_steps_per_execution_yields_execution_starts_and_shortens_the_last():
    x, y = ids(10)
    h = handler(x=x, y=y, batch_size=1, steps_per_execution=4)
    seen = []
    for _ in h.enumerate_epochs():
        for step in h.steps():
            seen.append((step, h.step_increment, h._steps_per_execution.numpy()))
    assert seen == [(0, 3, 4), (4, 3, 4), (8, 1, 2)]
    assert h._steps_per_execution.numpy() == 4


class FakeModel:
    built = True

    def __init__(self, spe):
        self._steps_per_execution_variable = data_adapter.StepsPerExecution(spe)

    @property
    def _steps_per_execution(self):
        return self._steps_per_execution_variable.numpy()


def test_steps_per_execution_is_shared_with_the_model_like_keras_variable():
    x, y = ids(10)
    model = FakeModel(4)
    h = handler(x=x, y=y, batch_size=1,
                steps_per_execution=model._steps_per_execution_variable, model=model)
    during = []
    for _ in h.enumerate_epochs():
        for _ in h.steps():
            during.append(model._steps_per_execution)
    assert during == [4, 4, 2]
    assert model._steps_per_execution == 4


def test_steps_per_execution_truncated_to_one_epoch():
    x, y = ids(6)
    model = FakeModel(10)
    h = handler(x=x, y=y, batch_size=2,
                steps_per_execution=model._steps_per_execution_variable, model=model)
    for _ in h.enumerate_epochs():
        assert model._steps_per_execution == 3
        assert list(h.steps()) == [0]
        assert h.step_increment == 2
    assert model._steps_per_execution == 10


def test_generator_of_unknown_size_learns_steps_after_first_epoch(caplog):
    x, y = ids(10)
    gen = ((x[i:i + 3], y[i:i + 3]) for i in range(0, 10, 3))
    h = handler(x=gen, epochs=2)
    assert h.inferred_steps is None
    with caplog.at_level(logging.WARNING, logger="tracekeras"):
        seen = run(h, lambda b: len(b[0]))
    assert seen[0] == [3, 3, 3, 1]
    assert h.inferred_steps == 4
    assert seen[1] == []  # the generator is exhausted: Keras warns and stops
    assert h._insufficient_data
    assert "Your input ran out of data; interrupting training. Make sure that your dataset or " \
           "generator can generate at least `steps_per_epoch * epochs` batches (in this case, " \
           "8 batches). You may need to use the repeat() function" in caplog.text


def test_running_out_before_steps_per_epoch_warns_and_stops_epochs(caplog):
    x, y = ids(8)
    h = handler(x=Dataset.from_tensor_slices((x, y)).batch(2), steps_per_epoch=6, epochs=3)
    with caplog.at_level(logging.WARNING, logger="tracekeras"), tracekeras.trace() as t:
        seen = run(h, lambda b: len(b[0]))
    assert seen == {0: [2, 2, 2, 2]}
    assert "(in this case, 18 batches)" in caplog.text
    caught = [r for r in t.records if r["name"].endswith("DataHandler.catch_stop_iteration")]
    assert caught and caught[0]["args"]["insufficient_data"] is True


def test_steps_with_unknown_size_and_steps_per_execution_is_an_error():
    gen = iter([(np.zeros((2, 1)), np.zeros(2))] * 3)
    with pytest.raises(ValueError, match="Could not infer the size of the data. With "
                                         "`steps_per_execution > 1`, you must specify"):
        handler(x=gen, steps_per_execution=2)


def test_sequence_on_epoch_end_called_after_each_epoch_and_batches_shuffled():
    calls = []

    class Seq(Sequence):
        def __len__(self):
            return 5

        def __getitem__(self, i):
            return np.full((2, 1), i, np.float32), np.full(2, i)

        def on_epoch_end(self):
            calls.append("end")

    set_random_seed(3)
    seen = run(handler(x=Seq(), epochs=3, shuffle=True), lambda b: int(b[1][0]))
    assert calls == ["end"] * 3
    assert all(sorted(order) == [0, 1, 2, 3, 4] for order in seen.values())
    assert len({tuple(order) for order in seen.values()}) > 1
    assert run(handler(x=Seq(), shuffle=False), lambda b: int(b[1][0]))[0] == [0, 1, 2, 3, 4]


def test_shuffle_batch_permutes_each_array_apart_as_tf_keras():
    """tf_keras 2.21's ``shuffle="batch"`` calls ``tf.random.shuffle`` on x, y and the sample
    weights separately (tests/backend/test_dataset_shuffle.py has its orders): each batch
    holds one group of rows, but the rows of x and y part company."""
    x, y = ids(48)

    def batches(seed):
        set_random_seed(seed)
        h = handler(x=x, y=y, sample_weight=y * 10.0, batch_size=8, epochs=2, shuffle="batch")
        return [[b.numpy().reshape(-1).tolist() for b in batch]
                for epoch in run(h, lambda b: b).values() for batch in epoch]

    first = batches(7)
    assert first == batches(7)
    for xb, yb, swb in first:
        assert sorted(xb) == sorted(yb) == sorted(v / 10 for v in swb)
        assert sorted(yb) in [list(range(s, s + 8)) for s in range(0, 48, 8)]
    assert any(xb != yb for xb, yb, _ in first)


@pytest.mark.parametrize("shuffle", [True])
def test_shuffle_keeps_pairs_aligned_and_is_repeatable(shuffle):
    x, y = ids(50)

    def order(seed):
        set_random_seed(seed)
        h = handler(x=x, y=y, sample_weight=y * 10.0, batch_size=8, epochs=2, shuffle=shuffle)
        seen = run(h, lambda b: b)
        for batches in seen.values():
            for xb, yb, swb in batches:
                np.testing.assert_array_equal(xb[:, 0], yb)
                np.testing.assert_array_equal(swb, yb.numpy() * 10.0)   # TF refuses int64 * 10.0
        return [np.concatenate([b[1] for b in batches]).tolist() for batches in seen.values()]

    first = order(7)
    assert first == order(7)
    assert first[0] != first[1]  # a new permutation each epoch
    assert all(sorted(epoch) == list(range(50)) for epoch in first)
    assert first != order(8)


def test_shuffle_batch_keeps_batches_together():
    x, y = ids(40)
    set_random_seed(1)
    seen = run(handler(x=x, y=y, batch_size=8, shuffle="batch"),
               lambda b: sorted(b[1].numpy().tolist()))
    assert sorted(seen[0]) == [list(range(s, s + 8)) for s in range(0, 40, 8)]


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(1, 60),
    batch_size=st.integers(1, 70),
    shuffle=st.sampled_from([False, True, "batch"]),
    epochs=st.integers(1, 3),
)
def test_every_sample_exactly_once_per_epoch(n, batch_size, shuffle, epochs):
    x, y = ids(n)
    h = handler(x=x, y=y, batch_size=batch_size, shuffle=shuffle, epochs=epochs)
    seen = run(h, lambda b: b[1].numpy().tolist())
    assert len(seen) == epochs
    for batches in seen.values():
        assert sorted(sum(batches, [])) == list(range(n))
        sizes = [len(b) for b in batches]
        if shuffle == "batch":  # the batch order is shuffled, the partial batch with it
            sizes.sort(reverse=True)
        assert sizes == [batch_size] * (n // batch_size) + (
            [n % batch_size] if n % batch_size else []
        )


@settings(max_examples=40, deadline=None)
@given(steps=st.integers(1, 30), spe=st.integers(1, 12))
def test_steps_cover_every_step_once_with_any_steps_per_execution(steps, spe):
    x, y = ids(steps)
    h = handler(x=x, y=y, batch_size=1, steps_per_execution=spe)
    covered = []
    for _ in h.enumerate_epochs():
        for step in h.steps():
            covered.extend(range(step, step + h.step_increment + 1))
    assert covered == list(range(steps))


def test_class_weight_becomes_sample_weight():
    x = np.zeros((6, 1), np.float32)
    y = np.array([0, 1, 2, 1, 0, 2])
    batch = run(handler(x=x, y=y, batch_size=6, class_weight={0: 1.0, 1: 2.0, 2: 0.5}))[0][0]
    np.testing.assert_allclose(batch[2], [1.0, 2.0, 0.5, 2.0, 1.0, 0.5])
    onehot = np.eye(3)[y]
    sw = np.arange(6, dtype=np.float32)
    batch = run(
        handler(
            x=x, y=onehot, sample_weight=sw, batch_size=6, class_weight={0: 1.0, 1: 2.0, 2: 0.5}
        )
    )[0][0]
    np.testing.assert_allclose(batch[2], sw * [1.0, 2.0, 0.5, 2.0, 1.0, 0.5])
    column = y.reshape(-1, 1).astype(np.float32)
    batch = run(handler(x=x, y=column, batch_size=6, class_weight={0: 1, 1: 2, 2: 3}))[0][0]
    np.testing.assert_allclose(batch[2], [1, 2, 3, 2, 1, 3])


def test_class_weight_errors():
    x, y = ids(4)
    with pytest.raises(
        ValueError,
        match=r"Expected `class_weight` to be a dict with keys from 0 "
        r"to one less than the number of classes, found ",
    ):
        handler(x=x, y=y % 2, class_weight={1: 1.0, 2: 1.0})
    with pytest.raises(
        ValueError, match="`class_weight` is only supported for Models with a single output."
    ):
        handler(x=x, y=[y % 2, y % 2], class_weight={0: 1.0, 1: 1.0})


def test_steps_per_epoch_minus_one_runs_indefinitely(caplog):
    x, y = ids(4)
    with caplog.at_level(logging.WARNING, logger="tracekeras"):
        h = handler(x=Dataset.from_tensor_slices((x, y)).repeat(), steps_per_epoch=-1)
    assert h.inferred_steps is None
    assert "The training loop will run indefinitely" in caplog.text
    for _, iterator in h.enumerate_epochs():
        for step in h.steps():
            next(iterator)
            if step == 9:
                break
    assert step == 9
