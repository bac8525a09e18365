"""tracekeras.data.Dataset: tf.data semantics on NumPy (elements, cardinality, shuffling)."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracekeras import data
from tracekeras.data import Dataset
from tracekeras.utils import set_random_seed


def values(ds):
    return [np.asarray(e).tolist() for e in ds]


def test_from_tensor_slices_structures():
    x, y = np.arange(6).reshape(3, 2), np.array([7, 8, 9])
    first = next(iter(Dataset.from_tensor_slices((x, y))))
    assert first[0].numpy().tolist() == [0, 1] and int(first[1]) == 7
    d = next(iter(Dataset.from_tensor_slices({"a": x, "b": y})))
    assert d["b"] == 7
    assert values(Dataset.from_tensor_slices([1.0, 2.0])) == [1.0, 2.0]
    assert Dataset.from_tensor_slices([1.0, 2.0]).element_spec == data.TensorSpec((), "float32")
    assert Dataset.from_tensor_slices((x, y)).element_spec == (
        data.TensorSpec((2,), x.dtype), data.TensorSpec((), y.dtype))
    with pytest.raises(ValueError, match="Dimensions 3 and 2 are not compatible"):
        Dataset.from_tensor_slices((x, y[:2]))


def test_cardinality_constants_and_values():
    assert (data.INFINITE_CARDINALITY, data.UNKNOWN_CARDINALITY) == (-1, -2)
    ds = Dataset.from_tensor_slices(np.arange(10))
    assert ds.cardinality() == 10 and ds.cardinality().numpy() == 10
    assert ds.batch(3).cardinality() == 4
    assert ds.batch(3, drop_remainder=True).cardinality() == 3
    assert ds.repeat().cardinality() == data.INFINITE_CARDINALITY
    assert ds.repeat(2).cardinality() == 20
    assert ds.take(4).cardinality() == 4 and ds.skip(4).cardinality() == 6
    assert ds.filter(lambda v: v > 2).cardinality() == data.UNKNOWN_CARDINALITY
    assert Dataset.from_generator(lambda: iter([1])).cardinality() == data.UNKNOWN_CARDINALITY
    assert ds.repeat().take(5).cardinality() == 5
    assert len(ds) == 10
    with pytest.raises(TypeError, match="The dataset is infinite."):
        len(ds.repeat())


def test_batch_map_repeat_take_skip():
    ds = Dataset.from_tensor_slices(np.arange(7))
    assert values(ds.batch(3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert values(ds.batch(3, drop_remainder=True)) == [[0, 1, 2], [3, 4, 5]]
    assert values(ds.map(lambda v: v * 2).take(3)) == [0, 2, 4]
    assert values(ds.skip(5).repeat(2)) == [5, 6, 5, 6]
    assert values(ds.batch(3).unbatch()) == list(range(7))
    assert values(ds.take(2).concatenate(ds.skip(6))) == [0, 1, 6]
    pairs = Dataset.from_tensor_slices((np.arange(3), np.arange(3) * 10))
    assert [b.numpy().tolist() for b in pairs.map(lambda a, b: a + b)] == [0, 11, 22]
    assert values(Dataset.range(2, 5)) == [2, 3, 4]
    zipped = Dataset.zip((Dataset.range(3), Dataset.range(10, 20)))
    assert zipped.cardinality() == 3 and [int(b) for _, b in zipped] == [10, 11, 12]
    assert values(ds.prefetch(data.AUTOTUNE)) == values(ds)   # a new dataset, as in TF


def test_from_generator_restarts_each_iteration():
    ds = Dataset.from_generator(lambda: ((np.float64(i), i) for i in range(3)))
    assert [(float(a), int(b)) for a, b in ds] == [(0.0, 0), (1.0, 1), (2.0, 2)]
    assert len(list(ds)) == 3  # called afresh
    with pytest.raises(TypeError, match="`generator` must be a Python callable."):
        Dataset.from_generator(iter([1]))


def test_shuffle_is_a_permutation_repeatable_under_set_random_seed():
    # As in tf.data, shuffle() takes its seeds when called: the seed is set before.
    set_random_seed(5)
    ds = Dataset.from_tensor_slices(np.arange(20)).shuffle(20)
    a, b = values(ds), values(ds)
    assert sorted(a) == list(range(20)) and a != b  # reshuffled each iteration
    set_random_seed(5)
    ds = Dataset.from_tensor_slices(np.arange(20)).shuffle(20)
    assert [values(ds), values(ds)] == [a, b]
    fixed = Dataset.from_tensor_slices(np.arange(20)).shuffle(20, reshuffle_each_iteration=False)
    assert values(fixed) == values(fixed)
    seeded = Dataset.from_tensor_slices(np.arange(20)).shuffle(20, seed=1)
    again = Dataset.from_tensor_slices(np.arange(20)).shuffle(20, seed=1)
    assert values(seeded) == values(again)


def test_small_shuffle_buffer_only_moves_elements_locally():
    set_random_seed(0)
    out = values(Dataset.from_tensor_slices(np.arange(100)).shuffle(2))
    assert sorted(out) == list(range(100))
    assert out[0] in (0, 1)  # the first element comes from the first buffer of two


@settings(max_examples=30, deadline=None)
@given(n=st.integers(0, 40), buffer=st.integers(1, 50), batch=st.integers(1, 9))
def test_shuffle_then_batch_keeps_every_element_once(n, buffer, batch):
    ds = Dataset.from_tensor_slices(np.arange(n)).shuffle(buffer).batch(batch)
    batches = values(ds)
    assert sorted(sum(batches, [])) == list(range(n))
    assert len(batches) == int(ds.cardinality())


def test_experimental_assert_cardinality():
    ds = Dataset.from_generator(lambda: iter(range(3))).apply(
        data.experimental.assert_cardinality(3))
    assert ds.cardinality() == 3


def test_dataset_creator_gets_an_input_context():
    seen = []

    def fn(ctx):
        seen.append(ctx.get_per_replica_batch_size(64))
        return Dataset.range(3)

    creator = data.DatasetCreator(fn)
    assert values(creator(data.InputContext())) == [0, 1, 2]
    assert seen == [64]


def test_seeded_shuffle_reshuffles_each_epoch_the_same_way_every_run():
    def epochs(reshuffle):
        ds = Dataset.from_tensor_slices(np.arange(12)).shuffle(
            12, seed=3, reshuffle_each_iteration=reshuffle)
        return [values(ds) for _ in range(3)]

    first = epochs(True)
    assert first[0] != first[1] and epochs(True) == first   # new order per epoch, same run to run
    fixed = epochs(False)
    assert fixed[0] == fixed[1] == fixed[2]


def test_elements_are_tensors_and_map_functions_receive_tensors():
    from tracekeras.backend import Tensor, ops
    seen = []

    def scale(x, y):
        seen.append((type(x), x.numpy().dtype))
        return ops.cast(x, "float32") / 255.0, y

    ds = Dataset.from_tensor_slices((np.full((4, 2), 51, "uint8"), np.arange(4))).map(
        scale, num_parallel_calls=data.AUTOTUNE).batch(2).prefetch(data.AUTOTUNE)
    for x, y in ds.take(1):
        assert isinstance(x, Tensor) and x.dtype == np.float32
        np.testing.assert_allclose(x.numpy(), 0.2)
        assert y.numpy().tolist() == [0, 1]
    assert seen[0] == (Tensor, np.dtype("uint8"))
    arrays = list(ds.as_numpy_iterator())
    assert all(isinstance(a, np.ndarray) for batch in arrays for a in batch)
