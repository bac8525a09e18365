"""Philox4x32-10, the counter-based generator behind TensorFlow's random ops.

What it teaches: ``tensorflow/core/lib/random/philox_random.h`` (now
``xla/tsl/lib/random/philox_random.h``) and the two ways TensorFlow turns seeds
into a Philox key and counter.

- A Philox generator has a 64-bit key (two uint32 words) and a 128-bit counter
  (four uint32 words, least significant first). One call encrypts the counter
  under the key with ten rounds and returns four uint32 words; then the counter
  goes up by one. Nothing else is state, so block ``i`` of a stream is simply
  the encryption of ``counter + i``: ``blocks(n)`` computes all ``n`` blocks at
  once on uint32 arrays (a round is two 32x32->64 products, a few xors; the key
  is raised by two Weyl constants between rounds).
- ``PhiloxRandom.skip(count)`` moves the counter on by ``count`` blocks, the way
  a kernel hands each group of outputs its own part of the stream.
- The stateful ops (``tf.random.uniform`` and friends: TensorFlow's
  ``GuardedPhiloxRandom``) build their generator from the op's two seeds:
  ``seed`` becomes the key, ``seed2`` the high half of the counter
  (``from_op_seeds``).
- The stateless ops (``tf.random.stateless_uniform`` ...) scramble their
  two-int seed first: the seed is the counter, a fixed key encrypts it once,
  and the result gives the key and the high half of the counter
  (``from_stateless_seed``, TensorFlow's ``GenerateKey``).
"""
import numpy as np

# The Weyl increments of the key and the round multipliers (Salmon et al., 2011).
W32A, W32B = 0x9E3779B9, 0xBB67AE85
M4x32A, M4x32B = 0xD2511F53, 0xCD9E8D57
ROUNDS = 10
# The key the stateless ops encrypt their seed with before using it.
SCRAMBLE_KEY = (0x3EC8F720, 0x02461E29)
MASK32 = 0xFFFFFFFF


def philox_rounds(counter, key):
    """Ten Philox rounds: ``counter`` (four uint32 arrays) under ``key`` (two ints) -> four
    uint32 arrays."""
    c0, c1, c2, c3 = (np.asarray(word, dtype=np.uint64) for word in counter)
    k0, k1 = int(key[0]), int(key[1])
    mask = np.uint64(MASK32)
    shift = np.uint64(32)
    for round_index in range(ROUNDS):
        if round_index:
            k0, k1 = (k0 + W32A) & MASK32, (k1 + W32B) & MASK32
        product_a = c0 * np.uint64(M4x32A)
        product_b = c2 * np.uint64(M4x32B)
        c0, c1, c2, c3 = ((product_b >> shift) ^ c1 ^ np.uint64(k0),
                          product_b & mask,
                          (product_a >> shift) ^ c3 ^ np.uint64(k1),
                          product_a & mask)
    return [word.astype(np.uint32) for word in (c0, c1, c2, c3)]


def add_to_counter(counter, steps):
    """The 128-bit ``counter`` (four ints) plus each of ``steps`` (uint64 array), as four
    uint64 arrays of 32-bit words."""
    steps = np.asarray(steps, dtype=np.uint64)
    mask, shift = np.uint64(MASK32), np.uint64(32)
    word0 = np.uint64(counter[0]) + (steps & mask)
    word1 = np.uint64(counter[1]) + (steps >> shift) + (word0 >> shift)
    word2 = np.uint64(counter[2]) + (word1 >> shift)
    word3 = np.uint64(counter[3]) + (word2 >> shift)
    return [word0 & mask, word1 & mask, word2 & mask, word3 & mask]


class PhiloxRandom:
    """A Philox stream: ``key`` (two uint32 ints) and ``counter`` (four uint32 ints)."""

    def __init__(self, key, counter=(0, 0, 0, 0)):
        self.key = tuple(int(k) & MASK32 for k in key)
        self.counter = tuple(int(c) & MASK32 for c in counter)

    def skip(self, count):
        """Move on ``count`` blocks (TensorFlow's ``Skip``)."""
        words = add_to_counter(self.counter, np.array([count], dtype=np.uint64))
        self.counter = tuple(int(word[0]) for word in words)

    def skipped(self, count):
        """A copy of this stream ``count`` blocks on."""
        other = PhiloxRandom(self.key, self.counter)
        other.skip(count)
        return other

    def blocks(self, n, offsets=None):
        """The next ``n`` blocks as an ``(n, 4)`` uint32 array, block ``i`` from counter + i
        (or + ``offsets[i]`` when given); the stream itself does not move."""
        steps = np.arange(n, dtype=np.uint64) if offsets is None else offsets
        words = philox_rounds(add_to_counter(self.counter, steps), self.key)
        return np.stack(words, axis=-1)

    def words(self, n):
        """The first ``n`` uint32 words of the stream, four per block."""
        return self.blocks(-(-n // 4)).reshape(-1)[:n]


def split64(value):
    """A 64-bit int as its (low, high) uint32 words, two's complement for negatives."""
    value = int(value) & 0xFFFFFFFFFFFFFFFF
    return value & MASK32, value >> 32


def from_op_seeds(seed, seed2):
    """The stream of a stateful op with attributes ``seed`` and ``seed2``: the key is
    ``seed``, the high counter words are ``seed2``."""
    return PhiloxRandom(split64(seed), (0, 0) + split64(seed2))


def from_stateless_seed(seed):
    """The stream of a stateless op with ``seed`` (two ints): the seed, encrypted once
    under a fixed key, gives the key (first two words) and the counter's high half."""
    counter = split64(seed[0]) + split64(seed[1])
    mixed = philox_rounds([[word] for word in counter], SCRAMBLE_KEY)
    mixed = [int(word[0]) for word in mixed]
    return PhiloxRandom(mixed[:2], (0, 0, mixed[2], mixed[3]))
