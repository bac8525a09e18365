"""Time epochs of the keras.io MNIST convnet on tracekeras and, side by side, on real tf_keras.

    python benchmarks/convnet.py                              # tracekeras only
    python benchmarks/convnet.py --tfvenv /work/tfvenv        # and tf_keras, in its own Python
    python benchmarks/convnet.py --samples 600 --epochs 1     # a quick look

The model is the keras.io example (Input 28x28x1, Conv2D 32 3x3 relu, MaxPooling2D 2,
Conv2D 64 3x3 relu, MaxPooling2D 2, Flatten, Dropout 0.5, Dense 10 softmax), compiled
with Adam, sparse categorical crossentropy and accuracy, fitted on synthetic data of MNIST's
shape (seeded, float32 in [0, 1)) with ``batch_size`` 128 and ``shuffle=False``. Each epoch
is one ``fit(epochs=1)`` call, timed on the wall clock; the first epoch of tf_keras includes
tracing its train function into a graph, so the table shows the first and the fastest later
epoch. tf_keras runs as a subprocess of the given venv's Python (this same script with
``--engine keras``), which prints its times as one JSON line.
"""
import argparse
import json
import os
import subprocess
import sys
import time
from types import SimpleNamespace

import numpy as np

HERE = os.path.abspath(__file__)


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
    sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))   # this checkout's tracekeras
    from tracekeras import layers, models
    return SimpleNamespace(layers=layers, Sequential=models.Sequential, Input=layers.Input)


def time_epochs(engine, samples, batch_size, epochs):
    """Seconds per epoch of one model fitted ``epochs`` times for one epoch each."""
    keras = engine_module(engine)
    x, y = synthetic_mnist(samples)
    model = convnet(keras)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    seconds = []
    for _ in range(epochs):
        start = time.perf_counter()
        model.fit(x, y, batch_size=batch_size, epochs=1, shuffle=False, verbose=0)
        seconds.append(time.perf_counter() - start)
    return seconds


def keras_times(tfvenv, samples, batch_size, epochs):
    python = os.path.join(tfvenv, "bin", "python")
    proc = subprocess.run([python, HERE, "--engine", "keras", "--samples", str(samples),
                           "--batch-size", str(batch_size), "--epochs", str(epochs), "--json"],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"tf_keras run failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])["seconds"]


def row(name, seconds, samples):
    later = min(seconds[1:]) if len(seconds) > 1 else None
    best = later if later is not None else seconds[0]
    return (f"{name:<12} {seconds[0]:>12.2f} "
            f"{'-' if later is None else f'{later:.2f}':>18} {samples / best:>12.0f}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=6000)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--epochs", type=int, default=2, help="epochs timed one by one")
    parser.add_argument("--tfvenv", help="a venv with tensorflow and tf_keras, to compare")
    parser.add_argument("--engine", choices=["tracekeras", "keras"], default="tracekeras")
    parser.add_argument("--json", action="store_true", help="print the times as one JSON line")
    args = parser.parse_args(argv)
    seconds = time_epochs(args.engine, args.samples, args.batch_size, args.epochs)
    if args.json:
        print(json.dumps({"engine": args.engine, "seconds": seconds}))
        return
    rows = {"tracekeras": seconds}
    if args.tfvenv:
        rows["tf_keras"] = keras_times(args.tfvenv, args.samples, args.batch_size, args.epochs)
    print(f"MNIST convnet, {args.samples} samples of 28x28x1, batch {args.batch_size}")
    print(f"{'engine':<12} {'epoch 1 (s)':>12} {'fastest later (s)':>18} {'samples/s':>12}")
    for name, times in rows.items():
        print(row(name, times, args.samples))
    if "tf_keras" in rows:
        ratio = min(rows["tracekeras"][1:] or rows["tracekeras"]) / min(
            rows["tf_keras"][1:] or rows["tf_keras"])
        print(f"tracekeras / tf_keras (fastest later epoch): {ratio:.2f}x")


if __name__ == "__main__":
    main()
