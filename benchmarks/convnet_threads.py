"""How well the MNIST convnet's fit turns CPU into wall time over its threads: Amdahl's
accounting, a step at a time, which holds on a loaded machine (``--model transformer``:
the same for ``transformer.py``'s text classifier).

    python benchmarks/convnet_threads.py                  # 3 rounds of 6000 samples
    python benchmarks/convnet_threads.py --samples 1280 --reps 1
    CONVNET_TRACEKERAS_ROOT=/tmp/base python benchmarks/convnet_threads.py  # another checkout
    python benchmarks/convnet_threads.py --model transformer   # transformer.py's classifier

Each round fits one epoch with the split over Python threads on (``backend/parallel.py``,
``TRACEKERAS_SPLIT_THREADS=2``) and one with it off (``=1``), after a warm-up epoch of each.
Every call of ``parallel.split`` is timed (the clock of the thread running it,
``time.thread_time``), named after the backend function that asked for it:

- ``S``, serial: the fitting thread's CPU outside the splits of two pieces or more (the
  engine's Python, the ops too small to split, the pieces of a split that had only one);
- ``P``, parallel: the CPU of every piece of those splits, on whichever thread ran it;
- ``S + P/2``: the best wall a step could take on two cores with this much work (Amdahl);
- the overhead: the pool threads' CPU outside their pieces, and the fitting thread's CPU in
  the splits beyond its own pieces (hand-offs, waiting for the GIL);
- off the thread clocks, from Linux's ``/proc/thread-self/schedstat``: the fitting thread's
  run delay (runnable but without a core: the other processes' load) and its blocked time
  (wall minus CPU minus run delay: sleeping on a lock, mostly waiting for the pool thread's
  last piece of a split, or for the GIL).

``P`` split on against the same functions' CPU split off says how much more CPU the same
work takes on two threads (caches and memory shared, GIL hand-offs). The table at the end
gives each function's CPU split off and on, its wall on, and its pieces a call.
The timers add a few microseconds a split. Milliseconds a step throughout.
"""
import argparse
import collections
import functools
import os
import sys
import threading
import time

HERE = os.path.abspath(__file__)
sys.path.insert(0, os.path.dirname(HERE))

import convnet  # noqa: E402 - a sibling module; it puts CONVNET_TRACEKERAS_ROOT first

from tracekeras.backend import parallel  # noqa: E402

POOL_PREFIX = "tracekeras-split"
PASSING = ("each", "rows", "each_row", "split", "<lambda>")   # parallel's own helpers


def schedstat(native_id=None):
    """(CPU seconds, run-delay seconds) of a thread from Linux's schedstat; None elsewhere."""
    path = (f"/proc/self/task/{native_id}/schedstat" if native_id
            else "/proc/thread-self/schedstat")
    try:
        with open(path) as f:
            run, delay = f.read().split()[:2]
    except OSError:
        return None
    return int(run) * 1e-9, int(delay) * 1e-9


class Accounts:
    """Times of every ``parallel.split`` call, by the backend function that made it."""

    def __init__(self):
        self.main = threading.main_thread()
        self.lock = threading.Lock()
        self.sites = collections.defaultdict(lambda: collections.defaultdict(float))
        self.original = parallel.split

    def site(self):
        frame = sys._getframe(2)
        while frame.f_code.co_name in PASSING and frame.f_back is not None:
            frame = frame.f_back
        return f"{os.path.basename(frame.f_code.co_filename)}:{frame.f_code.co_name}"

    def split(self, fn, pieces):
        if threading.current_thread() is not self.main:
            return self.original(fn, pieces)
        site = self.sites[self.site()]
        site["calls"] += 1
        if len(pieces) == 1:
            start = time.thread_time()
            self.original(fn, pieces)
            site["off"] += time.thread_time() - start
            return None

        def timed(piece):
            start = time.thread_time()
            fn(piece)
            spent = time.thread_time() - start
            with self.lock:
                site["on"] += spent
                site["pieces"] += 1
                if threading.current_thread() is self.main:
                    site["main pieces"] += spent
        wall, cpu = time.perf_counter(), time.thread_time()
        self.original(timed, pieces)
        site["wall"] += time.perf_counter() - wall
        site["main"] += time.thread_time() - cpu
        site["split"] = 1
        return None

    def total(self, key, split=None):
        return sum(s[key] for s in self.sites.values()
                   if split is None or bool(s["split"]) == split)


def pool_threads():
    return [t for t in threading.enumerate() if t.name.startswith(POOL_PREFIX)]


def thread_cpu(thread):
    try:
        return time.clock_gettime(time.pthread_getcpuclockid(thread.ident))
    except (AttributeError, OSError):
        return 0.0


def one_epoch(epoch, accounts, steps):
    """Fit one epoch; its accounting, ms a step."""
    accounts.sites.clear()
    before = {t.ident: thread_cpu(t) for t in pool_threads()}
    sched = schedstat()
    wall, cpu, main = time.perf_counter(), time.process_time(), time.thread_time()
    epoch()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    main = time.thread_time() - main
    sched_after = schedstat()
    pool_cpu = sum(thread_cpu(t) - before.get(t.ident, 0.0) for t in pool_threads())
    serial = main - accounts.total("main", split=True)
    parallel_cpu = accounts.total("on", split=True)
    pool_pieces = parallel_cpu - accounts.total("main pieces", split=True)
    row = {"wall": wall, "cpu": cpu, "S": serial, "P": parallel_cpu,
           "S + P/2": serial + parallel_cpu / 2, "split wall": accounts.total("wall"),
           "main overhead": accounts.total("main", split=True)
           - accounts.total("main pieces", split=True),
           "pool overhead": pool_cpu - pool_pieces}
    if sched and sched_after:
        delay = sched_after[1] - sched[1]
        row["run delay"] = delay
        row["blocked"] = wall - (sched_after[0] - sched[0]) - delay
    return {k: 1e3 * v / steps for k, v in row.items()}, {
        name: {k: 1e3 * v / steps if k not in ("calls", "pieces", "split") else v
               for k, v in site.items()} for name, site in accounts.sites.items()}


def transformer_epoch(samples, batch_size, split_threads):
    """A function that fits one more epoch of ``transformer.py``'s text classifier with
    ``TRACEKERAS_SPLIT_THREADS`` at ``split_threads``."""
    import transformer
    keras = transformer.model_engine("tracekeras")
    x, y = transformer.synthetic_reviews(samples)
    model = transformer.text_classifier(keras)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])

    def epoch():
        saved = os.environ.get(convnet.SPLIT_VAR)
        os.environ[convnet.SPLIT_VAR] = str(split_threads)
        try:
            model.fit(x, y, batch_size=batch_size, epochs=1, shuffle=False, verbose=0)
        finally:
            if saved is None:
                os.environ.pop(convnet.SPLIT_VAR, None)
            else:
                os.environ[convnet.SPLIT_VAR] = saved
    return epoch


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=["convnet", "transformer"], default="convnet")
    parser.add_argument("--samples", type=int, help="default 6000 (convnet), 640 (transformer)")
    parser.add_argument("--batch-size", type=int, help="default 128 (convnet), 32 (transformer)")
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args(argv)
    convnet_model = args.model == "convnet"
    args.samples = args.samples or (6000 if convnet_model else 640)
    args.batch_size = args.batch_size or (128 if convnet_model else 32)
    accounts = Accounts()
    parallel.split = accounts.split
    steps = -(-args.samples // args.batch_size)
    make = (functools.partial(convnet.engine_epoch, "tracekeras") if convnet_model
            else transformer_epoch)
    epochs = {n: make(args.samples, args.batch_size, split_threads=n) for n in (2, 1)}
    for epoch in epochs.values():
        epoch()                                      # warm-up
    rows, sites = {2: [], 1: []}, {2: [], 1: []}
    for _ in range(args.reps):
        for n, epoch in epochs.items():
            row, site = one_epoch(epoch, accounts, steps)
            row["load"] = os.getloadavg()[0]
            rows[n].append(row)
            sites[n].append(site)
    print(f"{'MNIST convnet' if convnet_model else 'Transformer text classifier'}, "
          f"{args.samples} samples, batch {args.batch_size}: ms a step "
          f"({steps} steps an epoch), {args.reps} rounds; {os.cpu_count()} CPUs")
    keys = [k for k in rows[2][0] if k != "load"]
    print("split  load " + " ".join(f"{k:>13}" for k in keys))
    for n in (2, 1):
        for row in rows[n]:
            print(f"{n:5d} {row['load']:5.1f} "
                  + " ".join(f"{row.get(k, 0.0):13.2f}" for k in keys))
    print("per function, the last round (ms a step): CPU split off | split on: pieces' CPU, "
          "wall, fitting thread's CPU, pieces a call, calls a step")
    off, on = sites[1][-1], sites[2][-1]
    for name in sorted(off, key=lambda k: -off[k].get("off", 0.0)):
        a, b = off[name], on.get(name, {})
        calls = b.get("calls", 0)
        print(f"  {name:38s} {a.get('off', 0.0):6.2f} | {b.get('on', b.get('off', 0.0)):6.2f} "
              f"{b.get('wall', 0.0):6.2f} {b.get('main', 0.0):6.2f} "
              f"{b.get('pieces', 0) / max(calls, 1):5.1f} {calls / steps:5.1f}"
              + ("" if b.get("split") else "  (one piece)"))


if __name__ == "__main__":
    main()
