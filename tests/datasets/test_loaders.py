"""``keras.datasets`` loaders: the files Keras caches, read and post-processed as tf_keras does.

The expected arrays come from tf_keras 2.21's own loaders run on the same tiny
files (``make_fixtures.py``); the tiny files stand in for the real downloads,
so each test gives the loaders the tiny files' hashes.
"""
import hashlib
import json
import os
import shutil
import tarfile

import numpy as np
import pytest

from tracekeras import datasets
from tracekeras.datasets import boston_housing, cifar10, cifar100, imdb, mnist, reuters

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
EXPECTED = np.load(os.path.join(FIXTURES, "expected.npz"))

# the cases make_fixtures.py ran tf_keras with
CASES = {
    "imdb_default": ("imdb", {}),
    "imdb_options": ("imdb", dict(num_words=9, skip_top=2, maxlen=7, seed=5, start_char=1,
                                  oov_char=2, index_from=2)),
    "imdb_no_marks": ("imdb", dict(start_char=None, oov_char=None, index_from=1, num_words=8)),
    "reuters_default": ("reuters", {}),
    "reuters_options": ("reuters", dict(num_words=10, skip_top=1, maxlen=8, test_split=0.3,
                                        seed=1, index_from=1)),
    "reuters_no_marks": ("reuters", dict(start_char=None, index_from=0, oov_char=None)),
    "boston_default": ("boston_housing", {}),
    "boston_options": ("boston_housing", dict(test_split=0.4, seed=3)),
    "fashion_mnist": ("fashion_mnist", {}),
    "mnist": ("mnist", {}),
    "cifar10": ("cifar10", {}),
    "cifar100_fine": ("cifar100", {}),
    "cifar100_coarse": ("cifar100", dict(label_mode="coarse")),
}
HASHED = [(imdb, "NPZ_SHA256", "imdb.npz", "sha256"),
          (imdb, "WORD_INDEX_MD5", "imdb_word_index.json", "md5"),
          (reuters, "NPZ_SHA256", "reuters.npz", "sha256"),
          (reuters, "WORD_INDEX_MD5", "reuters_word_index.json", "md5"),
          (boston_housing, "NPZ_SHA256", "boston_housing.npz", "sha256"),
          (mnist, "NPZ_SHA256", "mnist.npz", "sha256")]


def digest(path, algorithm):
    with open(path, "rb") as f:
        return hashlib.new(algorithm, f.read()).hexdigest()


@pytest.fixture
def keras_home(tmp_path, monkeypatch):
    """A Keras cache holding the tiny files, found through ``KERAS_HOME``."""
    home = tmp_path / "keras_home"
    shutil.copytree(os.path.join(FIXTURES, "cache"), home)
    monkeypatch.setenv("KERAS_HOME", str(home))
    for module, constant, name, algorithm in HASHED:
        monkeypatch.setattr(module, constant, digest(home / "datasets" / name, algorithm))
    return home


def assert_like_keras(case, name, ours):
    key = f"{case}/{name}"
    if f"{key}.flat" in EXPECTED:
        assert ours.dtype == object
        assert list(ours.shape) == EXPECTED[f"{key}.shape"].tolist()
        assert [len(x) for x in ours] == EXPECTED[f"{key}.lengths"].tolist()
        assert [int(w) for x in ours for w in x] == EXPECTED[f"{key}.flat"].tolist()
    else:
        assert ours.dtype == EXPECTED[key].dtype, key
        np.testing.assert_array_equal(ours, EXPECTED[key], err_msg=key)


@pytest.mark.parametrize("case", list(CASES))
def test_load_data_returns_what_tf_keras_returns(keras_home, case):
    module, kwargs = CASES[case]
    (x_train, y_train), (x_test, y_test) = getattr(datasets, module).load_data(**kwargs)
    if case == "cifar10":
        # tf_keras broadcast each one-image batch over its 10,000 rows (see make_fixtures.py)
        assert EXPECTED["cifar10/x_train.full_shape"].tolist()[1:] == list(x_train.shape[1:])
    for name, ours in (("x_train", x_train), ("y_train", y_train), ("x_test", x_test),
                       ("y_test", y_test)):
        assert_like_keras(case, name, ours)


@pytest.mark.parametrize("module", ["imdb", "reuters"])
def test_get_word_index(keras_home, module):
    words = getattr(datasets, module).get_word_index()
    assert json.dumps(words, sort_keys=True) == str(EXPECTED[f"{module}_word_index"])


def test_cache_dir_argument_is_searched_before_keras_home(keras_home, tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "empty"))
    (x_train, _), _ = boston_housing.load_data(cache_dir=str(keras_home))
    np.testing.assert_array_equal(x_train, EXPECTED["boston_default/x_train"])


@pytest.mark.parametrize("loader, file, url", [
    (imdb.load_data, "imdb.npz",
     "https://storage.googleapis.com/tensorflow/tf-keras-datasets/imdb.npz"),
    (reuters.get_word_index, "reuters_word_index.json",
     "https://storage.googleapis.com/tensorflow/tf-keras-datasets/reuters_word_index.json"),
    (datasets.fashion_mnist.load_data, os.path.join("fashion-mnist",
                                                    "train-labels-idx1-ubyte.gz"),
     "https://storage.googleapis.com/tensorflow/tf-keras-datasets/train-labels-idx1-ubyte.gz"),
    (mnist.load_data, "mnist.npz",
     "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"),
    (cifar100.load_data, "cifar-100-python.tar.gz",
     "https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz"),
])
def test_a_missing_file_names_where_to_put_it_and_its_url(tmp_path, monkeypatch, loader, file,
                                                          url):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    with pytest.raises(FileNotFoundError) as caught:
        loader()
    message = str(caught.value)
    assert os.path.join(str(tmp_path), "datasets", file) in message
    assert f"Keras downloads it from {url} " in message
    assert not os.path.exists(os.path.join(tmp_path, "datasets", file))


def test_a_file_with_the_wrong_hash_is_refused(keras_home, monkeypatch):
    monkeypatch.setattr(imdb, "NPZ_SHA256", "0" * 64)
    with pytest.raises(ValueError, match=r"does not match the expected sha256 hash 0{64}"):
        imdb.load_data()


@pytest.mark.parametrize("module, folder", [(cifar10, "cifar-10-batches-py"),
                                            (cifar100, "cifar-100-python")])
def test_cifar_archive_is_extracted_when_only_it_is_cached(keras_home, monkeypatch, module,
                                                           folder):
    cached = keras_home / "datasets"
    with tarfile.open(cached / f"{folder}.tar.gz", "w:gz") as tar:
        tar.add(cached / folder, arcname=folder)
    expected = module.load_data()
    shutil.rmtree(cached / folder)
    monkeypatch.setattr(module, "TAR_SHA256", digest(cached / f"{folder}.tar.gz", "sha256"))
    extracted = module.load_data()
    assert (cached / folder).is_dir()
    for ours, theirs in zip(extracted[0] + extracted[1], expected[0] + expected[1]):
        np.testing.assert_array_equal(ours, theirs)


def test_mnist_is_uint8_images_and_labels(keras_home):
    (x_train, y_train), (x_test, y_test) = mnist.load_data()
    assert [a.dtype for a in (x_train, y_train, x_test, y_test)] == [np.uint8] * 4
    assert (x_train.shape, y_train.shape, x_test.shape, y_test.shape) == (
        (3, 28, 28), (3,), (2, 28, 28), (2,))


def test_mnist_is_checked_against_the_real_downloads_sha256(keras_home, monkeypatch):
    # the sha256 tf_keras 2.21's mnist.load_data passes to get_file
    real = "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"
    monkeypatch.setattr(mnist, "NPZ_SHA256", real)
    with pytest.raises(ValueError, match=f"mnist.npz does not match the expected sha256 hash "
                                         f"{real}"):
        mnist.load_data()


def test_mnist_path_and_cache_dir(keras_home, tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "empty"))
    (x_train, _), _ = mnist.load_data(cache_dir=str(keras_home))
    np.testing.assert_array_equal(x_train, EXPECTED["mnist/x_train"])
    (x_train, _), _ = mnist.load_data(path=str(keras_home / "datasets" / "mnist.npz"))
    np.testing.assert_array_equal(x_train, EXPECTED["mnist/x_train"])


def test_imdb_maxlen_that_keeps_nothing_is_an_error(keras_home):
    with pytest.raises(ValueError, match="After filtering for sequences shorter than maxlen=1, "
                                         "no sequence was kept. Increase maxlen."):
        imdb.load_data(maxlen=1)


def test_unknown_keyword_is_a_type_error(keras_home):
    with pytest.raises(TypeError, match="Unrecognized keyword arguments: {'bad': 1}"):
        reuters.load_data(bad=1)


def test_cifar100_label_mode_is_checked_before_reading():
    with pytest.raises(ValueError, match='`label_mode` must be one of `"fine"`, `"coarse"`. '
                                         "Received: label_mode=medium."):
        cifar100.load_data(label_mode="medium")


def test_reuters_label_names():
    names = reuters.get_label_names()
    assert len(names) == 46 and names[:3] == ("cocoa", "grain", "veg-oil")


def test_nb_words_is_the_old_name_of_num_words(keras_home, caplog):
    (x_old, _), _ = imdb.load_data(nb_words=9)
    (x_new, _), _ = imdb.load_data(num_words=9)
    assert x_old.tolist() == x_new.tolist()
    assert "The `nb_words` argument in `load_data` has been renamed `num_words`." in caplog.text
