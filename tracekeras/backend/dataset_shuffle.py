"""tf.data's shuffle: ``Dataset.shuffle`` and the shuffle of ``fit(shuffle="batch")``.

What it owns: TensorFlow's ``ShuffleDatasetOp`` on NumPy, driven by its Philox stream.
``ShuffleSeedGenerator`` is a shuffle's seed generator (one per ``Dataset.shuffle``):
each iterator takes its two seeds from it when it is made. ``shuffle_dataset`` is one
pass of the shuffle buffer over the input elements, with those seeds; ``SingleSamples``
reads the stream a uint32 word at a time, as TensorFlow's ``SingleSampleAdapter``.

What it receives: a shuffle's ``seed`` and ``reshuffle_each_iteration`` (the dataset's
seeds come from ``random.get_seed``, the eager op-seed rules), then an iterator of
elements and a buffer size. What it hands on: the elements, in TensorFlow's order. No
trace events (the dataset op that uses it records itself).
"""
from . import philox_random
from .random import KEPT, generator, get_seed


class SingleSamples:
    """A Philox stream read one uint32 word at a time (TensorFlow's ``SingleSampleAdapter``),
    computed a thousand words at once."""

    def __init__(self, stream):
        self.stream = stream
        self.pending = []

    def __call__(self):
        if not self.pending:
            self.pending = self.stream.words(1024).tolist()[::-1]
            self.stream.skip(256)
        return self.pending.pop()

    def copy(self):
        other = SingleSamples(self.stream.skipped(0))
        other.pending = list(self.pending)
        return other


class ShuffleSeedGenerator:
    """The seed generator of one ``Dataset.shuffle``: each iterator asks it for the two seeds
    of its own stream when it is made (``iter()``, read or not). Reshuffling, they are the
    next two words of a stream of the dataset's seeds (``RandomSeedGenerator``); otherwise
    the dataset's seeds every time (``FixedSeedGenerator``). The dataset's seeds are
    ``get_seed(seed)`` (eager), or ``seeds`` when given (a shuffle made in a function graph)."""

    def __init__(self, seed, reshuffle_each_iteration, seeds=None):
        seed, seed2 = get_seed(seed) if seeds is None else seeds
        seed, seed2 = (0, 0) if seed is None else (seed, seed2)
        if seed == 0 and seed2 == 0:          # no seed anywhere: two random ones
            seed, seed2 = (int(s) for s in generator().integers(1, 2**63, size=2))
        self.seeds = seed, seed2
        self.words = SingleSamples(philox_random.from_op_seeds(seed, seed2)) \
            if reshuffle_each_iteration else None

    def generate_seeds(self):
        """The next iterator's seeds; inside ``state_kept`` the stream does not move on."""
        if not self.words:
            return self.seeds
        words = self.words.copy() if KEPT[0] else self.words
        return words(), words()


def shuffle_dataset(elements, buffer_size, seeds):
    """tf.data's ``ShuffleDataset``, one pass over ``elements`` with an iterator's two
    ``seeds`` (from ``ShuffleSeedGenerator.generate_seeds`` when the iterator is made): a
    ring buffer of ``buffer_size`` elements (all of them for ``UNKNOWN_CARDINALITY``, -2);
    each output is the buffered element ``word % count`` places after the oldest, whose
    place the oldest then takes, and the next input refills the buffer."""
    words = SingleSamples(philox_random.from_op_seeds(*seeds))
    if buffer_size <= 0:
        elements = list(elements)
        buffer_size = max(len(elements), 1)
    buffer = [None] * buffer_size
    start = end = 0
    for element in elements:
        buffer[end % buffer_size] = element
        end += 1
        if end - start == buffer_size:
            index = (start + words() % (end - start)) % buffer_size
            yield buffer[index]
            buffer[index] = buffer[start % buffer_size]
            start += 1
    while start < end:
        index = (start + words() % (end - start)) % buffer_size
        yield buffer[index]
        buffer[index] = buffer[start % buffer_size]
        start += 1
