"""``tracekeras run --engine keras``: an unchanged Keras script on real tf_keras, traced.

Skipped where tf_keras is not installed (CI). The script imports ``keras`` (which
the command serves as tf_keras) and ``tensorflow.keras``; the command writes the
trace, whose header names the engine, and every rendering, as it does for
tracekeras.
"""
import importlib.util
import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(importlib.util.find_spec("tf_keras") is None,
                                reason="needs tf_keras: pip install 'tracekeras[keras]'")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

SCRIPT = """\
import sys
import numpy as np
import keras
import tensorflow as tf
from keras import layers

assert keras.__name__ == "tf_keras" and tf.keras.Sequential is keras.Sequential
x = np.random.default_rng(0).random((64, 8)).astype("float32")
y = (x.sum(axis=1) > 4).astype("int64")
inputs = keras.Input(shape=(8,))
hidden = layers.Dense(4, activation="relu")(inputs)
model = keras.Model(inputs, layers.Dense(2, activation="softmax")(hidden))
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=2, batch_size=16, verbose=0)
model.evaluate(x, y, verbose=0)
print("ARGV", sys.argv[1:])
"""


def test_run_engine_keras_traces_the_unchanged_script_and_renders_it(tmp_path):
    script = tmp_path / "train.py"
    script.write_text(SCRIPT)
    out = tmp_path / "out"
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3",
           "PYTHONPATH": os.pathsep.join([ROOT, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-m", "tracekeras", "run", "--engine", "keras",
                           "--out", str(out), str(script), "--flag"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "ARGV ['--flag']" in done.stdout
    with open(out / "train.trace.jsonl") as f:
        header, *records = [json.loads(line) for line in f]
    assert header["engine"] == "tf_keras" and header["probe_missing"] == []
    names = [r["name"] for r in records if r["ph"] == "B"]
    assert names.index("keras.engine.training.Model.compile") < names.index(
        "keras.engine.training.Model.fit") < names.index("keras.engine.training.Model.evaluate")
    assert "keras.engine.functional._build_map_helper" in names
    epochs = [r for r in records if r["ph"] == "B"
              and r["name"] == "keras.engine.data_adapter.DataHandler.enumerate_epochs"]
    assert [r["stage"] for r in epochs] == ["fit", "fit", "evaluate"]
    for suffix in (".html", ".calls.dot", ".layers.dot", ".perfetto.json", ".sequence.mmd"):
        assert (out / f"train{suffix}").exists(), suffix


def test_keras_is_tf_keras_only_inside_the_block():
    import tf_keras

    from tracekeras.probe.imports import keras_is_tf_keras
    before = {name: module for name, module in sys.modules.items()
              if name == "keras" or name.startswith("keras.")}
    spec = tf_keras.layers.__spec__
    with keras_is_tf_keras():
        import keras
        from keras import layers
        assert keras is tf_keras and layers is tf_keras.layers
    assert tf_keras.layers.__spec__ is spec
    after = {name: module for name, module in sys.modules.items()
             if name == "keras" or name.startswith("keras.")}
    assert after == before
