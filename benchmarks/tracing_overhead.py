"""What tracing costs, measured in pairs: ``python benchmarks/tracing_overhead.py [--pairs N]``.

One process, the seed model (60000 x 784, Dense 512 relu -> Dense 10 softmax, rmsprop,
batch 128). Each pair is one epoch with tracing off and one at a level, in alternating
order, so both see the same machine load; the table gives the median of the pairs'
ratios (steadier on a shared machine than comparing fastest runs) and min/min.
"""
import argparse
import os
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def seed_model():
    from tracekeras import layers
    from tracekeras.models import Sequential
    model = Sequential([layers.Dense(512, activation="relu"),
                        layers.Dense(10, activation="softmax")])
    model.compile("rmsprop", "sparse_categorical_crossentropy", ["accuracy"])
    return model


def epoch(model, x, y, level):
    import tracekeras
    start = time.perf_counter()
    if level == "off":
        model.fit(x, y, epochs=1, batch_size=128, verbose=0)
    else:
        with tracekeras.trace(level=level):
            model.fit(x, y, epochs=1, batch_size=128, verbose=0)
    return time.perf_counter() - start


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=6)
    parser.add_argument("--samples", type=int, default=60000)
    args = parser.parse_args(argv)
    rng = np.random.default_rng(0)
    x = rng.random((args.samples, 784), dtype="float32")
    y = rng.integers(0, 10, args.samples)
    model = seed_model()
    model.fit(x[:2048], y[:2048], batch_size=128, verbose=0)   # build, warm caches and threads
    print(f"{'level':<8} {'off s':>7} {'traced s':>9} {'median pair':>12} {'min/min':>8}")
    for level in ("stages", "steps", "full"):
        off, traced = [], []
        for i in range(args.pairs):
            order = ("off", level) if i % 2 == 0 else (level, "off")
            for which in order:
                (off if which == "off" else traced).append(epoch(model, x, y, which))
        ratio = statistics.median(t / o for t, o in zip(traced, off))
        print(f"{level:<8} {min(off):7.3f} {min(traced):9.3f} {ratio:11.3f}x "
              f"{min(traced) / min(off):7.3f}x")


if __name__ == "__main__":
    main()
