"""Where a training step of keras.io's transformer text classifier goes in tracekeras:
milliseconds a step, op by op, from the thread's CPU clock.

    python benchmarks/transformer_profile.py                   # 2 epochs of 640 sequences
    python benchmarks/transformer_profile.py --samples 320 --epochs 1
    TRANSFORMER_TRACEKERAS_ROOT=/path/to/checkout python benchmarks/transformer_profile.py

The model and data are ``transformer.py``'s. It runs with one BLAS thread (the one fit
takes for a model with MultiHeadAttention) and without the split over Python threads, so
the thread CPU clock (``time.thread_time``; ``--clock wall`` for the wall clock) sees all
of the work. The timing is ``convnet_profile.py``'s: every layer's ``call`` is wrapped
(nested layers too: an op belongs to the innermost layer running), every op's
``record`` and backward rule, ``GradientTape.gradient`` (its time beyond the backward
rules: ``tape bookkeeping``), the loss, the metrics and ``apply_gradients``. A line is
``layer direction op``, the layer named by its path of attributes in the model
(``block.att.query``); ``--by-op`` adds up the lines of each op over all layers.
"""
import argparse
import collections
import contextlib
import os
import sys
import time

HERE = os.path.abspath(__file__)
sys.path.insert(0, os.path.dirname(HERE))
ROOT = os.environ.get("TRANSFORMER_TRACEKERAS_ROOT", os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, ROOT)

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


def report(parts, wall, steps, by_op=False):
    """Lines of a table: ms a step per part, the largest first."""
    if by_op:
        merged = collections.defaultdict(float)
        for part, value in parts.items():
            words = part.split()
            key = (" ".join(words[1:]) if len(words) > 2 and words[1] in ("fwd", "bwd")
                   else part)
            merged[key] += value
        parts = merged
    rows = [f"{'part (ms a step)':<64}{'ms':>9}{'share':>8}"]
    for part, value in sorted(parts.items(), key=lambda kv: -kv[1]):
        rows.append(f"{part:<64}{value / steps * 1e3:>9.2f}{value / wall:>8.1%}")
    rest = wall - sum(parts.values())
    rows.append(f"{'engine rest (fit loop, adapter, callbacks)':<64}"
                f"{rest / steps * 1e3:>9.2f}{rest / wall:>8.1%}")
    rows.append(f"{'total (ms a step)':<64}{wall / steps * 1e3:>9.2f}")
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=640)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--epochs", type=int, default=2, help="profiled epochs")
    parser.add_argument("--clock", choices=sorted(cp.CLOCKS), default="cpu")
    parser.add_argument("--by-op", action="store_true", help="add up each op over its layers")
    args = parser.parse_args(argv)
    cp.now = cp.CLOCKS[args.clock]
    os.environ[threads.ENV_VAR] = "1"
    os.environ[parallel.ENV_VAR] = "1"      # one thread: the clock counts the caller's time
    steps = args.epochs * -(-args.samples // args.batch_size)
    with threadpoolctl.threadpool_limits(1, user_api="blas"):
        parts, wall = run(args.samples, args.batch_size, args.epochs)
    print(f"Transformer text classifier ({ROOT}), {steps} steps of batch {args.batch_size}, "
          f"1 BLAS thread, {args.clock} time, load average {os.getloadavg()[0]:.2f}")
    print("\n".join(report(parts, wall, steps, args.by_op)))


if __name__ == "__main__":
    main()
