"""Where a training step of keras.io's transformer text classifier goes in tracekeras:
milliseconds a step, op by op, from the thread's CPU clock.

    python benchmarks/transformer_profile.py                   # 2 epochs of 640 sequences
    python benchmarks/transformer_profile.py --samples 320 --epochs 1
    python benchmarks/transformer_profile.py --by-op --old /path/to/checkout --rounds 3

The model and data are ``transformer.py``'s. It runs with one BLAS thread (the one fit
takes for a model with MultiHeadAttention) and without the split over Python threads, so
the thread CPU clock (``time.thread_time``; ``--clock wall`` for the wall clock) sees all
of the work. The timing is ``convnet_profile.py``'s: every layer's ``call`` is wrapped
(nested layers too: an op belongs to the innermost layer running), every op's
``record`` and backward rule, ``GradientTape.gradient`` (its time beyond the backward
rules: ``tape bookkeeping``), the loss, the metrics and ``apply_gradients``. A line is
``layer direction op``, the layer named by its path of attributes in the model
(``block.att.query``); ``--by-op`` adds up the lines of each op over all layers.
``--old PATH`` profiles another checkout (``TRANSFORMER_TRACEKERAS_ROOT``, in a
subprocess) in turn with this one, ``--rounds`` times each, and gives each part's least
time: on a loaded machine the thread CPU clock of the same code varies by a third from
run to run.
"""
import argparse
import collections
import contextlib
import importlib
import json
import os
import subprocess
import sys

HERE = os.path.abspath(__file__)
sys.path.insert(0, os.path.dirname(HERE))
ROOT = os.environ.get("TRANSFORMER_TRACEKERAS_ROOT", os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, ROOT)
# tracekeras from ROOT first: convnet_profile puts its own checkout at the head of the path
tracekeras = importlib.import_module("tracekeras")
import convnet_profile as cp  # noqa: E402 - sibling modules of this script
import threadpoolctl  # noqa: E402
import transformer  # noqa: E402

from tracekeras.backend import parallel, tape, threads  # noqa: E402

SHORT = {"token_and_position_embedding": "embed", "transformer_block": "block"}


def named_layers(model):
    """(label, layer) of every layer below the model, nested ones by their attribute path."""
    out, seen = [], set()

    def visit(layer, label):
        if id(layer) in seen:
            return
        seen.add(id(layer))
        out.append((label, layer))
        if hasattr(layer, "layers"):                      # a nested Sequential
            for child in layer.layers:
                visit(child, f"{label}.{child.name}")
        for attr, value in sorted(vars(layer).items(), key=lambda kv: kv[0].startswith("_")):
            if hasattr(value, "call") and hasattr(value, "trainable_weights"):
                visit(value, f"{label}.{attr.lstrip('_')}")
    for layer in model.layers[1:]:
        visit(layer, SHORT.get(layer.name, layer.name))
    return out


def run(samples, batch_size, epochs):
    keras = transformer.model_engine("tracekeras")
    x, y = transformer.synthetic_reviews(samples)
    model = transformer.text_classifier(keras)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

    def fit():
        model.fit(x, y, batch_size=batch_size, epochs=1, shuffle=False, verbose=0)
    fit()                                                           # warm-up
    clock = cp.Clock()
    with contextlib.ExitStack() as stack:
        for label, layer in named_layers(model):
            stack.enter_context(cp.patched(layer, "call", cp.timed_call(clock, label)))
        for module in cp.record_users():
            stack.enter_context(cp.patched(module, "record", cp.timed_record(clock)))
        stack.enter_context(cp.patched(model, "compute_loss", cp.loss_span(clock, "loss")))
        stack.enter_context(cp.patched(model, "compute_metrics", cp.loss_span(clock, "metrics")))
        stack.enter_context(cp.patched(tape.GradientTape, "gradient", cp.timed_gradient(clock)))
        stack.enter_context(cp.patched(model.optimizer, "apply_gradients",
                                       cp.whole(clock, "optimizer")))
        start = cp.now()
        for _ in range(epochs):
            fit()
        wall = cp.now() - start
    return clock.parts, wall


def by_op(parts):
    """The parts of each op added up over its layers (``fwd tf.einsum``)."""
    merged = collections.defaultdict(float)
    for part, value in parts.items():
        words = part.split()
        key = " ".join(words[1:]) if len(words) > 2 and words[1] in ("fwd", "bwd") else part
        merged[key] += value
    return merged


def report(columns, steps):
    """Lines of a table: ms a step per part, one column per checkout, the largest first."""
    names = list(columns)
    rests = {n: wall - sum(parts.values()) for n, (parts, wall) in columns.items()}
    keys = sorted({k for parts, _ in columns.values() for k in parts},
                  key=lambda k: -max(columns[n][0].get(k, 0.0) for n in names))
    rows = [f"{'part (ms a step)':<60}" + "".join(f"{n:>14}" for n in names)]
    for key in keys:
        rows.append(f"{key:<60}" + "".join(f"{columns[n][0].get(key, 0.0) / steps * 1e3:>14.2f}"
                                           for n in names))
    rows.append(f"{'engine rest (fit loop, adapter, callbacks)':<60}"
                + "".join(f"{rests[n] / steps * 1e3:>14.2f}" for n in names))
    rows.append(f"{'total (ms a step)':<60}"
                + "".join(f"{columns[n][1] / steps * 1e3:>14.2f}" for n in names))
    return rows


def measured(args):
    """(parts, wall) of this checkout, or with ``--old`` the smallest of each part over
    ``--rounds`` runs of each checkout in turn, in subprocesses."""
    if not args.old:
        with threadpoolctl.threadpool_limits(1, user_api="blas"):
            parts, wall = run(args.samples, args.batch_size, args.epochs)
        return {"this checkout": (by_op(parts) if args.by_op else parts, wall)}
    roots = {"old": os.path.abspath(args.old), "new": ROOT}
    best = {name: ({}, float("inf")) for name in roots}
    for _ in range(args.rounds):
        for name, root in roots.items():
            env = dict(os.environ, TRANSFORMER_TRACEKERAS_ROOT=root)
            proc = subprocess.run([sys.executable, HERE, "--json", "--samples", str(args.samples),
                                   "--batch-size", str(args.batch_size), "--epochs",
                                   str(args.epochs), "--clock", args.clock],
                                  env=env, capture_output=True, text=True, check=True)
            parts, wall = json.loads(proc.stdout.strip().splitlines()[-1])
            parts = by_op(parts) if args.by_op else parts
            old_parts, old_wall = best[name]
            best[name] = ({k: min(v, old_parts.get(k, v)) for k, v in parts.items()},
                          min(wall, old_wall))
    return best


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=640)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--epochs", type=int, default=2, help="profiled epochs")
    parser.add_argument("--clock", choices=sorted(cp.CLOCKS), default="cpu")
    parser.add_argument("--by-op", action="store_true", help="add up each op over its layers")
    parser.add_argument("--old", help="another checkout, profiled in turn with this one")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each with --old")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    cp.now = cp.CLOCKS[args.clock]
    os.environ[threads.ENV_VAR] = "1"
    os.environ[parallel.ENV_VAR] = "1"      # one thread: the clock counts the caller's time
    steps = args.epochs * -(-args.samples // args.batch_size)
    if args.json:
        with threadpoolctl.threadpool_limits(1, user_api="blas"):
            print(json.dumps(run(args.samples, args.batch_size, args.epochs)))
        return
    columns = measured(args)
    checkout = os.path.dirname(os.path.dirname(tracekeras.__file__))
    print(f"Transformer text classifier ({checkout}"
          + (f" against {os.path.abspath(args.old)}, the least of {args.rounds} runs of each "
             "part" if args.old else "")
          + f"), {steps} steps of batch {args.batch_size}, 1 BLAS thread, {args.clock} time, "
          f"load average {os.getloadavg()[0]:.2f}")
    print("\n".join(report(columns, steps)))


if __name__ == "__main__":
    main()
