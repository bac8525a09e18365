"""Time epochs of keras.io's bidirectional LSTM on tracekeras and, side by side, on tf_keras.

    python benchmarks/recurrent.py                            # tracekeras only
    python benchmarks/recurrent.py --tfvenv /work/tfvenv      # and tf_keras, in its own Python
    python benchmarks/recurrent.py --samples 128 --epochs 1   # a quick look

The model is the keras.io IMDB example after its Embedding (Input of 200 timesteps x 128
features, Bidirectional LSTM 64 with return_sequences, Bidirectional LSTM 64, Dense 1
sigmoid), or with ``--embedding`` the whole example (Input of 200 int32 word ids,
Embedding 20000 x 128 first, the ids drawn uniformly), compiled with Adam, binary
crossentropy and accuracy, fitted on seeded synthetic sequences with ``batch_size`` 32
and ``shuffle=False``. Each epoch is one ``fit(epochs=1)`` call on the wall clock; the
table shows the first and the fastest later epoch, as ``convnet.py`` does, whose
subprocess and table code this script shares. With ``--tfvenv``, tf_keras fits its epochs
in a server subprocess (``convnet.EngineServer``: one epoch each time it is asked), and the
two engines take turns, epoch by epoch, so that the load of other processes and the
machine's own drift from minute to minute fall on both alike; a last line gives the
median later epochs' ratio and the ratios epoch by epoch.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np
from convnet import EngineServer, engine_module

HERE = os.path.abspath(__file__)
TIMESTEPS, FEATURES, VOCABULARY = 200, 128, 20000


def synthetic_sequences(samples, seed=0, embedding=False):
    rng = np.random.default_rng(seed)
    if embedding:
        x = rng.integers(0, VOCABULARY, size=(samples, TIMESTEPS), dtype=np.int32)
    else:
        x = rng.standard_normal((samples, TIMESTEPS, FEATURES), dtype=np.float32)
    return x, rng.integers(0, 2, size=samples)


def bidirectional_lstm(keras, embedding=False):
    layers = keras.layers
    head = ([keras.Input(shape=(TIMESTEPS,), dtype="int32"),
             layers.Embedding(VOCABULARY, FEATURES)] if embedding
            else [keras.Input(shape=(TIMESTEPS, FEATURES))])
    return keras.Sequential(head + [
        layers.Bidirectional(layers.LSTM(64, return_sequences=True)),
        layers.Bidirectional(layers.LSTM(64)),
        layers.Dense(1, activation="sigmoid"),
    ])


def time_epochs(engine, samples, batch_size, epochs, embedding=False):
    keras = engine_module(engine)
    x, y = synthetic_sequences(samples, embedding=embedding)
    model = bidirectional_lstm(keras, embedding)
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    seconds = []
    for _ in range(epochs):
        start = time.perf_counter()
        model.fit(x, y, batch_size=batch_size, epochs=1, shuffle=False, verbose=0)
        seconds.append(time.perf_counter() - start)
    return seconds


def engine_epoch(engine, samples, batch_size, embedding=False):
    """A function that fits one more epoch of one model of ``engine`` (built once) and
    returns its wall seconds."""
    keras = engine_module(engine)
    x, y = synthetic_sequences(samples, embedding=embedding)
    model = bidirectional_lstm(keras, embedding)
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])

    def epoch():
        start = time.perf_counter()
        model.fit(x, y, batch_size=batch_size, epochs=1, shuffle=False, verbose=0)
        return time.perf_counter() - start
    return epoch


def serve(engine, samples, batch_size, embedding):
    """A server's side: one epoch per line on stdin, its wall seconds as one JSON line."""
    epoch = engine_epoch(engine, samples, batch_size, embedding)
    for _ in sys.stdin:
        print(json.dumps({"wall": epoch(), "cpu": 0.0}), flush=True)


def interleaved(tfvenv, samples, batch_size, epochs, embedding=False):
    """{engine: wall seconds per epoch}, tracekeras here and tf_keras in its server taking
    turns epoch by epoch."""
    ours = engine_epoch("tracekeras", samples, batch_size, embedding)
    server = EngineServer(os.path.join(tfvenv, "bin", "python"), "keras", samples, batch_size,
                          script=HERE, extra=["--embedding"] if embedding else [])
    times = {"tracekeras": [], "tf_keras": []}
    try:
        for _ in range(epochs):   # tf_keras first: its first epoch waits for TensorFlow's
            times["tf_keras"].append(server.epoch()[0])    # import, with nothing beside it
            times["tracekeras"].append(ours())
    finally:
        server.close()
    return times


def keras_times(tfvenv, samples, batch_size, epochs, embedding=False, script=HERE):
    """The epoch times of ``script`` run on tf_keras in the Python of ``tfvenv``."""
    return keras_run(tfvenv, samples, batch_size, epochs, embedding, script)["seconds"]


def keras_run(tfvenv, samples, batch_size, epochs, embedding=False, script=HERE):
    """The JSON line of ``script --json`` run on tf_keras in the Python of ``tfvenv``."""
    python = os.path.join(tfvenv, "bin", "python")
    proc = subprocess.run([python, script, "--engine", "keras", "--samples", str(samples),
                           "--batch-size", str(batch_size), "--epochs", str(epochs), "--json"]
                          + (["--embedding"] if embedding else []),
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"tf_keras run failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def row(name, seconds, samples):
    """One table row: the first epoch, the fastest later one, samples per second."""
    later = min(seconds[1:]) if len(seconds) > 1 else None
    best = later if later is not None else seconds[0]
    return (f"{name:<12} {seconds[0]:>12.2f} "
            f"{'-' if later is None else f'{later:.2f}':>18} {samples / best:>12.0f}")


def arguments(description):
    """The options of an epoch-timing benchmark: sizes, engine, tf_keras's venv, JSON out."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--samples", type=int, default=640)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--epochs", type=int, default=2, help="epochs timed one by one")
    parser.add_argument("--tfvenv", help="a venv with tensorflow and tf_keras, to compare")
    parser.add_argument("--engine", choices=["tracekeras", "keras"], default="tracekeras")
    parser.add_argument("--json", action="store_true", help="print the times as one JSON line")
    return parser


def main(argv=None):
    parser = arguments(__doc__.splitlines()[0])
    parser.add_argument("--embedding", action="store_true",
                        help="the whole keras.io model: int word ids into Embedding 20000 x 128")
    parser.add_argument("--serve", action="store_true", help="(internal) an engine's server")
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.engine, args.samples, args.batch_size, args.embedding)
        return
    if args.tfvenv and not args.json:
        rows = interleaved(args.tfvenv, args.samples, args.batch_size, args.epochs,
                           args.embedding)
    else:
        seconds = time_epochs(args.engine, args.samples, args.batch_size, args.epochs,
                              args.embedding)
        if args.json:
            print(json.dumps({"engine": args.engine, "seconds": seconds}))
            return
        rows = {"tracekeras": seconds}
    print_table(f"{'Embedding 20000x128 + ' if args.embedding else ''}Bidirectional LSTM, "
                f"{args.samples} sequences of {TIMESTEPS}"
                f"{' word ids' if args.embedding else f'x{FEATURES}'}, batch {args.batch_size}",
                rows, args.samples)


def print_table(title, rows, samples):
    """The title, a row per engine and, with tf_keras beside, the ratio of their fastest
    later epochs."""
    print(title)
    print(f"{'engine':<12} {'epoch 1 (s)':>12} {'fastest later (s)':>18} {'samples/s':>12}")
    for name, times in rows.items():
        print(row(name, times, samples))
    if "tf_keras" in rows:
        ratio = min(rows["tracekeras"][1:] or rows["tracekeras"]) / min(
            rows["tf_keras"][1:] or rows["tf_keras"])
        print(f"tracekeras / tf_keras (fastest later epoch): {ratio:.2f}x")
        pairs = list(zip(rows["tracekeras"], rows["tf_keras"]))[1:]
        if pairs:
            median = statistics.median(a for a, _ in pairs) / statistics.median(b for _, b in pairs)
            print(f"median later epochs: {median:.2f}x; epoch by epoch: "
                  f"{[round(a / b, 2) for a, b in pairs]}")


if __name__ == "__main__":
    main()
