"""What tracing costs, measured in pairs: ``python benchmarks/tracing_overhead.py [--pairs N]``.

One process, the seed model (60000 x 784, Dense 512 relu -> Dense 10 softmax, rmsprop,
batch 128). Each pair is one epoch with tracing off and one at a level, in alternating
order, so both see the same machine load. Three estimates per level:

* ``median pair``: the median over pairs of (traced epoch / untraced epoch), wall time;
* ``min/min``: fastest traced epoch over fastest untraced one;
* ``step median``: the median over pairs of (median step period traced / untraced),
  where a step period is the time from one ``on_train_batch_begin`` to the next, so it
  holds everything a step does, its span records included. A burst of load from another
  process stretches a few steps, which the median ignores: on a shared machine this is
  the steadiest of the three, and the one ``run.py``'s overhead column does not give.
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


def step_clock():
    """A callback noting when each training step begins."""
    from tracekeras.callbacks import Callback

    class StepClock(Callback):
        def __init__(self):
            super().__init__()
            self.starts = []

        def on_train_batch_begin(self, batch, logs=None):
            self.starts.append(time.perf_counter())

        def median_period(self):
            return statistics.median(b - a for a, b in zip(self.starts, self.starts[1:]))
    return StepClock()


def epoch(model, x, y, level):
    """(wall seconds, median step period) of one epoch at ``level``."""
    import tracekeras
    clock = step_clock()
    start = time.perf_counter()
    if level == "off":
        model.fit(x, y, epochs=1, batch_size=128, verbose=0, callbacks=[clock])
    else:
        with tracekeras.trace(level=level):
            model.fit(x, y, epochs=1, batch_size=128, verbose=0, callbacks=[clock])
    return time.perf_counter() - start, clock.median_period()


def measure(model, x, y, level, pairs):
    """The three ratios of ``level`` against tracing off, and the fastest epochs."""
    off, traced = [], []
    for i in range(pairs):
        order = ("off", level) if i % 2 == 0 else (level, "off")
        for which in order:
            (off if which == "off" else traced).append(epoch(model, x, y, which))
    return {"off_s": min(o[0] for o in off), "traced_s": min(t[0] for t in traced),
            "median_pair": statistics.median(t[0] / o[0] for t, o in zip(traced, off)),
            "step_median": statistics.median(t[1] / o[1] for t, o in zip(traced, off)),
            "step_us_off": statistics.median(o[1] for o in off) * 1e6,
            "step_us_traced": statistics.median(t[1] for t in traced) * 1e6}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=6)
    parser.add_argument("--samples", type=int, default=60000)
    parser.add_argument("--levels", default="stages,steps,full")
    args = parser.parse_args(argv)
    rng = np.random.default_rng(0)
    x = rng.random((args.samples, 784), dtype="float32")
    y = rng.integers(0, 10, args.samples)
    model = seed_model()
    model.fit(x[:2048], y[:2048], batch_size=128, verbose=0)   # build, warm caches and threads
    print(f"{'level':<8} {'off s':>7} {'traced s':>9} {'median pair':>12} {'min/min':>8} "
          f"{'step median':>12} {'step us off/traced':>19}")
    for level in args.levels.split(","):
        r = measure(model, x, y, level, args.pairs)
        print(f"{level:<8} {r['off_s']:7.3f} {r['traced_s']:9.3f} {r['median_pair']:11.3f}x "
              f"{r['traced_s'] / r['off_s']:7.3f}x {r['step_median']:11.3f}x "
              f"{r['step_us_off']:9.0f}/{r['step_us_traced']:.0f}")


if __name__ == "__main__":
    main()
