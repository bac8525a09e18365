"""``tracekeras run`` as a command (subprocesses) and ``TRACEKERAS_TRACE``.

A small Keras script (64 random samples) stands in for a learner's script:
its arguments reach ``sys.argv``, its folder is importable, its exception
still leaves the trace and renderings behind (exit 1, its own traceback
shown), ``sys.exit`` is honoured, and the command's own mistakes are one
line on stderr with no traceback.
"""
import json
import os
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

SCRIPT = """\
import sys
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers
import helper

tf.random.set_seed(0)
x = np.random.default_rng(0).random((64, 8)).astype("float32")
y = (x.sum(axis=1) > 4).astype("int64")
model = keras.Sequential([layers.Dense(4, "relu"), layers.Dense(2, "softmax")])
model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=1, batch_size=16, verbose=0)
print("ARGV", sys.argv[1:], __name__, helper.VALUE)
{tail}
"""


def write_script(folder, tail="", name="train.py"):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "helper.py").write_text("VALUE = 'helper imported'\n")
    path = folder / name
    path.write_text(SCRIPT.format(tail=tail))
    return path


def run_cli(*args, env=None, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "tracekeras", "run", *map(str, args)],
                          cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True,
                          text=True, timeout=120)


def records(path):
    with open(path, encoding="utf-8") as f:
        lines = [json.loads(line) for line in f]
    return lines[0], lines[1:]


def begun(path):
    return [r["name"] for r in records(path)[1] if r["ph"] == "B"]


def test_script_runs_with_its_arguments_and_writes_trace_and_renderings(tmp_path):
    script = write_script(tmp_path / "src")
    out = tmp_path / "out"
    done = run_cli("--out", out, "--level", "steps", script, "--epochs", "3", "-v")
    assert done.returncode == 0, done.stderr
    assert "ARGV ['--epochs', '3', '-v'] __main__ helper imported" in done.stdout
    header, _ = records(out / "train.trace.jsonl")
    assert header["level"] == "steps"
    assert "keras.engine.training.Model.fit" in begun(out / "train.trace.jsonl")
    for suffix in (".calls.dot", ".sequence.mmd", ".perfetto.json", ".speedscope.json", ".html",
                   ".layers.dot"):
        assert (out / f"train{suffix}").exists(), suffix
    assert f"wrote {out / 'train.trace.jsonl'}" in done.stderr


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
def test_no_png_draws_the_diagrams_as_svg_only(tmp_path):
    script = write_script(tmp_path / "src")
    drawn = {}
    for flags in ((), ("--no-png",)):
        out = tmp_path / f"out{len(flags)}"
        done = run_cli("--out", out, *flags, script)
        assert done.returncode == 0, done.stderr
        drawn[flags] = sorted(p.name for p in out.iterdir() if p.suffix in (".svg", ".png"))
    assert drawn[()] == ["train.calls.png", "train.calls.svg", "train.layers.png",
                         "train.layers.svg"]
    assert drawn[("--no-png",)] == ["train.calls.svg", "train.layers.svg"]


def test_script_exception_keeps_the_trace_and_shows_the_scripts_traceback(tmp_path):
    script = write_script(tmp_path, tail="def finish():\n    raise ValueError('boom')\nfinish()")
    out = tmp_path / "out"
    done = run_cli("--out", out, script)
    assert done.returncode == 1
    assert "Traceback (most recent call last)" in done.stderr
    assert f'File "{script}", line 17, in <module>' in done.stderr
    assert "ValueError: boom" in done.stderr
    assert "run.py" not in done.stderr and "runpy" not in done.stderr
    assert "keras.engine.training.Model.fit" in begun(out / "train.trace.jsonl")
    assert (out / "train.html").exists()


def test_error_inside_fit_is_recorded_on_the_open_spans(tmp_path):
    script = tmp_path / "bad.py"
    script.write_text("import numpy as np\nfrom keras import layers, models\n"
                      "m = models.Sequential([layers.Dense(2)])\n"
                      "m.compile(optimizer='sgd', loss='mse')\n"
                      "m.fit(np.zeros((4, 3)), np.zeros((5, 2)), verbose=0)\n")
    done = run_cli("--out", tmp_path / "out", script)
    assert done.returncode == 1 and "ValueError: Data cardinality is ambiguous" in done.stderr
    assert f'File "{script}", line 5, in <module>' in done.stderr
    assert "tracekeras frames hidden; TRACEKERAS_TRACEBACK=full shows them" in done.stderr
    assert "tracekeras/engine" not in done.stderr
    full = run_cli("--out", tmp_path / "out", script, env={"TRACEKERAS_TRACEBACK": "full"})
    assert "tracekeras/engine" in full.stderr and "frames hidden" not in full.stderr
    ends = [r for r in records(tmp_path / "out" / "bad.trace.jsonl")[1]
            if r["ph"] == "E" and r.get("error")]
    assert ends, "the failing fit left no error on its spans"
    assert (tmp_path / "out" / "bad.html").exists()


@pytest.mark.parametrize("tail, status, message", [
    ("sys.exit(3)", 3, None), ("sys.exit(0)", 0, None), ("sys.exit()", 0, None),
    ("sys.exit('stopped early')", 1, "stopped early")])
def test_system_exit_from_the_script_is_honoured(tmp_path, tail, status, message):
    script = write_script(tmp_path, tail=tail)
    done = run_cli("--out", tmp_path / "out", script)
    assert done.returncode == status
    assert "Traceback" not in done.stderr
    assert (tmp_path / "out" / "train.trace.jsonl").exists()
    if message:
        assert message in done.stderr


def test_unimplemented_api_is_one_line_naming_the_script_line(tmp_path):
    script = tmp_path / "conv.py"
    script.write_text("import tensorflow as tf\n\n"
                      "from tensorflow.keras.layers import LocallyConnected2D\n")
    done = run_cli("--out", tmp_path / "out", script)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert ("tracekeras run: ImportError: tracekeras does not implement "
            "tensorflow.keras.layers.LocallyConnected2D (used by conv.py line 3); "
            "implemented layers: "
            "Activation, ActivityRegularization, Add") in done.stderr
    assert (tmp_path / "out" / "conv.trace.jsonl").exists()


@pytest.mark.parametrize("args, status, message", [
    (["missing.py"], 1, "tracekeras run: error: cannot run 'missing.py': no such file"),
    (["{tmp}"], 1, "tracekeras run: error: cannot run '{tmp}': it is a folder, expected a "
                   "Python script"),
    (["--out", "{tmp}/file/sub", "{tmp}/s.py"], 1,
     "tracekeras run: error: cannot write --out '{tmp}/file/sub': not a directory"),
    (["--out", "{tmp}/file", "{tmp}/s.py"], 1,
     "tracekeras run: error: cannot write --out '{tmp}/file': it is a file, expected a folder"),
    (["--level", "everything", "{tmp}/s.py"], 2,
     "tracekeras run: error: unknown --level 'everything': expected one of stages, steps, full"),
    ([], 2, "tracekeras run: error: no SCRIPT given"),
    (["--out"], 2, "tracekeras run: error: --out needs a value"),
    (["--colour", "{tmp}/s.py"], 2, "tracekeras run: error: unknown option '--colour'"),
])
def test_command_mistakes_are_one_line(tmp_path, args, status, message):
    (tmp_path / "file").write_text("")
    (tmp_path / "s.py").write_text("print('never run')\n")
    done = run_cli(*[a.format(tmp=tmp_path) for a in args])
    assert done.returncode == status
    assert done.stderr.startswith(message.format(tmp=tmp_path))
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "never run" not in done.stdout


def test_help(tmp_path):
    done = run_cli("--help")
    assert done.returncode == 0 and done.stdout.startswith("usage: tracekeras run [--out DIR]")


def test_environment_trace_path_under_tracekeras_run(tmp_path):
    script = write_script(tmp_path / "src")
    path = tmp_path / "elsewhere" / "mine.jsonl"
    done = run_cli("--out", tmp_path / "out", script, env={"TRACEKERAS_TRACE": str(path)})
    assert done.returncode == 0, done.stderr
    assert "keras.engine.training.Model.fit" in begun(path)
    assert not (tmp_path / "out" / "train.trace.jsonl").exists()
    assert (tmp_path / "out" / "train.html").exists()


def test_environment_hook_in_a_plain_python_run(tmp_path):
    from tracekeras import run
    script = tmp_path / "plain.py"
    script.write_text(
        "import numpy as np\nimport tracekeras\n"
        "from tracekeras import layers, models\n"
        "m = models.Sequential([layers.Dense(2)])\nm.compile(optimizer='sgd', loss='mse')\n"
        "m.fit(np.zeros((8, 3)), np.zeros((8, 2)), verbose=0)\n"
        "raise SystemExit(0 if tracekeras.tracing.active() else 5)\n")
    path = tmp_path / "env.trace.jsonl"
    done = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "TRACEKERAS_TRACE": str(path),
                               "PYTHONPATH": ROOT}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "keras.engine.training.Model.fit" in begun(path)
    assert f"tracekeras: trace written to {path}" in done.stderr
    assert run.ENVIRONMENT["trace"] is None  # nothing started in this (pytest) process


def test_environment_hook_saves_at_exit(tmp_path):
    """Importing tracekeras with TRACEKERAS_TRACE set starts the trace; it is saved at exit."""
    script = tmp_path / "hooked.py"
    path = tmp_path / "hooked.trace.jsonl"
    script.write_text(
        "import numpy as np\nfrom tracekeras import run\n"
        "t = run.ENVIRONMENT['trace']\nassert t is not None and t.level == 'steps'\n"
        "assert run.trace_from_environment() is None\n"
        "from tracekeras import layers, models\n"
        "m = models.Sequential([layers.Dense(2)])\nm.compile(optimizer='sgd', loss='mse')\n"
        "m.fit(np.zeros((8, 3)), np.zeros((8, 2)), verbose=0)\n"
        "raise RuntimeError('crash after fit')\n")
    done = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "TRACEKERAS_TRACE": str(path),
                               "TRACEKERAS_LEVEL": "steps", "PYTHONPATH": ROOT}, timeout=120)
    assert done.returncode == 1 and "RuntimeError: crash after fit" in done.stderr
    header, _ = records(path)
    assert header["level"] == "steps"
    assert "keras.engine.training.Model.fit" in begun(path)


def test_environment_hook_is_off_inside_the_tracekeras_command():
    from tracekeras import run
    assert run.launched_by_cli(["python3", "-m", "tracekeras", "run", "x.py"])
    assert run.launched_by_cli(["python3", "-mtracekeras", "demo"])
    assert run.launched_by_cli(["/usr/bin/python3", "/usr/local/bin/tracekeras", "demo"])
    assert not run.launched_by_cli(["python3", "train.py"])
    assert not run.launched_by_cli(["python3", "-m", "pytest", "tests"])
    assert not run.launched_by_cli(["python3", "-u", "train.py", "-m", "tracekeras"])
    assert run.trace_from_environment({}) is None


def test_in_process_run_restores_argv_path_main_and_imports(tmp_path, capsys):
    from tracekeras import run
    script = tmp_path / "inproc.py"
    script.write_text("import os, sys\nimport keras\nfrom keras import layers\n"
                      "assert __name__ == '__main__' and sys.argv[1:] == ['a', 'b']\n"
                      "assert sys.path[0] == os.path.dirname(__file__)\n"
                      "layer = layers.Dense(3)\nlayer(__import__('numpy').ones((2, 4)))\n"
                      "os.chdir(os.path.dirname(os.path.dirname(__file__)))\n")
    argv, path, main = list(sys.argv), list(sys.path), sys.modules["__main__"]
    cwd = os.getcwd()
    try:
        status, t, written = run.run(str(script), ["a", "b"], out=str(tmp_path / "o"))
    finally:
        os.chdir(cwd)
    assert status == 0
    assert sys.argv == argv and sys.path == path and sys.modules["__main__"] is main
    assert [n for n in sys.modules if n.partition(".")[0] in ("keras", "tensorflow")] == []
    assert "keras.layers.core.dense.Dense.build" in t.names()
    assert written["html"] == str(tmp_path / "o" / "inproc.html")
    assert (tmp_path / "o" / "inproc.trace.jsonl").exists()
