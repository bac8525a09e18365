"""Records and memory per repeated call: ``python benchmarks/repeated_calls.py [--calls N]``.

A tiny model (Dense 4 relu -> Dense 1), traced at level ``stages``. For
``train_on_batch`` and ``fit`` (2 epochs of 4 steps) it prints, for N = 10,
100 and ``--calls``: the trace's records, and the growth of traced memory
(tracemalloc, after a warm-up of 10 calls) over the N calls. The records stay
those of 3 calls (the first two and the last folded one: tracekeras/tracing/
folding.py) and the memory stays flat; the counts, not the times, are what
tests/reliability/test_repeated_calls.py asserts.
"""
import argparse
import gc
import os
import sys
import tracemalloc

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import numpy as np  # noqa: E402

import tracekeras  # noqa: E402
from tracekeras import layers  # noqa: E402
from tracekeras.models import Sequential  # noqa: E402


def measure(call, n, warm=10):
    """(records, traced memory growth in bytes) of ``n`` calls after ``warm`` calls."""
    with tracekeras.trace() as t:
        for _ in range(warm):
            call()
        gc.collect()
        tracemalloc.start()
        start = tracemalloc.get_traced_memory()[0]
        for _ in range(n):
            call()
        gc.collect()
        growth = tracemalloc.get_traced_memory()[0] - start
        tracemalloc.stop()
    return len(t.records), growth


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1000)
    calls = parser.parse_args(argv).calls
    model = Sequential([layers.Dense(4, activation="relu", input_shape=(3,)), layers.Dense(1)])
    model.compile("sgd", "mse", metrics=["mae"])
    x = np.random.default_rng(0).random((32, 3), dtype="float32")
    y = x[:, :1]
    methods = {"train_on_batch": lambda: model.train_on_batch(x, y),
               "fit": lambda: model.fit(x, y, batch_size=8, epochs=2, verbose=0)}
    print(f"{'method':<16}{'calls':>7}{'records':>9}{'memory growth':>16}")
    for name, call in methods.items():
        for n in sorted({10, 100, calls}):
            records, growth = measure(call, n)
            print(f"{name:<16}{n:>7}{records:>9}{growth / 1024:>13.1f} KiB")


if __name__ == "__main__":
    main()
