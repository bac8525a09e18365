"""tracekeras benchmarks: one command, one table, optional JSON.

    python benchmarks/run.py                 # the full run (a few minutes on 2 cores)
    python benchmarks/run.py --quick         # a tiny untimed smoke run (seconds), for CI
    python benchmarks/run.py --json out.json

Rows (see benchmarks/README.md): the bare NumPy floor of the seed model (the same
matrix work written as plain NumPy, with 1 BLAS thread and with the library's
default), tracekeras ``fit`` with tracing off and at each level (stages, steps,
full) measured interleaved in one run so their ratios are fair on a noisy machine,
evaluate and predict, real Keras side by side when a ``tf_keras`` Python is found,
the default-level trace of a 5-epoch fit (size, render time), and graph
construction for long chains and wide DAGs (time and growth ratio). Parts that
need the engine are skipped with a note while it cannot fit a model.
"""
import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))

import engine_bench  # noqa: E402
import floor  # noqa: E402
import numpy as np  # noqa: E402

KERAS_PYTHON = "TRACEKERAS_KERAS_PYTHON"   # env var: a Python that has tf_keras 2.21
HEADER = f"{'benchmark':<40} {'seconds':>9} {'cpu s':>7} {'samples/s':>10} {'GFLOP/s':>8} " \
         f"{'x floor':>8} {'x off':>7} {'peak MB':>8} {'trace KB':>9}"


def machine_info():
    info = {"nproc": os.cpu_count(), "python": platform.python_version(),
            "numpy": np.__version__, "loadavg": os.getloadavg()}
    try:
        with open("/proc/cpuinfo") as f:
            names = [line.split(":", 1)[1].strip() for line in f if line.startswith("model name")]
        info["cpu"] = names[0] if names else platform.processor()
    except OSError:
        info["cpu"] = platform.processor()
    try:
        import threadpoolctl
        info["blas"] = [{k: m.get(k) for k in ("internal_api", "version", "num_threads",
                                               "architecture", "threading_layer")}
                        for m in threadpoolctl.threadpool_info() if m["user_api"] == "blas"]
    except ImportError:
        info["blas"] = "threadpoolctl missing"
    return info


def blas_limit(n):
    try:
        from threadpoolctl import threadpool_limits
        return threadpool_limits(n, user_api="blas")
    except ImportError:
        import contextlib
        return contextlib.nullcontext()


def row(name, seconds, samples=None, flops=None, floor_s=None, off_s=None, peak=None,
        trace_kb=None, note=None, cpu=None):
    """One table row; with ``cpu`` given, the ratios compare CPU seconds (noise-proof)."""
    base = cpu if cpu is not None else seconds
    return {"benchmark": name, "seconds": seconds, "cpu_s": cpu,
            "samples_per_s": samples / seconds if samples and seconds else None,
            "gflops": flops / seconds / 1e9 if flops and seconds else None,
            "x_floor": base / floor_s if floor_s and base else None,
            "x_off": base / off_s if off_s and base else None,
            "peak_mb": peak / 2**20 if peak is not None else None,
            "trace_kb": trace_kb, "note": note}


def fmt(value, spec):
    if isinstance(value, (int, float)):
        return format(value, spec)
    return format("-", ">" + spec.split(".")[0].lstrip(">"))


def print_row(r):
    if r.get("seconds") is None:
        print(f"{r['benchmark']:<40} {r.get('note') or ''}")
        return
    print(f"{r['benchmark']:<40} {fmt(r['seconds'], '>9.3f')} {fmt(r.get('cpu_s'), '>7.3f')} "
          f"{fmt(r['samples_per_s'], '>10.0f')} "
          f"{fmt(r['gflops'], '>8.1f')} {fmt(r['x_floor'], '>8.2f')} {fmt(r['x_off'], '>7.2f')} "
          f"{fmt(r['peak_mb'], '>8.2f')} {fmt(r['trace_kb'], '>9.1f')}"
          + (f"  {r['note']}" if r.get("note") else ""))


def fit_rows(times, cpus, sizes, samples, flops, engine_ok, notes):
    """The fit rows from the repetitions: the fastest of each, ratios from wall seconds.

    Other processes only ever add time, so on a shared machine the minimum of the
    interleaved repetitions is the steadiest estimate; every sample goes to the notes (and
    the JSON). The floor is the faster of the two NumPy floors (1 thread, all threads): the
    engine's thread policy may pick either, so CPU seconds, which count every thread, would
    not compare like with like. CPU seconds are shown beside the wall seconds.
    """
    med = {k: min(v) for k, v in times.items() if v}
    cpu = {k: min(v) for k, v in cpus.items() if v}
    notes.append("fit wall seconds of the interleaved repetitions (the table shows the fastest; "
                 "ratios use wall seconds against the faster floor): " + ", ".join(
                     f"{k}: {[round(t, 2) for t in v]}" for k, v in times.items()))
    floor = min(med["floor1"], med["floorN"])

    def timed(name, key, off=None, trace_kb=None):
        r = row(name, med[key], samples, flops, floor, off, trace_kb=trace_kb)
        r["cpu_s"] = cpu.get(key)
        return r
    rows = [timed("numpy floor, fit epoch (1 BLAS thread)", "floor1"),
            timed(f"numpy floor, fit epoch ({os.cpu_count()} BLAS threads)", "floorN")]
    if engine_ok:
        rows.append(timed("backend only (ops + tape, no engine)", "backend"))
        for level in engine_bench.LEVELS:
            rows.append(timed(f"tracekeras fit epoch, tracing {level}", level, med["off"],
                              sizes.get(level)))
    med["floor1_cpu"], med["off_cpu"] = cpu.get("floor1"), cpu.get("off")
    med["floor"] = floor
    med["off_times"] = times.get("off", [])
    med["floor_times"] = [min(a, b) for a, b in zip(times["floor1"], times["floorN"])]
    return rows, med


def measure_fit(cfg, x, y, notes, keras=None):
    """Interleaved repetitions: floor (1 thread, default threads), the engine at each level,
    then one real Keras epoch when ``keras`` (a ``KerasSide``) is given."""
    samples, flops = len(x), floor.train_flops(len(x), x.shape[1])
    times = {k: [] for k in ("floor1", "floorN")}
    engine_ok, why = engine_bench.engine_available()
    model = None
    if engine_ok:
        try:
            model = engine_bench.seed_model(floor.seed_params(x.shape[1]))
            engine_bench.fit_once(model, x[:1024], y[:1024], "off")     # build, warm up
        except Exception as exc:  # noqa: BLE001 - the engine is landing: note it
            engine_ok, why = False, f"{type(exc).__name__}: {exc}"
    if not engine_ok:
        notes.append(f"tracekeras fit skipped: {why[:160]}")
    sizes, cpus, periods = {}, {}, {}
    for rep in range(cfg.reps):
        for key, threads in (("floor1", 1), ("floorN", os.cpu_count())):
            params, slots = floor.fresh_state(x.shape[1])
            clock = []
            with blas_limit(threads):
                start, cpu = time.perf_counter(), time.process_time()
                floor.floor_epoch(x, y, params, slots, rng=np.random.default_rng(rep),
                                  clock=clock)
                times[key].append(time.perf_counter() - start)
                cpus.setdefault(key, []).append(time.process_time() - cpu)
            periods.setdefault(key, []).append(engine_bench.median_period(clock))
        if engine_ok:
            variables, slots = backend_state(x.shape[1])
            with blas_limit(1):
                start, cpu_start = time.perf_counter(), time.process_time()
                engine_bench.backend_epoch(x, y, variables, slots)
                times.setdefault("backend", []).append(time.perf_counter() - start)
                cpus.setdefault("backend", []).append(time.process_time() - cpu_start)
            for level in engine_bench.LEVELS:
                clock = []
                epoch_s, _, trace, epoch_cpu = engine_bench.fit_once(model, x, y, level,
                                                                     clock=clock)
                periods.setdefault(level, []).append(engine_bench.median_period(clock))
                times.setdefault(level, []).extend(epoch_s)
                cpus.setdefault(level, []).extend(epoch_cpu)
                if rep == 0 and trace is not None:
                    sizes[level] = engine_bench.trace_bytes(trace) / 1024
                del trace
        if keras is not None:
            keras.epoch()
    # The fastest repetition: other processes only ever add time, so on a shared machine the
    # minimum is the steadiest estimate; every sample is kept in the JSON.
    rows, med = fit_rows(times, cpus, sizes, samples, flops, engine_ok, notes)
    notes.append(step_period_note(periods, med))
    return rows, model, med


def step_period_note(periods, med):
    """The ratios again from median step periods, repetition by repetition.

    A burst of load from another process stretches a few steps of an epoch, which the
    median step ignores, and both sides of each ratio come from the same repetition.
    """
    floor = "floorN" if med["floorN"] <= med["floor1"] else "floor1"
    parts = [f"{k} {statistics.median(v) * 1e6:.0f}" for k, v in periods.items()
             if v and None not in v]
    ratios = []
    for key in ("off", "stages", "steps", "full"):
        if periods.get(key) and None not in periods[key]:
            base = "floor" if key == "off" else "off"
            pairs = zip(periods[key], periods[floor if key == "off" else "off"])
            ratios.append(f"{key} x{statistics.median(a / b for a, b in pairs):.3f} {base}")
    return ("median step period, microseconds: " + ", ".join(parts) + "; ratios of "
            "repetition by repetition medians: " + ", ".join(ratios)
            + f" (floor = {floor})")


def backend_state(features):
    from tracekeras.backend import Variable
    params = floor.seed_params(features)
    return ([Variable(p, name=n) for p, n in zip(params, ("k1", "b1", "k2", "b2"))],
            [np.zeros_like(p) for p in params])


def measure_memory(cfg, x, y, model, rows):
    """Peak allocation during one epoch (tracemalloc; untimed, separate pass)."""
    params, slots = floor.fresh_state(x.shape[1])
    rows[0]["peak_mb"] = engine_bench.peak_memory(
        lambda: floor.floor_epoch(x, y, params, slots)) / 2**20
    if model is not None:
        for r in rows:
            if r["benchmark"].endswith("tracing off"):
                r["peak_mb"] = engine_bench.peak_memory(
                    lambda: engine_bench.fit_once(model, x, y, "off")) / 2**20


def measure_eval_predict(x, y, model):
    samples, flops = len(x), floor.forward_flops(len(x), x.shape[1])
    params = floor.seed_params(x.shape[1])
    rows = []

    def floor_seconds(with_loss):
        """The faster of 1 BLAS thread and the default count, as for the fit floor."""
        best = None
        for threads in (1, os.cpu_count()):
            with blas_limit(threads):
                start = time.perf_counter()
                floor.floor_forward(x, y, params, with_loss=with_loss)
                seconds = time.perf_counter() - start
            best = seconds if best is None else min(best, seconds)
        return best
    fe, fp = floor_seconds(True), floor_seconds(False)
    rows.append(row("numpy floor, evaluate", fe, samples, flops, fe))
    rows.append(row("numpy floor, predict", fp, samples, flops, fp))
    if model is None:
        return rows
    for name, fn, base in (("evaluate", lambda: model.evaluate(x, y, batch_size=128, verbose=0),
                            fe),
                           ("predict", lambda: model.predict(x, batch_size=128, verbose=0), fp)):
        try:
            start = time.perf_counter()
            fn()
            rows.append(row(f"tracekeras {name}", time.perf_counter() - start, samples, flops,
                            base))
        except Exception as exc:  # noqa: BLE001
            rows.append(row(f"tracekeras {name}", None, note=f"failed: {exc}"[:100]))
    return rows


def keras_python(cfg, notes):
    """A Python that can import tf_keras, or None (with a note saying why)."""
    if cfg.quick:
        notes.append("real Keras skipped in --quick")
        return None
    python = os.environ.get(KERAS_PYTHON) or None
    if python is not None and not os.path.exists(python):
        notes.append(f"real Keras skipped: {KERAS_PYTHON}={python!r} does not exist")
        return None
    if python is None:
        try:
            import tf_keras  # noqa: F401
            python = sys.executable
        except ImportError:
            notes.append(f"real Keras skipped: no tf_keras (set {KERAS_PYTHON}, see README)")
    return python


class KerasSide:
    """Real Keras in its own process (``keras_seed.py --serve``), one epoch per ``epoch()``.

    ``measure_fit`` calls ``epoch()`` inside each repetition, right after the engine's
    epochs, so Keras's epochs and ours see the same machine load and their ratio can be
    taken pair by pair. The first epoch (tracing the tf.function) is the warm-up.
    """

    def __init__(self, python, samples, epochs):
        self.proc = subprocess.Popen(
            [python, os.path.join(HERE, "keras_seed.py"), "--serve", "--epochs", str(epochs),
             "--samples", str(samples)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
        self.info = self.read()
        self.times = []
        self.failed = None

    def read(self):
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"keras_seed.py stopped: {self.proc.stderr.read().strip()[-300:]}")
        return json.loads(line)

    def epoch(self):
        """One Keras epoch (seconds); after a failure, None, and ``finish`` says why."""
        if self.failed:
            return None
        try:
            self.proc.stdin.write("go\n")
            self.proc.stdin.flush()
            self.times.append(self.read()["epoch_s"])
        except (RuntimeError, OSError, ValueError, KeyError) as exc:
            self.failed = f"{type(exc).__name__}: {exc}"
            self.proc.kill()
            return None
        return self.times[-1]

    def finish(self):
        """The final object: every epoch, evaluate and predict seconds."""
        if self.failed:
            raise RuntimeError(self.failed)
        out = self.read()
        self.proc.wait(timeout=600)
        return out


def start_keras(cfg, samples, notes):
    python = keras_python(cfg, notes)
    if python is None:
        return None
    try:
        side = KerasSide(python, samples, epochs=cfg.reps + 1)
    except (RuntimeError, OSError, ValueError) as exc:
        notes.append(f"real Keras failed: {exc}"[:300])
        return None
    side.epoch()                                            # warm-up: traces the tf.function
    return side


def measure_keras(side, x, med, notes):
    """Keras's rows from its paired epochs (``KerasSide``); the ratio is taken pair by pair."""
    if side is None:
        return []
    try:
        out = side.finish()
    except (RuntimeError, OSError, ValueError, subprocess.TimeoutExpired) as exc:
        notes.append(f"real Keras failed: {exc}"[:300])
        return []
    steady = out["epoch_s"][1:]
    samples, flops = len(x), floor.train_flops(len(x), x.shape[1])
    notes.append(f"real Keras: tensorflow {out['tensorflow']}, tf_keras {out['tf_keras']}; "
                 f"epochs {[round(t, 2) for t in out['epoch_s']]} (the first, a warm-up, "
                 "includes tracing; each later one ran right after the engine's epochs of "
                 "the same repetition)")
    for label, key in (("tracekeras off", "off_times"), ("the NumPy floor", "floor_times")):
        pairs = med.get(key, [])[:len(steady)]
        if pairs:
            ratios = [ours / theirs for ours, theirs in zip(pairs, steady)]
            notes.append(f"{label} / real Keras, epoch by epoch in the same repetition: "
                         f"{[round(r, 2) for r in ratios]}, median {statistics.median(ratios):.2f}")
    fwd = floor.forward_flops(len(x), x.shape[1])
    return [row("real Keras fit epoch (steady state)", min(steady), samples, flops,
                med["floor"], med.get("off")),
            row("real Keras evaluate", out["evaluate_s"], samples, fwd),
            row("real Keras predict", out["predict_s"], samples, fwd)]


def measure_long_trace(cfg, x, y, notes):
    """The default-level trace of a multi-epoch seed fit: size on disk, render times."""
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "seed.trace.jsonl")
        model = engine_bench.seed_model()
        _, wall, _, _ = engine_bench.fit_once(model, x, y, "stages", epochs=cfg.trace_epochs,
                                              trace_path=path)
        size = os.path.getsize(path) / 1024
        renders = engine_bench.render_times(path)
    notes.append(f"render seconds of the {cfg.trace_epochs}-epoch trace: "
                 f"{renders or 'no renderer'}")
    return [row(f"{cfg.trace_epochs}-epoch fit, tracing stages (file)", wall,
                len(x) * cfg.trace_epochs, trace_kb=size)]


def measure_construction(cfg):
    rows = []
    for r in engine_bench.construction_rows(cfg.chain_small, cfg.chain_large):
        if "note" in r:
            rows.append(row(f"{r['what']}", None, note=r["note"]))
            continue
        rows.append(row(f"{r['what']} {r['small']} layers", r["small_s"]))
        rows.append(row(f"{r['what']} {r['large']} layers", r["large_s"],
                        note=f"growth x{r['growth']:.1f} for x{r['large'] // r['small']} layers; "
                             f"x{r['growth_without_gc'] or float('nan'):.1f} without the "
                             "cyclic GC's pauses "
                             f"({r['small_gc_s']:.3f} s / {r['large_gc_s']:.3f} s)"))
    return rows


def measure_folding(cfg):
    """Default-level trace memory for many tiny steps: flat means the peak does not grow."""
    small, large = cfg.fold_steps
    rows = []
    for level in ("stages", "steps"):
        engine_bench.folding_memory(10, level)               # warm up (imports, caches)
        (t1, m1, r1), (t2, m2, r2) = (engine_bench.folding_memory(n, level) for n in (small, large))
        rows.append(row(f"{small} empty traced steps, {level}", t1, peak=m1,
                        note=f"{r1} records"))
        rows.append(row(f"{large} empty traced steps, {level}", t2, peak=m2,
                        note=f"{r2} records; memory x{m2 / m1:.1f} for x{large // small} steps"))
    return rows


def parse(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="tiny untimed smoke run (CI)")
    p.add_argument("--json", help="write the results to this JSON file")
    p.add_argument("--samples", type=int, default=60000)
    p.add_argument("--reps", type=int, default=5)
    cfg = p.parse_args(argv)
    cfg.trace_epochs = 5
    cfg.chain_small, cfg.chain_large = 1000, 10000
    cfg.fold_steps = (10000, 100000)
    if cfg.quick:
        cfg.samples, cfg.reps, cfg.trace_epochs = 512, 1, 2
        cfg.chain_small, cfg.chain_large = 10, 100
        cfg.fold_steps = (100, 1000)
    return cfg


def main(argv=None):
    cfg = parse(argv)
    info = machine_info()
    print(f"machine: {info['nproc']} cores, {info['cpu']}, numpy {info['numpy']}, "
          f"BLAS {info['blas']}, load {info['loadavg']}")
    if cfg.quick:
        print("--quick: a smoke run on tiny data; the numbers mean nothing")
    x, y = floor.seed_data(cfg.samples)
    notes = []
    keras = start_keras(cfg, len(x), notes)
    fit_rows, model, med = measure_fit(cfg, x, y, notes, keras)
    rows = fit_rows + measure_keras(keras, x, med, notes)   # Keras evaluates and predicts now
    measure_memory(cfg, x, y, model, fit_rows)
    info["peak_rss_after_fit_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows += measure_eval_predict(x, y, model)
    rows += measure_folding(cfg)
    if model is not None:
        for part in (measure_long_trace, measure_construction):
            try:
                rows += part(cfg, x, y, notes) if part is measure_long_trace else part(cfg)
            except Exception as exc:  # noqa: BLE001 - a landing engine: note, don't die
                notes.append(f"{part.__name__} failed: {type(exc).__name__}: {exc}"[:200])
    else:
        notes.append("trace size and construction benchmarks skipped: engine not ready")
    info["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    info["dataset_mb"] = (x.nbytes + y.nbytes) / 2**20
    print(HEADER)
    for r in rows:
        print_row(r)
    print(f"process peak RSS {info['peak_rss_after_fit_mb']:.0f} MB after the fit rows, "
          f"{info['peak_rss_mb']:.0f} MB at the end (dataset {info['dataset_mb']:.0f} MB); "
          f"load at end {os.getloadavg()}")
    for note in notes:
        print(f"note: {note}")
    if cfg.json:
        with open(cfg.json, "w") as f:
            json.dump({"machine": info, "quick": cfg.quick, "rows": rows, "notes": notes}, f,
                      indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
