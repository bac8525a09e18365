"""TensorFlow's random seeds and ops, on the Philox streams of ``philox_random``.

Three kinds of seed, as in TensorFlow 2.21 and tf_keras 2.21:

- ``tf.random.set_seed(g)`` (``set_global_seed``) fixes the global seed and
  starts a ``random.Random(g)`` that hands each unseeded op a new op seed
  (``get_seed``, TensorFlow's ``random_seed.get_seed`` in eager mode). An op's
  two seeds ``(g, op seed)`` pick its Philox stream. TensorFlow keeps one kernel
  per op and seed pair, so calling the same seeded op again continues its stream
  (each call reserves 256 blocks per output); ``set_global_seed`` forgets them
  all, as TensorFlow clears its kernel cache.
- the stateless ops (``stateless_uniform`` ...) take a seed of two ints and are
  pure functions of it.
- ``keras.utils.set_random_seed(s)`` (``set_seed``) seeds Python's ``random``,
  NumPy's global generator and TensorFlow's global seed, and makes Keras's own
  seed generator (``SEED_GENERATOR``) a ``random.Random(s)``: each unseeded
  initializer takes its seed from it (``RandomGenerator``), then draws with the
  stateless ops.

So seeded programs draw the same numbers as TensorFlow: uniform and int draws
and ``shuffle`` bit for bit, normal draws up to the last bit of about one value
in a hundred (see ``random_distributions``). ``fit``'s ``shuffle=True`` permutes
with a ``ShuffleKernel`` seeded as Keras's ``tf.data`` map function is
(``function_graph_seed``), and ``shuffle="batch"`` and ``Dataset.shuffle`` run
tf.data's shuffle buffer (``dataset_shuffle``) on TensorFlow's seeds; random ops in a
tf.data function follow that function's graph (``FunctionGraph``); a ``Dropout`` draws
its mask with ``function_uniform``, seeded as in Keras's train function (unseeded) or
with Keras's legacy op seeds (seeded, as ``GaussianNoise`` and ``GaussianDropout`` draw
with ``function_normal``). ``categorical`` draws TensorFlow's numbers when TensorFlow
computes the batch in one piece (see its docstring). The augmentation layers draw from
``tf.random.Generator`` (``stateful_random_ops``), as Keras's do. The recurrent layers'
dropout draws from ``generator()``, seeded by the same calls: repeatable, but not
TensorFlow's numbers.

The module is longer than 400 lines because TensorFlow's seeding is one concept: the
global and op seeds, the kernel cache that continues a seeded op's stream, and the ops
that read them belong together (the Philox counter, the distributions and the stateful
generator have modules of their own).
"""
import contextlib
import random as py_random

import numpy as np

from . import graph_capture, philox_random, random_distributions
from .ops import as_shape
from .string_ops import InvalidArgumentError
from .tape import record

GENERATOR = np.random.default_rng()
MAXINT32 = 2**31 - 1
DEFAULT_GRAPH_SEED = 87654321
GLOBAL_SEED: list = [None]         # tf.random.set_seed
OP_SEEDS = [py_random.Random()]    # the eager context's op-seed generator
KERNELS: dict = {}                 # (op, seed, seed2, dtype) -> the kernel's stream
SEED_GENERATOR: list = [None]      # keras.backend._SEED_GENERATOR.generator
KEPT = [0]                         # open state_kept blocks: shuffle seed generators only peek


def generator():
    return GENERATOR


def check_seed(seed):
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool):
        raise ValueError(f"Expected `seed` argument to be an integer. Received: seed={seed!r} "
                         f"(of type {type(seed).__name__})")
    return int(seed)


def set_global_seed(seed):
    """``tf.random.set_seed``: the global seed (None: none); op seeds and kernel streams
    start again."""
    seed = None if seed is None else check_seed(seed)
    global GENERATOR
    GLOBAL_SEED[0] = seed
    OP_SEEDS[0] = py_random.Random(seed)
    KERNELS.clear()
    GENERATOR = np.random.default_rng(seed)


def set_seed(seed):
    """``keras.utils.set_random_seed``: Python's ``random``, NumPy's global generator,
    TensorFlow's global seed and Keras's seed generator."""
    seed = check_seed(seed)
    py_random.seed(seed)
    np.random.seed(seed % 2**32)
    set_global_seed(seed)
    SEED_GENERATOR[0] = py_random.Random(seed)


@contextlib.contextmanager
def state_kept(eager_only=False):
    """Every random state the block moves is put back after it: TensorFlow's eager op
    seeds, its kernels' streams and the draws of unseeded kernels, the seeds of the
    shuffles' iterators (``dataset_shuffle.ShuffleSeedGenerator`` only peeks); unless
    ``eager_only``, also Keras's seed generator and NumPy's and Python's global generators.
    A call traced into a graph (Keras's call on symbolic inputs) moves only the
    Python-level ones."""
    global GENERATOR
    op_seeds, kernels, generator_ = OP_SEEDS[0], dict(KERNELS), GENERATOR
    states = [op_seeds.getstate(), generator_.bit_generator.state]
    keras_seeds = SEED_GENERATOR[0]
    if not eager_only:
        states += [None if keras_seeds is None else keras_seeds.getstate(),
                   np.random.get_state(), py_random.getstate()]
    KEPT[0] += 1
    try:
        yield
    finally:
        KEPT[0] -= 1
        op_seeds.setstate(states[0])
        generator_.bit_generator.state = states[1]
        OP_SEEDS[0], GENERATOR = op_seeds, generator_
        KERNELS.clear()
        KERNELS.update(kernels)
        if not eager_only:
            if keras_seeds is not None:
                keras_seeds.setstate(states[2])
            SEED_GENERATOR[0] = keras_seeds
            np.random.set_state(states[3])
            py_random.setstate(states[4])


def get_seed(op_seed):
    """TensorFlow's ``random_seed.get_seed`` (eager): the (seed, seed2) an op runs with.
    Inside a tf.data function, the graph's rule (``FunctionGraph.op_seeds``)."""
    if DATASET_FUNCTIONS:
        return DATASET_FUNCTIONS[-1].op_seeds(op_seed)[1]
    global_seed = GLOBAL_SEED[0]
    if global_seed is not None:
        if op_seed is None:
            op_seed = OP_SEEDS[0].randint(0, MAXINT32)
        seeds = global_seed % MAXINT32, int(op_seed) % MAXINT32
    elif op_seed is not None:
        seeds = DEFAULT_GRAPH_SEED, int(op_seed) % MAXINT32
    else:
        seeds = None, None
    if seeds == (0, 0):
        return 0, MAXINT32
    return seeds


def op_stream(seed, seed2):
    """A new kernel's stream for its two seeds; (None, None) (no seed anywhere) gets two
    random ones, as TensorFlow does."""
    if seed is None:
        seed, seed2 = (int(s) for s in GENERATOR.integers(1, 2**63, size=2))
    return philox_random.from_op_seeds(seed, seed2)


def kernel_stream(op, seed, dtype, outputs):
    """The stream a stateful op kernel draws ``outputs`` values from, moving it on for the
    next call by 256 blocks per output (TensorFlow's ``ReserveRandomOutputs``). Inside a
    tf.data function, the kernel is that function's (``FunctionGraph``)."""
    blocks = outputs * random_distributions.RESERVED_SAMPLES_PER_OUTPUT
    if DATASET_FUNCTIONS:
        graph = DATASET_FUNCTIONS[-1]
        position, seeds = graph.op_seeds(seed)
        stream = graph.kernels.get(position) or op_stream(*seeds)
        graph.kernels[position] = stream.skipped(blocks)
        return stream
    seeds = get_seed(seed)
    key = (op, *seeds, np.dtype(dtype).name)
    stream = KERNELS.get(key) or op_stream(*seeds)
    KERNELS[key] = stream.skipped(blocks) if seeds[0] is not None else op_stream(None, None)
    return stream


# the function graphs being called (of tf.data functions, and of tf.function: tracekeras's
# ``tf.function`` runs its Python body under its trace's graph), innermost last
DATASET_FUNCTIONS: list = []


class FunctionGraph:
    """The random ops of one tf.data function (of ``map``, ``filter``, ``flat_map``,
    ``interleave``) for one iterator. TensorFlow traces the function into a graph when the
    transformation is made, so the graph's seed is the global seed of that moment; its
    random ops take the graph's seeds (``get_seed`` in graph mode: the graph seed with an
    op seed, or with the op's number among the graph's unseeded ones, counted from 0), and
    each iterator instantiates the graph afresh, so their kernels start over with each
    iterator (each epoch draws the same numbers) and go on from element to element. The
    k-th random op of a call is the graph's k-th. A ``tf.function`` (``shim.tf_names``)
    has one per trace, made at the trace's first call: its kernels go on from call to
    call."""

    def __init__(self, global_seed):
        self.global_seed = global_seed    # tf.random.set_seed's when the function was traced
        self.kernels = {}
        self.ops = self.unseeded = 0      # random ops (and shuffles) so far in this call

    @staticmethod
    def traced():
        """Called when a transformation is made: makes each iterator's graph."""
        global_seed = GLOBAL_SEED[0]
        return lambda: FunctionGraph(global_seed)

    @contextlib.contextmanager
    def calling(self):
        """One call of the function: its random ops are this graph's, numbered from 0."""
        self.ops = self.unseeded = 0
        DATASET_FUNCTIONS.append(self)
        try:
            yield
        finally:
            DATASET_FUNCTIONS.pop()

    def op_seeds(self, op_seed):
        """The next random op's position in the graph and its two seeds."""
        position, self.ops = self.ops, self.ops + 1
        if op_seed is not None:
            graph_seed = DEFAULT_GRAPH_SEED if self.global_seed is None else self.global_seed
            seeds = graph_seed % MAXINT32, int(op_seed) % MAXINT32
        elif self.global_seed is None:
            return position, (None, None)
        else:
            index, self.unseeded = self.unseeded, self.unseeded + 1
            seeds = self.global_seed % MAXINT32, index
        return position, ((0, MAXINT32) if seeds == (0, 0) else seeds)


def function_graph_seed(index=0):
    """The seeds of the unseeded random op number ``index`` traced into a function graph
    (a ``tf.data`` map function, a ``tf.function``): a graph counts its op seeds from 0
    (``get_seed`` in graph mode)."""
    global_seed = GLOBAL_SEED[0]
    if global_seed is None:
        return None, None
    seeds = global_seed % MAXINT32, index
    return (0, MAXINT32) if seeds == (0, 0) else seeds


def function_uniform(shape, dtype="float32", make_seed=None, seeded=False):
    """``tf.random.uniform(shape, dtype=dtype, seed=...)`` as a layer draws it (``tf.nn.dropout``'s
    mask): without an op seed, or, for a seeded ``Dropout``, with the op seeds ``make_seed``
    gives (Keras's legacy ``RandomGenerator.make_legacy_seed``), by the rules of
    :func:`function_normal`.

    Inside a train function that Keras runs as a ``tf.function``, the op is part of that
    function's graph: unseeded, its seeds are (global seed when first called, how many
    unseeded random ops the graph had before it), and its kernel goes on from call to call.
    Run eagerly, the eager rules apply (``get_seed``)."""
    return function_draw("RandomUniform", random_distributions.uniform, shape, dtype,
                         make_seed or no_seed, seeded)


def no_seed():
    return None


def function_normal(shape, dtype, make_seed, seeded):
    """``tf.random.normal(shape, dtype=dtype, seed=make_seed())`` as a layer draws it through
    Keras's legacy ``RandomGenerator.random_normal`` (``GaussianNoise``'s noise): ``seeded``
    says whether ``make_seed`` gives op seeds (the layer's seed, one more at each call) or
    None."""
    return function_draw("RandomStandardNormal", random_distributions.normal, shape, dtype,
                         make_seed, seeded)


def keras_op_seed(seed, high=int(10e6)):
    """The op seed of a ``K.random_*`` draw, asked for when the op is made: the one given,
    else ``np.random.randint(high)`` as Keras draws it (once per trace inside a train
    function Keras runs as a ``tf.function``, at each call when eager)."""
    return (lambda: seed) if seed is not None else (lambda: np.random.randint(high))


def function_draw(kernel, distribution, shape, dtype, make_seed, seeded):
    """A draw from the random op ``kernel`` (``distribution`` turns its words into
    numbers), its stream chosen by :func:`op_kernel_stream`."""
    dtype, shape = np.dtype(dtype), as_shape(shape)
    n = int(np.prod(shape, dtype=np.int64))
    stream = op_kernel_stream(kernel, make_seed, seeded, dtype, n)
    return float_draws(distribution, stream, shape, dtype)


def op_kernel_stream(kernel, make_seed, seeded, dtype, outputs):
    """The stream a stateful random op (``kernel``) draws ``outputs`` values of ``dtype``
    from, where it runs.

    Run eagerly (or in a tf.data function), each call asks for its op seed and follows
    the eager rules (``kernel_stream``). Inside a train, test or predict function Keras
    runs as a ``tf.function``, the seed is asked for only while TensorFlow traces the
    function (once or twice at its first call, ``GraphFunction.traces``: so
    ``K.random_normal``'s ``np.random.randint`` runs then, not at each step) and the graph
    runs the last trace's op: unseeded, with the seeds of ``function_graph_seed``, else
    ``get_seed(seed)``; its kernel starts afresh in the graph and goes on from call to
    call. ``seeded`` says whether the op has an op seed."""
    function = graph_capture.current()
    if function is None or DATASET_FUNCTIONS:
        return kernel_stream(kernel, make_seed(), dtype, outputs)
    if seeded:
        key = ("seeded", function.seeded_random_ops)
        function.seeded_random_ops += 1
    else:
        key = function.unseeded_random_ops
        function.unseeded_random_ops += 1
    if key not in function.random_kernels:
        seed = [make_seed() for _ in range(function.traces())][-1]
        seeds = get_seed(seed) if seeded else function_graph_seed(key)
        function.random_kernels[key] = op_stream(*seeds)
    stream = function.random_kernels[key]
    function.random_kernels[key] = stream.skipped(
        outputs * random_distributions.RESERVED_SAMPLES_PER_OUTPUT)
    return stream


class ShuffleKernel:
    """One ``RandomShuffle`` kernel: each call permutes ``n`` items with ``n - 1`` words of
    its stream, then moves the stream on past them (``ReserveSamples32``)."""

    def __init__(self, seeds):
        self.stream = op_stream(*seeds)

    def permutation(self, n):
        order = list(range(n))
        if n <= 1:
            return np.asarray(order, dtype=np.int64)
        words = self.stream.words(n - 1).astype(np.int64)
        self.stream.skip(-(-(n - 1) // 4))
        # Forward Fisher-Yates: item i swaps with one of the items from i on.
        targets = (np.arange(n - 1) + words % np.arange(n, 1, -1)).tolist()
        for i, j in enumerate(targets):
            order[i], order[j] = order[j], order[i]
        return np.asarray(order, dtype=np.int64)


def stateless_stream(seed):
    """The stream of a stateless op: ``seed`` must be two ints."""
    values = np.asarray(getattr(seed, "value", seed))
    if values.shape != (2,) or values.dtype.kind not in "iu":
        raise ValueError(f"Expected `seed` to be a shape [2] integer tensor. Received: "
                         f"seed={seed!r}")
    return philox_random.from_stateless_seed((int(values[0]), int(values[1])))


def float_draws(distribution, stream, shape, dtype):
    """``shape`` draws of float ``dtype``: float16 uniform has its own bits, float16 normal
    rounds the float32 draws, as TensorFlow's kernels do."""
    n = int(np.prod(shape, dtype=np.int64))
    if dtype == np.float16 and distribution is random_distributions.uniform:
        bits = (stream.words(n) & np.uint32(0x3FF)).astype(np.uint16) | np.uint16(0x3C00)
        return (bits.view(np.float16) - np.float16(1.0)).reshape(shape)
    base = np.float64 if dtype == np.float64 else np.float32
    return distribution(stream, n, base).astype(dtype, copy=False).reshape(shape)


def scaled(values, dtype, scale, shift):
    """``values * scale + shift`` with both in ``dtype``, two rounded steps as in TF."""
    return np.add(np.multiply(values, dtype.type(scale)), dtype.type(shift))


def uniform(shape, minval=0, maxval=None, dtype="float32", seed=None, name=None):
    """``tf.random.uniform``: floats in [minval, maxval) (maxval 1 by default); ints need
    maxval."""
    return uniform_draw(shape, minval, maxval, dtype, lambda: seed, seed is not None)


def uniform_draw(shape, minval, maxval, dtype, make_seed, seeded):
    """``tf.random.uniform`` whose op seed ``make_seed()`` gives when it is asked for
    (``op_kernel_stream``); ``seeded``: whether there is one."""
    dtype, shape = np.dtype(dtype), as_shape(shape)
    if maxval is None:
        if dtype.kind in "iu":
            raise ValueError(f"Must specify maxval for integer dtype {dtype.name}")
        maxval = 1
    n = int(np.prod(shape, dtype=np.int64))
    if dtype.kind in "iu":
        stream = op_kernel_stream("RandomUniformInt", make_seed, seeded, dtype, n)
        value = random_distributions.uniform_int(stream, n, minval, maxval, dtype).reshape(shape)
    else:
        minval_is_zero = isinstance(minval, int) and minval == 0
        maxval_is_one = isinstance(maxval, int) and maxval == 1
        stream = op_kernel_stream("RandomUniform", make_seed, seeded, dtype, n)
        value = float_draws(random_distributions.uniform, stream, shape, dtype)
        if minval_is_zero and not maxval_is_one:
            value = np.multiply(value, dtype.type(maxval))
        elif not minval_is_zero:
            value = scaled(value, dtype, dtype.type(maxval) - dtype.type(minval), minval)
    return record("tf.random.uniform", value, (), None)


def normal(shape, mean=0.0, stddev=1.0, dtype="float32", seed=None, name=None):
    """``tf.random.normal``: draws from N(mean, stddev**2)."""
    return normal_draw(shape, mean, stddev, dtype, lambda: seed, seed is not None)


def normal_draw(shape, mean, stddev, dtype, make_seed, seeded, kernel="RandomStandardNormal"):
    """``tf.random.normal`` (``kernel`` ``TruncatedNormal``: ``tf.random.truncated_normal``)
    whose op seed ``make_seed()`` gives when it is asked for (``op_kernel_stream``)."""
    dtype = np.dtype(dtype)
    truncated = kernel == "TruncatedNormal"
    value = function_draw(kernel, random_distributions.truncated_normal if truncated
                          else random_distributions.normal, shape, dtype, make_seed, seeded)
    name = "tf.random.truncated_normal" if truncated else "tf.random.normal"
    return record(name, scaled(value, dtype, stddev, mean), (), None)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype="float32", seed=None, name=None):
    """``tf.random.truncated_normal``: normal draws within two standard deviations."""
    return normal_draw(shape, mean, stddev, dtype, lambda: seed, seed is not None,
                       kernel="TruncatedNormal")


def gamma(shape, alpha, beta=None, dtype="float32", seed=None, name=None):
    """``tf.random.gamma``: ``shape`` draws for each entry of ``alpha`` (the result's shape is
    ``shape`` + alpha's) from Gamma(alpha, beta), beta a rate (1 by default), kept at or above
    the dtype's smallest normal number. Constant to the tape (TensorFlow also differentiates
    the draws with respect to alpha; tracekeras does not)."""
    dtype, shape = np.dtype(dtype), as_shape(shape)
    if dtype not in (np.float16, np.float32, np.float64):
        raise TypeError(f"tf.random.gamma draws half, float32 or float64 values, received "
                        f"dtype={dtype.name}.")
    alpha = np.asarray(getattr(alpha, "value", alpha), dtype=dtype)
    beta = np.asarray(1 if beta is None else getattr(beta, "value", beta), dtype=dtype)
    alphas = np.broadcast_to(alpha, np.broadcast_shapes(alpha.shape, beta.shape))
    n = int(np.prod(shape, dtype=np.int64))
    stream = kernel_stream("RandomGamma", seed, dtype, n * alphas.size)
    draws = random_distributions.gamma(stream, alphas.reshape(-1), n).astype(dtype)
    value = np.maximum(np.finfo(dtype).tiny, draws.reshape(shape + alphas.shape) / beta)
    return record("tf.random.gamma", value, (), None)


def stateless_uniform(shape, seed, minval=0, maxval=None, dtype="float32", name=None,
                      alg="auto_select"):
    """``tf.random.stateless_uniform``: the same ``seed`` gives the same numbers."""
    dtype, shape = np.dtype(dtype), as_shape(shape)
    stream = stateless_stream(seed)
    if dtype.kind in "iu":
        if (minval is None) != (maxval is None):
            raise ValueError(f"For integer `dtype` argument {dtype.name}, argument `minval` and "
                             "`maxval` must be both None or not None. Got "
                             f"`minval`={minval} and `maxval`={maxval}.")
        n = int(np.prod(shape, dtype=np.int64))
        if minval is None:     # every value of the dtype (StatelessRandomUniformFullInt)
            value = random_distributions.uniform_full_int(stream, n, dtype).reshape(shape)
        else:
            value = random_distributions.uniform_int(stream, n, minval, maxval,
                                                     dtype).reshape(shape)
    else:
        maxval = 1 if maxval is None else maxval
        value = float_draws(random_distributions.uniform, stream, shape, dtype)
        value = scaled(value, dtype, dtype.type(maxval) - dtype.type(minval), minval)
    return record("tf.random.stateless_uniform", value, (), None)


def stateless_normal(shape, seed, mean=0.0, stddev=1.0, dtype="float32", name=None,
                     alg="auto_select"):
    """``tf.random.stateless_normal``: N(mean, stddev**2), a pure function of ``seed``."""
    dtype, shape = np.dtype(dtype), as_shape(shape)
    value = float_draws(random_distributions.normal, stateless_stream(seed), shape, dtype)
    return record("tf.random.stateless_normal", scaled(value, dtype, stddev, mean), (), None)


def stateless_truncated_normal(shape, seed, mean=0.0, stddev=1.0, dtype="float32", name=None,
                               alg="auto_select"):
    """``tf.random.stateless_truncated_normal``: within two stddevs, a pure function of
    ``seed``."""
    dtype, shape = np.dtype(dtype), as_shape(shape)
    value = float_draws(random_distributions.truncated_normal, stateless_stream(seed), shape,
                        dtype)
    return record("tf.random.stateless_truncated_normal", scaled(value, dtype, stddev, mean),
                  (), None)


class RandomGenerator:
    """Keras's ``backend.RandomGenerator`` in its "stateless" mode, the one initializers use.

    Its seed is fixed at the first draw: the one given, else the next of Keras's seed
    generator (``set_seed``), else Python's ``random``. Every draw then uses the stateless
    ops with seed ``[seed, 0]``, so an unseeded initializer called twice repeats itself,
    as in Keras (which warns about it)."""

    def __init__(self, seed=None):
        self._seed = seed
        self._built = False

    def _maybe_init(self):
        if not self._built:
            self._seed = self._create_seed(self._seed)
            self._built = True

    @staticmethod
    def _create_seed(user_specified_seed):
        if user_specified_seed is not None:
            return user_specified_seed
        if SEED_GENERATOR[0] is not None:
            return SEED_GENERATOR[0].randint(1, int(1e9))
        return py_random.randint(1, int(1e9))

    def make_seed_for_stateless_op(self):
        self._maybe_init()
        return [self._seed, 0]

    def make_legacy_seed(self):
        """The op seed of a layer's next stateful draw (``Dropout``, ``GaussianNoise`` ...):
        the seed given, then one more at each call (so two draws in one graph differ);
        None without a seed."""
        if self._seed is None:
            return None
        seed, self._seed = self._seed, self._seed + 1
        return seed

    def random_uniform(self, shape, minval=0.0, maxval=None, dtype="float32"):
        return stateless_uniform(shape, self.make_seed_for_stateless_op(), minval, maxval,
                                 dtype).value

    def random_normal(self, shape, mean=0.0, stddev=1.0, dtype="float32"):
        return stateless_normal(shape, self.make_seed_for_stateless_op(), mean, stddev,
                                dtype).value

    def truncated_normal(self, shape, mean=0.0, stddev=1.0, dtype="float32"):
        return stateless_truncated_normal(shape, self.make_seed_for_stateless_op(), mean,
                                          stddev, dtype).value


def shuffle(value, seed=None, name=None):
    """``tf.random.shuffle``: the rows of ``value`` in TensorFlow's random order."""
    array = np.asarray(getattr(value, "value", value))
    if array.ndim == 0:
        raise ValueError("tf.random.shuffle needs a tensor of rank 1 or more; received a "
                         "scalar")
    if DATASET_FUNCTIONS:     # the kernel of a tf.data function's graph
        graph = DATASET_FUNCTIONS[-1]
        position, seeds = graph.op_seeds(seed)
        kernel = graph.kernels.get(position) or ShuffleKernel(seeds)
        graph.kernels[position] = kernel
        return record("tf.random.shuffle", array[kernel.permutation(len(array))], (), None)
    seeds = get_seed(seed)
    key = ("RandomShuffle", *seeds, array.dtype.name)
    kernel = KERNELS.get(key) or ShuffleKernel(seeds)
    KERNELS[key] = kernel if seeds[0] is not None else ShuffleKernel((None, None))
    return record("tf.random.shuffle", array[kernel.permutation(len(array))], (), None)


def categorical(logits, num_samples, dtype="int64", seed=None, name=None):
    """``tf.random.categorical`` (the ``Multinomial`` kernel): ``num_samples`` class indices
    per row of ``logits``, each the first class whose running sum of ``exp(logit - max)``
    exceeds a uniform double times the row's total (non-finite logits never chosen).

    The kernel reserves ``2 * rows * ceil4(num_samples)`` outputs of its stream a call; its
    rows draw two words per sample, one after another. TensorFlow splits a large batch
    over its CPU threads, each piece of rows starting further on in the stream, so TF's
    numbers are matched when it computes the batch in one piece (small batches, or one
    intra-op thread); a larger batch on several threads draws other, equally distributed,
    numbers there."""
    values = np.asarray(getattr(logits, "value", logits))
    if values.dtype.kind not in "f":
        values = values.astype(np.float32)
    dtype = np.dtype(str(dtype))
    if dtype not in (np.int32, np.int64):
        raise TypeError(f"Value passed to parameter 'output_dtype' has DataType "
                        f"{dtype.name} not in list of allowed values: int32, int64")
    num_samples = int(np.asarray(getattr(num_samples, "value", num_samples)))
    if values.ndim != 2:
        raise InvalidArgumentError(f"logits should be a matrix, got shape "
                                   f"[{','.join(str(d) for d in values.shape)}]")
    if num_samples < 0:
        raise InvalidArgumentError(f"num_samples should be nonnegative, got {num_samples}")
    rows, classes = values.shape
    if classes == 0 and rows > 0 and num_samples > 0:
        raise InvalidArgumentError("num_classes should be positive, got 0")
    ceil4 = (num_samples + 3) // 4 * 4
    # two words a sample (a double each), so twice the outputs are reserved
    stream = kernel_stream("Multinomial", seed, values.dtype, rows * ceil4 * 2)
    words = stream.words(2 * rows * num_samples).reshape(rows, num_samples, 2)
    draws = random_distributions.uint64_to_double(words[..., 0], words[..., 1])
    out = np.empty((rows, num_samples), dtype=dtype)
    for b in range(rows):
        finite = np.isfinite(values[b])
        top = values[b][finite].max() if finite.any() else np.finfo(values.dtype).min
        weights = np.exp(values[b].astype(np.float64) - float(top))
        cdf = np.cumsum(np.where(finite, weights, 0.0))
        total = cdf[-1] if classes else 0.0
        out[b] = np.searchsorted(cdf, draws[b] * total, side="right")
    return record("tf.random.categorical", out, (), None)
