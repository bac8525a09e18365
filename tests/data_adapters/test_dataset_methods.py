"""``take_while``, ``unique``, ``ignore_errors``, ``get_single_element``, ``rebatch``,
``rejection_resample`` (TensorFlow's draws, seeded), ``options``/``with_options``,
``save``/``load`` and ``snapshot`` against TensorFlow 2.21 (``make_dataset_methods_fixture
.py``, cases in ``dataset_methods_cases.py``): each dataset's ``repr``, ``element_spec``,
cardinality and elements (values and dtypes), the errors of bad arguments, what
``tf.data.Options`` reads back and refuses; tracekeras's own save format keeps the spec
exactly, and a folder TensorFlow saved ends in the one-line error."""
import json
import os

import numpy as np
import pytest

from .dataset_methods_cases import (
    CLASSES,
    make_cases,
    make_errors,
    options_facts,
    plain,
    sparse_facts,
)

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "dataset_methods.json"), encoding="utf-8") as f:
    TF = json.load(f)


def test_every_case_was_recorded(tf, tmp_path):
    assert sorted(make_cases(tf, str(tmp_path))) == sorted(TF["cases"])
    assert sorted(make_errors(tf, str(tmp_path))) == sorted(TF["errors"])


@pytest.mark.parametrize("name", sorted(TF["cases"]))
def test_dataset_is_tensorflow_s(tf, tmp_path, name):
    dataset = make_cases(tf, str(tmp_path))[name]()
    expected = TF["cases"][name]
    assert repr(dataset.element_spec) == expected["element_spec"]
    assert repr(dataset) == expected["repr"]
    assert int(dataset.cardinality()) == expected["cardinality"]
    assert [plain(e) for e in dataset.as_numpy_iterator()] == expected["elements"]


@pytest.mark.parametrize("name", sorted(TF["errors"]))
def test_a_bad_call_is_refused_as_tensorflow_refuses_it(tf, tmp_path, name):
    expected = TF["errors"][name]
    with pytest.raises(Exception) as caught:
        list(make_errors(tf, str(tmp_path))[name]().as_numpy_iterator())
    message = str(caught.value).replace(str(tmp_path), "FOLDER")
    assert (type(caught.value).__name__, message) == (expected["type"], expected["message"])


def test_options_read_back_and_refuse_as_tensorflow_s(tf):
    assert options_facts(tf) == TF["options"]


def test_a_snapshot_is_read_from_its_files_after_a_full_pass(tf, tmp_path):
    calls = []
    dataset = tf.data.Dataset.range(4).map(
        lambda x: tf.py_function(lambda v: calls.append(1) or v, [x], tf.int64))
    snap = dataset.snapshot(str(tmp_path / "snap"))
    first = [int(v) for v in snap.as_numpy_iterator()]
    made = len(calls)
    assert [int(v) for v in snap.as_numpy_iterator()] == first == [0, 1, 2, 3]
    assert len(calls) == made                 # the second pass read the files
    (folder,) = os.listdir(tmp_path / "snap")
    assert sorted(os.listdir(tmp_path / "snap" / folder)) == [
        "00000000.shard", "tracekeras_dataset.json"]


def test_save_keeps_the_element_spec_exactly_and_shards(tf, tmp_path):
    import collections
    data = tf.data
    features = collections.OrderedDict(
        text=np.array([b"x", b"yy", b"", b"zzz"], dtype=object),
        values=np.arange(12, dtype="float64").reshape(4, 3))
    dataset = data.Dataset.from_tensor_slices((features, np.arange(4, dtype="uint8")))
    dataset = dataset.batch(3)
    dataset.save(str(tmp_path / "saved"), shard_func=lambda f, y: tf.cast(y[0] % 2, tf.int64))
    loaded = data.Dataset.load(str(tmp_path / "saved"))
    assert loaded.element_spec == dataset.element_spec
    assert type(loaded.element_spec[0]) is type(dataset.element_spec[0])
    got = list(loaded.as_numpy_iterator())
    want = list(dataset.as_numpy_iterator())
    assert len(got) == len(want) == int(loaded.cardinality()) == 2
    for (gf, gy), (wf, wy) in zip(sorted(got, key=lambda e: e[1][0]), want):
        assert gf["text"].tolist() == wf["text"].tolist()
        np.testing.assert_array_equal(gf["values"], wf["values"])
        assert gf["values"].dtype == np.float64 and gy.dtype == np.uint8
        assert gy.tolist() == wy.tolist()
    assert sorted(os.listdir(tmp_path / "saved")) == [
        "00000000.shard", "00000001.shard", "tracekeras_dataset.json"]


def test_loading_a_folder_tensorflow_saved_is_the_one_line_error(tf):
    from tracekeras.shim.errors import OperationNotImplementedByTracekeras
    with pytest.raises(OperationNotImplementedByTracekeras) as caught:
        tf.data.Dataset.load(os.path.join(HERE, "data", "tf_saved_dataset"))
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(
        "tracekeras does not implement tensorflow.data.Dataset.load of a folder TensorFlow "
        "saved (its snapshot format: dataset_spec.pb, snapshot.metadata and shard files")


def test_resampled_classes_come_in_the_target_proportions(tf):
    tf.random.set_seed(0)
    classes = np.repeat(np.array([0, 1, 2], "int32"), [600, 150, 250])
    rng = np.random.default_rng(0)
    dataset = tf.data.Dataset.from_tensor_slices(rng.permutation(classes))
    resampled = dataset.rejection_resample(lambda c: c, target_dist=[0.2, 0.4, 0.4],
                                           initial_dist=[0.6, 0.15, 0.25], seed=4)
    pairs = list(resampled.as_numpy_iterator())
    assert all(c == x for c, x in pairs)
    share = np.bincount([c for c, _ in pairs], minlength=3) / len(pairs)
    np.testing.assert_allclose(share, [0.2, 0.4, 0.4], atol=0.05)


def test_the_options_change_no_element(tf):
    options = tf.data.Options()
    options.deterministic = False
    options.experimental_distribute.auto_shard_policy = \
        tf.data.experimental.AutoShardPolicy.OFF
    tf.random.set_seed(2)
    plain_order = list(tf.data.Dataset.range(6).shuffle(6, seed=1).as_numpy_iterator())
    tf.random.set_seed(2)
    dataset = tf.data.Dataset.range(6).shuffle(6, seed=1).with_options(options)
    assert list(dataset.as_numpy_iterator()) == plain_order


def test_sparse_batches_print_and_refuse_as_tensorflow_s(tf):
    assert sparse_facts(tf) == TF["sparse"]


def test_methods_left_are_the_one_line_error(tf):
    from tracekeras.shim.errors import AttributeNotImplementedByTracekeras
    for name in ("fingerprint",):
        with pytest.raises(AttributeNotImplementedByTracekeras) as caught:
            getattr(tf.data.Dataset.range(2), name)
        assert str(caught.value).startswith(
            f"tracekeras does not implement tensorflow.data.Dataset.{name} (used by ")


def test_a_ragged_batch_tracekeras_cannot_hold_is_the_one_line_error(tf):
    from tracekeras.shim.errors import OperationNotImplementedByTracekeras
    matrices = tf.data.Dataset.from_generator(
        lambda: iter([np.zeros((2, 3), "float32")]),
        output_signature=tf.TensorSpec((None, 3), tf.float32))
    with pytest.raises(OperationNotImplementedByTracekeras) as caught:
        matrices.ragged_batch(2)
    assert str(caught.value).startswith(
        "tracekeras does not implement tensorflow.data.Dataset.ragged_batch of a component "
        "of shape (None, 3) (a RaggedTensor of rank 3 or more) (used by ")


def test_class_counts_are_what_the_cases_use():
    assert np.bincount(CLASSES).tolist() == [44, 12, 8]


def test_a_high_rejection_is_printed_ten_times_an_iterator_as_tensorflow_prints_it(tf, capsys):
    # TensorFlow 2.21 printed these lines on standard error, ten for each of two iterators
    dataset = tf.data.Dataset.from_tensor_slices(np.array([0] * 30 + [1] * 10, "int64"))
    resampled = dataset.rejection_resample(lambda x: x, target_dist=[0.5, 0.5],
                                           initial_dist=[0.75, 0.25], seed=7)
    list(resampled.as_numpy_iterator())
    list(resampled.as_numpy_iterator())
    lines = capsys.readouterr().err.splitlines()
    assert lines == ["Proportion of examples rejected by sampler is high: "
                     "[0.75][0.75 0.25][0 1]"] * 20
