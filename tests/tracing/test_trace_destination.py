"""Where a trace is written, and how it ends.

- Two processes tracing to one path each stream into a ``.partial`` file of
  their own (``<path>.<pid>-<random>.partial``); both runs succeed, the last to
  finish leaves one whole trace at the path (one fit, loadable), no partial left.
- A trace path that cannot become a file (a folder, a path under a file, a
  folder that cannot be written) is refused when the trace starts, before
  anything runs: ``with trace(...)``, ``TRACEKERAS_TRACE`` with plain ``python``
  (one line, status 1, the script stops at its ``import tracekeras``), and
  ``tracekeras run`` (the environment's path and the default one under --out).
  No stray ``.partial`` file is left anywhere.
- SIGTERM closes the trace as Ctrl-C does: the open spans end with the
  ``SystemExit`` it raises, the file is renamed into place, the exit status is
  143 (128 + 15), and the previous handler is back after the trace; a handler
  the program installed itself is left alone.
"""
import glob
import os
import signal
import subprocess
import sys
import textwrap
import threading

import pytest

import tracekeras
from tracekeras import tracing
from tracekeras.tracing import jsonl, signals

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIT = "keras.engine.training.Model.fit"

FIT_SCRIPT = textwrap.dedent("""
    import os, signal, sys
    import numpy as np
    import tracekeras
    from tracekeras import layers
    from tracekeras.callbacks import Callback
    from tracekeras.models import Sequential

    class Signal(Callback):
        def on_train_batch_begin(self, batch, logs=None):
            if sys.argv[2] == "sigterm" and batch == 3:
                os.kill(os.getpid(), signal.SIGTERM)

    model = Sequential([layers.Dense(8, activation="relu"), layers.Dense(1)])
    model.compile("sgd", "mse")
    x = np.random.default_rng(0).random((int(sys.argv[3]), 4), dtype="float32")
    with tracekeras.trace(sys.argv[1]):
        model.fit(x, x[:, :1], epochs=2, batch_size=8, verbose=0, callbacks=[Signal()])
    print("fit done")
""")


def python(*args, env=None, cwd=None):
    return subprocess.run([sys.executable, *map(str, args)], cwd=cwd or ROOT,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": ROOT, **(env or {})})


def test_two_processes_tracing_to_one_path_leave_one_whole_trace(tmp_path):
    script = tmp_path / "fit.py"
    script.write_text(FIT_SCRIPT)
    path = tmp_path / "shared.jsonl"
    procs = [subprocess.Popen([sys.executable, str(script), str(path), "no", str(n)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": ROOT})
             for n in (400, 408)]
    results = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, results):
        assert proc.returncode == 0, err[-800:]
        assert out == "fit done\n"
    t = tracing.load(path)
    fit, = t.spans(FIT)
    assert fit["args"]["x"]["shape"][0] in (400, 408)
    assert not any(r.get("unfinished") for r in t.records)
    assert not glob.glob(f"{path}*.partial")


def test_each_writer_streams_into_a_partial_file_of_its_own(tmp_path):
    path = tmp_path / "one.jsonl"
    writers = [jsonl.StreamWriter(path, {"format": tracing.FORMAT}) for _ in range(2)]
    names = [w.partial for w in writers]
    assert names[0] != names[1]
    for name in names:
        assert name.startswith(f"{path}.{os.getpid()}-") and name.endswith(".partial")
    for w in writers:
        w.commit()
    assert not glob.glob(f"{path}*.partial") and path.exists()


def test_two_traces_in_two_threads_to_one_path_leave_one_whole_trace(tmp_path):
    path = tmp_path / "threads.jsonl"
    barrier = threading.Barrier(2)

    def work(i):
        with tracekeras.trace(path):
            barrier.wait(10)    # both partial files open at once
            with tracing.span(f"keras.work_{i}", "fit"):
                pass

    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(tracing.load(path).names()) == 1
    assert not glob.glob(f"{path}*.partial")


@pytest.mark.parametrize("where, error, says", [
    ("folder", IsADirectoryError, "it is a folder, expected a file path"),
    ("file/x.jsonl", NotADirectoryError, "is a file, not a folder"),
])
def test_a_trace_path_that_cannot_be_a_file_is_refused_before_anything_runs(
        tmp_path, where, error, says):
    (tmp_path / "folder").mkdir()
    (tmp_path / "file").write_text("a file")
    ran = []
    with pytest.raises(error, match=says):
        with tracekeras.trace(tmp_path / where):
            ran.append(True)
    assert not ran
    assert tracing.state.recorder is None
    assert not glob.glob(f"{tmp_path}/**/*.partial", recursive=True)
    assert not glob.glob(f"{tmp_path}/*.partial")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_trace_in_a_folder_that_cannot_be_written_is_refused(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(PermissionError, match="is not writable"):
            with tracekeras.trace(locked / "run.jsonl"):
                pass
    finally:
        locked.chmod(0o700)


SCRIPT = "import tracekeras\nopen('script-ran', 'w').write('yes')\n"


def test_TRACEKERAS_TRACE_at_a_folder_stops_before_the_script_runs(tmp_path):
    (tmp_path / "traces").mkdir()
    script = tmp_path / "plain.py"
    script.write_text(SCRIPT)
    done = python(script, cwd=tmp_path, env={"TRACEKERAS_TRACE": "traces"})
    assert done.returncode == 1
    assert done.stderr == ("tracekeras: error: TRACEKERAS_TRACE: Cannot write the trace to "
                           "'traces': it is a folder, expected a file path (e.g. "
                           "run.trace.jsonl).\n")
    assert not (tmp_path / "script-ran").exists()
    assert not glob.glob(f"{tmp_path}/**/*.partial", recursive=True)
    assert os.listdir(tmp_path / "traces") == []


def test_an_unknown_TRACEKERAS_LEVEL_stops_before_the_script_runs(tmp_path):
    script = tmp_path / "plain.py"
    script.write_text(SCRIPT)
    done = python(script, cwd=tmp_path, env={"TRACEKERAS_TRACE": "run.jsonl",
                                             "TRACEKERAS_LEVEL": "everything"})
    assert done.returncode == 1
    assert done.stderr.startswith("tracekeras: error: TRACEKERAS_LEVEL: Unknown trace level: "
                                  "'everything'.")
    assert not (tmp_path / "script-ran").exists()


@pytest.mark.parametrize("env, made, says", [
    ({"TRACEKERAS_TRACE": "traces"}, "traces",
     "tracekeras run: error: TRACEKERAS_TRACE: Cannot write the trace to 'traces': it is a "
     "folder"),
    ({}, "out/plain.trace.jsonl",
     "tracekeras run: error: the trace path: Cannot write the trace to "),
])
def test_tracekeras_run_refuses_a_trace_path_that_is_a_folder_before_the_script_runs(
        tmp_path, env, made, says):
    (tmp_path / made).mkdir(parents=True)
    script = tmp_path / "plain.py"
    script.write_text(SCRIPT)
    done = python("-m", "tracekeras", "run", script, cwd=tmp_path,
                  env={"TRACEKERAS_TRACE": "", **env})
    assert done.returncode == 1
    assert done.stderr.startswith(says) and done.stderr.count("\n") == 1, done.stderr
    assert not (tmp_path / "script-ran").exists()
    assert not glob.glob(f"{tmp_path}/**/*.partial", recursive=True)


def test_sigterm_closes_the_trace_as_ctrl_c_does(tmp_path):
    script = tmp_path / "fit.py"
    script.write_text(FIT_SCRIPT)
    path = tmp_path / "terminated.jsonl"
    done = python(script, path, "sigterm", 64)
    assert done.returncode == 143, done.stderr[-800:]
    assert "fit done" not in done.stdout
    assert not glob.glob(f"{path}*.partial")
    t = tracing.load(path)
    assert not any(r.get("unfinished") for r in t.records)
    fit, = t.spans(FIT)
    end = next(r for r in t.records if r["ph"] == "E" and r["id"] == fit["id"])
    assert end["error"] == {"type": "builtins.SystemExit", "message": "143"}


def test_the_sigterm_handler_is_the_trace_only_while_it_records(tmp_path):
    before = signal.getsignal(signal.SIGTERM)
    assert before is signal.SIG_DFL
    with tracekeras.trace(tmp_path / "a.jsonl"):
        assert signal.getsignal(signal.SIGTERM) is signals.terminate
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    with tracekeras.trace():     # no file to close: nothing installed
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_a_sigterm_handler_of_the_program_is_left_alone(tmp_path):
    def mine(signum, frame):
        pass
    previous = signal.signal(signal.SIGTERM, mine)
    try:
        with tracekeras.trace(tmp_path / "a.jsonl"):
            assert signal.getsignal(signal.SIGTERM) is mine
        assert signal.getsignal(signal.SIGTERM) is mine
    finally:
        signal.signal(signal.SIGTERM, previous)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")
def test_a_forked_child_does_not_write_its_parents_trace_file(tmp_path):
    path = tmp_path / "parent.jsonl"
    with tracekeras.trace(path) as t:
        with tracing.span("keras.parent_work", "fit"):
            pass
        pid = os.fork()
        if pid == 0:     # the child leaves the block too, then ends without cleanup
            try:
                with tracing.span("keras.child_work", "fit"):
                    pass
            finally:
                os._exit(0)
        os.waitpid(pid, 0)
        with tracing.span("keras.parent_more", "fit"):
            pass
    assert tracing.load(path).names() == ["keras.parent_work", "keras.parent_more"]
    assert t.names() == ["keras.parent_work", "keras.parent_more"]
