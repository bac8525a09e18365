"""``ImageDataGenerator.flow`` and ``flow_from_directory`` give tf_keras 2.21's batches.

data/image_generator.npz and .json were made by make_image_generator_fixtures.py with real
tf_keras (whose transforms run SciPy's ``affine_transform``): with NumPy's global random
state seeded the same, every case's batches (order, labels, augmented pixels) must match
to float32 tolerance, and ``fit`` must read the iterators with the adapter Keras uses.
"""
import json
import os

import numpy as np
import pytest

import tracekeras
from tracekeras.engine import data_adapter
from tracekeras.preprocessing import image
from tracekeras.utils.data_utils import Sequence

from .image_generator_cases import (
    DIRECTORY_CASES,
    FLOW_CASES,
    IMAGES,
    as_arrays,
    directory_case,
    errors,
    fit_on_iterators,
    flow_case,
    images,
    random_functions,
    read_batches,
    saved_pictures,
)

DATA = os.path.join(os.path.dirname(__file__), "data")
KERAS = np.load(os.path.join(DATA, "image_generator.npz"))
with open(os.path.join(DATA, "image_generator.json")) as f:
    FACTS = json.load(f)


def check_batches(kind, name, it):
    found = {}
    for b, batch in enumerate(read_batches(it)):
        for a, array in enumerate(as_arrays(batch)):
            found[f"{kind}/{name}/{b}/{a}"] = np.asarray(array)
    expected = sorted(key for key in KERAS.files if key.startswith(f"{kind}/{name}/"))
    assert sorted(found) == expected
    for key in expected:
        assert found[key].shape == KERAS[key].shape, key
        assert found[key].dtype == KERAS[key].dtype, key
        np.testing.assert_allclose(found[key], KERAS[key], rtol=1e-5, atol=1e-4, err_msg=key)


@pytest.mark.parametrize("name", sorted(FLOW_CASES))
def test_flow_batches_match_tf_keras(name):
    it = flow_case(image, name)
    assert {"len": len(it), "n": it.n} == FACTS[name]
    check_batches("flow", name, it)


@pytest.mark.parametrize("name", sorted(DIRECTORY_CASES))
def test_flow_from_directory_batches_match_tf_keras(name, capsys):
    it = directory_case(image, name)
    facts = FACTS[name]
    assert it.filenames == facts["filenames"]
    assert it.class_indices == facts["class_indices"]
    assert it.classes.tolist() == facts["classes"]
    assert (len(it), it.samples) == (facts["len"], facts["samples"])
    assert capsys.readouterr().out == (f"Found {facts['samples']} images belonging to "
                                       f"{len(facts['class_indices'])} classes.\n")
    check_batches("directory", name, it)


def test_iterators_are_sequences_read_by_the_adapter_keras_chooses():
    x, y = images()
    generator = image.ImageDataGenerator()
    for it in (generator.flow(x, y), generator.flow_from_directory(IMAGES)):
        assert isinstance(it, Sequence)
        chosen = data_adapter.select_data_adapter(it, None).__name__
        assert chosen == FACTS["_adapters"][type(it).__name__]


def test_fit_generator_trains_on_a_directory_iterator():
    np.random.seed(0)
    train = image.ImageDataGenerator(rescale=1 / 255, rotation_range=40, horizontal_flip=True)
    it = train.flow_from_directory(IMAGES, target_size=(8, 8), batch_size=3,
                                   class_mode="binary")
    model = tracekeras.Sequential([tracekeras.Input((8, 8, 3)), tracekeras.layers.Flatten(),
                                   tracekeras.layers.Dense(1, activation="sigmoid")])
    model.compile("rmsprop", "binary_crossentropy", metrics=["acc"])
    with pytest.warns(UserWarning, match="fit_generator"):
        history = model.fit_generator(it, steps_per_epoch=3, epochs=2, verbose=0)
    assert sorted(history.history) == ["acc", "loss"]
    assert len(history.history["loss"]) == 2


def test_bad_arguments_are_refused_with_keras_errors():
    with pytest.raises(ValueError, match="`zoom_range` should be a float or a tuple"):
        image.ImageDataGenerator(zoom_range=(0.1, 0.2, 0.3))
    with pytest.raises(ValueError, match="`validation_split` must be strictly between 0 and 1"):
        image.ImageDataGenerator(validation_split=1.5)
    generator = image.ImageDataGenerator()
    with pytest.raises(ValueError, match="should have rank 4"):
        generator.flow(np.zeros((4, 5, 5)))
    with pytest.raises(ValueError, match="should have the same length"):
        generator.flow(np.zeros((4, 5, 5, 3)), np.zeros(3))
    with pytest.raises(ValueError, match="Invalid class_mode"):
        generator.flow_from_directory(IMAGES, class_mode="multi")
    with pytest.raises(ValueError, match="Input to `.fit\\(\\)` should have rank 4"):
        generator.fit(np.zeros((4, 5, 5)))
    with pytest.raises(NotImplementedError, match="apply_affine_transform with "
                                                  "fill_mode='mirror' \\(used by "):
        image.ImageDataGenerator(fill_mode="mirror")
    with pytest.raises(NotImplementedError, match="does not implement keras.preprocessing."
                                                  "image.ImageDataGenerator.flow_from_dataframe"):
        generator.flow_from_dataframe(None)


def test_unfit_featurewise_standardize_warns_and_leaves_the_image():
    generator = image.ImageDataGenerator(featurewise_center=True)
    x = np.ones((4, 4, 3), dtype="float32")
    with pytest.warns(UserWarning, match="hasn't been fit on any training data"):
        assert np.array_equal(generator.standardize(x.copy()), x)


def test_fit_generator_on_seeded_iterators_matches_tf_keras():
    """Which batches fit reads when, and the draws between them (the adapter's peek at
    batch 0, validation after each epoch, each iterator's ``on_epoch_end`` reshuffle), as
    tf_keras: the same history, weights and next index order."""
    expected = FACTS["_fit_generator"]
    with pytest.warns(UserWarning, match="fit_generator"):
        found = fit_on_iterators(tracekeras)
    assert found["next_index_array"] == expected["next_index_array"]
    assert sorted(found["history"]) == sorted(expected["history"])
    for name, values in expected["history"].items():
        np.testing.assert_allclose(found["history"][name], values, rtol=1e-5, atol=1e-6)
    for mine, theirs in zip(found["weights"], expected["weights"]):
        np.testing.assert_allclose(mine, theirs, rtol=1e-5, atol=1e-6)


def test_refused_arguments_raise_tf_keras_errors():
    assert errors(image) == FACTS["_errors"]


def test_random_functions_match_tf_keras():
    found = random_functions(image)
    assert sorted(found) == sorted(key for key in KERAS.files if key.startswith("random/"))
    for key, array in found.items():
        assert array.shape == KERAS[key].shape, key
        np.testing.assert_allclose(array, KERAS[key], rtol=1e-5, atol=1e-4, err_msg=key)


def test_save_to_dir_writes_keras_names_and_draws_as_keras(tmp_path):
    found, expected = saved_pictures(image, str(tmp_path)), FACTS["_saved_pictures"]
    assert found["names"] == expected["names"]
    np.testing.assert_allclose(found["second_batch"], expected["second_batch"], rtol=1e-5,
                               atol=1e-4)
