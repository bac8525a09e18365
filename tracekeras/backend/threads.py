"""How many BLAS threads the training loops run with (issue 7's thread policy).

Owns one decision: the BLAS thread limit inside ``blas_threads_for(model)``, the
context manager the fit/evaluate/predict loops of ``engine/training_loops.py``
enter around their epochs. It receives the model (its weights give the size of
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

In a whole seed-model train step (forward, backward, RMSprop; NumPy only) two
threads gained nothing on an idle machine (4.3 ms a step either way) and cost
2.6x when one other process kept the second core busy (11.4 vs 4.4 ms): OpenBLAS
threads spin and fight for the core. With the other core busy, two threads stop
losing at about 1e9 multiply-adds per matmul. So the crossover is
``SMALL_WORK = 2**30`` multiply-adds: when ``batch_size x`` (the largest weight
of the model, e.g. a Dense kernel ``k x n``) is below it, BLAS runs one thread;
above it, BLAS keeps its own setting. A model not built yet (no weights) counts
as small: a teaching engine's models are small, and one thread is never much
slower on them.

The user decides instead with ``set_blas_threads(n)`` (``None`` gives the
decision back to the policy) or the environment variable
``TRACEKERAS_BLAS_THREADS`` (an integer, or ``auto``); ``set_blas_threads``
wins over the variable. Limits are restored on exit. Without ``threadpoolctl``
the context manager does nothing (one warning says so, once).
"""
import contextlib
import os
import warnings

SMALL_WORK = 2 ** 30     # multiply-adds of the largest matmul of a step; see above
DEFAULT_BATCH = 32       # Keras's default batch_size
ENV_VAR = "TRACEKERAS_BLAS_THREADS"

USER_THREADS = None      # set_blas_threads(n); None: the env var, then the policy
CONTROLLER = None        # threadpoolctl.ThreadpoolController, made on first use
WARNED = False


def set_blas_threads(n):
    """Run BLAS with ``n`` threads inside the training loops; ``None`` restores the policy."""
    global USER_THREADS
    USER_THREADS = None if n is None else check_threads(n, "set_blas_threads")


def get_blas_threads():
    """The user's choice (``set_blas_threads`` first, then the env var), or None for the policy."""
    if USER_THREADS is not None:
        return USER_THREADS
    env = os.environ.get(ENV_VAR, "").strip()
    if env in ("", "auto"):
        return None
    return check_threads(env, ENV_VAR)


def check_threads(n, where):
    try:
        value = int(n)
    except (TypeError, ValueError):
        value = None
    if value is None or value < 1 or isinstance(n, bool) or (isinstance(n, float) and n != value):
        raise ValueError(f"{where} expects a positive integer number of BLAS threads "
                         f"(or None/'auto' for the automatic policy). Received: {n!r}")
    return value


def largest_weight_size(model):
    """The element count of the model's largest weight (0 when it has none yet)."""
    try:
        weights = model.weights
    except Exception:  # noqa: BLE001 - an unbuilt model may raise; it counts as small
        return 0
    return max((int(getattr(w, "value", w).size) for w in weights), default=0)


def decide(model, batch_size=None):
    """``(threads, reason)``: the BLAS thread limit for this model, None meaning "leave as is"."""
    user = get_blas_threads()
    if user is not None:
        return user, "user setting"
    work = (batch_size or DEFAULT_BATCH) * largest_weight_size(model)
    if work < SMALL_WORK:
        return 1, f"small matmuls ({work} < {SMALL_WORK} multiply-adds a step)"
    return None, f"large matmuls ({work} >= {SMALL_WORK} multiply-adds a step)"


def controller():
    """The threadpoolctl controller, or None (warning once) when threadpoolctl is missing."""
    global CONTROLLER, WARNED
    if CONTROLLER is None:
        try:
            import threadpoolctl
        except ImportError:
            if not WARNED:
                WARNED = True
                warnings.warn("threadpoolctl is not installed: tracekeras leaves the BLAS thread "
                              "count as it is (small models may train slower on several cores). "
                              "pip install threadpoolctl", RuntimeWarning, stacklevel=3)
            return None
        CONTROLLER = threadpoolctl.ThreadpoolController()
    return CONTROLLER


@contextlib.contextmanager
def blas_threads_for(model, batch_size=None):
    """Limit BLAS threads for the loops over ``model`` (see the module docstring); restore after.

    Yields the limit applied (an int) or None when BLAS is left as it is.
    """
    threads, _ = decide(model, batch_size)
    ctl = controller() if threads is not None else None
    if ctl is None:
        yield None
        return
    with ctl.limit(limits=threads, user_api="blas"):
        yield threads
