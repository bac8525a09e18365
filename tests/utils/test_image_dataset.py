"""``image_dataset_from_directory``: files, order, splits, labels, pixels and errors as tf_keras
2.21 gives them (``make_image_fixtures.py`` ran tf_keras on ``data/images``).

PNG, BMP and GIF files decode to the same pixels as TensorFlow's; TensorFlow decodes JPEG
with libjpeg's fast integer IDCT, which Pillow does not offer on its own, so JPEG pixels
agree to a few levels of 255.
"""
import json
import os

import numpy as np
import pytest

from tracekeras import preprocessing, utils
from tracekeras.data import Dataset

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
IMAGES = os.path.join(FIXTURES, "images")
with open(os.path.join(FIXTURES, "images_expected.json")) as f:
    EXPECTED = json.load(f)
ARRAYS = np.load(os.path.join(FIXTURES, "images_expected.npz"))
JPEG_LEVELS = 4


def relative(paths):
    return [os.path.relpath(p, IMAGES) for p in paths]


def arguments(kwargs):
    kwargs = {"batch_size": 4, **kwargs}
    directory = os.path.join(IMAGES, kwargs.pop("directory", ""))
    if "image_size" in kwargs:
        kwargs["image_size"] = tuple(kwargs["image_size"])
    return directory, kwargs


@pytest.mark.parametrize("case", EXPECTED["splits"], ids=lambda c: f"seed={c['seed']}")
def test_subsets_hold_the_keras_files(case, capsys):
    if case["validation_split"]:
        train, val = utils.image_dataset_from_directory(
            IMAGES, seed=case["seed"], validation_split=case["validation_split"],
            subset="both", image_size=(4, 4))
        assert relative(val.file_paths) == case["validation"]
        n_val = len(case["validation"])
        assert capsys.readouterr().out.splitlines() == [
            "Found 11 files belonging to 3 classes.",
            f"Using {11 - n_val} files for training.", f"Using {n_val} files for validation."]
    else:
        train = utils.image_dataset_from_directory(IMAGES, seed=case["seed"], image_size=(4, 4))
    assert relative(train.file_paths) == case["training"]
    assert train.class_names == case["class_names"]


def test_one_subset_at_a_time_matches_both():
    case = EXPECTED["splits"][1]
    kwargs = {"seed": case["seed"], "validation_split": case["validation_split"],
              "image_size": (4, 4)}
    train = utils.image_dataset_from_directory(IMAGES, subset="training", **kwargs)
    val = preprocessing.image_dataset_from_directory(IMAGES, subset="validation", **kwargs)
    assert (relative(train.file_paths), relative(val.file_paths)) == (case["training"],
                                                                      case["validation"])
    images, labels = next(iter(val))
    assert images.shape == (3, 4, 4, 3) and labels.dtype == np.int32


@pytest.mark.parametrize("name", sorted(EXPECTED["datasets"]))
def test_unshuffled_batches_are_keras_batches(name):
    case = EXPECTED["datasets"][name]
    directory, kwargs = arguments(case["kwargs"])
    dataset = utils.image_dataset_from_directory(directory, shuffle=False, **kwargs)
    assert isinstance(dataset, Dataset)
    assert dataset.class_names == case["class_names"]
    assert relative(dataset.file_paths) == case["file_paths"]
    unbatched = kwargs["batch_size"] is None
    elements = list(dataset.as_numpy_iterator())
    assert len(elements) == (len(case["file_paths"]) if unbatched else len(case["batches"]))
    for i, (element, batch) in enumerate(zip(elements, case["batches"])):
        images, labels = element if isinstance(element, tuple) else (element, None)
        assert (list(images.shape), images.dtype.name) == (batch["shape"], batch["dtype"])
        assert (None if labels is None else labels.tolist()) == batch["labels"]
        if labels is not None:
            assert labels.dtype.name == batch["label_dtype"]
        first = i if unbatched else 4 * i
        paths = case["file_paths"][first:first + (1 if unbatched else len(images))]
        expected = ARRAYS[f"dataset/{name}/{i}"]
        for j, path in enumerate(paths):
            got = images if unbatched else images[j]
            want = expected if unbatched else expected[j]
            is_jpeg = path.lower().endswith((".jpg", ".jpeg"))
            if is_jpeg or case["kwargs"].get("interpolation") in ("area", "bicubic"):
                # JPEG: a few levels (see above); area and bicubic: float32 rounding
                limit = JPEG_LEVELS if is_jpeg else 1e-4
                np.testing.assert_allclose(got.astype(float), want, rtol=0, atol=limit)
            else:
                np.testing.assert_array_equal(got, want)


def test_shuffled_batches_hold_every_file_once_with_its_label():
    dataset = utils.image_dataset_from_directory(IMAGES, image_size=(3, 3), batch_size=4,
                                                 seed=5)
    paths = dataset.file_paths
    batches = list(dataset.as_numpy_iterator())
    assert [len(labels) for _, labels in batches] == [4, 4, 3]
    plain = utils.image_dataset_from_directory(IMAGES, image_size=(3, 3), batch_size=11,
                                               shuffle=False)
    images_by_sum = {float(image.sum()): label for image, label in
                     zip(*next(plain.as_numpy_iterator()))}
    seen = [(float(image.sum()), int(label)) for images, labels in batches
            for image, label in zip(images, labels)]
    assert sorted(seen) == sorted(images_by_sum.items())
    assert len(paths) == 11


@pytest.mark.parametrize("case", EXPECTED["errors"], ids=lambda c: str(c["kwargs"]))
def test_bad_arguments_raise_what_keras_raises(case):
    kwargs = dict(case["kwargs"])
    if "image_size" in kwargs:
        kwargs["image_size"] = tuple(kwargs["image_size"])
    with pytest.raises(Exception) as raised:
        utils.image_dataset_from_directory(IMAGES, **kwargs)
    assert type(raised.value).__name__ == case["type"]
    assert str(raised.value).replace(IMAGES, "<IMAGES>") == case["message"]


def test_an_empty_subset_and_undecodable_channels_are_errors(tmp_path):
    (tmp_path / "a").mkdir()
    with pytest.raises(ValueError, match="No training images found in directory"):
        utils.image_dataset_from_directory(tmp_path, validation_split=0.5, subset="both",
                                           seed=1)
    gif_only = os.path.join(IMAGES, "roses", "nested")
    dataset = utils.image_dataset_from_directory(gif_only, labels=None, color_mode="grayscale")
    with pytest.raises(ValueError, match="GIF files decode to 3 channels, not 1"):
        list(dataset)


def test_labels_given_as_a_list_follow_the_sorted_files(capsys):
    given = [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 0]   # the 12 files in sorted walk order
    dataset = utils.image_dataset_from_directory(IMAGES, labels=given, label_mode="binary",
                                                 image_size=(2, 2), shuffle=False,
                                                 batch_size=None)
    assert dataset.class_names == [0, 1]
    assert relative(dataset.file_paths)[0] == ".hidden/h1.png"
    labels = [label for _, label in dataset.as_numpy_iterator()]
    assert [float(label[0]) for label in labels] == given
    assert labels[0].dtype == np.float32
    assert capsys.readouterr().out == "Found 12 files belonging to 2 classes.\n"
