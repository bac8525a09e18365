"""From Philox words to numbers: TensorFlow's random distributions and how a kernel fills
a tensor.

What it teaches: ``tensorflow/core/lib/random/random_distributions.h`` and the fill
loop of the random kernels (``FillPhiloxRandom``).

- uniform float32: a word's low 23 bits become the mantissa of a float in [1, 2),
  minus 1 (``uint32_to_float``); float64 takes 20 + 32 bits of two words.
- normal: Box-Muller on two words at a time, ``u1`` (kept above 1e-7) and
  ``u2``; ``sqrt(-2 log u1) * (sin, cos)(2 pi u2)``, in float32.
- truncated normal: normal pairs, keeping only values with ``|x| < 2``, until a
  group of four is full. As the number of words it needs varies, each group of
  four outputs owns 256 blocks of the stream (group ``g`` starts at block
  ``256 g``) so groups do not depend on each other.
- int uniform: ``minval + word % (maxval - minval)`` (int64 joins two words); without
  bounds, the word itself (``uniform_full_int``).
- gamma: one output at a time, each owning 256 blocks, from float64 normal and uniform
  pairs (``gamma_sample``: Marsaglia and Tsang's method, as the ``RandomGamma`` kernel).

Fixed-size distributions take block ``i`` for outputs ``4i .. 4i+3`` (two for
float64 and int64). All of it works on whole arrays of blocks.

Where TensorFlow calls the C library's ``logf`` and ``sincosf``, this computes the
float64 result and rounds it to float32; glibc's float functions are not
correctly rounded in every case, so about one normal draw in a hundred may differ
from TensorFlow's in its last bit (uniform and int draws are exact).
"""
import math

import numpy as np

# Each group of a variable-length distribution owns this many outputs' worth of
# stream (TensorFlow's kReservedSamplesPerOutput).
RESERVED_SAMPLES_PER_OUTPUT = 256
TRUNCATE_VALUE = 2.0
BOX_MULLER_EPSILON = np.float32(1.0e-7)


def uint32_to_float(words):
    """uint32 words -> float32 in [0, 1) from their low 23 bits."""
    bits = words & np.uint32(0x7FFFFF)
    bits |= np.uint32(0x3F800000)                  # in place: bits is a fresh array
    values = bits.view(np.float32)
    values -= np.float32(1.0)
    return values


def uint64_to_double(high, low):
    """Two uint32 words -> float64 in [0, 1) from 20 bits of ``high`` and all of ``low``."""
    mantissa = ((high & np.uint32(0xFFFFF)).astype(np.uint64) << np.uint64(32)) | low
    return (mantissa | np.uint64(1023 << 52)).view(np.float64) - 1.0


def box_muller_float(x0, x1):
    """Two arrays of words -> two float32 arrays of unit normal draws."""
    u1 = np.maximum(uint32_to_float(x0), BOX_MULLER_EPSILON)
    # 2 * pi is a double in TensorFlow's source, so the angle is rounded once from float64.
    v1 = (2.0 * np.pi * uint32_to_float(x1).astype(np.float64)).astype(np.float32)
    log_u1 = np.log(u1.astype(np.float64)).astype(np.float32)
    u2 = np.sqrt(np.float32(-2.0) * log_u1)
    angle = v1.astype(np.float64)
    return (np.sin(angle).astype(np.float32) * u2, np.cos(angle).astype(np.float32) * u2)


def box_muller_double(x0, x1, x2, x3):
    """Four arrays of words -> two float64 arrays of unit normal draws."""
    u1 = np.maximum(uint64_to_double(x0, x1), 1.0e-7)
    v1 = 2 * np.pi * uint64_to_double(x2, x3)
    u2 = np.sqrt(-2.0 * np.log(u1))
    return np.sin(v1) * u2, np.cos(v1) * u2


def uniform(generator, n, dtype):
    """``n`` uniform floats in [0, 1) of ``dtype`` (float32 or float64)."""
    if dtype == np.float64:
        blocks = generator.blocks(-(-n // 2))
        values = uint64_to_double(blocks[:, 0::2], blocks[:, 1::2])
        return values.reshape(-1)[:n]
    return uint32_to_float(generator.words(n))


def normal(generator, n, dtype):
    """``n`` unit normal draws of ``dtype`` (float32 or float64)."""
    if dtype == np.float64:
        blocks = generator.blocks(-(-n // 2))
        first, second = box_muller_double(*(blocks[:, i] for i in range(4)))
        return np.stack([first, second], axis=-1).reshape(-1)[:n]
    blocks = generator.blocks(-(-n // 4))
    f0, f1 = box_muller_float(blocks[:, 0::2], blocks[:, 1::2])
    return np.stack([f0, f1], axis=-1).reshape(-1)[:n]


def truncated_normal(generator, n, dtype):
    """``n`` unit normal draws within two standard deviations, group by group."""
    group_size = 2 if dtype == np.float64 else 4
    groups = -(-n // group_size)
    blocks_per_group = group_size * RESERVED_SAMPLES_PER_OUTPUT // 4
    starts = np.arange(groups, dtype=np.uint64) * np.uint64(blocks_per_group)
    found = np.zeros((groups, group_size), dtype=dtype)
    count = np.zeros(groups, dtype=np.int64)
    pending = np.arange(groups)
    block = 0
    while pending.size:
        # One more block of each group still short of values: its candidates, in order.
        words = generator.blocks(pending.size, offsets=starts[pending] + np.uint64(block))
        if dtype == np.float64:
            first, second = box_muller_double(*(words[:, i] for i in range(4)))
            candidates = np.stack([first, second], axis=-1)
        else:
            f0, f1 = box_muller_float(words[:, 0::2], words[:, 1::2])
            candidates = np.stack([f0, f1], axis=-1).reshape(len(pending), 4)
        kept = np.abs(candidates) < TRUNCATE_VALUE
        slots = count[pending, None] + np.cumsum(kept, axis=1) - 1
        take = kept & (slots < group_size)
        rows = np.broadcast_to(pending[:, None], take.shape)
        found[rows[take], slots[take]] = candidates[take]
        count[pending] += take.sum(axis=1)
        pending = pending[count[pending] < group_size]
        block += 1
    return found.reshape(-1)[:n]


def uniform_int(generator, n, minval, maxval, dtype):
    """``n`` ints in [minval, maxval) of ``dtype`` (int32 or int64)."""
    span = int(maxval) - int(minval)
    if span <= 0:
        raise ValueError(f"Need minval < maxval, got {minval} >= {maxval}")
    if dtype == np.int64:
        blocks = generator.blocks(-(-n // 2))
        bits = blocks[:, 0::2].astype(np.uint64) | (blocks[:, 1::2].astype(np.uint64)
                                                     << np.uint64(32))
        offsets = (bits % np.uint64(span)).reshape(-1)[:n]
    else:
        offsets = generator.words(n) % np.uint32(span & 0xFFFFFFFF)
    return (offsets.astype(np.int64) + int(minval)).astype(dtype)


def uniform_full_int(generator, n, dtype):
    """``n`` ints over the whole range of ``dtype``: a word's bits (int32, uint32), or two
    words, the first the low half (int64, uint64)."""
    dtype = np.dtype(dtype)
    if dtype.itemsize == 8:
        blocks = generator.blocks(-(-n // 2))
        bits = blocks[:, 0::2].astype(np.uint64) | (blocks[:, 1::2].astype(np.uint64)
                                                     << np.uint64(32))
        return bits.reshape(-1)[:n].view(np.int64 if dtype.kind == "i" else np.uint64)
    return generator.words(n).view(np.int32 if dtype.kind == "i" else np.uint32)


class OwnBlocks:
    """The blocks one output of a variable-length kernel owns, handed out in order: output
    ``i`` starts at block ``256 i`` (TensorFlow's per-sample ``Skip``); ``ready`` holds the
    first few, drawn for all outputs at once."""

    def __init__(self, stream, first, ready):
        self.stream, self.first, self.ready, self.used = stream, first, ready, 0

    def next(self):
        index, self.used = self.used, self.used + 1
        if index < len(self.ready):
            return self.ready[index]
        return self.stream.blocks(1, offsets=np.array([self.first + index], np.uint64))[0]


class PairsOfDraws:
    """float64 draws two a block, each pair used last first (the kernel counts its
    ``remaining`` down); a new block only when both are used."""

    def __init__(self, blocks, pair_of):
        self.blocks, self.pair_of, self.left = blocks, pair_of, []

    def __call__(self):
        if not self.left:
            self.left = [float(v[0]) for v in self.pair_of(self.blocks.next()[:, None])]
        return self.left.pop()


def normal_pair(block):
    return box_muller_double(*block)


def uniform_pair(block):
    return uint64_to_double(block[0], block[1]), uint64_to_double(block[2], block[3])


def gamma_sample(alpha, normal, uniform):
    """One Gamma(alpha, 1) draw as TensorFlow's ``RandomGamma`` kernel makes it: alpha 1 is
    an exponential draw; any other alpha Marsaglia and Tsang's transformation-rejection from
    (normal, uniform) pairs, for alpha < 1 on alpha + 1 then scaled by ``u ** (1 / alpha)``."""
    if alpha == 1.0:
        return -math.log1p(-uniform())
    less_than_one = alpha < 1
    d = alpha + (2.0 / 3 if less_than_one else -1.0 / 3)
    c = 1.0 / 3 / math.sqrt(d)
    while True:
        x = normal()
        v = 1 + c * x
        if v <= 0:
            continue
        v = v * v * v
        u = uniform()
        # the squeeze first, which spares the two logs most of the time
        if (u < 1 - 0.0331 * (x * x) * (x * x)
                or math.log(u) < 0.5 * x * x + d * (1 - v + math.log(v))):
            return d * v * (math.pow(uniform(), 1 / alpha) if less_than_one else 1.0)


def gamma(generator, alphas, samples_per_alpha):
    """``samples_per_alpha`` float64 draws for each of ``alphas``, laid out (samples, alphas);
    output ``i`` is of alpha ``i // samples_per_alpha`` and owns 256 blocks of the stream, its
    normal and uniform draws taking blocks from it in the order they are asked for."""
    outputs = len(alphas) * samples_per_alpha
    firsts = np.arange(outputs, dtype=np.uint64) * np.uint64(RESERVED_SAMPLES_PER_OUTPUT)
    ready = generator.blocks(outputs * 4, offsets=np.repeat(firsts, 4) + np.tile(
        np.arange(4, dtype=np.uint64), outputs)).reshape(outputs, 4, 4)
    out = np.empty((samples_per_alpha, len(alphas)))
    for index in range(outputs):
        alpha_index, sample = divmod(index, samples_per_alpha)
        blocks = OwnBlocks(generator, int(firsts[index]), ready[index])
        out[sample, alpha_index] = gamma_sample(float(alphas[alpha_index]),
                                                PairsOfDraws(blocks, normal_pair),
                                                PairsOfDraws(blocks, uniform_pair))
    return out
