"""How many BLAS threads the training loops run with (the thread policy).

Owns one decision: the BLAS thread limit inside ``blas_threads_for(model)``, the
context manager ``Model.fit``/``evaluate``/``predict`` (``engine/training.py``)
enter around their epochs (which also applies ``heap.keep_freed_buffers``, the
allocator setting of the loops). It receives the model (its weights give the size of
the largest matrix multiplication of a step), hands nothing on, and emits no
trace events (it changes speed, never a result).

Measured on the 2-core AMD EPYC this project runs on (OpenBLAS 0.3.31 from
NumPy 2.4's wheels, ``python benchmarks/blas_crossover.py``), float32
``(m, k) @ (k, n)`` GFLOP/s with 1 thread vs 2 threads:

====================  ===========  ==============  ================
m x k x n             idle 1 / 2   other core busy  work m*k*n
====================  ===========  ==============  ================
128 x 784 x 512       78 / 133     72 / 54          5.1e7 (seed)
512 x 784 x 512       101 / 189    78 / 19          2.1e8
512 x 1024 x 1024     98 / 98-195  67 / 34          5.4e8
1024 x 1024 x 1024    91 / 194     64 / 67          1.1e9
2048 x 2048 x 2048    103 / 201    69 / 94          8.6e9
====================  ===========  ==============  ================

Neither number wins everywhere: on an idle machine two threads ran the seed
step 1.5x faster (a NumPy seed epoch: 0.87 s with 2 threads, 1.32 s with 1),
while with the other core busy they cost 2.6x (OpenBLAS threads spin and fight
for the core). So the policy decides, once per matmul shape and process:

* a model with convolutions runs one BLAS thread, unmeasured, and the loops turn on
  ``parallel`` instead: its convolutions and max poolings split their batch over
  Python threads, which sleep while they wait (OpenBLAS's spin: a convnet fit that a
  quiet-moment measurement had given two BLAS threads took 5-23 s an epoch instead of
  1.9 s once the machine was busy);
* above ``SMALL_WORK = 2**30`` multiply-adds (``batch_size x`` the model's
  largest weight) BLAS keeps its own setting: big matmuls gain from threads;
* below ``MIN_MEASURED = 2**22`` it runs one thread: the matmuls are too small
  for threads to pay, or to time reliably. A lone product of that size, timed back
  to back, can still look faster on two threads; in a loop, with Python's work
  between the products, the threads cost more than they give (keras.io's addition
  RNN, LSTM(128) at batch 32: 2.1e6 multiply-adds a product, ran 4.4 s with two
  threads against 2.5 s with one on a quiet machine, while the seed MLP at batch 32,
  1.3e7, ran 0.37-0.51 s an epoch with two against 0.46-0.49 s with one);
* in between it times the model's largest matmul (``(rows, k) @ (k, n)``, a few
  milliseconds, 4 to 20 times depending on its size) with one thread and with
  BLAS's own count, taking turns, and keeps one thread unless the others are at
  least 5 % faster. The answer is cached per shape.

* a model with MultiHeadAttention runs one BLAS thread, unmeasured: its score and
  combine einsums are batched matmuls of one small product per example and head
  (keras.io's transformer text classifier: 64 products of 200 x 32 x 200 a batch),
  which two OpenBLAS threads, woken for each, made 10-20x slower on the busy machine
  (``benchmarks/transformer.py``: 47 s an epoch against 3.8 s with one thread).

An Embedding's table is looked up, not multiplied, so it is not counted as a matmul
(its 20000 x 32 table had the policy time a 32 x 20000 x 32 product that never runs).
A model not built yet (no weights) counts as small.

Outside the loops (building a model, which runs each layer once on placeholders; a
custom training loop of ``tf.GradientTape``; a model called directly) the products are
those of one batch or of one example, the same small products the policy gives one thread
inside the loops, with no model to measure. So when ``tracekeras.backend`` is imported,
``limit_outside_loops`` runs BLAS on one thread for the rest of the process (recording
BLAS's own count, which the loops give back to a model of large products). Measured with
the other core busy: a custom loop of 200 steps of a small MLP 0.59 s with two threads
against 0.18 s with one, ``ResNet50(weights=None)`` built in 2.6-4.8 s against 0.9 s.

The user decides instead with ``set_blas_threads(n)`` or the environment
variable ``TRACEKERAS_BLAS_THREADS``: a positive integer runs that many threads,
``"off"`` turns the policy off (BLAS keeps its own setting, nothing is measured, inside
the loops and out), ``"auto"`` (or ``None`` for the function) is the policy. ``set_blas_threads``
wins over the variable; a count it sets holds outside the loops too. The loops' limits are
restored on exit. Without ``threadpoolctl``
the context manager does nothing (one warning says so, once).
"""
import contextlib
import os
import time
import warnings

import numpy as np

try:
    import threadpoolctl
except ImportError:   # a required dependency; without it the loops leave BLAS as it is
    threadpoolctl = None

from . import heap, parallel

SMALL_WORK = 2 ** 30     # multiply-adds of the largest matmul of a step; see above
MIN_MEASURED = 2 ** 22   # below: one thread without measuring
MEASURED = {}            # (m, k, n) -> (threads, reason), once per process
DEFAULT_BATCH = 32       # Keras's default batch_size
ENV_VAR = "TRACEKERAS_BLAS_THREADS"

AUTO, OFF = "auto", "off"
USER_THREADS = None      # set_blas_threads(n): an int or OFF; None: the env var, then the policy
CONTROLLER = None        # threadpoolctl.ThreadpoolController, made on first use
CONTROLLER_LIBRARIES: list = [None]   # loaded_libraries() when it was made
WARNED = False
OUTSIDE = {"original": None, "limited": False}   # BLAS's own count; lowered outside the loops?


def set_blas_threads(n):
    """Run BLAS with ``n`` threads inside the training loops; ``"off"`` leaves BLAS as it is;
    ``None`` or ``"auto"`` gives the decision back to the environment variable, then the policy."""
    global USER_THREADS
    value = check_threads(n, "set_blas_threads")
    USER_THREADS = None if value == AUTO else value
    limit_outside_loops()


def get_blas_threads():
    """The user's choice (``set_blas_threads`` first, then the env var): an int, ``"off"``, or
    None for the policy."""
    if USER_THREADS is not None:
        return USER_THREADS
    value = check_threads(os.environ.get(ENV_VAR, "").strip() or AUTO, ENV_VAR)
    return None if value == AUTO else value


def check_threads(n, where):
    """``n`` as a positive int, ``"auto"`` or ``"off"``; a ValueError for anything else."""
    if n is None or (isinstance(n, str) and n.strip().lower() in (AUTO, OFF)):
        return AUTO if n is None else n.strip().lower()
    try:
        value = int(n)
    except (TypeError, ValueError):
        value = None
    if value is None or value < 1 or isinstance(n, bool) or (isinstance(n, float) and n != value):
        raise ValueError(f"{where} expects a positive integer number of BLAS threads, 'off' "
                         f"(leave BLAS as it is) or 'auto' (the automatic policy). "
                         f"Received: {n!r}")
    return value


def weight_shapes(model):
    """(rows, columns) of each weight, a vector counting as one row (none when unbuilt)."""
    try:
        weights = model.weights
    except Exception:  # noqa: BLE001 - an unbuilt model may raise; it counts as small
        return []
    shapes = []
    for w in weights:
        if str(getattr(w, "name", "")).rpartition("/")[2].startswith("embeddings:"):
            continue   # an Embedding's table is looked up (rows gathered), not multiplied
        shape = tuple(getattr(w, "value", w).shape)
        rows = int(np.prod(shape[:-1])) if len(shape) > 1 else 1
        shapes.append((rows, int(shape[-1]) if shape else 1))
    return shapes


def has_convolutions(model):
    """Does the model hold a convolution (a kernel of ``ndim > 2``) that has been called,
    so that its output's spatial shape is known?"""
    try:
        layers = list(model._flatten_layers(include_self=False))
    except AttributeError:
        return False
    for layer in layers:
        kernel = getattr(layer, "kernel", None)
        if kernel is None or getattr(kernel, "ndim", 0) <= 2:
            continue
        try:
            spatial = tuple(layer.output_shape)[1:-1]
        except (AttributeError, TypeError, ValueError):
            continue
        if spatial and all(isinstance(d, int) for d in spatial):
            return True
    return False


def has_attention(model):
    """Does the model hold a MultiHeadAttention that has made its einsums (first call)?
    Its products are stacks of small matrices, one per example and head."""
    try:
        layers = list(model._flatten_layers(include_self=False))
    except AttributeError:
        return False
    return any(getattr(layer, "_dot_product_equation", None) for layer in layers)


def decide(model, batch_size=None, ctl=None):
    """``(threads, reason)``: the BLAS thread limit for this model, None meaning "leave as is"."""
    user = get_blas_threads()
    if user == OFF:
        return None, "user setting: off"
    if user is not None:
        return user, "user setting"
    if has_convolutions(model):
        return 1, ("convolutions: one BLAS thread, their batches split over Python threads "
                   "(backend/parallel.py)")
    if has_attention(model):
        return 1, ("attention: stacks of small products (an example and a head each), "
                   "one BLAS thread")
    batch = batch_size or DEFAULT_BATCH
    m, k, n = max(((batch, k, n) for k, n in weight_shapes(model)),
                  key=lambda s: s[0] * s[1] * s[2], default=(0, 0, 0))
    work = m * k * n
    if work >= SMALL_WORK:
        return None, f"large matmuls ({work} >= {SMALL_WORK} multiply-adds a step)"
    if work < MIN_MEASURED or ctl is None:
        return 1, f"small matmuls ({work} multiply-adds a step)"
    if (m, k, n) not in MEASURED:
        MEASURED[(m, k, n)] = measure(ctl, m, k, n)
    return MEASURED[(m, k, n)]


def measure(ctl, m, k, n, repeats=None):
    """Time ``(m, k) @ (k, n)`` in float32 with one BLAS thread and with BLAS's own count.

    The two counts take turns, a few products each, so that a burst of load from
    another process falls on both; the fastest product of each count is compared.
    ``repeats`` products of each: 20 up to ``2**26`` multiply-adds, fewer for larger
    products (4 from ``2**28``), so the measurement stays within about 0.2 s.
    """
    if repeats is None:
        repeats = 4 * max(1, min(5, 2 ** 28 // (m * k * n)))
    rng = np.random.default_rng(0)   # its own generator: the engine's stays untouched
    a = rng.random((m, k), dtype=np.float32)
    b = rng.random((k, n), dtype=np.float32)
    default = original_threads(ctl)
    times = {1: [], default: []}
    for _ in range(repeats // 4):
        for limit in times:
            with ctl.limit(limits=limit, user_api="blas"):
                a @ b   # warm the threads up
                for _ in range(4):
                    start = time.perf_counter()
                    a @ b
                    times[limit].append(time.perf_counter() - start)
    one, many = min(times[1]), min(times[default])
    facts = (f"measured {m}x{k}x{n}: 1 thread {one * 1e3:.2f} ms, "
             f"{default} threads {many * 1e3:.2f} ms")
    if default > 1 and many < 0.95 * one:
        return None, facts
    return 1, facts


def controller():
    """The threadpoolctl controller, or None (warning once) when threadpoolctl is missing.
    Made again when the process has loaded libraries since (a script that imports SciPy
    after its first fit brings SciPy's own OpenBLAS, which must be limited too)."""
    global CONTROLLER, WARNED
    if threadpoolctl is None:
        if not WARNED:
            WARNED = True
            warnings.warn("threadpoolctl is not installed: tracekeras leaves the BLAS thread "
                          "count as it is (small models may train slower on several cores). "
                          "pip install threadpoolctl", RuntimeWarning, stacklevel=3)
        return None
    loaded = loaded_libraries()
    if CONTROLLER is None or loaded is None or CONTROLLER_LIBRARIES[0] != loaded:
        CONTROLLER = threadpoolctl.ThreadpoolController()
        CONTROLLER_LIBRARIES[0] = loaded
    return CONTROLLER


def loaded_libraries():
    """How many shared libraries the process has loaded (Linux: the lines of its maps that
    name a ``.so``), or None where that cannot be read: then the controller is made anew."""
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as f:
            return len({line.rsplit(None, 1)[-1] for line in f if ".so" in line})
    except OSError:
        return None


def original_threads(ctl):
    """BLAS's own thread count: as found before ``limit_outside_loops`` lowered it."""
    if OUTSIDE["original"] is not None:
        return OUTSIDE["original"]
    return max((info.get("num_threads", 1) for info in ctl.info()
                if info.get("user_api") == "blas"), default=1)


def limit_outside_loops():
    """BLAS's thread count outside the training loops: one thread under the policy, the
    user's count when one is set, BLAS's own with ``off`` (see the module docstring).
    Called when ``tracekeras.backend`` is imported and whenever ``set_blas_threads`` changes
    the setting; a bad ``TRACEKERAS_BLAS_THREADS`` leaves BLAS as it is here (the loops
    refuse it, in one line, when they start)."""
    if threadpoolctl is None:
        return
    try:
        user = get_blas_threads()
    except ValueError:
        user = OFF
    if not OUTSIDE["limited"] and user == OFF:
        return
    ctl = controller()
    if OUTSIDE["original"] is None:
        OUTSIDE["original"] = original_threads(ctl)
    ctl.limit(limits=OUTSIDE["original"] if user == OFF else user or 1, user_api="blas")
    OUTSIDE["limited"] = user != OFF


@contextlib.contextmanager
def blas_threads_for(model, batch_size=None):
    """Limit BLAS threads for the loops over ``model`` (see the module docstring); restore after.

    Yields the limit applied (an int) or None when BLAS is left as it is.
    """
    if get_blas_threads() == OFF:
        yield None
        return
    heap.keep_freed_buffers()   # the loops' other speed setting: no page faults each step
    ctl = controller()
    threads, _ = decide(model, batch_size, ctl)
    if threads is None and ctl is not None and OUTSIDE["limited"]:
        threads = original_threads(ctl)   # large products: BLAS's own count, lowered outside
    if ctl is None or threads is None:
        yield None
        return
    # one BLAS thread: the large convolution and pooling work splits over Python threads
    with ctl.limit(limits=threads, user_api="blas"), parallel.enabled(
            None if threads == 1 else 1):
        yield threads
