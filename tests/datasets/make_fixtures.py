"""Write tiny Keras-cache files and what real tf_keras's loaders return for them.

Run with the reference venv (TensorFlow + tf_keras 2.21) from the repository root:

    /work/tfvenv/bin/python tests/datasets/make_fixtures.py

It writes ``tests/datasets/data/cache/datasets/`` in the layout and formats
Keras downloads into ``~/.keras/datasets/`` (``imdb.npz``, ``reuters.npz``,
``boston_housing.npz``, ``mnist.npz``, the two word-index JSON files, ``fashion-mnist/`` with
four gzipped IDX files, ``cifar-10-batches-py/`` and ``cifar-100-python/``
pickles), made small (a few samples each) from a seeded generator, then runs
``tf_keras.datasets.*.load_data`` on them and stores the results in
``data/expected.npz`` (a word-id array as its flat values plus the length of
each sequence). The tiny files cannot match the hashes of the real downloads,
so the loaders' ``get_file`` is given the fixture folder and no hash. tf_keras
wants the CIFAR archive even when its folder is there, so an archive of each
folder is made for the run and removed after it (the tests make their own).

CIFAR-10: tf_keras fills a fixed (50000, ...) array, 10,000 rows per batch
file; each fixture batch holds one image, which broadcasts over its 10,000
rows, so the stored reference keeps every 10,000th row (one per batch file).
"""
import gzip
import json
import os
import pickle
import shutil
import tarfile

import numpy as np
from tf_keras.src.datasets import (
    boston_housing,
    cifar10,
    cifar100,
    fashion_mnist,
    imdb,
    mnist,
    reuters,
)

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "data")
CACHE = os.path.join(FIXTURES, "cache")
DATASETS = os.path.join(CACHE, "datasets")


def sequences(rng, n, vocab=12, longest=9):
    return np.array([list(rng.integers(1, vocab, size=rng.integers(1, longest)).tolist())
                     for _ in range(n)] + [[1]], dtype="object")[:n]


def write_word_data(rng):
    np.savez(os.path.join(DATASETS, "imdb.npz"),
             x_train=sequences(rng, 7), y_train=rng.integers(0, 2, 7),
             x_test=sequences(rng, 5), y_test=rng.integers(0, 2, 5))
    np.savez(os.path.join(DATASETS, "reuters.npz"), x=sequences(rng, 11),
             y=rng.integers(0, 46, 11))
    for name in ("imdb", "reuters"):
        words = {"the": 1, "and": 2, "a": 3, "of": 4, name: 5}
        with open(os.path.join(DATASETS, f"{name}_word_index.json"), "w") as f:
            json.dump(words, f)


def write_idx(path, array, magic):
    header = magic.to_bytes(4, "big") + b"".join(d.to_bytes(4, "big") for d in array.shape)
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
        f.write(header + array.astype(np.uint8).tobytes())


def write_images(rng):
    folder = os.path.join(DATASETS, "fashion-mnist")
    os.makedirs(folder)
    for part, n in (("train", 3), ("t10k", 2)):
        write_idx(os.path.join(folder, f"{part}-labels-idx1-ubyte.gz"),
                  rng.integers(0, 10, n), 2049)
        write_idx(os.path.join(folder, f"{part}-images-idx3-ubyte.gz"),
                  rng.integers(0, 256, (n, 28, 28)), 2051)
    cifar_batches(rng, "cifar-10-batches-py", {f"data_batch_{i}": 1 for i in range(1, 6)}
                  | {"test_batch": 2}, {"labels": 10})
    cifar_batches(rng, "cifar-100-python", {"train": 3, "test": 2},
                  {"fine_labels": 100, "coarse_labels": 20})


def cifar_batches(rng, dirname, sizes, label_keys):
    folder = os.path.join(DATASETS, dirname)
    os.makedirs(folder)
    for name, n in sizes.items():
        batch = {b"data": rng.integers(0, 256, (n, 3072)).astype(np.uint8)}
        batch.update({key.encode(): rng.integers(0, classes, n).tolist()
                      for key, classes in label_keys.items()})
        with open(os.path.join(folder, name), "wb") as f:
            pickle.dump(batch, f, protocol=2)


def tar_folder(name):
    path = os.path.join(DATASETS, name + ".tar.gz")
    with tarfile.open(path, "w:gz") as tar:
        tar.add(os.path.join(DATASETS, name), arcname=name)
    return path


def from_fixture_cache(get_file):
    def fixture_get_file(fname, origin=None, file_hash=None, cache_dir=None, **kwargs):
        return get_file(fname, origin=origin, cache_dir=CACHE, **kwargs)
    return fixture_get_file


CASES = {
    "imdb_default": (imdb, {}),
    "imdb_options": (imdb, dict(num_words=9, skip_top=2, maxlen=7, seed=5, start_char=1,
                                oov_char=2, index_from=2)),
    "imdb_no_marks": (imdb, dict(start_char=None, oov_char=None, index_from=1, num_words=8)),
    "reuters_default": (reuters, {}),
    "reuters_options": (reuters, dict(num_words=10, skip_top=1, maxlen=8, test_split=0.3,
                                      seed=1, index_from=1)),
    "reuters_no_marks": (reuters, dict(start_char=None, index_from=0, oov_char=None)),
    "boston_default": (boston_housing, {}),
    "boston_options": (boston_housing, dict(test_split=0.4, seed=3)),
    "fashion_mnist": (fashion_mnist, {}),
    "mnist": (mnist, {}),
    "cifar10": (cifar10, {}),
    "cifar100_fine": (cifar100, {}),
    "cifar100_coarse": (cifar100, dict(label_mode="coarse")),
}


def store(expected, case, name, array):
    array = np.asarray(array)
    if array.dtype == object:
        expected[f"{case}/{name}.lengths"] = np.array([len(x) for x in array])
        expected[f"{case}/{name}.flat"] = np.array([w for x in array for w in x], np.int64)
        expected[f"{case}/{name}.shape"] = np.array(array.shape)
    else:
        expected[f"{case}/{name}"] = array


def main():
    shutil.rmtree(CACHE, ignore_errors=True)
    os.makedirs(DATASETS)
    rng = np.random.default_rng(20)
    write_word_data(rng)
    boston = rng.normal(10, 5, (10, 13)).round(3)
    np.savez(os.path.join(DATASETS, "boston_housing.npz"), x=boston,
             y=rng.uniform(5, 50, 10).round(1))
    write_images(rng)
    np.savez(os.path.join(DATASETS, "mnist.npz"),
             x_train=rng.integers(0, 256, (3, 28, 28)).astype(np.uint8),
             y_train=rng.integers(0, 10, 3).astype(np.uint8),
             x_test=rng.integers(0, 256, (2, 28, 28)).astype(np.uint8),
             y_test=rng.integers(0, 10, 2).astype(np.uint8))
    for module in (imdb, reuters, boston_housing, fashion_mnist, mnist, cifar10, cifar100):
        module.get_file = from_fixture_cache(module.get_file)
    archives = [tar_folder(name) for name in ("cifar-10-batches-py", "cifar-100-python")]
    expected = {}
    for case, (module, kwargs) in CASES.items():
        (x_train, y_train), (x_test, y_test) = module.load_data(**kwargs)
        if module is cifar10:
            expected[f"{case}/x_train.full_shape"] = np.array(x_train.shape)
            x_train, y_train = x_train[::10000], y_train[::10000]
        for name, value in (("x_train", x_train), ("y_train", y_train), ("x_test", x_test),
                            ("y_test", y_test)):
            store(expected, case, name, value)
    for name in ("imdb", "reuters"):
        words = globals()[name].get_word_index()
        expected[f"{name}_word_index"] = np.array(json.dumps(words, sort_keys=True))
    for archive in archives:
        os.remove(archive)
    np.savez(os.path.join(FIXTURES, "expected.npz"), **expected)
    print(f"wrote {len(expected)} arrays to {FIXTURES}")


if __name__ == "__main__":
    main()
