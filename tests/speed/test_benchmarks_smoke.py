"""The benchmarks never rot: ``benchmarks/run.py --quick`` runs (untimed) and prints its table."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_benchmarks_quick_run(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "benchmarks", "run.py"), "--quick",
                           "--json", str(out)], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stdout.splitlines()
    header = [line for line in lines if line.startswith("benchmark ")]
    assert len(header) == 1
    assert header[0].split() == [
        "benchmark",
        "seconds",
        "cpu",
        "s",
        "samples/s",
        "GFLOP/s",
        "x",
        "floor",
        "x",
        "off",
        "peak",
        "MB",
        "trace",
        "KB",
    ]
    assert any(line.startswith("numpy floor, fit epoch (1 BLAS thread)") for line in lines)
    result = json.loads(out.read_text())
    assert result["quick"] is True and result["machine"]["nproc"] == os.cpu_count()
    floor_row = result["rows"][0]
    assert floor_row["benchmark"].startswith("numpy floor") and floor_row["seconds"] > 0


def test_floor_does_the_same_work_as_fit():
    """The NumPy floor and tracekeras's fit give the same weights (same start, no shuffle)."""
    pytest.importorskip("tracekeras.models")
    sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
    try:
        import engine_bench
        import floor
    finally:
        sys.path.pop(0)
    x, y = floor.seed_data(300, features=20)
    params, slots = floor.fresh_state(features=20)
    model = engine_bench.seed_model([p.copy() for p in params])
    model.fit(x, y, batch_size=128, epochs=1, shuffle=False, verbose=0)
    floor.floor_epoch(x, y, params, slots, shuffle=False)
    for got, want in zip(model.get_weights(), params):
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-6)


def test_conv_floor_does_the_same_work_as_fit():
    """The convnet's NumPy floor and tracekeras's fit give the same weights (no dropout)."""
    import numpy as np
    import pytest
    pytest.importorskip("tracekeras.models")
    sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
    try:
        import conv_floor
        import convnet
    finally:
        sys.path.pop(0)
    from tracekeras import layers, models
    x, y = convnet.synthetic_mnist(200)
    params, slots = conv_floor.fresh_state()
    model = models.Sequential([
        layers.Input((28, 28, 1)), layers.Conv2D(32, 3, activation="relu"),
        layers.MaxPooling2D(2), layers.Conv2D(64, 3, activation="relu"), layers.MaxPooling2D(2),
        layers.Flatten(), layers.Dropout(0.0), layers.Dense(10, activation="softmax")])
    model.set_weights([p.copy() for p in params])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(x, y, batch_size=128, epochs=1, shuffle=False, verbose=0)
    conv_floor.floor_epoch(x, y, params, slots, rate=0.0)
    for got, want in zip(model.get_weights(), params):
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-6)


def test_convnet_benchmark_prints_its_table():
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "benchmarks", "convnet.py"),
                           "--samples", "256", "--reps", "1"], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = [line.split()[0] for line in proc.stdout.splitlines()[2:5]]
    assert rows == ["floor", "floor", "tracekeras"]
