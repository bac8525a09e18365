"""Python threads for the large array work of a step (a speed setting, never a result).

Owns one device: ``split(fn, pieces)`` runs ``fn`` on each piece of an op's work (about
1 MB each), on the calling thread and on a small pool of Python threads at once, each
thread taking the next piece left. NumPy releases the GIL inside BLAS, copies and
ufuncs, so two parts of one convolution's matmul, im2col or col2im (or Winograd's tile
transforms and matmuls), or of one max pooling, run on two cores at once. The ops that
use it split their work so that every output element is the same sum taken in the same
order as in one piece (rows of the batch, or rows of a kernel gradient, never the terms
of a sum, except in fixed chunks added in a fixed order). BLAS can round a product's last
bit differently for another number of rows (OpenBLAS's Haswell kernels do, at the MNIST
convnet's sizes), so the matrix products come in blocks fixed by the shapes alone
(``parallel.each`` shares the blocks out): one thread or several, the same calls and the
same bits.

Why Python threads and not BLAS's own: OpenBLAS's threads spin while they wait for
work. On this project's shared 2-core machine, a convnet fit that the thread policy
let run with two OpenBLAS threads (measured faster in a quiet moment) then took 5-23 s
an epoch against 1.9 s with one thread, as soon as another process took a core. A pool
thread that waits sleeps; and since the calling thread takes pieces itself until none
is left, a pool thread the system wakes late (under load: milliseconds) delays nothing
but the one piece it took. The pool's threads live as long as the process, each asleep
on a lock of its own: a hand-off is one lock released (``Pool``), where
``concurrent.futures`` made a future and queued a work item for each (a split of two
65 us pieces, at load average 8: 137 us wall at best against 212, CPU 58 us against 66).

It is on only inside ``enabled(workers)``, on the thread that entered it (two fits in two
threads each have their own setting), which the training loops enter through
``threads.blas_threads_for`` when BLAS runs one thread on a machine with several cores
(``TRACEKERAS_SPLIT_THREADS=1`` turns it off, ``=N`` allows N threads); elsewhere, and
for work below ``MIN_BYTES``, ``parts`` gives one piece and ``split`` runs it in place.
A piece never splits again (no pool thread waits for another). It receives callables
and index ranges, hands on nothing (the pieces write into arrays), and emits no trace
events.
"""
import contextlib
import os
import threading

import numpy as np

MIN_BYTES = 1 << 21          # smaller work runs in one piece: a hand-off costs ~20-50 us
PIECE_BYTES = 1 << 20        # about one cache-sized block of work a piece
CHUNK_BYTES = 1 << 19        # rows of ``g`` a chunk of ``rows_product_sum``
ENV_VAR = "TRACEKERAS_SPLIT_THREADS"
STATE = {"pool": None}
POOL_LOCK = threading.Lock()
LOCAL = threading.local()    # .inside: this thread is running a piece already; .workers: enabled


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
    previous = allowed()
    LOCAL.workers = max(1, workers_allowed() if workers is None else int(workers))
    try:
        yield LOCAL.workers
    finally:
        LOCAL.workers = previous


def allowed():
    """Threads ``split`` may use on this thread: set by ``enabled`` for the calling thread
    only, so two fits in two threads neither turn on nor turn off each other's split."""
    return getattr(LOCAL, "workers", 1)


def parts(count, nbytes, most=None):
    """``count`` items (rows of a batch, columns of a result) cut into contiguous slices of
    about ``PIECE_BYTES`` of work each (at least two per thread, at most ``most``), or one
    slice when splitting is off, the work is under ``MIN_BYTES`` or this thread is a pool
    thread already."""
    workers = allowed()
    if workers <= 1 or nbytes < MIN_BYTES or getattr(LOCAL, "inside", False):
        return [slice(0, count)]
    n = min(count, most or count, max(2 * workers, nbytes // PIECE_BYTES))
    bounds = [count * i // n for i in range(n + 1)]
    return [slice(a, b) for a, b in zip(bounds[:-1], bounds[1:])]


def each(fn, items, nbytes):
    """``fn(item)`` for every item of the list ``items`` (slices of a batch, each written by
    one thread only), the items shared out among the threads in contiguous pieces."""
    def run(part):
        for item in items[part]:
            fn(item)
    split(run, parts(len(items), nbytes))


def rows(fn, count, nbytes):
    """``fn(part)`` for contiguous slices of ``count`` rows of an elementwise op (each row
    written by one thread only), shared out among the threads; one slice when small."""
    split(fn, parts(count, nbytes))


def rows_product_sum(a, g):
    """``a.T @ g`` for ``(rows, m)`` and ``(rows, n)`` arrays of many rows (a kernel's
    gradient: the rows are the batch's positions, the terms of each sum). The rows come in
    fixed chunks of about ``CHUNK_BYTES`` of ``g``: each chunk's ``a.T @ g`` is taken while
    its rows are in the cache, on whichever thread takes it, and the chunks' parts are
    added in float64 in their order, so the sum is the same whatever the split. Fewer than
    two chunks' rows: one product."""
    rows = a.shape[0]
    dtype = np.result_type(a, g)
    step = max(1, CHUNK_BYTES // (g.shape[1] * g.itemsize))
    if rows < 2 * step:
        return np.matmul(a.T, g).astype(dtype, copy=False)
    chunks = list(enumerate(slice(lo, min(lo + step, rows)) for lo in range(0, rows, step)))
    parts = np.empty((len(chunks), a.shape[1], g.shape[1]), dtype=dtype)

    def run(chunk):
        index, part = chunk
        np.matmul(a[part].T, g[part], out=parts[index])
    each(run, chunks, a.nbytes + g.nbytes)
    return parts.sum(axis=0, dtype=np.float64).astype(dtype)


def split(fn, pieces):
    """``fn(p)`` for every piece, in no set order, on this thread and the pool's threads.

    The threads take the next piece from a shared counter, so a pool thread that the
    system wakes late takes fewer pieces (none at all when this thread has taken every
    piece first); this thread then waits only for the pieces already taken."""
    if len(pieces) == 1:
        fn(pieces[0])
        return
    job = Job(fn, pieces)
    with POOL_LOCK:
        pool = STATE["pool"]
        if pool is None:
            pool = STATE["pool"] = Pool()
    for _ in range(min(allowed(), len(pieces)) - 1):
        pool.submit(job.work)
    job.work()
    job.wait()


class Pool:
    """Up to ``size`` threads that live as long as the process, each asleep on a lock of its
    own until ``submit`` hands it a function (no queue, no futures: a hand-off is one
    lock release, and the finished job is one lock release back). ``submit`` gives the
    function to an idle thread, starting one when all are busy; when ``size`` threads are
    busy already (late from an earlier job) it hands nothing on, which leaves the pieces
    to the caller."""

    def __init__(self, size=4):
        self.size = size
        self.threads = []
        self.lock = threading.Lock()     # two threads splitting at once hand out in turn

    def submit(self, fn):
        with self.lock:
            for thread in self.threads:
                if thread.hand(fn):
                    return
            if len(self.threads) < self.size:
                thread = PoolThread(f"tracekeras-split-{len(self.threads)}")
                self.threads.append(thread)
                thread.hand(fn)
                thread.start()


class PoolThread(threading.Thread):
    """One pool thread: it runs what ``hand`` gives it, then sleeps on ``wake`` again."""

    def __init__(self, name):
        super().__init__(name=name, daemon=True)
        self.wake = threading.Lock()
        self.wake.acquire()
        self.busy = False
        self.fn = None

    def hand(self, fn):
        """Give ``fn`` to this thread if it is idle; False when it is busy. Called under the
        pool's lock, so an idle thread cannot be handed two functions."""
        if self.busy:
            return False
        self.busy, self.fn = True, fn
        self.wake.release()
        return True

    def run(self):
        while True:
            self.wake.acquire()
            fn, self.fn = self.fn, None
            try:
                fn()
            finally:
                self.busy = False


class Job:
    """Pieces handed out one at a time to the threads that ask (``work``)."""

    def __init__(self, fn, pieces):
        self.fn, self.pieces = fn, pieces
        self.next = self.done = 0
        self.error = None
        self.lock = threading.Lock()
        self.finished = threading.Lock()     # held until the last piece is done
        self.finished.acquire()

    def work(self):
        outer = getattr(LOCAL, "inside", False)
        LOCAL.inside = True
        try:
            while True:
                with self.lock:
                    if self.next == len(self.pieces):
                        return
                    piece = self.pieces[self.next]
                    self.next += 1
                try:
                    self.fn(piece)
                except BaseException as exc:  # noqa: BLE001 - handed to the caller in wait()
                    self.error = self.error or exc
                with self.lock:
                    self.done += 1
                    if self.done == len(self.pieces):
                        self.finished.release()
        finally:
            LOCAL.inside = outer

    def wait(self):
        self.finished.acquire()
        if self.error is not None:
            raise self.error
