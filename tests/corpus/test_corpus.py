"""The corpus: public Keras 2 programs run unchanged under ``tracekeras run``.

``examples/corpus/README.md`` holds one row per program with what it is expected to do
under tracekeras: ``runs`` (exit status 0, and in the trace every fit of two or more
epochs moved its training loss and one brought it down), or ``stops at NAME`` (exit
status 1 and the one-line "does not implement NAME" message, with no traceback). The
table is the status board a user reads; this test keeps it true.
``data/tf_keras_runs.json`` (made by ``make_fixtures.py`` with real tf_keras 2.21) says
which programs real Keras runs to the end: each of those must be ``runs`` here or name
what stops it.

The programs run as subprocesses, ``TRACEKERAS_CORPUS_JOBS`` of them at a time (the
number of cores by default), started as soon as the tests are collected
(``tests/conftest.py``) and started again between tests as others end (no thread waits
for them): they run beside the tests that come before theirs, which use one core, and each
test waits for its own program. Only the programs of the selected tests
are run.
"""
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "examples", "corpus")
HERE = os.path.dirname(os.path.abspath(__file__))
ROW = re.compile(r"^\| `(\w+)\.py` \|.*\| (runs|stops at `([\w.]+)`) \|\s*$")


def status_board():
    with open(os.path.join(CORPUS, "README.md"), encoding="utf-8") as f:
        rows = [ROW.match(line) for line in f]
    return {m.group(1): m.group(3) for m in rows if m}


def tf_keras_runs():
    with open(os.path.join(HERE, "data", "tf_keras_runs.json"), encoding="utf-8") as f:
        return json.load(f)["programs"]


BOARD = status_board()


def test_every_program_has_a_row_and_real_keras_ran_it():
    programs = sorted(name[:-3] for name in os.listdir(CORPUS)
                      if name.endswith(".py") and name != "corpus_data.py")
    assert sorted(BOARD) == programs
    assert len(programs) >= 25
    ran = tf_keras_runs()
    assert sorted(ran) == programs
    assert [name for name, run in ran.items() if not run["ran"]] == []


def trace_records(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f][1:]


def epoch_losses(records):
    """The training loss at each epoch end of each fit, from the trace."""
    fits, current = [], None
    for record in records:
        if record["ph"] == "B" and record["name"] == "keras.engine.training.Model.fit":
            current = []
            fits.append(current)
        logs = (record.get("args") or {}).get("logs")
        if (current is not None and record["ph"] == "B" and logs and "loss" in logs
                and record["name"] == "keras.callbacks.CallbackList.on_epoch_end"):
            current.append(logs["loss"])
    return fits


def command(name, folder):
    """``tracekeras run`` of one program in ``folder`` (also its HOME), as a user runs it,
    its diagrams drawn as SVG only (``--no-png``: the PNG of a call diagram is the slowest
    rendering, and tests/run draws it)."""
    return [sys.executable, "-m", "tracekeras", "run", "--no-png", "--out",
            str(folder / "out"), os.path.join(CORPUS, name + ".py")]


class Programs:
    """The session's selected programs as subprocesses, ``TRACEKERAS_CORPUS_JOBS`` at a time
    (the number of cores by default), in test order. No thread waits for them: ``pump``,
    called between tests (``tests/conftest.py``) and while a test waits for its program,
    starts the next ones as others end, so this process keeps one thread (a test that reads
    a trace in two processes forks only then)."""

    TIMEOUT = 600

    def __init__(self, names, base):
        self.queue, self.base = list(names), base
        self.jobs = max(1, int(os.environ.get("TRACEKERAS_CORPUS_JOBS", os.cpu_count() or 1)))
        self.running, self.done = {}, {}

    def pump(self):
        for name, (process, folder, started) in list(self.running.items()):
            if process.poll() is None and time.monotonic() - started < self.TIMEOUT:
                continue
            if process.poll() is None:
                process.kill()
                process.wait()
            del self.running[name]
            out, err = ((folder / f).read_text(errors="replace") for f in ("stdout", "stderr"))
            self.done[name] = (folder, subprocess.CompletedProcess(
                process.args, process.returncode, out, err))
        while self.queue and len(self.running) < self.jobs:
            name = self.queue.pop(0)
            folder = pathlib.Path(tempfile.mkdtemp(prefix=name + "-", dir=self.base))
            with open(folder / "stdout", "w") as out, open(folder / "stderr", "w") as err:
                process = subprocess.Popen(command(name, folder), cwd=folder, stdout=out,
                                           stderr=err, env=self.environment(folder))
            self.running[name] = (process, folder, time.monotonic())

    def environment(self, folder):
        """The program's environment: this one, with ``folder`` as HOME, and
        * each program's share of the cores as its BLAS and OpenMP threads (one when a
          program runs on each core), unless set already: the programs run side by side,
          and OpenBLAS's threads, which spin while they wait, fight for a core another
          program holds (a matmul of a custom training step, outside the loops'
          ``backend/threads.py`` policy, took 10x longer with two threads on the busy
          machine).
        (Where pytest writes no bytecode, ``tests/conftest.py`` has the subprocesses keep
        theirs in one folder of the session's.)"""
        env = {**os.environ, "HOME": str(folder)}
        threads = str(max(1, (os.cpu_count() or 1) // self.jobs))
        for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            env.setdefault(variable, threads)
        return env

    def result(self, name):
        """(folder, CompletedProcess) of ``name``, once it has ended."""
        while name not in self.done:
            self.pump()
            time.sleep(0.05)
        return self.done[name]

    def stop(self):
        for process, _, _ in self.running.values():
            process.kill()
            process.wait()
        self.running.clear()
        self.queue.clear()


PROGRAMS = []   # this session's Programs, once started


def selected_programs(items):
    """The programs of the selected ``test_program`` tests, in test order."""
    return [item.callspec.params["name"] for item in items
            if getattr(item, "originalname", None) == "test_program"
            and item.module.__name__ == __name__ and hasattr(item, "callspec")]


def start(names, base):
    """Start ``names`` in folders under ``base``. ``tests/conftest.py`` calls it once the
    tests are collected, so the programs run beside the tests before theirs."""
    PROGRAMS.append(Programs(names, base))
    PROGRAMS[-1].pump()


def pump():
    for programs in PROGRAMS:
        programs.pump()


def stop():
    """Kill what still runs (the end of the session)."""
    for programs in PROGRAMS:
        programs.stop()
    PROGRAMS.clear()


@pytest.fixture(scope="module")
def runs(request, tmp_path_factory):
    """The session's Programs: every selected program, started in test order when the
    session was collected (or here, the first time)."""
    if not PROGRAMS:
        start(selected_programs(request.session.items), tmp_path_factory.mktemp("corpus"))
    return PROGRAMS[-1]


@pytest.mark.parametrize("name", sorted(BOARD))
def test_program(name, runs):
    tmp_path, done = runs.result(name)
    missing = BOARD[name]
    if missing is None:
        assert done.returncode == 0, done.stderr[-3000:]
        fits = epoch_losses(trace_records(tmp_path / "out" / f"{name}.trace.jsonl"))
        trained = [losses for losses in fits if len(losses) >= 2]
        # every fit of two or more epochs changes its loss (a model whose weights never change
        # computes the same sums on the same batches each epoch; a short unseeded fit can move
        # by under 1e-6 of it), and one brings it down by 1 % at least
        assert all(losses[-1] != losses[0] for losses in trained), fits
        assert any(losses[-1] < 0.99 * losses[0] for losses in trained) or not trained, fits
    else:
        assert done.returncode == 1, done.stderr[-3000:]
        assert "Traceback" not in done.stderr, done.stderr[-3000:]
        assert f"tracekeras does not implement {missing} " in done.stderr, done.stderr[-3000:]
