"""save_weights at paths that collide with TensorFlow's ``checkpoint`` state file, against
real tf_keras 2.21 (data/checkpoint_paths.json, from make_checkpoint_path_fixtures.py): the
same paths refused with the same RuntimeError, the others saved. tracekeras refuses before
writing anything (TensorFlow has written the checkpoint's data files by then)."""
import json
import os

import pytest

from tracekeras import shim
from tracekeras.backend import clear_session

from . import checkpoint_path_scenarios

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "checkpoint_paths.json"), encoding="utf-8") as f:
    FACTS = json.load(f)


@pytest.fixture()
def keras():
    clear_session()
    with shim.activated():
        import tensorflow as tf
        yield tf.keras


def test_the_paths_tensorflow_refuses_are_refused_with_its_error(keras, tmp_path):
    assert checkpoint_path_scenarios.outcomes(keras, str(tmp_path)) == FACTS["outcomes"]
    assert (tmp_path / "sub" / "checkpoint").is_file()


def test_save_weights_records_the_checkpoint_state_latest_checkpoint_reads(keras, tmp_path):
    from tracekeras.saving.checkpoint_management import latest_checkpoint
    got = checkpoint_path_scenarios.latest_after_saves(keras, latest_checkpoint, str(tmp_path))
    assert got == FACTS["latest_after_saves"]


def test_a_refused_path_writes_nothing(keras, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    model = keras.Sequential([keras.layers.Input((3,)), keras.layers.Dense(2)])
    with pytest.raises(RuntimeError, match="conflicts with path used for checkpoint state"):
        model.save_weights("checkpoint")
    assert os.listdir(tmp_path) == []
