"""``text_dataset_from_directory``: files, order, labels and class names as tf_keras 2.21 finds
them (``make_fixtures.py`` ran tf_keras on ``fixtures/texts``)."""
import json
import os

import numpy as np
import pytest

from tracekeras import utils
from tracekeras.data import Dataset
from tracekeras.utils import dataset_utils

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
TEXTS = os.path.join(FIXTURES, "texts")
with open(os.path.join(FIXTURES, "expected.json")) as f:
    EXPECTED = json.load(f)


def relative(paths):
    return [os.path.relpath(p, TEXTS) for p in paths]


@pytest.mark.parametrize("case", EXPECTED["index"], ids=lambda c: f"seed={c['seed']}")
def test_files_are_found_ordered_and_split_like_keras(case, capsys):
    paths, labels, names = dataset_utils.index_directory(
        TEXTS, "inferred", formats=(".txt",), shuffle=case["shuffle"], seed=case["seed"])
    assert (relative(paths), labels.tolist(), names) == (case["paths"], case["labels"],
                                                        case["class_names"])
    assert labels.dtype == np.int32
    split = case["validation_split"]
    train = dataset_utils.get_training_or_validation_split(paths, labels, split, "training")
    val = dataset_utils.get_training_or_validation_split(paths, labels, split, "validation")
    assert (relative(train[0]), relative(val[0])) == (case["training"], case["validation"])
    assert capsys.readouterr().out.splitlines() == [
        "Found 8 files belonging to 3 classes.",
        f"Using {len(case['training'])} files for training.",
        f"Using {len(case['validation'])} files for validation."]


@pytest.mark.parametrize("case", EXPECTED["text"], ids=lambda c: str(c["kwargs"]))
def test_unshuffled_batches_are_keras_batches(case):
    dataset = utils.text_dataset_from_directory(TEXTS, batch_size=2, shuffle=False,
                                                **case["kwargs"])
    assert isinstance(dataset, Dataset)
    assert dataset.class_names == case["class_names"]
    batches = []
    for element in dataset.as_numpy_iterator():
        texts, labels = element if isinstance(element, tuple) else (element, None)
        assert texts.dtype == object
        batches.append({"texts": [t.decode() for t in texts],
                        "labels": None if labels is None else labels.tolist(),
                        "label_dtype": None if labels is None else labels.dtype.name})
    assert batches == case["batches"]


def test_shuffled_subsets_hold_the_keras_files(capsys):
    case = EXPECTED["index"][1]   # seed 1337, validation_split 0.5
    train, val = utils.text_dataset_from_directory(TEXTS, seed=1337, validation_split=0.5,
                                                   subset="both", batch_size=3)
    with_text = dict(zip(case["paths"], case["labels"]))
    texts = {}
    for name in with_text:
        with open(os.path.join(TEXTS, name), "rb") as f:
            texts[f.read()] = name
    seen = [[(texts[t], int(y)) for x, y in part.as_numpy_iterator() for t, y in zip(x, y)]
            for part in (train, val)]
    assert sorted(seen[0]) == sorted((n, with_text[n]) for n in case["training"])
    # the validation subset keeps Keras's order: it is not shuffled again
    assert seen[1] == [(n, with_text[n]) for n in case["validation"]]
    assert [len(x) for x, _ in train.as_numpy_iterator()] == [3, 1]


@pytest.mark.parametrize("kwargs, message", [
    ({"validation_split": 0.2}, "If `subset` is set, `validation_split` must be set, "
                                "and inversely."),
    ({"validation_split": 0.2, "subset": "training"},
     "If using `validation_split` and shuffling the data, you must provide a `seed` argument"),
    ({"validation_split": 1.5, "subset": "training", "seed": 1},
     "`validation_split` must be between 0 and 1, received: 1.5"),
    ({"label_mode": "binary"}, 'When passing `label_mode="binary"`, there must be exactly 2 '
                               "class_names. Received: class_names=\\['neg', 'pos', 'zebra'\\]"),
    ({"label_mode": "sparse"}, '`label_mode` argument must be one of "int", "categorical", '
                               '"binary", or None. Received: label_mode=sparse'),
    ({"class_names": ["neg", "pos"]}, "The `class_names` passed did not match the names of the "
                                      "subdirectories of the target directory."),
    ({"labels": [0, 1], "class_names": ["a"]}, 'You can only pass `class_names` if '
                                               '`labels="inferred"`.'),
])
def test_argument_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        utils.text_dataset_from_directory(TEXTS, **kwargs)


def test_binary_labels_are_float_columns(tmp_path):
    for name, text in (("no/a.txt", "x"), ("yes/b.txt", "yy")):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text)
    (texts, labels), = list(utils.text_dataset_from_directory(tmp_path, label_mode="binary",
                                                              shuffle=False).as_numpy_iterator())
    assert labels.dtype == np.float32 and labels.tolist() == [[0.0], [1.0]]
    assert texts.tolist() == [b"x", b"yy"]


def test_given_labels_follow_the_file_order_as_int32():
    given = [5, 3, 5, 3, 3, 5, 3, 5, 3]   # nine files: without inferred labels .hidden counts
    dataset = utils.text_dataset_from_directory(TEXTS, labels=list(given), shuffle=False,
                                                batch_size=None)
    assert dataset.class_names == [3, 5]
    labels = [y for _, y in dataset]
    assert [int(y) for y in labels] == given and labels[0].dtype == np.int32
