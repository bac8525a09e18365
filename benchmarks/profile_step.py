"""Profile the seed-model train step of tracekeras with cProfile.

    python benchmarks/profile_step.py [--samples 12800] [--level off] [--top 25]

Builds the seed model, fits one warm-up epoch, then profiles one epoch of
``model.fit`` (tracing off, or inside ``tracekeras.trace(level=...)``) and prints
the top functions by own time and by cumulative time, the share of the epoch spent
inside BLAS matmuls (``ops.matmul`` forward and backward, own time), and the minor
page faults of the epoch (allocator churn shows up there).
"""
import argparse
import cProfile
import io
import os
import pstats
import resource
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))

import engine_bench  # noqa: E402
import floor  # noqa: E402


def main(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("--samples", type=int, default=12800)
    p.add_argument("--level", default="off", choices=engine_bench.LEVELS)
    p.add_argument("--top", type=int, default=25)
    cfg = p.parse_args(argv)
    x, y = floor.seed_data(cfg.samples)
    model = engine_bench.seed_model(floor.seed_params())
    engine_bench.fit_once(model, x, y, "off")
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    start = time.perf_counter()
    engine_bench.fit_once(model, x, y, cfg.level)
    plain = time.perf_counter() - start
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults
    profiler = cProfile.Profile()
    profiler.enable()
    engine_bench.fit_once(model, x, y, cfg.level)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    total = stats.total_tt
    stats.sort_stats("tottime").print_stats(cfg.top)
    stats.sort_stats("cumulative").print_stats(cfg.top)
    matmul = sum(
        tt
        for (path, _, fn), (_, _, tt, _, _) in stats.stats.items()
        if path.endswith(os.path.join("backend", "ops.py")) and fn in ("matmul", "backward")
    )
    print(
        f"epoch of {cfg.samples} samples: {plain:.3f} s unprofiled, {faults} minor page faults; "
        f"profiled {total:.3f} s, ops.py matmul/backward own time {matmul:.3f} s "
        f"({matmul / total:.0%})"
    )
    print(out.getvalue())


if __name__ == "__main__":
    main()
