"""tracekeras measurements for ``run.py``: the seed-model fit (tracing off and at each level),
evaluate, predict, trace size and render time, and graph construction for long chains and
wide DAGs.

Every function returns plain dicts (JSON-safe) and raises nothing the runner has to know
about except ImportError/AttributeError, which ``engine_available`` turns into a note.
"""
import gc
import os
import sys
import tempfile
import time
import tracemalloc

LEVELS = ("off", "stages", "steps", "full")


def engine_available():
    """(True, "") when tracekeras can build and fit a model, else (False, why)."""
    try:
        import tracekeras.models  # noqa: F401
        from tracekeras import layers  # noqa: F401
        return True, ""
    except Exception as exc:  # noqa: BLE001 - any failure: the engine is not ready
        return False, f"{type(exc).__name__}: {exc}"


def seed_model(params=None):
    """The seed model, compiled; given ``params`` (floor.seed_params) it starts from them."""
    from tracekeras import layers
    from tracekeras.models import Sequential
    model = Sequential([layers.Dense(512, activation="relu"),
                        layers.Dense(10, activation="softmax")])
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    if params is not None:
        model.build((None, params[0].shape[0]))
        model.set_weights(params)
    return model


def backend_epoch(x, y, variables, slots, batch_size=128):
    """One seed epoch on ``tracekeras.backend`` alone: ops + GradientTape, no engine.

    The same work as ``floor.floor_epoch`` (gather, forward, crossentropy from the logits,
    tape gradients, in-place RMSprop, accuracy), so floor -> this -> ``fit`` splits the
    engine's overhead into the backend's part (allocating ops, the tape) and the engine's
    (layers, containers, callbacks, data handler). ``variables``: four float32 Variables.
    """
    import numpy as np

    from tracekeras.backend import GradientTape, nn, ops
    k1, b1, k2, b2 = variables
    scratch = [np.empty_like(v.value) for v in variables]
    rho, one_minus_rho, lr, eps = (np.float32(c) for c in (0.9, 0.1, 0.001, 1e-7))
    order = np.random.default_rng(0).permutation(len(x))
    for start in range(0, len(x), batch_size):
        idx = order[start:start + batch_size]
        xb, yb = np.take(x, idx, axis=0), y[idx]
        with GradientTape() as tape:
            h = nn.relu(ops.bias_add(ops.matmul(xb, k1), b1))
            probs = nn.softmax(ops.bias_add(ops.matmul(h, k2), b2))
            loss = ops.reduce_mean(
                nn.sparse_softmax_cross_entropy_with_logits(yb, probs.keras_logits))
        for v, g, s, t in zip(variables, tape.gradient(loss, variables), slots, scratch):
            s *= rho
            np.multiply(g, g, out=t)
            t *= one_minus_rho
            s += t
            np.add(s, eps, out=t)
            np.sqrt(t, out=t)
            np.divide(g, t, out=t)
            t *= lr
            v.assign_sub(t)
        int((probs.value.argmax(axis=1) == yb).sum())


def epoch_timer():
    """A callback recording each epoch's wall and CPU time and when each training step begins
    (None without callbacks)."""
    try:
        from tracekeras.callbacks import Callback
    except Exception:  # noqa: BLE001
        return None

    class EpochTimer(Callback):
        def __init__(self):
            super().__init__()
            self.times, self.cpu, self.step_starts = [], [], []
            self.start = self.cpu_start = None

        def on_epoch_begin(self, epoch, logs=None):
            self.start, self.cpu_start = time.perf_counter(), time.process_time()

        def on_train_batch_begin(self, batch, logs=None):
            self.step_starts.append(time.perf_counter())

        def on_epoch_end(self, epoch, logs=None):
            self.times.append(time.perf_counter() - self.start)
            self.cpu.append(time.process_time() - self.cpu_start)
    return EpochTimer()


def median_period(starts):
    """The median time between consecutive step starts: a step's cost, blind to load bursts."""
    import statistics
    return statistics.median(b - a for a, b in zip(starts, starts[1:])) if len(starts) > 1 \
        else None


def fit_once(model, x, y, level, epochs=1, batch_size=128, trace_path=None, clock=None):
    """Fit ``epochs`` epochs at a tracing level.

    Returns (wall seconds of each epoch, wall seconds of the call, trace or None, CPU seconds
    of each epoch: this process only, so other processes on the machine do not count).
    ``clock``, a list, receives the ``time.perf_counter()`` at which each step began.
    """
    import tracekeras
    timer = epoch_timer()
    callbacks = [timer] if timer is not None else None
    start, cpu_start = time.perf_counter(), time.process_time()
    if level == "off":
        model.fit(x, y, epochs=epochs, batch_size=batch_size, verbose=0, callbacks=callbacks)
        trace = None
    else:
        with tracekeras.trace(path=trace_path, level=level) as trace:
            model.fit(x, y, epochs=epochs, batch_size=batch_size, verbose=0,
                      callbacks=callbacks)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    if timer is not None and clock is not None:
        clock.extend(timer.step_starts)
    if timer is not None and timer.times:
        return timer.times, wall, trace, timer.cpu
    return [wall / epochs], wall, trace, [cpu / epochs]


def trace_bytes(trace):
    if trace is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "t.trace.jsonl")
        trace.save(path)
        return os.path.getsize(path)


def peak_memory(fn):
    """Peak bytes allocated (tracemalloc, NumPy buffers included) while ``fn()`` runs."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


RENDERERS = (  # (module, function) taking a trace file path or records; tried in order
    ("visualize", "tree"), ("visualize", "call_diagram"), ("visualize", "sequence_diagram"),
    ("visualize", "chrome_trace"), ("visualize", "html_report"),
)


def render_times(trace_path):
    """Seconds each available renderer takes on the trace file ({name: s} or {name: error})."""
    import importlib
    out = {}
    for module_name, fn_name in RENDERERS:
        try:
            fn = getattr(importlib.import_module(module_name), fn_name)
        except (ImportError, AttributeError):
            continue
        start = time.perf_counter()
        try:
            result = fn(trace_path)
            if hasattr(result, "source"):
                result.source  # noqa: B018 - graphviz builds its text lazily
        except Exception as exc:  # noqa: BLE001 - report, never fail the benchmark
            out[f"{module_name}.{fn_name}"] = f"{type(exc).__name__}: {exc}"[:80]
            continue
        out[f"{module_name}.{fn_name}"] = round(time.perf_counter() - start, 3)
    return out


def folding_memory(steps, level="stages"):
    """Recorder cost of ``steps`` empty traced steps in one epoch: (seconds, peak bytes, records).

    Needs only ``tracekeras.tracing`` (the engine's loops use the same epoch/step scopes), so
    the "memory stays flat on long runs" target is measurable before the engine lands.
    """
    from tracekeras import tracing
    tracemalloc.start()
    try:
        start = time.perf_counter()
        with tracing.trace(level=level) as t:
            with tracing.epoch_scope(tracing.EPOCHS_NAME,
                                     "fit", 0):
                for step in range(steps):
                    with tracing.step_scope("train", 0, step):
                        pass
        seconds = time.perf_counter() - start
        return seconds, tracemalloc.get_traced_memory()[1], len(t.records)
    finally:
        tracemalloc.stop()


class CollectorPauses:
    """Seconds spent inside CPython's cyclic garbage collector while the block runs.

    A construction's time includes the collector's full passes over the heap, and a
    larger model triggers more of them, each longer; timing them apart shows how much
    of the growth is the engine's own work and how much the collector's.
    """

    def __enter__(self):
        self.seconds, self.full, self.started = 0.0, 0, None
        gc.callbacks.append(self.callback)
        return self

    def __exit__(self, *exc):
        gc.callbacks.remove(self.callback)
        return False

    def callback(self, phase, info):
        if phase == "start":
            self.started = time.perf_counter()
        elif self.started is not None:
            self.seconds += time.perf_counter() - self.started
            self.full += info["generation"] == 2


def dense_graph(n, wide=False):
    """(inputs, outputs) of ``Input -> Dense(2) x n`` (a chain), or with ``wide``
    ``Input -> n parallel Dense(2) -> Add`` (a wide DAG)."""
    from tracekeras import layers
    inputs = layers.Input(shape=(2,))
    if wide:
        return inputs, layers.Add()([layers.Dense(2)(inputs) for _ in range(n)])
    outputs = inputs
    for _ in range(n):
        outputs = layers.Dense(2)(outputs)
    return inputs, outputs


def construction(n, kind="functional"):
    """(seconds, collector seconds) to build an ``n``-layer model: a functional chain, a
    Sequential chain (``kind="sequential"``) or a wide DAG (``kind="wide"``)."""
    from tracekeras import backend, layers, models
    backend.clear_session()
    limit = sys.getrecursionlimit()
    with CollectorPauses() as pauses:
        start = time.perf_counter()
        if kind == "sequential":
            models.Sequential([layers.Dense(2) for _ in range(n)]).build((None, 2))
        else:
            models.Model(*dense_graph(n, wide=kind == "wide"))
        seconds = time.perf_counter() - start
    assert sys.getrecursionlimit() == limit, "construction changed the recursion limit"
    return seconds, pauses.seconds


EVICT = []   # a 64 MB buffer, made on first use: writing it pushes a graph out of the caches


def evict_caches():
    import numpy as np
    if not EVICT:
        EVICT.append(np.zeros(16 * 2 ** 20, np.float32))
    EVICT[0] += 1.0


def build_map_seconds(n, wide=False, repeats=3, cold=False):
    """(seconds, collector seconds) of ``functional._build_map`` alone, fastest of
    ``repeats``, on the outputs of an ``n``-layer chain (or wide DAG) built beforehand.

    Warm (the default), the walk finds the graph where building it left it: a 1k-layer graph
    (about 1 MB of objects) still in the caches, a 10k-layer one mostly not. ``cold`` evicts
    the caches before each run, so both sizes start from memory."""
    from tracekeras import backend
    from tracekeras.engine import functional
    backend.clear_session()
    _, outputs = dense_graph(n, wide)

    def walk(_):
        if cold:
            evict_caches()
        with CollectorPauses() as pauses:
            start = time.perf_counter()
            functional._build_map([outputs])
            return time.perf_counter() - start, pauses.seconds
    return fastest(walk, n, repeats)


def fastest(fn, n, repeats):
    """The fastest of a few runs of ``fn(n)``, each after a full garbage collection (the
    garbage of the model built before would otherwise be collected inside the next timing):
    (seconds, collector seconds of that run)."""
    runs = []
    for _ in range(repeats):
        gc.collect()
        runs.append(fn(n))
    return min(runs)


def construction_rows(small, large, repeats=3):
    """Time and growth ratio for building chains and wide DAGs, and for ``_build_map`` alone on
    them, both sizes timed the same number of times (a minimum over more runs would flatter
    the small one)."""
    rows = []
    for label, fn, reps in (
            ("functional chain", construction, repeats),
            ("Sequential chain", lambda n: construction(n, "sequential"), repeats),
            ("wide DAG (Add)", lambda n: construction(n, "wide"), repeats),
            ("_build_map chain", build_map_seconds, 1),
            ("_build_map chain, cold", lambda n: build_map_seconds(n, cold=True), 1),
            ("_build_map wide DAG", lambda n: build_map_seconds(n, wide=True), 1)):
        try:
            (t_small, gc_small), (t_large, gc_large) = (fastest(fn, n, reps)
                                                        for n in (small, large))
        except Exception as exc:  # noqa: BLE001 - a missing layer/feature is a note
            rows.append({"what": label, "note": f"{type(exc).__name__}: {exc}"[:100]})
            continue
        rows.append({"what": label, "small": small, "large": large, "small_s": t_small,
                     "large_s": t_large, "growth": t_large / t_small if t_small else None,
                     "small_gc_s": gc_small, "large_gc_s": gc_large,
                     "growth_without_gc": (t_large - gc_large) / (t_small - gc_small)
                     if t_small > gc_small else None})
    return rows
