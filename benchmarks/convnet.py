"""Time epochs of the keras.io MNIST convnet: the NumPy floor, tracekeras and real tf_keras.

    python benchmarks/convnet.py                              # floors and tracekeras
    python benchmarks/convnet.py --tfvenv /work/tfvenv        # and tf_keras, in its own Python
    python benchmarks/convnet.py --samples 600 --reps 1       # a quick look
    python benchmarks/convnet.py --baseline /tmp/base         # and another checkout's tracekeras

The model is the keras.io example (Input 28x28x1, Conv2D 32 3x3 relu, MaxPooling2D 2,
Conv2D 64 3x3 relu, MaxPooling2D 2, Flatten, Dropout 0.5, Dense 10 softmax), compiled
with Adam, sparse categorical crossentropy and accuracy, fitted on synthetic data of MNIST's
shape (seeded, float32 in [0, 1)) with ``batch_size`` 128 and ``shuffle=False``; the floor
(``conv_floor.floor_epoch``) is the same epoch in plain NumPy. Each engine first runs one
untimed warm-up epoch (tf_keras traces its train function into a graph there). Then each
repetition runs one epoch of each, one after the other, so a burst of load from other
processes falls on all three alike; tf_keras runs in a server subprocess of the given
venv's Python (this script with ``--engine keras --serve``) that fits one epoch each time
a line arrives on its stdin and answers with one JSON line; ``tracekeras`` runs as
``fit`` decides (one BLAS thread, convolutions and poolings split over the cores by
``backend/parallel.py``), ``tracekeras 1`` the same model with that split off
(``TRACEKERAS_SPLIT_THREADS=1``: one thread, like the floor); ``--baseline DIR`` times the
tracekeras of another checkout (say ``git worktree add /tmp/base main``) the same way, in
a server of this Python that imports tracekeras from ``DIR``. The table gives the fastest
and the median epoch of each engine (other processes only ever add time), the CPU seconds
of the fastest epoch (all threads), and the ratios of fastest epochs; a note gives the
ratios repetition by repetition, and the load average before and after.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from types import SimpleNamespace

import numpy as np

try:
    import threadpoolctl
except ImportError:      # the tf_keras venv runs only the Keras side, which needs none
    threadpoolctl = None

HERE = os.path.abspath(__file__)
sys.path.insert(0, os.path.dirname(HERE))

SPLIT_VAR = "TRACEKERAS_SPLIT_THREADS"    # backend/parallel.py's thread count
ROOT_VAR = "CONVNET_TRACEKERAS_ROOT"     # the checkout a baseline server imports tracekeras from
sys.path.insert(0, os.environ.get(ROOT_VAR) or os.path.dirname(os.path.dirname(HERE)))

import conv_floor  # noqa: E402 - a sibling module of this script

from tracekeras.backend import parallel, threads  # noqa: E402


def synthetic_mnist(samples, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.random((samples, 28, 28, 1), dtype=np.float32)
    y = rng.integers(0, 10, size=samples)
    return x, y


def convnet(keras):
    layers = keras.layers
    return keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Flatten(),
        layers.Dropout(0.5),
        layers.Dense(10, activation="softmax"),
    ])


def engine_module(engine):
    """``layers``, ``Sequential`` and ``Input`` of ``engine``: tf_keras's or tracekeras's."""
    if engine == "keras":
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        import tf_keras as keras  # only inside the Keras subprocess, which has TensorFlow
        return SimpleNamespace(layers=keras.layers, Sequential=keras.Sequential,
                               Input=keras.Input)
    from tracekeras import layers, models
    return SimpleNamespace(layers=layers, Sequential=models.Sequential, Input=layers.Input)


def timed(fn):
    """(wall seconds, CPU seconds of the whole process) of ``fn()``."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def engine_epoch(engine, samples, batch_size, split_threads=None):
    """A function that fits one more epoch of one model of ``engine`` (built once);
    ``split_threads``: tracekeras's ``TRACEKERAS_SPLIT_THREADS`` during that fit (None:
    as the environment says)."""
    keras = engine_module(engine)
    x, y = synthetic_mnist(samples)
    model = convnet(keras)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

    def epoch():
        saved = os.environ.get(SPLIT_VAR)
        if split_threads is not None:
            os.environ[SPLIT_VAR] = str(split_threads)
        try:
            model.fit(x, y, batch_size=batch_size, epochs=1, shuffle=False, verbose=0)
        finally:
            if saved is None:
                os.environ.pop(SPLIT_VAR, None)
            else:
                os.environ[SPLIT_VAR] = saved
    return epoch


def floor_epoch(samples, batch_size, blas_threads):
    """The floor's epoch with ``blas_threads`` BLAS threads (None: BLAS's own count)."""
    x, y = synthetic_mnist(samples)
    params, slots = conv_floor.fresh_state()
    state = {"step": 0}

    def epoch():
        with threadpoolctl.threadpool_limits(blas_threads, user_api="blas"):
            state["step"] = conv_floor.floor_epoch(x, y, params, slots, state["step"],
                                                   batch_size)[2]
    return epoch


def serve(engine, samples, batch_size):
    """A server's side: one epoch per line on stdin, its times as one JSON line each."""
    epoch = engine_epoch(engine, samples, batch_size)
    for _ in sys.stdin:
        wall, cpu = timed(epoch)
        print(json.dumps({"wall": wall, "cpu": cpu}), flush=True)


class EngineServer:
    """An engine fitting epochs in a subprocess of ``python`` (``root``: the checkout it
    imports tracekeras from; ``script`` and ``extra``: another benchmark's server, with its
    own options)."""

    def __init__(self, python, engine, samples, batch_size, root=None, script=HERE, extra=()):
        env = dict(os.environ, **({ROOT_VAR: os.path.abspath(root)} if root else {}))
        self.proc = subprocess.Popen(
            [python, script, "--engine", engine, "--serve", "--samples", str(samples),
             "--batch-size", str(batch_size), *extra], env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def epoch(self):
        self.proc.stdin.write("epoch\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit(f"server run failed:\n{self.proc.stderr.read()[-2000:]}")
        answer = json.loads(line)
        return answer["wall"], answer["cpu"]

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


def measure(args):
    """{name: [(wall, cpu) per repetition]}, the warm-up epochs left out."""
    runners = {"floor 1 thr": floor_epoch(args.samples, args.batch_size, 1),
               "floor N thr": floor_epoch(args.samples, args.batch_size, None),
               "tracekeras": engine_epoch("tracekeras", args.samples, args.batch_size),
               "tracekeras 1": engine_epoch("tracekeras", args.samples, args.batch_size, 1)}
    if args.one_floor:
        del runners["floor N thr"]
    runners = {name: (lambda fn=fn: timed(fn)) for name, fn in runners.items()}
    servers = {}
    if args.baseline:
        servers["baseline"] = EngineServer(sys.executable, "tracekeras", args.samples,
                                           args.batch_size, root=args.baseline)
    if args.tfvenv:
        servers["tf_keras"] = EngineServer(os.path.join(args.tfvenv, "bin", "python"), "keras",
                                           args.samples, args.batch_size)
    runners.update((name, server.epoch) for name, server in servers.items())
    try:
        for run in runners.values():
            run()                                     # warm-up
        times = {name: [] for name in runners}
        for _ in range(args.reps):
            for name, run in runners.items():
                times[name].append(run())
    finally:
        for server in servers.values():
            server.close()
    return times


def table(times, samples):
    gflop = conv_floor.train_flops(samples) / 1e9
    fastest = {name: min(t) for name, t in times.items()}   # by wall time
    floor = min(fastest[name] for name in fastest if name.startswith("floor"))[0]
    lines = [f"{'engine':<12} {'fastest s':>10} {'median s':>9} {'cpu s':>7} "
             f"{'samples/s':>10} {'GFLOP/s':>8} {'x floor':>8} {'x tf_keras':>10}"]
    for name, t in times.items():
        wall, cpu = fastest[name]
        vs_keras = (f"{wall / fastest['tf_keras'][0]:.2f}" if "tf_keras" in fastest else "-")
        lines.append(f"{name:<12} {wall:>10.3f} {statistics.median(w for w, _ in t):>9.3f} "
                     f"{cpu:>7.3f} {samples / wall:>10.0f} {gflop / wall:>8.1f} "
                     f"{wall / floor:>8.2f} {vs_keras:>10}")
    return lines


def ratio_notes(times):
    """tracekeras / floor and tracekeras / tf_keras, repetition by repetition."""
    notes = []
    floor = [min(reps) for reps in zip(*(t for name, t in times.items()
                                         if name.startswith("floor")))]
    for other, base in (("the faster floor", floor), ("baseline", times.get("baseline")),
                        ("tracekeras 1", times.get("tracekeras 1")),
                        ("tf_keras", times.get("tf_keras"))):
        if base is None:
            continue
        ratios = [a[0] / b[0] for a, b in zip(times["tracekeras"], base)]
        notes.append(f"tracekeras / {other}, repetition by repetition: "
                     f"{[round(r, 2) for r in ratios]}, median {statistics.median(ratios):.2f}")
    return notes


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=6000)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--reps", type=int, default=5, help="timed epochs of each engine")
    parser.add_argument("--tfvenv", help="a venv with tensorflow and tf_keras, to compare")
    parser.add_argument("--baseline", help="another checkout of tracekeras, to compare")
    parser.add_argument("--one-floor", action="store_true",
                        help="leave out the floor with BLAS's own thread count")
    parser.add_argument("--engine", choices=["tracekeras", "keras"], default="tracekeras")
    parser.add_argument("--serve", action="store_true", help="(internal) an engine's server")
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.engine, args.samples, args.batch_size)
        return
    load = os.getloadavg()[0]
    times = measure(args)
    print(f"MNIST convnet, {args.samples} samples of 28x28x1, batch {args.batch_size}, "
          f"{args.reps} interleaved repetitions after a warm-up epoch each; "
          f"{os.cpu_count()} CPUs, load average {load:.2f} before, "
          f"{os.getloadavg()[0]:.2f} after")
    print("\n".join(table(times, args.samples) + ratio_notes(times)))
    for name, t in times.items():
        print(f"{name} epochs (wall s): {[round(w, 2) for w, _ in t]}")
    print("tracekeras BLAS threads (None: BLAS's own count): "
          f"{list(threads.MEASURED.values()) or 'not measured'}; its convolutions and "
          f"poolings split over {parallel.workers_allowed()} Python threads "
          f"({SPLIT_VAR}), 'tracekeras 1' over 1; the floors use 1 thread besides BLAS's")


if __name__ == "__main__":
    main()
