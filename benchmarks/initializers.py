"""What drawing initial weights costs: this checkout against another, side by side.

Times ``GlorotUniform``, ``HeNormal`` (truncated normal), ``RandomUniform`` and
``RandomNormal`` on the kernels of ``Embedding(20000, 128)``, ``Dense(784, 512)`` and
``Conv2D`` 3x3x64x64. Each checkout runs in its own child Python (``PYTHONPATH`` set to
it), the children alternate ``--reps`` times, and the table gives each one's fastest
time per call (other processes on the machine only ever add time)::

    OPENBLAS_NUM_THREADS=1 python benchmarks/initializers.py [--old /work/main] [--reps 5]
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHAPES = {"Embedding 20000x128": (20000, 128), "Dense 784x512": (784, 512),
          "Conv2D 3x3x64x64": (3, 3, 64, 64)}
INITIALIZERS = ["GlorotUniform", "HeNormal", "RandomUniform", "RandomNormal"]

CHILD = """
import json, sys, time
from tracekeras import initializers
shapes = json.loads(sys.argv[1]); names = json.loads(sys.argv[2])
out = {}
for label, shape in shapes.items():
    for name in names:
        best = float("inf")
        for _ in range(3):
            init = getattr(initializers, name)(seed=1)
            start = time.perf_counter()
            init(tuple(shape))
            best = min(best, time.perf_counter() - start)
        out[label + " | " + name] = best
print(json.dumps(out))
"""


def run(path):
    env = {**os.environ, "PYTHONPATH": path}
    done = subprocess.run([sys.executable, "-c", CHILD, json.dumps(SHAPES),
                           json.dumps(INITIALIZERS)], env=env, capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", help="another checkout to run side by side (PYTHONPATH)")
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    columns = [("new", ROOT)] + ([("old", args.old)] if args.old else [])
    best = {}
    for _ in range(args.reps):
        for label, path in columns:
            for key, seconds in run(path).items():
                best[label, key] = min(best.get((label, key), float("inf")), seconds)
    keys = sorted({key for _, key in best}, key=lambda k: (list(SHAPES).index(k.split(" | ")[0]),
                                                            k))
    header = "| kernel | initializer | " + " | ".join(f"{label} ms" for label, _ in columns)
    print(header + (" | new / old |" if args.old else " |"))
    print("|" + "---|" * (header.count("|") + (1 if args.old else 0)))
    for key in keys:
        shape, name = key.split(" | ")
        cells = [f"{1e3 * best[label, key]:.1f}" for label, _ in columns]
        ratio = [f"{best['new', key] / best['old', key]:.2f}"] if args.old else []
        print(f"| {shape} | {name} | " + " | ".join(cells + ratio) + " |")


if __name__ == "__main__":
    main()
