"""``audio_dataset_from_directory`` against tf_keras 2.21 (``make_audio_dataset_fixtures.py``
ran it on ``data/audio``): unshuffled batches (clips, padding, shapes, dtypes, labels in
each label mode), class names, the printed "Found ..." and "Using ..." lines, Keras's
errors, and the batches of seeded shuffles, epoch after epoch: the training and (not
shuffled) validation parts of ``subset="both"`` and a whole shuffled folder."""
import json
import os

import pytest

from tracekeras import utils
from tracekeras.backend import random
from tracekeras.data import Dataset

from . import audio_dataset_scenarios as scenarios

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "data",
                       "audio_expected.json")) as f:
    EXPECTED = json.load(f)


class Keras:
    utils = utils


@pytest.fixture(scope="module")
def ours():
    # as in the fixture script's fresh process: no global seed (an earlier test's
    # set_random_seed would give the seeded shuffles other op seeds, as it would in TF)
    random.set_global_seed(None)
    return scenarios.facts(Keras)


@pytest.mark.parametrize("i", range(len(EXPECTED["unshuffled"])))
def test_unshuffled_batches_and_printed_lines_are_keras_s(ours, i):
    assert ours["unshuffled"][i] == EXPECTED["unshuffled"][i]


@pytest.mark.parametrize("i", range(len(EXPECTED["errors"])))
def test_errors_are_keras_s(ours, i):
    assert ours["errors"][i] == EXPECTED["errors"][i]


@pytest.mark.parametrize("i", range(len(EXPECTED["splits"])))
def test_seeded_subsets_hold_keras_s_files(ours, i):
    assert ours["splits"][i] == EXPECTED["splits"][i]


def test_a_seeded_shuffle_gives_keras_s_batches_epoch_after_epoch(ours):
    assert ours["shuffled"] == EXPECTED["shuffled"]


def test_the_datasets_are_tracekeras_datasets_with_class_names(capsys):
    train, val = utils.audio_dataset_from_directory(
        scenarios.AUDIO, validation_split=0.5, subset="both", seed=1, batch_size=2,
        output_sequence_length=20)
    assert isinstance(train, Dataset) and isinstance(val, Dataset)
    assert train.class_names == val.class_names == ["down", "go", "up"]
    audio, labels = next(iter(train))
    assert audio.shape == (2, 20, 1) and audio.dtype.name == "float32"
    assert labels.dtype.name == "int32"


def test_ragged_datasets_end_in_the_one_line_not_implemented_error():
    from tracekeras.shim.errors import OperationNotImplementedByTracekeras
    with pytest.raises(OperationNotImplementedByTracekeras) as caught:
        utils.audio_dataset_from_directory(scenarios.AUDIO, ragged=True)
    assert str(caught.value).startswith("tracekeras does not implement "
                                        "keras.utils.audio_dataset_from_directory with "
                                        "ragged=True (used by ")
