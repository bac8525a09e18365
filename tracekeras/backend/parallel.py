"""Two threads for the large array work of a step (a speed setting, never a result).

Owns one device: ``split(fn, parts)`` runs ``fn`` on each part of an op's work, the
first part on the calling thread and the others on a small pool of Python threads,
and returns their results in order. NumPy releases the GIL inside BLAS, copies and
ufuncs, so two parts of one convolution's matmul, im2col or col2im, or of one max
pooling, run on two cores at once. The ops that use it split their work so that
every output element is computed by exactly the same arithmetic as in one piece
(rows of the batch, or columns of a matmul's result, never the terms of a sum): the
numbers do not change.

Why Python threads and not BLAS's own: OpenBLAS's threads spin while they wait for
work. On this project's shared 2-core machine, a convnet fit that the thread policy
let run with two OpenBLAS threads (measured faster in a quiet moment) then took 5-23 s
an epoch against 1.9 s with one thread, as soon as another process took a core. A pool
thread that waits sleeps, so under load the parts simply run one after the other.

It is on only inside ``enabled(workers)``, which the training loops enter through
``threads.blas_threads_for`` when BLAS runs one thread on a machine with several cores
(``TRACEKERAS_SPLIT_THREADS=1`` turns it off, ``=N`` allows N threads); elsewhere, and
for work below ``MIN_BYTES``, ``parts`` gives one part and ``split`` runs it in place.
A part running on a pool thread never splits again (no pool thread waits for another).
It receives callables and index ranges, hands on their results, and emits no trace events.
"""
import contextlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor

MIN_BYTES = 1 << 21          # smaller work runs in one piece: a hand-off costs ~20-50 us
ENV_VAR = "TRACEKERAS_SPLIT_THREADS"
STATE = {"workers": 1, "pool": None}
LOCAL = threading.local()    # .inside: this thread is running a part already


def workers_allowed():
    """Threads the environment allows: ``TRACEKERAS_SPLIT_THREADS`` or the CPU count, at most 4."""
    value = os.environ.get(ENV_VAR, "").strip()
    if value:
        if not value.isdigit() or int(value) < 1:
            raise ValueError(f"{ENV_VAR} expects a positive integer number of threads. "
                             f"Received: {value!r}")
        return int(value)
    return min(os.cpu_count() or 1, 4)


@contextlib.contextmanager
def enabled(workers=None):
    """Let ``split`` use up to ``workers`` threads (default ``workers_allowed()``) inside."""
    previous = STATE["workers"]
    STATE["workers"] = max(1, workers_allowed() if workers is None else int(workers))
    try:
        yield STATE["workers"]
    finally:
        STATE["workers"] = previous


def parts(count, nbytes):
    """``count`` items (rows of a batch, columns of a result) cut into one slice per thread,
    or one slice when splitting is off, the work is under ``MIN_BYTES`` or this thread
    is a pool thread already."""
    n = min(STATE["workers"], count)
    if n <= 1 or nbytes < MIN_BYTES or getattr(LOCAL, "inside", False):
        return [slice(0, count)]
    bounds = [count * i // n for i in range(n + 1)]
    return [slice(a, b) for a, b in zip(bounds[:-1], bounds[1:])]


def split(fn, pieces):
    """``[fn(p) for p in pieces]``, the first on this thread, the rest on pool threads."""
    if len(pieces) == 1:
        return [fn(pieces[0])]
    pool = STATE["pool"]
    if pool is None or pool._max_workers < len(pieces) - 1:
        pool = STATE["pool"] = ThreadPoolExecutor(max(3, len(pieces) - 1),
                                                  thread_name_prefix="tracekeras-split")
    futures = [pool.submit(run_inside, fn, p) for p in pieces[1:]]
    try:
        first = run_inside(fn, pieces[0])
    finally:
        rest = [f.result() for f in futures]     # wait for all, even when the first failed
    return [first] + rest


def run_inside(fn, piece):
    """``fn(piece)`` marked as a part, so that it does not split again."""
    outer = getattr(LOCAL, "inside", False)
    LOCAL.inside = True
    try:
        return fn(piece)
    finally:
        LOCAL.inside = outer
