"""``tf.random.log_uniform_candidate_sampler`` and ``uniform_candidate_sampler``.

What it teaches: TensorFlow's candidate samplers (``candidate_sampling_ops`` and
the kernels of ``range_sampler.cc``), which draw the *negative* classes of a sampled
softmax or of word2vec's negative sampling. A sampler draws ``num_sampled`` classes
from ``[0, range_max)``: the log-uniform (Zipfian) one gives class ``k`` the
probability ``log((k + 2) / (k + 1)) / log(range_max + 1)``, so small ids (frequent
words, when a vocabulary is sorted by frequency) come often; it draws
``floor(exp(u * log(range_max + 1))) - 1`` for a uniform double ``u``. With
``unique=True`` a class already drawn is drawn again (rejection) until
``num_sampled`` distinct ones are found, and the number of tries enters the expected
counts, ``1 - (1 - p) ** tries`` (else ``p * num_sampled``), computed in float32.
``true_expected_count`` is that count for each true class, ``sampled_expected_count``
for each sampled one.

The numbers are TensorFlow's: the kernel keeps a Philox stream for its seeds
(``random.get_seed`` of the op seed, as every stateful random op), reserves
``2048 * num_sampled`` 32-bit words of it at each call and reads them one at a time
(two a double: ``SimplePhilox.RandDouble``, or ``Rand64 % range`` for the uniform
sampler). TensorFlow keeps one kernel per set of attributes, so calling the op again
with the same seed and arguments goes on along the same stream, as here.

What it owns: the two samplers and their checks (TensorFlow's messages, less the
kernel's ``{{function_node ...}}`` prefix). No trace events (they are ops).
"""
import collections
import ctypes
import ctypes.util
import math

import numpy as np

from . import random
from .op_errors import InvalidArgumentError
from .random_distributions import uint64_to_double
from .tensor import Tensor, convert

# what each op returns, a named triple named after the op, as TensorFlow's
RESULTS = {op: collections.namedtuple(op, "sampled_candidates true_expected_count "
                                          "sampled_expected_count")
           for op in ("LogUniformCandidateSampler", "UniformCandidateSampler")}


class SingleSamples:
    """``SimplePhilox`` over a reserved stream: its uint32 words one at a time."""

    def __init__(self, stream, reserved_words):
        self.stream = stream
        self.words = stream.words(min(reserved_words, 64))
        self.used = 0

    def next_word(self):
        if self.used == len(self.words):   # rejection read further: more words, same stream
            self.words = self.stream.words(2 * len(self.words))
        word = int(self.words[self.used])
        self.used += 1
        return word

    def rand_double(self):
        high, low = self.next_word(), self.next_word()
        return float(uint64_to_double(np.uint32(high), np.uint64(low)))

    def rand64(self):
        low, high = self.next_word(), self.next_word()
        return low | (high << 32)


def log_uniform_sample(samples, range_max):
    value = int(np.exp(samples.rand_double() * np.log1p(range_max))) - 1
    return value % range_max


def log_uniform_probability(values, range_max):
    values = np.asarray(values, dtype=np.float64)
    return (np.log((values + 2.0) / (values + 1.0)) / np.log1p(range_max)).astype(np.float32)


def uniform_sample(samples, range_max):
    return samples.rand64() % range_max


def uniform_probability(values, range_max):
    return np.full(np.shape(values), 1.0 / range_max, dtype=np.float32)


def float_functions():
    """C's float ``log1pf`` and ``expm1f``, which TensorFlow's kernel calls (their last bit
    is not always the exact result's rounding, so NumPy's and ``math``'s differ at times);
    where the C library cannot be loaded, ``math``'s rounded to float32."""
    try:
        libm = ctypes.CDLL(ctypes.util.find_library("m"))
        for fn in (libm.log1pf, libm.expm1f):
            fn.restype, fn.argtypes = ctypes.c_float, [ctypes.c_float]
        return libm.log1pf, libm.expm1f
    except (OSError, TypeError, AttributeError):
        return math.log1p, math.expm1


LOG1PF, EXPM1F = float_functions()


def expected_count(p, batch_size, num_tries):
    """TensorFlow's ``ExpectedCountHelper``, in float32 as its kernel computes it."""
    p = np.asarray(p, dtype=np.float32)
    if num_tries == batch_size:
        return p * np.float32(batch_size)
    tries = np.float32(num_tries)
    out = [np.float32(-EXPM1F(float(tries * np.float32(LOG1PF(-float(x))))))
           for x in p.reshape(-1)]
    return np.array(out, dtype=np.float32).reshape(p.shape)


def check_inputs(op, true_classes, num_true, num_sampled, unique, range_max, name):
    """The op's refusals, before anything is drawn."""
    op = f"{op}] name: {name or ''}"
    if range_max <= 0:
        raise InvalidArgumentError(f"range_max must be positive [Op:{op}")
    if true_classes.ndim != 2:
        raise InvalidArgumentError(f"true_classes must be a matrix [Op:{op}")
    if true_classes.shape[1] != num_true:
        raise InvalidArgumentError("true_classes must have num_true columns, expected: "
                                   f"{true_classes.shape[1]} was: {num_true} [Op:{op}")
    if unique and num_sampled > range_max:
        raise InvalidArgumentError(f"Sampler's range is too small. [Op:{op}")
    outside = true_classes[(true_classes < 0) | (true_classes >= range_max)]
    if outside.size:
        raise InvalidArgumentError(f"`true_candidate` out of range [0, {range_max}), received "
                                   f"{outside[0]} [Op:{op}")


def kernel_samples(op, seed, attrs, num_sampled):
    """The reserved words of this call, from the kernel's stream for these seeds and
    attributes; the kernel moves on by ``2048 * num_sampled`` words."""
    reserved = 2048 * num_sampled
    blocks = (reserved + 3) // 4
    seeds = random.get_seed(seed)
    key = (op, *seeds, attrs)
    stream = random.KERNELS.get(key) or random.op_stream(*seeds)
    random.KERNELS[key] = (stream.skipped(blocks) if seeds[0] is not None
                           else random.op_stream(None, None))
    return SingleSamples(stream, reserved)


def sample_candidates(op, sample, probability, true_classes, num_true, num_sampled, unique,
                      range_max, seed, name):
    true_classes = np.asarray(convert(true_classes).value)
    if true_classes.dtype != np.int64:
        raise InvalidArgumentError(f"cannot compute {op} as input #0(zero-based) was expected "
                                   f"to be a int64 tensor but is a {true_classes.dtype.name} "
                                   f"tensor [Op:{op}] name: {name or ''}")
    num_sampled, range_max = int(num_sampled), int(range_max)
    check_inputs(op, true_classes, int(num_true), num_sampled, unique, range_max, name)
    samples = kernel_samples(op, seed, (int(num_true), num_sampled, bool(unique), range_max),
                             num_sampled)
    picked, seen, tries = [], set(), 0
    while len(picked) < num_sampled:
        tries += 1
        value = sample(samples, range_max)
        if not unique or value not in seen:
            seen.add(value)
            picked.append(value)
    if not unique:
        tries = num_sampled
    sampled = np.array(picked, dtype=np.int64)
    return RESULTS[op](
        Tensor(sampled),
        Tensor(expected_count(probability(true_classes, range_max), num_sampled, tries)),
        Tensor(expected_count(probability(sampled, range_max), num_sampled, tries)))


def log_uniform_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max,
                                  seed=None, name=None):
    """``num_sampled`` classes of ``[0, range_max)`` drawn log-uniformly (see the module)."""
    return sample_candidates("LogUniformCandidateSampler", log_uniform_sample,
                             log_uniform_probability, true_classes, num_true, num_sampled,
                             unique, range_max, seed, name)


def uniform_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max,
                              seed=None, name=None):
    """``num_sampled`` classes of ``[0, range_max)`` drawn uniformly."""
    return sample_candidates("UniformCandidateSampler", uniform_sample, uniform_probability,
                             true_classes, num_true, num_sampled, unique, range_max, seed, name)
