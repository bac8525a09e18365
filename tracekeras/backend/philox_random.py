"""Philox4x32-10, the counter-based generator behind TensorFlow's random ops.

What it teaches: ``tensorflow/core/lib/random/philox_random.h`` (now
``xla/tsl/lib/random/philox_random.h``) and the two ways TensorFlow turns seeds
into a Philox key and counter.

- A Philox generator has a 64-bit key (two uint32 words) and a 128-bit counter
  (four uint32 words, least significant first). One call encrypts the counter
  under the key with ten rounds and returns four uint32 words; then the counter
  goes up by one. Nothing else is state, so block ``i`` of a stream is simply
  the encryption of ``counter + i``: ``blocks(n)`` computes the ``n`` blocks
  ``CHUNK_BLOCKS`` at a time on whole arrays of uint32 values (a round is two
  32x32->64 products, a few xors; the key is raised by two Weyl constants
  between rounds).
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
# Blocks encrypted at a time. Speed: the four words and two products of 8192 blocks
# (384 KB) stay in the L2 cache through the ten rounds (a dropout mask of 204,800 draws:
# 3x faster than whole arrays). The chunks run on the calling thread: shared out among
# ``parallel``'s threads (fifty small NumPy calls a chunk), the MNIST convnet's epoch
# took 5 % more CPU for no shorter wall time (benchmarks/README.md, 2026-12-07).
CHUNK_BLOCKS = 8192


def philox_rounds(counter, key):
    """Ten Philox rounds: ``counter`` (four uint32 arrays) under ``key`` (two ints, or two
    uint32 arrays: a key per column) -> four uint32 arrays."""
    words = np.array([np.asarray(counter[i], dtype=np.uint64) for i in PAIRED])
    encrypt(words, key)
    return list(words[PAIRED].astype(np.uint32))


# The words of a block in the order ``encrypt`` keeps them: (c0, c2) then (c1, c3). The
# order is its own inverse.
PAIRED = [0, 2, 1, 3]
MULTIPLIERS = np.array([[M4x32A], [M4x32B]], dtype=np.uint64)
WEYL = np.array([[W32A], [W32B]], dtype=np.uint64)


def encrypt(words, key):
    """The ten rounds in place on ``words`` ``(4, m)``, uint64 arrays holding uint32 values,
    in the order ``PAIRED``: (c0, c2), then (c1, c3). A round is
    (c0, c1, c2, c3) <- (hi(b) ^ c1 ^ k0, lo(b), hi(a) ^ c3 ^ k1, lo(a)) with
    a = c0 * M4x32A, b = c2 * M4x32B. Speed: each step writes into an array it is given
    (no fresh array per operation), and works on both pairs at once (half the NumPy calls
    of a word at a time: the 51,200 blocks of a dropout mask of 204,800 draws about
    1.15x faster)."""
    evens, odds = words[0:2], words[2:4]          # (c0, c2) and (c1, c3)
    products = np.empty_like(evens)               # (a, b)
    swapped = products[::-1]                      # (b, a)
    mask, shift = np.uint64(MASK32), np.uint64(32)
    per_column = np.ndim(key[0]) > 0              # a key per column (stateless seeds)
    keys = np.array([np.asarray(key[0], np.uint64).reshape(-1),
                     np.asarray(key[1], np.uint64).reshape(-1)])
    for round_index in range(ROUNDS):
        if round_index and per_column:
            np.add(keys, WEYL, out=keys)
            np.bitwise_and(keys, mask, out=keys)
        elif round_index:
            keys[0, 0] = (int(keys[0, 0]) + W32A) & MASK32
            keys[1, 0] = (int(keys[1, 0]) + W32B) & MASK32
        np.multiply(evens, MULTIPLIERS, out=products)
        np.right_shift(swapped, shift, out=evens)     # (c0, c2) = (hi(b), hi(a))
        np.bitwise_xor(evens, odds, out=evens)        #   ^ (c1, c3)
        np.bitwise_xor(evens, keys, out=evens)        #   ^ (k0, k1)
        np.bitwise_and(swapped, mask, out=odds)       # (c1, c3) = (lo(b), lo(a))


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
        out = np.empty((n, 4), dtype=np.uint32)

        def run(part):
            counter = add_to_counter(self.counter, steps[part])
            words = np.array([counter[i] for i in PAIRED])
            encrypt(words, self.key)
            for row, column in enumerate(PAIRED):
                out[part, column] = words[row]
        for lo in range(0, n, CHUNK_BLOCKS):
            run(slice(lo, lo + CHUNK_BLOCKS))
        return out

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
