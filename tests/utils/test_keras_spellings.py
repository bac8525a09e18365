"""The spellings Keras tutorials use for data sets and utilities resolve, under the import
shim of ``tracekeras run``, to the tracekeras objects that implement them."""
import importlib

import pytest

from tracekeras import shim

RESOLUTION = [
    ("from keras.datasets import imdb\nx = imdb.load_data", "tracekeras.datasets.imdb.load_data"),
    ("import tensorflow as tf\nx = tf.keras.datasets.imdb.get_word_index",
     "tracekeras.datasets.imdb.get_word_index"),
    ("from tensorflow import keras\nx = keras.datasets.reuters.load_data",
     "tracekeras.datasets.reuters.load_data"),
    ("from keras.datasets import boston_housing\nx = boston_housing.load_data",
     "tracekeras.datasets.boston_housing.load_data"),
    ("from tensorflow.keras.datasets import fashion_mnist\nx = fashion_mnist.load_data",
     "tracekeras.datasets.fashion_mnist.load_data"),
    ("import keras\nx = keras.datasets.cifar10.load_data", "tracekeras.datasets.cifar10.load_data"),
    ("from keras.datasets.cifar100 import load_data as x",
     "tracekeras.datasets.cifar100.load_data"),
    ("import keras\nx = keras.utils.get_file", "tracekeras.utils.data_utils.get_file"),
    ("from tensorflow.keras.utils import plot_model as x", "tracekeras.utils.vis_utils.plot_model"),
    ("import keras\nx = keras.utils.model_to_dot", "tracekeras.utils.vis_utils.model_to_dot"),
    ("import keras\nx = keras.utils.pad_sequences",
     "tracekeras.preprocessing.sequence.pad_sequences"),
    ("from tensorflow.keras.preprocessing.sequence import pad_sequences as x",
     "tracekeras.preprocessing.sequence.pad_sequences"),
    ("import keras\nx = keras.utils.text_dataset_from_directory",
     "tracekeras.utils.text_dataset.text_dataset_from_directory"),
    ("import tensorflow as tf\nx = tf.keras.preprocessing.text_dataset_from_directory",
     "tracekeras.utils.text_dataset.text_dataset_from_directory"),
    ("import keras\nx = keras.utils.normalize", "tracekeras.utils.np_utils.normalize"),
    ("import keras\nx = keras.utils.set_random_seed", "tracekeras.backend.random.set_seed"),
]


def run_source(source):
    scope = {"__name__": "__main__"}
    with shim.activated():
        exec(compile(source, "script.py", "exec"), scope)
    return scope


@pytest.mark.parametrize("source, target", RESOLUTION,
                         ids=[r[0].split("\n")[-1] for r in RESOLUTION])
def test_keras_spelling_resolves_to_the_tracekeras_object(source, target):
    module, _, attr = target.rpartition(".")
    assert run_source(source)["x"] is getattr(importlib.import_module(module), attr)
