"""A run that is killed or interrupted keeps its trace (crash safety).

A trace with a path streams into ``<path>.<pid>-<random>.partial`` after every step; the
file is renamed to ``<path>`` when the run ends, also by an exception such as
Ctrl-C. SIGKILL gives no chance to rename: the ``.partial`` file stays, readable
up to the last completed step, and an older trace at ``<path>`` is untouched.
"""
import glob
import os
import signal
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import tracekeras
from tracekeras import layers
from tracekeras.callbacks import Callback
from tracekeras.models import Sequential

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
STEPS = tracekeras.tracing.STEP_NAME

KILLED_FIT = textwrap.dedent("""
    import os, signal, sys
    import numpy as np
    import tracekeras
    from tracekeras import layers
    from tracekeras.callbacks import Callback
    from tracekeras.models import Sequential

    class Kill(Callback):
        def on_train_batch_begin(self, batch, logs=None):
            if self.params["epochs"] and batch == 5 and self.model.epoch_seen == 1:
                os.kill(os.getpid(), signal.SIGKILL)
        def on_epoch_begin(self, epoch, logs=None):
            self.model.epoch_seen = epoch

    model = Sequential([layers.Dense(8, activation="relu"), layers.Dense(3, activation="softmax")])
    model.compile("sgd", "sparse_categorical_crossentropy", metrics=["accuracy"])
    x = np.random.default_rng(0).random((320, 4), dtype="float32")
    with tracekeras.trace(sys.argv[1], level=sys.argv[2]):
        model.fit(x, np.arange(320) % 3, epochs=3, batch_size=32, verbose=0, callbacks=[Kill()])
""")


@pytest.mark.parametrize("level", ["stages", "steps"])
def test_sigkill_mid_epoch_leaves_a_readable_partial_trace(tmp_path, level):
    path = tmp_path / "run.trace.jsonl"
    path.write_text("an older trace the user kept\n")
    script = tmp_path / "killed.py"
    script.write_text(KILLED_FIT)
    done = subprocess.run([sys.executable, str(script), str(path), level], cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": ROOT}, capture_output=True, timeout=120)
    assert done.returncode == -signal.SIGKILL
    assert path.read_text() == "an older trace the user kept\n"
    partial, = glob.glob(f"{path}.*.partial")   # <path>.<pid>-<random>.partial: the writer's own
    t = tracekeras.tracing.load(partial)
    steps = [(r["args"]["epoch"], r["args"]["step"]) for r in t.spans(STEPS)]
    if level == "steps":   # every completed step is there: epoch 0 and steps 0..4 of epoch 1
        assert steps[:10] == [(0, s) for s in range(10)]
        assert steps[10:15] == [(1, s) for s in range(5)]
    else:                  # folded: the first steps and the last of epoch 0 are there
        assert steps[:3] == [(0, 0), (0, 1), (0, 9)]
    unfinished = [r["name"] for r in t.records if r["ph"] == "B" and r.get("unfinished")]
    assert "keras.engine.training.Model.fit" in unfinished
    if level == "steps":   # the cut-short step never completed, so its epoch is the last open span
        assert unfinished[-1] == tracekeras.tracing.EPOCHS_NAME


class Interrupt(Callback):
    def on_train_batch_end(self, batch, logs=None):
        if batch == 3:
            raise KeyboardInterrupt


def test_ctrl_c_closes_the_trace_and_marks_the_interrupted_span(tmp_path):
    path = tmp_path / "interrupted.jsonl"
    model = Sequential([layers.Dense(3, activation="softmax")])
    model.compile("sgd", "sparse_categorical_crossentropy")
    x = np.random.default_rng(0).random((200, 4), dtype="float32")
    with pytest.raises(KeyboardInterrupt):
        with tracekeras.trace(path, level="steps"):
            model.fit(x, np.arange(200) % 3, batch_size=20, verbose=0, callbacks=[Interrupt()])
    assert not glob.glob(f"{path}*.partial")
    t = tracekeras.tracing.load(path)
    assert not any(r.get("unfinished") for r in t.records)
    errors = [r["name"] for r in t.records if r["ph"] == "E"
              and (r.get("error") or {}).get("type") == "builtins.KeyboardInterrupt"]
    assert errors[0] == "keras.callbacks.CallbackList.on_train_batch_end"
    assert errors[-1] == "keras.engine.training.Model.fit"
    assert [r["args"]["step"] for r in t.spans(STEPS)] == [0, 1, 2, 3]


CHECKPOINT_KILLED = textwrap.dedent("""
    import os, signal, sys
    import numpy as np
    from tracekeras import layers
    from tracekeras.callbacks import ModelCheckpoint
    from tracekeras.models import Sequential
    from tracekeras.saving import weights_format

    model = Sequential([layers.Dense(3, input_shape=(4,))])
    model.compile("sgd", "mse")
    x, y = np.ones((8, 4), "float32"), np.zeros((8, 3), "float32")
    checkpoint = ModelCheckpoint(sys.argv[1], save_weights_only=True)
    model.fit(x, y, epochs=1, verbose=0, callbacks=[checkpoint])   # the checkpoint a user keeps
    np.save(sys.argv[1] + ".expected.npy", model.get_weights()[0])
    real_write = weights_format.write_archive

    def write_then_die(f, manifest, arrays, *model):
        real_write(f, manifest, arrays, *model)
        f.flush()
        os.kill(os.getpid(), signal.SIGKILL)   # mid-save: written, not yet renamed
    weights_format.write_archive = write_then_die
    model.fit(x, y, epochs=1, verbose=0, callbacks=[checkpoint])
""")


def test_a_checkpoint_writer_killed_mid_save_leaves_the_previous_checkpoint(tmp_path):
    path = tmp_path / "best.weights"
    script = tmp_path / "checkpoint.py"
    script.write_text(CHECKPOINT_KILLED)
    done = subprocess.run([sys.executable, str(script), str(path)], cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": ROOT}, capture_output=True, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()[-800:]
    model = Sequential([layers.Dense(3, input_shape=(4,))])
    model.load_weights(path)
    np.testing.assert_array_equal(model.get_weights()[0], np.load(str(path) + ".expected.npy"))
