"""``tf.random.Generator``: random numbers from a state kept in a variable.

What it teaches: ``tensorflow/python/ops/stateful_random_ops.py`` with the Philox algorithm
(``alg="philox"``, and ``"auto_select"``, which is Philox on a CPU).

- The state is an int64 variable of three numbers: a 128-bit counter (two) and a 64-bit
  key (one). ``Generator.from_seed(seed)`` chops an int seed into 64-bit pieces, low first,
  so ``from_seed(123)`` is the state ``[123, 0, 0]``; ``from_key_counter`` and
  ``from_state`` take them as given.
- Each draw of ``n`` numbers reads the state and moves the counter on by ``256 n``
  (``RngReadAndSkip``), then runs the stateless kernels (``StatelessRandomUniformV2`` ...)
  on the Philox stream of the key and counter it read: the same distributions as
  ``backend.random``'s stateless ops, without their seed scrambling.
- ``make_seeds(count)``: ``count`` int64 numbers over their whole range stacked over
  zeros, a ``(2, count)`` tensor whose columns are seeds for the stateless ops (the data
  augmentation tutorial's ``rng.make_seeds(2)[0]``); ``split(count)``: new generators whose
  keys are such numbers. ``get_global_generator`` starts from a state of NumPy's entropy
  unless ``set_global_generator`` gave one.
- ``StatefulRandomGenerator``: Keras's ``RandomGenerator`` in its "stateful" mode, a
  ``Generator`` seeded at its first draw (the augmentation layers' ``_random_generator``).

What it receives: shapes, bounds, dtypes. What it hands on: Tensors, constant to the tapes.
Trace events: a ``backend`` instant per draw at level full. The Threefry algorithm ends in
the one-line "tracekeras does not implement" error.
"""
import numpy as np

from tracekeras.shim.errors import OperationNotImplementedByTracekeras, caller

from . import philox_random, random_distributions
from .ops import as_shape
from .random import RandomGenerator, float_draws, scaled
from .tape import record
from .tensor import Variable

PHILOX, THREEFRY, AUTO_SELECT = 1, 2, 3
ALGORITHMS = {"philox": PHILOX, "threefry": THREEFRY, "auto_select": AUTO_SELECT}
STATE_SIZE = 3          # Philox: two counter words of 64 bits, one key
MASK64 = (1 << 64) - 1


def convert_alg_to_int(alg):
    """``random_ops_util.convert_alg_to_int``: a name (any case), an int or an Algorithm."""
    alg = getattr(alg, "value", alg)
    if isinstance(alg, str):
        if alg.lower() not in ALGORITHMS:
            raise ValueError(f"Unknown algorithm name: {alg}")
        alg = ALGORITHMS[alg.lower()]
    alg = int(alg)
    if alg == THREEFRY:
        raise OperationNotImplementedByTracekeras(
            f"tracekeras does not implement tf.random.Generator with alg='threefry' (used by "
            f"{caller()})")
    if alg not in (PHILOX, AUTO_SELECT):
        raise ValueError(f"Argument `alg` got unsupported value {alg}. Supported values are "
                         f"{PHILOX} for the Philox algorithm, {THREEFRY} for the ThreeFry "
                         f"algorithm, and {AUTO_SELECT} for auto-selection.")
    return alg


def as_int64(value):
    """An int (any size, two's complement past 2**63) as an int64."""
    return np.int64(((int(value) & MASK64) ^ (1 << 63)) - (1 << 63))


def int_values(value):
    """The ints of a number, an array, a Tensor or a (nested) list, exactly (NumPy would
    turn a list mixing uint64 and int into floats)."""
    value = getattr(value, "value", value)
    if isinstance(value, np.ndarray):
        return [int(v) for v in value.reshape(-1)]
    if isinstance(value, (list, tuple)):
        return [i for v in value for i in int_values(v)]
    return [int(value)]


def create_rng_state(seed, alg):
    """``tf.random.create_rng_state``: an int seed in 64-bit pieces, low first; a list is
    taken as the last numbers of the state, zeros before it."""
    convert_alg_to_int(alg)
    if isinstance(seed, (int, np.integer)):
        seed, pieces = int(seed), []
        for _ in range(STATE_SIZE):
            pieces.append(seed & MASK64)
            seed >>= 64
        seed = pieces
    values = [as_int64(v) for v in int_values(seed)][:STATE_SIZE]
    return np.asarray([0] * (STATE_SIZE - len(values)) + values, dtype=np.int64)


class Generator:
    """``tf.random.Generator(copy_from=None, state=None, alg=None)``."""

    def __init__(self, copy_from=None, state=None, alg=None):
        if copy_from is not None:
            state, alg = copy_from.state.value, copy_from.algorithm
        elif alg is None or state is None:
            raise ValueError("Give `copy_from`, or both `state` and `alg`.")
        self._alg = convert_alg_to_int(alg)
        if isinstance(state, Variable):
            self._state_var = state
        else:
            values = [as_int64(v) for v in int_values(state)]
            if len(values) != STATE_SIZE:
                raise ValueError(f"Shapes ({len(values)},) and ({STATE_SIZE},) are "
                                 "incompatible")
            self._state_var = Variable(np.asarray(values, np.int64), name="StateVar",
                                       trainable=False)

    @classmethod
    def from_seed(cls, seed, alg=None):
        alg = PHILOX if alg is None else convert_alg_to_int(alg)
        return cls(state=create_rng_state(seed, alg), alg=alg)

    @classmethod
    def from_state(cls, state, alg):
        return cls(state=state, alg=alg)

    @classmethod
    def from_key_counter(cls, key, counter, alg):
        return cls(state=int_values(counter) + int_values(key), alg=alg)

    @classmethod
    def from_non_deterministic_state(cls, alg=None):
        alg = PHILOX if alg is None else convert_alg_to_int(alg)
        state = np.random.default_rng().integers(-2**63, 2**63 - 1, size=STATE_SIZE)
        return cls(state=state, alg=alg)

    @property
    def state(self):
        return self._state_var

    @property
    def algorithm(self):
        return self._alg

    @property
    def key(self):
        return record("tf.random.Generator.key", self._state_var.value[-1].copy(), (), None)

    def reset(self, state):
        self._state_var.assign(np.asarray([as_int64(v) for v in int_values(state)]))

    def reset_from_seed(self, seed):
        self._state_var.assign(create_rng_state(seed, self._alg))

    def skip(self, delta):
        """``RngReadAndSkip``: the state as it was; the counter moves on by ``256 delta``."""
        before = self._state_var.value.copy()
        words = [int(v) & MASK64 for v in before]
        counter = (words[0] | (words[1] << 64)) + 256 * int(delta)
        counter &= (1 << 128) - 1
        self._state_var.assign(np.asarray([as_int64(counter), as_int64(counter >> 64),
                                           before[2]], np.int64))
        return before

    def _stream(self, shape):
        """The Philox stream of a draw of ``shape`` (the key and counter before the skip)."""
        words = [int(v) & MASK64 for v in self.skip(int(np.prod(shape, dtype=np.int64)))]
        counter = philox_random.split64(words[0]) + philox_random.split64(words[1])
        return philox_random.PhiloxRandom(philox_random.split64(words[2]), counter)

    def uniform(self, shape, minval=0, maxval=None, dtype="float32", name=None):
        """Floats in [minval, maxval) (1 by default), or ints: in [minval, maxval), or over
        the whole range when both are None."""
        dtype, shape = np.dtype(getattr(dtype, "as_numpy_dtype", dtype)), as_shape(shape)
        if dtype.kind in "iu" and (minval is None) != (maxval is None):
            raise ValueError(f"For integer dtype {dtype.name}, minval and maxval must be both "
                             f"`None` or both non-`None`; got minval={minval} and "
                             f"maxval={maxval}")
        if dtype.kind in "iu" and minval is None:
            return self.uniform_full_int(shape, dtype)
        n = int(np.prod(shape, dtype=np.int64))
        stream = self._stream(shape)
        if dtype.kind in "iu":
            value = random_distributions.uniform_int(stream, n, minval, maxval, dtype)
            return record("tf.random.Generator.uniform", value.reshape(shape), (), None)
        maxval = 1 if maxval is None else maxval
        value = float_draws(random_distributions.uniform, stream, shape, dtype)
        value = scaled(value, dtype, dtype.type(maxval) - dtype.type(minval), minval)
        return record("tf.random.Generator.uniform", value, (), None)

    def uniform_full_int(self, shape, dtype="uint64", name=None):
        dtype, shape = np.dtype(getattr(dtype, "as_numpy_dtype", dtype)), as_shape(shape)
        n = int(np.prod(shape, dtype=np.int64))
        value = random_distributions.uniform_full_int(self._stream(shape), n, dtype)
        return record("tf.random.Generator.uniform_full_int", value.reshape(shape), (), None)

    def normal(self, shape, mean=0.0, stddev=1.0, dtype="float32", name=None):
        dtype, shape = np.dtype(getattr(dtype, "as_numpy_dtype", dtype)), as_shape(shape)
        value = float_draws(random_distributions.normal, self._stream(shape), shape, dtype)
        return record("tf.random.Generator.normal", scaled(value, dtype, stddev, mean), (), None)

    def truncated_normal(self, shape, mean=0.0, stddev=1.0, dtype="float32", name=None):
        dtype, shape = np.dtype(getattr(dtype, "as_numpy_dtype", dtype)), as_shape(shape)
        value = float_draws(random_distributions.truncated_normal, self._stream(shape), shape,
                            dtype)
        return record("tf.random.Generator.truncated_normal", scaled(value, dtype, stddev, mean),
                      (), None)

    def make_seeds(self, count=1):
        """``count`` seeds for the stateless ops, the columns of a ``(2, count)`` tensor."""
        keys = self.uniform_full_int([count], dtype="int64").value
        return record("tf.random.Generator.make_seeds", np.stack([keys, np.zeros_like(keys)]),
                      (), None)

    def split(self, count=1):
        """``count`` new generators, each keyed by a number drawn from this one."""
        keys = self.uniform_full_int([count], dtype="int64").value
        return [Generator(state=[0, 0, int(key)], alg=self._alg) for key in keys]


class StatefulRandomGenerator(RandomGenerator):
    """Keras's ``backend.RandomGenerator`` in its "stateful" mode, the one the image
    augmentation layers ask for (``force_generator=True``): at the first draw (``_maybe_init``)
    it takes its seed as the stateless mode does (the one given, else the next of Keras's seed
    generator, else Python's ``random``) and makes a ``Generator.from_seed(seed,
    alg="auto_select")``; every draw then moves that generator's state on."""

    def __init__(self, seed=None):
        super().__init__(seed)
        self._generator = None

    def _maybe_init(self):
        if not self._built:
            self._seed = self._create_seed(self._seed)
            self._generator = Generator.from_seed(self._seed, alg=AUTO_SELECT)
            self._built = True

    def random_uniform(self, shape, minval=0.0, maxval=None, dtype="float32"):
        self._maybe_init()
        return self._generator.uniform(shape, minval, maxval, dtype).value


GLOBAL_GENERATOR: list = [None]


def get_global_generator():
    """``tf.random.get_global_generator``: one made from NumPy's entropy unless set."""
    if GLOBAL_GENERATOR[0] is None:
        GLOBAL_GENERATOR[0] = Generator.from_non_deterministic_state()
    return GLOBAL_GENERATOR[0]


def set_global_generator(generator):
    GLOBAL_GENERATOR[0] = generator
