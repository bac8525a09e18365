"""Where an epoch of the MNIST convnet goes: milliseconds a step, part by part, in tracekeras
and in its NumPy floor.

    python benchmarks/convnet_profile.py                  # 2 epochs of 6000 samples each
    python benchmarks/convnet_profile.py --samples 1280 --epochs 1
    CONVNET_TRACEKERAS_ROOT=/tmp/base python benchmarks/convnet_profile.py  # another checkout

Both run with one BLAS thread unless ``--blas-threads`` says otherwise, and tracekeras
without its split of the batch over Python threads (``backend/parallel.py``), so the
thread CPU clock sees all of its work. The parts
are named ``layer direction op`` (``conv2 bwd tf.nn.convolution``), the op being the
backend op the tape records, with the pieces of a convolution or a pooling after a
colon (``: patches`` im2col, ``: matmul``, ``: kernel gradient``, ``: input gradient
matmul``, ``: col2im``, ``: window maxima``, and for a convolution that takes the Winograd
way, ``: Winograd input tiles`` and the other transforms; the rest of its line is its
matmuls).

How tracekeras is timed, without changing what it computes: each layer's ``call`` is
wrapped (the forward of an op is the time from the previous op's record, or the call's
start, to its own ``record``), every backward rule recorded on the tape is wrapped (its
layer is the one that recorded it), and so are the backend helpers named above,
``Model.compute_loss``, ``compute_metrics``, ``GradientTape.gradient`` (its time beyond
the backward rules: ``tape bookkeeping``) and the optimizer's ``apply_gradients``.
``engine rest`` is the epoch's wall time minus every part: the Python of ``fit``, the
data adapter, callbacks. The floor (``conv_floor.floor_epoch``) calls ``tick`` after each
part. The clock is the thread's CPU time (``time.thread_time``; both run on one thread),
which other processes on a shared machine disturb less than wall time
(``--clock wall``); the timers add a few microseconds an op.
"""
import argparse
import collections
import contextlib
import functools
import os
import sys
import time

HERE = os.path.abspath(__file__)
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))   # this checkout's tracekeras

import conv_floor  # noqa: E402 - sibling modules of this script
import convnet  # noqa: E402
import threadpoolctl  # noqa: E402

from tracekeras.backend import conv, parallel, pooling, tape, threads  # noqa: E402

try:
    from tracekeras.backend import winograd
except ImportError:          # another checkout (CONVNET_TRACEKERAS_ROOT) may predate it
    winograd = None

LAYERS = ("conv1", "pool1", "conv2", "pool2", "flatten", "dropout", "dense")
HELPERS = {conv: {"patches": "patches", "grouped_matmul": "matmul",
                  "grouped_kernel_grad": "kernel gradient",
                  "grouped_input_grad": "input gradient matmul", "scatter_patches": "col2im"},
           pooling: {"window_max": "window maxima"}}
if winograd is not None:
    HELPERS[winograd] = {"input_tiles": "Winograd input tiles",
                         "output_tiles": "Winograd output tiles",
                         "gradient_tiles": "Winograd gradient tiles",
                         "input_untiles": "Winograd input untiles",
                         "kernel_gradient_part": "Winograd kernel gradient matmuls",
                         "kernel_gradient": "Winograd kernel gradient matmuls"}  # before 2026-12-07
CLOCKS = {"cpu": time.thread_time, "wall": time.perf_counter}
now = CLOCKS["cpu"]
HELPER_OP = {conv: "tf.nn.convolution", pooling: "tf.nn.max_pool", winograd: "tf.nn.convolution"}


class Clock:
    """Seconds per part, and the place (layer and direction) the next op belongs to."""

    def __init__(self):
        self.parts = collections.defaultdict(float)
        self.last = now()
        self.where = "other fwd"

    def tick(self, part):
        stamp = now()
        self.parts[part] += stamp - self.last
        self.last = stamp

    def add(self, part, seconds):
        self.parts[part] += seconds


@contextlib.contextmanager
def patched(obj, name, make):
    """``obj.name`` replaced by ``make(original)`` inside the block."""
    original = getattr(obj, name)
    setattr(obj, name, make(original))
    try:
        yield
    finally:
        setattr(obj, name, original)


def timed_call(clock, layer):
    def make(call):
        @functools.wraps(call)
        def wrapper(*args, **kwargs):
            outer, clock.where = clock.where, f"{layer} fwd"
            clock.last = now()
            try:
                return call(*args, **kwargs)
            finally:
                clock.tick(f"{layer} fwd (layer Python)")
                clock.where = outer
        return wrapper
    return make


def timed_record(clock):
    def make(record):
        def wrapper(name, value, inputs, backward, backward_ops=None):
            clock.tick(f"{clock.where} {name}")
            layer = clock.where.split()[0]

            def timed_backward(g, needs):
                outer, clock.where = clock.where, f"{layer} bwd"
                start = now()
                try:
                    return backward(g, needs)
                finally:
                    spent = now() - start
                    clock.add(f"{layer} bwd {name}", spent)
                    clock.add("tape bookkeeping", -spent)
                    clock.where = outer
            out = record(name, value, inputs, timed_backward, backward_ops)
            clock.last = now()
            return out
        return wrapper
    return make


def timed_helper(clock, module, label):
    """A backend helper's time as a piece of its op (taken off the op's own line)."""
    def make(helper):
        @functools.wraps(helper)
        def wrapper(*args, **kwargs):
            start = now()
            try:
                return helper(*args, **kwargs)
            finally:
                spent = now() - start
                op = f"{clock.where} {HELPER_OP[module]}"
                clock.add(f"{op}: {label}", spent)
                clock.add(op, -spent)
        return wrapper
    return make


def timed_gradient(clock):
    def make(gradient):
        @functools.wraps(gradient)
        def wrapper(self, *args, **kwargs):
            start = now()
            try:
                return gradient(self, *args, **kwargs)
            finally:
                clock.add("tape bookkeeping", now() - start)
                clock.last = now()
        return wrapper
    return make


def record_users():
    """The modules that call ``tape.record`` by their own name for it."""
    return [m for name, m in list(sys.modules.items())
            if name.startswith("tracekeras") and getattr(m, "record", None) is tape.record]


def tracekeras_model(samples, batch_size):
    keras = convnet.engine_module("tracekeras")
    x, y = convnet.synthetic_mnist(samples)
    model = convnet.convnet(keras)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model, x, y


def run_tracekeras(samples, batch_size, epochs):
    """(seconds per part, wall seconds) of ``epochs`` epochs of ``fit`` after a warm-up one."""
    model, x, y = tracekeras_model(samples, batch_size)

    def fit():
        model.fit(x, y, batch_size=batch_size, epochs=1, shuffle=False, verbose=0)
    fit()                                                           # warm-up
    clock = Clock()
    with contextlib.ExitStack() as stack:
        for layer, label in zip(model.layers, LAYERS):
            stack.enter_context(patched(layer, "call", timed_call(clock, label)))
        for module in record_users():
            stack.enter_context(patched(module, "record", timed_record(clock)))
        for module, names in HELPERS.items():
            for name, label in names.items():
                if hasattr(module, name):         # another checkout may lack a helper
                    stack.enter_context(patched(module, name,
                                                timed_helper(clock, module, label)))
        stack.enter_context(patched(model, "compute_loss", loss_span(clock, "loss")))
        stack.enter_context(patched(model, "compute_metrics", loss_span(clock, "metrics")))
        stack.enter_context(patched(tape.GradientTape, "gradient", timed_gradient(clock)))
        stack.enter_context(patched(model.optimizer, "apply_gradients",
                                    whole(clock, "optimizer")))
        start = now()
        for _ in range(epochs):
            fit()
        wall = now() - start
    return clock.parts, wall


def loss_span(clock, place):
    """The ops of the loss (or the metrics) as ``place fwd op``; their Python as one part."""
    def make(method):
        @functools.wraps(method)
        def wrapper(*args, **kwargs):
            outer, clock.where = clock.where, f"{place} fwd"
            clock.last = now()
            try:
                return method(*args, **kwargs)
            finally:
                clock.tick(f"{place} fwd (Python)")
                clock.where = outer
        return wrapper
    return make


def whole(clock, part):
    def make(method):
        @functools.wraps(method)
        def wrapper(*args, **kwargs):
            start = now()
            try:
                return method(*args, **kwargs)
            finally:
                clock.add(part, now() - start)
                clock.last = now()
        return wrapper
    return make


def run_floor(samples, batch_size, epochs):
    """The same for ``conv_floor.floor_epoch``."""
    x, y = convnet.synthetic_mnist(samples)
    params, slots = conv_floor.fresh_state()
    step = conv_floor.floor_epoch(x, y, params, slots, 0, batch_size)[2]     # warm-up
    clock = Clock()
    start = now()
    for _ in range(epochs):
        clock.last = now()
        step = conv_floor.floor_epoch(x, y, params, slots, step, batch_size, tick=clock.tick)[2]
    return clock.parts, now() - start


def order(part):
    """Forward parts in layer order, then backward parts in reverse, then the rest."""
    head = part.split(":")[0].split()
    places = LAYERS + ("loss", "metrics")
    if len(head) >= 2 and head[0] in places and head[1] in ("fwd", "bwd"):
        i = places.index(head[0])
        return (0, i) if head[1] == "fwd" else (1, -i if head[0] not in ("loss", "metrics")
                                                  else -len(places))
    return (2, 0)


def report(results, steps):
    """Lines of a table: ms a step per part, one column per engine."""
    names = list(results)
    ops = {}
    for parts, _ in results.values():
        for part in parts:
            ops.setdefault(part.split(": ")[0], set()).add(part)
    rows = []
    totals = {name: 0.0 for name in names}
    for op in sorted(ops, key=order):
        cells = []
        for name in names:
            parts = results[name][0]
            value = sum(v for p, v in parts.items() if p.split(": ")[0] == op)
            present = any(p.split(": ")[0] == op for p in parts)
            totals[name] += value if present else 0
            cells.append(f"{value / steps * 1e3:8.2f}" if present else f"{'-':>8}")
        rows.append(f"{op:<58}" + " ".join(f"{c:>11}" for c in cells))
        for piece in sorted({p.split(": ", 1)[1] for p in ops[op] if ": " in p}):
            cells = [results[name][0].get(f"{op}: {piece}") for name in names]
            rows.append(f"{'    : ' + piece:<58}" + " ".join(
                f"{(c / steps * 1e3 if c is not None else float('nan')):>11.2f}"
                if c is not None else f"{'-':>11}" for c in cells))
    rest = [(results[n][1] - totals[n]) / steps * 1e3 for n in names]
    rows.append(f"{'engine rest (fit loop, adapter, callbacks)':<58}"
                + " ".join(f"{r:>11.2f}" for r in rest))
    rows.append(f"{'total (ms a step)':<58}"
                + " ".join(f"{results[n][1] / steps * 1e3:>11.2f}" for n in names))
    return [f"{'part (ms a step)':<58}" + " ".join(f"{n:>11}" for n in names)] + rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=6000)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--epochs", type=int, default=2, help="profiled epochs of each")
    parser.add_argument("--blas-threads", type=int, default=1)
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="cpu")
    args = parser.parse_args(argv)
    global now
    now = CLOCKS[args.clock]
    os.environ[threads.ENV_VAR] = str(args.blas_threads)     # fit's own thread policy
    os.environ[parallel.ENV_VAR] = "1"      # one thread: the clock counts the caller's time
    steps = args.epochs * -(-args.samples // args.batch_size)
    with threadpoolctl.threadpool_limits(args.blas_threads, user_api="blas"):
        results = {"tracekeras": run_tracekeras(args.samples, args.batch_size, args.epochs),
                   "floor": run_floor(args.samples, args.batch_size, args.epochs)}
    print(f"MNIST convnet, {steps} steps of batch {args.batch_size}, {args.blas_threads} BLAS "
          f"thread(s), {args.clock} time, load average {os.getloadavg()[0]:.2f}")
    print("\n".join(report(results, steps)))


if __name__ == "__main__":
    main()
