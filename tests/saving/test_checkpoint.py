"""``tf.train.Checkpoint``, ``CheckpointManager`` and ``latest_checkpoint`` against TensorFlow.

The steps of ``checkpoint_scenarios`` run in order in a new empty folder through the
shim's ``tensorflow`` and each outcome is compared with real TensorFlow's
(``data/tf_checkpoint.json``, written by ``make_checkpoint_fixtures.py``): the paths
``save`` returns, the ``checkpoint`` state file, ``list_variables``' keys and shapes, the
weights restored and the step trained after a restore (Adam's slots restored as the
optimizer makes them), the load status's assertions and the refusals. One difference is
kept on purpose: TensorFlow's checkpoint is two files (``.index`` and
``.data-00000-of-00001``), tracekeras's one (``.index``, a ZIP of ``.npy`` arrays).
"""
import json
import os
import zipfile

import pytest

from tracekeras.saving import checkpoint as checkpoint_module

from ..backend import tf_cases
from . import checkpoint_scenarios

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "tf_checkpoint.json")) as f:
    FIXTURES = json.load(f)



def without_data_files(encoded):
    """TensorFlow's listing less its ``.data-00000-of-00001`` files (tracekeras writes none)."""
    if "list" in encoded:
        return {"list": [without_data_files(e) for e in encoded["list"] if not is_data_file(e)]}
    return encoded


def is_data_file(encoded):
    value = encoded.get("python", {}).get("value")
    return isinstance(value, str) and value.endswith(".data-00000-of-00001")


def test_steps_match_tensorflow(tf):
    with tf_cases.inside_new_folder():
        for name, call, check in checkpoint_scenarios.STEPS(tf):
            want = without_data_files(FIXTURES[name]) if name == "manager" else FIXTURES[name]
            tf_cases.assert_same(tf_cases.outcome(call), want, check, name, rtol=1e-5,
                                 atol=1e-6)
    names = {step[0] for step in checkpoint_scenarios.STEPS(tf)}
    assert names == set(FIXTURES) - {"_meta"}


def test_the_checkpoint_is_one_zip_of_npy_arrays(tf, tmp_path):
    v = tf.Variable([1.0, 2.0])
    path = tf.train.Checkpoint(v=v).write(str(tmp_path / "c"))
    assert sorted(os.listdir(tmp_path)) == ["c.index"]
    with zipfile.ZipFile(path + ".index") as zf:
        assert zf.namelist() == [checkpoint_module.MANIFEST, "00000.npy"]


def test_a_wrong_shape_is_refused_before_anything_is_assigned(tf, tmp_path):
    a, b = tf.Variable([1.0, 2.0]), tf.Variable(3.0)
    path = tf.train.Checkpoint(a=a, b=b).write(str(tmp_path / "c"))
    c, d = tf.Variable([0.0, 0.0, 0.0]), tf.Variable(0.0)
    with pytest.raises(ValueError, match="incompatible tensor with shape"):
        tf.train.Checkpoint(a=c, b=d).restore(path)
    assert float(d) == 0.0   # b would fit, but nothing is assigned


def test_a_file_that_is_not_a_tracekeras_checkpoint_is_refused(tf, tmp_path):
    (tmp_path / "c.index").write_bytes(b"TensorFlow's bundle index")
    with pytest.raises(tf.errors.DataLossError, match="not a tracekeras checkpoint"):
        tf.train.Checkpoint(v=tf.Variable(1.0)).restore(str(tmp_path / "c"))


def test_a_dataset_iterator_ends_in_the_one_line_error(tf):
    from tracekeras.shim import NOT_IMPLEMENTED
    with pytest.raises(NOT_IMPLEMENTED, match="tf.train.Checkpoint of a dataset iterator"):
        tf.train.Checkpoint(iterator=iter(tf.data.Dataset.range(3)))


def test_a_tf_module_ends_in_the_one_line_error_and_a_layer_is_saved(tf):
    from tracekeras.shim import NOT_IMPLEMENTED
    module = tf.Module(name="holder")
    module.v = tf.Variable(1.0)
    with pytest.raises(NOT_IMPLEMENTED, match=r"tf.train.Checkpoint of a tf.Module \(model\)"):
        tf.train.Checkpoint(model=module)
    tf.train.Checkpoint(model=tf.keras.layers.Dense(2))   # a Layer is a tf.Module too
