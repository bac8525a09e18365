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
- ``stateless_multinomial``: TensorFlow's CPU kernel for one sample a row, for a block of
  seeds at once: each seed's stream (``first_words``, the stream of
  ``philox_random.from_stateless_seed`` for all the seeds together), two words made into a
  double in [0, 1), scaled by the total of ``exp(logit - max)`` (finite logits only, in
  float64), and the first class whose running total exceeds it.

What it receives: datasets, weights (a list, an array or a dataset) and seeds. What it
hands on: ``Dataset``s. No trace events: the adapter that reads a dataset is what the
trace shows.
"""
import itertools

import numpy as np

from tracekeras.backend import philox_random
from tracekeras.backend.dataset_shuffle import ShuffleSeedGenerator, SingleSamples
from tracekeras.backend.philox_random import MASK32
from tracekeras.backend.random_distributions import uint64_to_double
from tracekeras.data import grouping
from tracekeras.data.dataset import INFINITE_CARDINALITY, Dataset
from tracekeras.data.structure import TensorSpec

# Draws made at a time (their seeds read from the random words in one go).
BLOCK = 256


def random(seed=None, rerandomize_each_iteration=None, name=None):
    """``tf.data.Dataset.random``: endless int64 values in [0, 2**32)."""
    seeds = ShuffleSeedGenerator(seed, bool(rerandomize_each_iteration))

    def make_iterator():
        for block in random_words(seeds, 1024):
            yield from block

    return Dataset(make_iterator, INFINITE_CARDINALITY, TensorSpec((), np.int64),
                   "_RandomDataset")


def random_words(seeds, n):
    """A new iterator's words of ``Dataset.random``, ``n`` at a time (int64 arrays): its
    stream's seeds from the generator, then the stream read a word at a time."""
    words = SingleSamples(philox_random.from_op_seeds(*seeds.generate_seeds()))
    while True:
        yield np.array([words() for _ in range(n)], np.int64)


def stateless_multinomial(logits, seeds):
    """For each row of ``seeds`` (int64 pairs), the class index TensorFlow's stateless
    multinomial kernel draws from ``logits`` (one row for all, or one row per seed)."""
    logits = np.asarray(logits)
    logits = np.broadcast_to(logits, (len(seeds), logits.shape[-1]))
    finite = np.isfinite(logits)
    top = np.where(finite, logits, np.finfo(logits.dtype).min).max(axis=1, keepdims=True)
    weights = np.where(finite, np.exp(logits.astype(np.float64) - top.astype(np.float64)),
                       0.0)
    cdf = np.cumsum(weights, axis=1)
    high, low = first_words(seeds)
    points = uint64_to_double(high, low) * cdf[:, -1]
    return (cdf <= points[:, None]).sum(axis=1)       # std::upper_bound, row by row


def first_words(seeds):
    """The first two words of each stateless seed's stream (TensorFlow's ``GenerateKey``:
    the seed encrypted under a fixed key gives the stream's key and high counter), for all
    the seeds at once."""
    pairs = np.asarray(seeds, np.int64).view(np.uint64)
    low, high = pairs[:, 0], pairs[:, 1]
    mask, shift = np.uint64(MASK32), np.uint64(32)
    mixed = philox_random.philox_rounds(
        [low & mask, low >> shift, high & mask, high >> shift], philox_random.SCRAMBLE_KEY)
    zeros = np.zeros(len(pairs), np.uint64)
    block = philox_random.philox_rounds([zeros, zeros, mixed[2], mixed[3]],
                                        (mixed[0], mixed[1]))
    return block[0], block[1]


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
    seeds = ShuffleSeedGenerator(seed, bool(rerandomize_each_iteration))
    rows = None
    if isinstance(weights, Dataset):
        rows = weights
    elif weights is None:
        logits = np.zeros(len(datasets), np.float32)
    else:
        datasets, weights = checked_weights(datasets, weights)
        with np.errstate(divide="ignore"):
            logits = np.log(weights)
    if rows is None and len(datasets) == 1:
        return datasets[0]

    def make_iterator():
        """The choices, a block of draws at a time: the random dataset's words in pairs
        seed the draws (with a weights dataset, each over its own row's logits)."""
        rows_left = None if rows is None else rows.elements()
        for words in random_words(seeds, 2 * BLOCK):
            pairs = words.reshape(-1, 2)
            if rows_left is None:
                yield from stateless_multinomial(logits, pairs).tolist()
                continue
            block = [np.asarray(row).reshape(-1) for row in itertools.islice(rows_left, BLOCK)]
            if block:
                with np.errstate(divide="ignore"):
                    yield from stateless_multinomial(np.log(np.stack(block)),
                                                     pairs[:len(block)]).tolist()
            if len(block) < BLOCK:
                return

    choices = Dataset(lambda: map(np.int64, make_iterator()), INFINITE_CARDINALITY,
                      TensorSpec((), np.int64), "_MapDataset")
    return grouping.choose_from_datasets(datasets, choices, stop_on_empty_dataset)


def experimental_sample_from_datasets(datasets, weights=None, seed=None,
                                      stop_on_empty_dataset=False):
    """``tf.data.experimental.sample_from_datasets``: the same, without rerandomizing."""
    return sample_from_datasets(datasets, weights, seed, stop_on_empty_dataset)
