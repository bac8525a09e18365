"""The seed walkthrough scripts (examples/seeds/) run unchanged under ``tracekeras run``.

Each runs in a subprocess (``python -m tracekeras run --out DIR SCRIPT``), as a
learner would run it; the trace must hold the Keras stages the seed article
walks through, and every rendering must be written.

All five run unchanged, the MNIST ones with 60,000 images (the two seed
articles for five epochs, about 10 s each on 2 cores). ``mnist.load_data()``
reads ``mnist.npz`` from the Keras cache, so the tests write a file in its
format (``mnist_like.py``, built from the bundled digits) into a temporary
``KERAS_HOME`` and give the loader that file's sha256 in place of MNIST's (the
command runs through ``tracekeras.cli.main`` in the subprocess, as
``python -m tracekeras`` does, after setting ``mnist.NPZ_SHA256``).
"""
import json
import os
import subprocess
import sys

import pytest

from . import mnist_like

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEEDS = os.path.join(ROOT, "examples", "seeds")

FIT = ["keras.engine.training.Model.fit", "keras.engine.data_adapter.select_data_adapter",
       "keras.layers.core.dense.Dense.build", "keras.engine.base_layer.Layer.add_weight",
       "keras.engine.training.Model.compile"]
KEY_STAGES = {
    "compile_walkthrough": ["keras.engine.training.Model.compile", "keras.optimizers.get",
                            "keras.engine.sequential.Sequential.build",
                            "keras.layers.core.dense.Dense.build",
                            "keras.engine.functional._build_map"],
    "functional_fit": FIT + ["keras.engine.functional.Functional._init_graph_network",
                             "keras.engine.functional.Functional._run_internal_graph"],
    "keras22_fit_loop": ["tf.compat.v1.disable_eager_execution",
                         "keras.engine.training.Model.fit",
                         "keras.engine.training_arrays.fit_loop",
                         "keras.callbacks.CallbackList.set_params",
                         "keras.engine.training_utils.make_batches",
                         "keras.callbacks.CallbackList.on_batch_begin",
                         "keras.backend.tensorflow_backend.Function.__call__",
                         "keras.engine.training_arrays.test_loop",
                         "keras.layers.core.dense.Dense.build"],
    "mnist_build": FIT + ["keras.engine.sequential.Sequential.build",
                          "keras.engine.functional._build_map"],
    "mnist_fit": FIT + [
        "keras.engine.sequential.Sequential._build_graph_network_for_inferred_shape"],
}
RENDERINGS = [".calls.dot", ".sequence.mmd", ".perfetto.json", ".speedscope.json", ".html"]


# ``python -m tracekeras run ...`` with the loader told the hash of the test's mnist.npz
WITH_HASH = ("import sys; from tracekeras.datasets import mnist; mnist.NPZ_SHA256 = sys.argv[1]; "
             "from tracekeras.cli import main; sys.exit(main(sys.argv[2:]))")


@pytest.fixture(scope="module")
def keras_home(tmp_path_factory):
    """A Keras cache holding an MNIST-format ``mnist.npz``; returns (folder, its sha256)."""
    home = tmp_path_factory.mktemp("keras_home")
    (home / "datasets").mkdir()
    return home, mnist_like.write_npz(home / "datasets" / "mnist.npz")


def run_cli(*args, keras_home, timeout=300):
    home, sha256 = keras_home
    return subprocess.run([sys.executable, "-c", WITH_HASH, sha256, "run", *args], cwd=ROOT,
                          env={**os.environ, "KERAS_HOME": str(home)}, capture_output=True,
                          text=True, timeout=timeout)


def trace_records(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f][1:]


FULL_MNIST = ("keras22_fit_loop", "mnist_build", "mnist_fit")
FIVE_EPOCHS = ("mnist_build", "mnist_fit")


@pytest.mark.parametrize("seed", sorted(KEY_STAGES))
def test_seed_script_runs_unchanged_traced_and_rendered(seed, tmp_path, keras_home):
    """Each seed script, exactly as committed (the MNIST ones: 60000 images, 5 epochs)."""
    records = check_seed_run(seed, os.path.join(SEEDS, seed + ".py"), tmp_path / "out",
                             keras_home)
    if seed in FULL_MNIST:
        fit = fit_args(records)
        assert fit["epochs"] == (5 if seed in FIVE_EPOCHS else 1)
        assert fit["x"]["shape"] == [50000 if seed == "keras22_fit_loop" else 60000, 784]


def fit_args(records):
    return next(r["args"] for r in records
                if r["ph"] == "B" and r["name"] == "keras.engine.training.Model.fit")


def check_seed_run(seed, script, out, keras_home):
    done = run_cli("--out", str(out), script, keras_home=keras_home)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    trace = out / f"{seed}.trace.jsonl"
    records = trace_records(trace)
    names = {r["name"] for r in records if r["ph"] in ("B", "i")}
    missing = [name for name in KEY_STAGES[seed] if name not in names]
    assert missing == [], f"{seed}: stages missing from the trace: {missing}"
    for suffix in RENDERINGS:
        assert (out / f"{seed}{suffix}").stat().st_size > 0, suffix
    return records
