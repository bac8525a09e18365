"""What tracing costs, measured in pairs: ``python benchmarks/tracing_overhead.py [--pairs N]``.

One process, the seed model (60000 x 784, Dense 512 relu -> Dense 10 softmax, rmsprop,
batch 128). Each pair is one epoch with tracing off and one at a level, in alternating
order, so both see the same machine load. Three estimates per level:

* ``median pair``: the median over pairs of (traced fit / untraced fit), wall time;
* ``min/min``: fastest traced fit over fastest untraced one;
* ``step median``: the median over pairs of (median step period traced / untraced),
  where a step period is the time from one step's start to the next, so it holds
  everything a step does, its span records included. A burst of load from another
  process stretches a few steps, which the median ignores: on a shared machine this is
  the steadiest of the three.
"""
import argparse
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))

import engine_bench  # noqa: E402
import floor  # noqa: E402


def epoch(model, x, y, level):
    """(wall seconds of the fit call, median step period) of one epoch at ``level``."""
    clock = []
    _, wall, _, _ = engine_bench.fit_once(model, x, y, level, clock=clock)
    return wall, engine_bench.median_period(clock)


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
    x, y = floor.seed_data(args.samples)
    model = engine_bench.seed_model()
    engine_bench.fit_once(model, x[:2048], y[:2048], "off")   # build, warm caches and threads
    print(f"{'level':<8} {'off s':>7} {'traced s':>9} {'median pair':>12} {'min/min':>8} "
          f"{'step median':>12} {'step us off/traced':>19}")
    for level in args.levels.split(","):
        r = measure(model, x, y, level, args.pairs)
        print(f"{level:<8} {r['off_s']:7.3f} {r['traced_s']:9.3f} {r['median_pair']:11.3f}x "
              f"{r['traced_s'] / r['off_s']:7.3f}x {r['step_median']:11.3f}x "
              f"{r['step_us_off']:9.0f}/{r['step_us_traced']:.0f}")


if __name__ == "__main__":
    main()
