"""Measure float32 matmul speed with 1 vs all BLAS threads over a range of sizes.

Run: ``python benchmarks/blas_crossover.py``. Prints, for each (m, k, n), the
GFLOP/s with one thread and with all threads, and the ratio; the thread policy in
``tracekeras/backend/threads.py`` takes its crossover from this table.
"""
import os
import time

import numpy as np
from threadpoolctl import threadpool_limits

SHAPES = [(32, 784, 512), (128, 784, 512), (128, 512, 10), (512, 784, 512), (128, 2048, 2048),
          (256, 1024, 1024), (512, 1024, 1024), (1024, 1024, 1024), (512, 2048, 2048),
          (2048, 2048, 2048)]


def gflops(m, k, n, threads, budget=0.3):
    rng = np.random.default_rng(0)
    a = rng.random((m, k), dtype=np.float32)
    b = rng.random((k, n), dtype=np.float32)
    with threadpool_limits(threads, user_api="blas"):
        a @ b
        reps, t0 = 0, time.perf_counter()
        while time.perf_counter() - t0 < budget:
            a @ b
            reps += 1
        dt = (time.perf_counter() - t0) / reps
    return 2 * m * k * n / dt / 1e9


def main():
    ncpu = os.cpu_count()
    print(f"{'m':>6} {'k':>6} {'n':>6} {'work(m*k*n)':>12} {'1 thr GF/s':>11} "
          f"{ncpu} thr GF/s  ratio")
    for m, k, n in SHAPES:
        one, many = gflops(m, k, n, 1), gflops(m, k, n, ncpu)
        print(f"{m:>6} {k:>6} {n:>6} {m * k * n:>12} {one:>11.1f} {many:>11.1f}  {many / one:5.2f}")


if __name__ == "__main__":
    main()
