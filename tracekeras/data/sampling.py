"""Random datasets: ``Dataset.random`` and ``Dataset.sample_from_datasets`` (tf.data's
``RandomDataset`` and ``sample_from_datasets_op``), with TensorFlow's draws.

What it owns:

- ``random(seed)``: an endless dataset of int64 values, each one uint32 word of a Philox
  stream read a word at a time. The stream's two seeds come from a seed generator made
  with the dataset (``ShuffleSeedGenerator``, the one ``shuffle`` uses): the same seeds for
  every iterator, or, with ``rerandomize_each_iteration``, the next two words of a stream of
  the dataset's seeds for each new iterator.
- ``sample_from_datasets(datasets, weights)``: TensorFlow builds it from that random
  dataset. Its values, two at a time, seed one draw of a stateless multinomial over the
  logits ``log(weights)`` (uniform without weights; a ``weights`` dataset gives one row of
  weights per draw), and the index drawn says which dataset gives the next element
  (``grouping.choose_from_datasets``; an exhausted dataset's turns are passed over unless
  ``stop_on_empty_dataset``). Datasets of weight 0 are dropped first; one dataset is
  handed back as it is.
- ``stateless_multinomial``: TensorFlow's CPU kernel for one row and one sample: the
  stream of the seed (``philox_random.from_stateless_seed``), two words made into a double
  in [0, 1), scaled by the total of ``exp(logit - max)`` (finite logits only, in float64),
  and the first class whose running total exceeds it.

What it receives: datasets, weights (a list, an array or a dataset) and seeds. What it
hands on: ``Dataset``s. No trace events: the adapter that reads a dataset is what the
trace shows.
"""
import numpy as np

from tracekeras.backend import philox_random
from tracekeras.backend.dataset_shuffle import ShuffleSeedGenerator, SingleSamples
from tracekeras.backend.random_distributions import uint64_to_double
from tracekeras.data import grouping
from tracekeras.data.dataset import INFINITE_CARDINALITY, Dataset
from tracekeras.data.structure import TensorSpec


def random(seed=None, rerandomize_each_iteration=None, name=None):
    """``tf.data.Dataset.random``: endless int64 values in [0, 2**32)."""
    seeds = ShuffleSeedGenerator(seed, bool(rerandomize_each_iteration))

    def make_iterator():
        words = SingleSamples(philox_random.from_op_seeds(*seeds.generate_seeds()))
        while True:
            yield np.int64(words())

    return Dataset(make_iterator, INFINITE_CARDINALITY, TensorSpec((), np.int64),
                   "_RandomDataset")


def stateless_multinomial(logits, seed):
    """One class index drawn from a row of ``logits`` with the stateless ``seed`` pair."""
    logits = np.asarray(logits)
    finite = np.isfinite(logits)
    top = float(logits[finite].max()) if finite.any() else float(np.finfo(logits.dtype).min)
    weights = np.where(finite, np.exp(logits.astype(np.float64) - top), 0.0)
    cdf = np.cumsum(weights)
    high, low = philox_random.from_stateless_seed(seed).words(2)
    point = float(uint64_to_double(np.uint32(high), np.uint32(low))) * float(cdf[-1])
    return int(np.searchsorted(cdf, point, side="right"))


def checked_weights(datasets, weights):
    """The datasets and weights that take part (weight 0 dropped), as TensorFlow checks
    a list of weights."""
    if len(datasets) != len(weights):
        raise ValueError("Invalid `weights`. `weights` should have the same length as "
                         f"`datasets` but got `len(weights)={len(weights)}` vs. "
                         f"`len(datasets)={len(datasets)}`.")
    array = np.asarray(weights)
    if array.dtype.kind in "iu" or array.dtype == np.float16 or array.dtype == bool:
        dtype = "int32" if array.dtype.kind in "iu" else array.dtype.name
        raise TypeError("Invalid `weights`. `weights` type must be either `tf.float32` or "
                        f"`tf.float64` but is <dtype: '{dtype}'>.")
    kept = [(d, w) for d, w in zip(datasets, array.tolist()) if w > 0]
    if not kept:
        return [datasets[0].take(0)], np.ones(1, np.float32)
    dtype = np.float64 if array.dtype == np.float64 else np.float32
    return [d for d, _ in kept], np.array([w for _, w in kept], dtype)


def sample_from_datasets(datasets, weights=None, seed=None, stop_on_empty_dataset=False,
                         rerandomize_each_iteration=None):
    """``tf.data.Dataset.sample_from_datasets``: elements of ``datasets``, each from the
    dataset a seeded draw picks."""
    datasets = list(datasets)
    if not datasets:
        raise ValueError("Invalid `datasets`. `datasets` should not be empty.")
    seeds = random(seed, rerandomize_each_iteration).batch(2)
    if isinstance(weights, Dataset):
        draws = Dataset.zip((weights, seeds))

        def choose(element):
            row, seed_pair = element
            with np.errstate(divide="ignore"):
                logits = np.log(np.asarray(row).reshape(-1))
            return np.int64(stateless_multinomial(logits, seed_pair))
    else:
        if weights is None:
            logits = np.zeros(len(datasets), np.float32)
        else:
            datasets, weights = checked_weights(datasets, weights)
            with np.errstate(divide="ignore"):
                logits = np.log(weights)
        if len(datasets) == 1:
            return datasets[0]
        draws = seeds

        def choose(seed_pair):
            return np.int64(stateless_multinomial(logits, seed_pair))

    choices = Dataset(lambda: map(choose, draws.elements()), INFINITE_CARDINALITY,
                      TensorSpec((), np.int64), "_MapDataset")
    return grouping.choose_from_datasets(datasets, choices, stop_on_empty_dataset)


def experimental_sample_from_datasets(datasets, weights=None, seed=None,
                                      stop_on_empty_dataset=False):
    """``tf.data.experimental.sample_from_datasets``: the same, without rerandomizing."""
    return sample_from_datasets(datasets, weights, seed, stop_on_empty_dataset)
