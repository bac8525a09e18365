"""``tracekeras demo``: the seed example of the Keras tutorials, traced and drawn.

The model every Keras walkthrough starts from: ``Sequential([Dense(512,
relu), Dense(10, softmax)])``, compiled with rmsprop, sparse categorical
crossentropy and accuracy, fitted with batch size 128. It is built lazily
inside the first train step, exactly as in the tutorial, so the trace shows
compile, the build inside ``fit``, the data adapter, the callbacks and the step
loop. Data: the digits that ship with tracekeras (``--data digits``, the
default, needs nothing), MNIST from the Keras cache (``--data mnist`` reads
``~/.keras/datasets/mnist.npz``; without it the command stops with a one-line
error naming the file, where to put it and its URL, status 1), or random
numbers (``--data synthetic``, the fastest).

What it writes in ``--out``: the trace (``seed.trace.jsonl``) and, from it,
every rendering ``visualize`` offers (call diagram, sequence diagram, layer
graph, Perfetto JSON, HTML report). A rendering that cannot be made here (no
Graphviz ``dot``) is reported in one line; the others are still written.
"""
import os
import sys

import numpy as np
from rich.console import Console

import tracekeras
import visualize
from tracekeras import layers
from tracekeras.cli import Parser, UsageError
from tracekeras.datasets import digits, mnist
from tracekeras.models import Sequential

DATASETS = ("digits", "mnist", "synthetic")


def load(data):
    """Flattened float32 images scaled to [0, 1] and integer labels, train and test."""
    if data == "digits":
        (x, y), (xt, yt) = digits.load_data()
        scale = 16.0
    elif data == "mnist":
        (x, y), (xt, yt) = mnist.load_data()
        scale = 255.0
    elif data == "synthetic":
        rng = np.random.default_rng(0)
        x, xt = rng.random((6000, 784), dtype="float32"), rng.random((1000, 784), dtype="float32")
        y, yt = rng.integers(0, 10, 6000), rng.integers(0, 10, 1000)
        scale = 1.0
    else:
        raise ValueError(f"Unknown data set {data!r}: expected one of {', '.join(DATASETS)}.")

    def flat(a):
        return a.reshape(len(a), -1).astype("float32") / scale

    return (flat(x), y), (flat(xt), yt)


def seed_model():
    model = Sequential([layers.Dense(512, activation="relu"),
                        layers.Dense(10, activation="softmax")])
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    return model


def run(out="out", data="digits", epochs=5, level="stages", verbose=1, render=True,
        arrays=None):
    """Train the seed model with tracing on; return (model, trace, written paths).

    ``arrays``: what ``load(data)`` returned, when the caller has loaded it already."""
    if epochs < 0:
        raise ValueError(f"`epochs` must be >= 0. Received: {epochs}")
    (x, y), (xt, yt) = arrays if arrays is not None else load(data)
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "seed.trace.jsonl")
    with tracekeras.trace(path, level=level) as t:
        model = seed_model()
        model.fit(x, y, epochs=epochs, batch_size=128, verbose=verbose)
        loss, accuracy = model.evaluate(xt, yt, batch_size=128, verbose=0)
    print(f"\nTest loss {loss:.4f}, test accuracy {accuracy:.4f} on {len(xt)} {data} samples.\n")
    model.summary()
    written = {"trace": path}
    if render:
        Console().print(visualize.tree(t, depth=4))
        written.update(visualize.write_all(t, out, stem="seed"))
        names = sorted(os.path.basename(p) for p in written.values())
        print(f"\nWritten to {out}/: " + ", ".join(names))
    return model, t, written


def main(argv=None):
    """``tracekeras demo [--out DIR] [--data D] [--epochs N] [--level L]`` (handed over by
    ``tracekeras.cli``); returns the exit status."""
    parser = Parser(prog="tracekeras demo", description="Train the seed example with tracing "
                    "on and write the trace and every rendering.")
    parser.add_argument("--out", default="out")
    parser.add_argument("--data", default="digits", choices=DATASETS)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--level", default="stages", choices=("stages", "steps", "full"))
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    try:
        arrays = load(args.data)
    except FileNotFoundError as exc:   # a data set that is not in the Keras cache
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        return 1
    run(out=args.out, data=args.data, epochs=args.epochs, level=args.level, arrays=arrays)
    return 0
