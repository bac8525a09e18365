"""Errors in Keras's words (tf_keras 2.21 keras/engine/data_adapter.py), raised before any batch."""
import re

import numpy as np
import pytest

from tracekeras.data import Dataset, DatasetCreator
from tracekeras.engine import data_adapter
from tracekeras.utils.data_utils import Sequence


def handler(**kw):
    kw.setdefault("model", None)
    return data_adapter.get_data_handler(**kw)


def test_cardinality_mismatch_message():
    with pytest.raises(ValueError) as info:
        handler(x=np.zeros((1000, 2)), y=np.zeros(999))
    assert str(info.value) == ("Data cardinality is ambiguous:\n  x sizes: 1000\n  y sizes: 999\n"
                               "Make sure all arrays contain the same number of samples.")


def test_cardinality_mismatch_lists_every_array():
    with pytest.raises(ValueError) as info:
        handler(x=[np.zeros((10, 2)), np.zeros((9, 2))], y=np.zeros(10),
                sample_weight=np.ones(8))
    assert str(info.value) == ("Data cardinality is ambiguous:\n  x sizes: 10, 9\n"
                               "  y sizes: 10\n  sample_weight sizes: 8\n"
                               "Make sure all arrays contain the same number of samples.")


def test_no_adapter_message():
    with pytest.raises(ValueError) as info:
        handler(x=object(), y=None)
    assert str(info.value) == ("Failed to find data adapter that can handle input: "
                               "<class 'object'>, <class 'NoneType'>")
    with pytest.raises(ValueError, match=re.escape(
            "Failed to find data adapter that can handle input: (<class 'dict'> containing "
            "{\"<class 'str'>\"} keys and {\"<class 'object'>\"} values), <class 'NoneType'>")):
        handler(x={"a": object()})


def test_two_adapters_accepting_is_a_runtime_error(monkeypatch):
    monkeypatch.setattr(data_adapter.DatasetAdapter, "can_handle",
                        staticmethod(lambda x, y=None: True))
    with pytest.raises(RuntimeError, match=re.escape(
            "Data adapters should be mutually exclusive for handling inputs. Found multiple "
            "adapters [<class 'tracekeras.engine.data_adapters.array_adapters."
            "TensorLikeDataAdapter'>, <class 'tracekeras.engine.data_adapters.stream_adapters."
            "DatasetAdapter'>] to handle input: <class 'numpy.ndarray'>, <class 'NoneType'>")):
        handler(x=np.zeros((4, 1)))


def test_empty_arrays():
    with pytest.raises(ValueError, match=r"^Expected input data to be non-empty\. Received data "
                                         r"that gives 0 steps \(TensorLikeDataAdapter: x of shape"):
        handler(x=np.zeros((0, 3)), y=np.zeros(0))


@pytest.mark.parametrize("bad", [np.array([["2020-01-01"]] * 4, dtype="datetime64[D]"),
                                 np.array([[object()]] * 4)])
def test_non_numeric_dtype_names_the_dtype(bad):
    with pytest.raises(ValueError, match=re.escape(f"Unsupported dtype {bad.dtype}")):
        handler(x=bad, y=np.zeros(4))


def test_y_or_sample_weight_with_a_dataset():
    ds = Dataset.from_tensor_slices(np.zeros((4, 1))).batch(2)
    with pytest.raises(ValueError, match="^`y` argument is not supported when using dataset as "
                                         "input.$"):
        handler(x=ds, y=np.zeros(4))
    with pytest.raises(ValueError, match="^`sample_weight` argument is not supported when using "
                                         "dataset as input.$"):
        handler(x=ds, sample_weight=np.zeros(4))


def test_y_with_a_generator_or_sequence():
    gen = iter([(np.zeros((2, 1)), np.zeros(2))])
    with pytest.raises(ValueError, match="^`y` argument is not supported when using python "
                                         "generator as input.$"):
        handler(x=gen, y=np.zeros(2))

    class Seq(Sequence):
        def __len__(self):
            return 1

        def __getitem__(self, i):
            return np.zeros((2, 1)), np.zeros(2)

    with pytest.raises(ValueError, match="^`y` argument is not supported when using "
                                         "`keras.utils.Sequence` as input.$"):
        handler(x=Seq(), y=np.zeros(2))


def test_batch_size_with_a_dataset_is_ignored_as_in_keras_2():
    """tf_keras 2.21's DatasetAdapter drops batch_size (only the v1 loop raised)."""
    ds = Dataset.from_tensor_slices(np.zeros((10, 1))).batch(4)
    assert handler(x=ds, batch_size=32).inferred_steps == 3


def test_infinite_dataset_needs_steps():
    ds = Dataset.from_tensor_slices(np.zeros((4, 1))).repeat()
    with pytest.raises(ValueError, match=re.escape(
            "When providing an infinite dataset, you must specify the number of steps to run (if "
            "you did not intend to create an infinite dataset, make sure to not call `repeat()` "
            "on the dataset).")):
        handler(x=ds)
    assert handler(x=ds, steps_per_epoch=3).inferred_steps == 3


def test_dataset_creator_needs_steps():
    creator = DatasetCreator(lambda ctx: Dataset.from_tensor_slices(np.zeros((4, 1))))
    with pytest.raises(ValueError, match=re.escape(
            "When using a `tf.keras.utils.experimental.DatasetCreator`, `steps_per_epoch`, "
            "`validation_steps`, `steps`, or `pss_evaluation_shards` argument must be provided "
            "in `Model.fit`, `Model.evaluate`, or `Model.predict`.")):
        handler(x=creator)


def test_dataset_creator_must_return_a_dataset():
    with pytest.raises(TypeError, match="`dataset_fn` for `DatasetCreator` must be a `callable`"):
        DatasetCreator(3)
    creator = DatasetCreator(lambda ctx: [1, 2])
    with pytest.raises(TypeError, match='must return a Dataset. It returns "\\[1, 2\\]"'):
        handler(x=creator, steps_per_epoch=2)


@pytest.mark.parametrize("kwargs, message", [
    (dict(batch_size=0), "Expected batch_size to be positive. Received is 0."),
    (dict(steps_per_epoch=0), "steps_per_epoch must be positive, None or -1. Received 0. "
                              "See `Model.fit`."),
    (dict(initial_epoch=-1), "Expected initial_epoch to be non-negative. Received is -1."),
    (dict(epochs=0), "Expected epochs to be positive. Received is 0."),
    (dict(workers=0), "Expected workers to be positive. Received is 0."),
    (dict(steps_per_execution=0), "Expected steps_per_execution to be positive. Received is 0."),
])
def test_argument_checks(kwargs, message):
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        handler(x=np.zeros((4, 1)), y=np.zeros(4), **kwargs)
