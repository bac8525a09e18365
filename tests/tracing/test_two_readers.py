"""A long trace file read in two processes (tracing/two_readers.py) reads as one pass reads it.

``jsonl.stream(path, ends=True)`` cuts a long file at a line's start and has a forked
process read the lines after the cut. These tests cut small files anywhere (inside a
span, inside a run of steps a fold will hide, between two threads' interleaved records,
on the first and the last line) and hold the reading to one pass's: the same records in
the same order, every output byte for byte, the same refusals naming the same lines, the
rest read here when the second process fails or dies, and no process or file left over.
"""
import json
import marshal
import os
import pathlib
import shutil
import signal
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import visualize
from tracekeras import tracing
from tracekeras.tracing import jsonl, two_readers

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "tests", "visualize", "data")
STORED = sorted(n[:-6] for n in os.listdir(FIXTURES) if n.endswith(".jsonl"))
HEADER = {"format": "tracekeras-trace", "schema": 1, "level": "steps"}
EPOCHS = "keras.engine.data_adapter.DataHandler.enumerate_epochs"
STEP = "keras.engine.data_adapter.DataHandler.steps"
FORMATS = ("svg", "dot", "mermaid", "perfetto", "speedscope", "html") + (
    ("png",) if shutil.which("dot") else ())


def canonical(r):
    """A record as its readers take it: a plain end, tuple or dict, as ("end", id, ts); a
    plain begin tuple as the record it stands for (its None fields left out)."""
    if type(r) is tuple and len(r) == 2:
        return ("end", *r)
    if type(r) is tuple:
        r = jsonl.begin_record(r)
    elif r.get("ph") == "E" and set(r) <= {"ph", "id", "name", "ts", "epoch", "step"}:
        return ("end", r["id"], r["ts"])
    return {k: v for k, v in r.items() if v is not None or k == "parent"}


def reading(path, begins=True):
    """The records of a file as the fast readers get them, or the refusal's words."""
    try:
        header, records = jsonl.stream(str(path), ends=True, begins=begins)
        return [canonical(r) for r in records]
    except tracing.TraceFormatError as exc:
        return str(exc)


def line_starts(path):
    """The byte offset of every line after the header (each a place to cut)."""
    with open(path, "rb") as f:
        data = f.read()
    starts = [k + 1 for k, b in enumerate(data) if b == 10]
    return starts[:-1] if starts and starts[-1] == len(data) else starts


@pytest.fixture
def cut_at(monkeypatch):
    """cut_at(path, offset): the next readings of ``path`` cut there (None: one pass)."""
    def cut_at(path, offset):
        monkeypatch.setattr(two_readers, "cut_of", lambda p: None if offset is None else (
            two_readers.header_length(p), offset))
    return cut_at


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(jsonl, "CHUNK", 700)    # a few lines a batch: many batches a part


def write_trace(path, records, tail=""):
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(HEADER) + "\n")
        f.write("".join(json.dumps(r, separators=(",", ":")) + "\n" for r in records) + tail)
    return str(path)


def fit_records(steps, tid=None, first_id=1, t0=0, stride=1):
    """A fit of one epoch of ``steps`` steps (three calls each), as the recorder writes it;
    ``tid``: the records of a thread started inside the trace."""
    more = {} if tid is None else {"tid": tid}
    records, sid, ts = [], first_id, t0

    def begin(name, parent, **fields):
        nonlocal sid, ts
        records.append({"ph": "B", "id": sid, "parent": parent, "name": name, "stage": "fit",
                        "ts": ts, "args": fields.pop("args", {}), **fields, **more})
        sid, ts = sid + 1, ts + stride
        return sid - 1

    def end(span, name, **fields):
        nonlocal ts
        records.append({"ph": "E", "id": span, "name": name, "ts": ts, **fields, **more})
        ts += stride

    fit = begin("keras.engine.training.Model.fit", None)
    epoch = begin(EPOCHS, fit, args={"epoch": 0}, epoch=0)
    for s in range(steps):
        step = begin(STEP, epoch, args={"kind": "train", "epoch": 0, "step": s}, epoch=0,
                     step=s)
        for call in ("train_function", "train_step", "on_train_batch_end"):
            end(begin(f"keras.engine.training.{call}", step, epoch=0, step=s), call,
                epoch=0, step=s)
        end(step, STEP, epoch=0, step=s)
    end(epoch, EPOCHS, epoch=0)
    end(fit, "keras.engine.training.Model.fit")
    return records


def two_threads(path):
    """Two fits, of the main thread and of a thread started inside the trace, their records
    interleaved one by one."""
    one, other = fit_records(12, t0=0, stride=2), fit_records(9, tid=77, first_id=1000,
                                                               t0=1, stride=2)
    mixed = [r for pair in zip(one, other) for r in pair] + one[len(other):]
    return write_trace(path, mixed)


def test_the_cut_is_a_line_start_past_the_share_and_one_pass_where_it_does_not_pay(
        tmp_path, monkeypatch):
    from tracekeras.backend import parallel
    with parallel.enabled(2):   # a fit's split leaves its pool's threads asleep: no matter
        parallel.split(lambda piece: None, parallel.parts(8, 1 << 30))
    path = write_trace(tmp_path / "t.jsonl", fit_records(200))
    size = os.path.getsize(path)
    monkeypatch.setattr(two_readers, "SPLIT_BYTES", 0)
    starts = line_starts(path)
    header = two_readers.header_length(path)
    for share in (0.0, 0.1, 0.45, 0.9):
        monkeypatch.setattr(two_readers, "SHARE", share)
        found = two_readers.cut_of(path)
        assert found[0] == header == starts[0] and found[1] in starts
        assert found[1] > header + (size - header) * share
    monkeypatch.setattr(two_readers, "SHARE", 0.999999)
    assert two_readers.cut_of(path) is None         # no line start after the share
    monkeypatch.setattr(two_readers, "SHARE", 0.45)
    monkeypatch.setattr(two_readers, "SPLIT_BYTES", size + 1)
    assert two_readers.cut_of(path) is None         # a short file: one process
    monkeypatch.setattr(two_readers, "SPLIT_BYTES", 0)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert two_readers.cut_of(path) is None     # another thread runs: no fork
    finally:
        stop.set()
        other.join()
    monkeypatch.delattr(os, "fork")
    assert two_readers.cut_of(path) is None         # no fork on this system
    monkeypatch.undo()
    lone_cr = tmp_path / "cr.jsonl"
    lone_cr.write_bytes(json.dumps(HEADER).encode() + b"\r" + b'{"ph":"E","id":1,"ts":2}\n')
    assert two_readers.header_length(str(lone_cr)) is None


@pytest.mark.parametrize("name", STORED)
def test_a_stored_trace_reads_as_one_pass_wherever_it_is_cut(name, cut_at, small_batches):
    path = os.path.join(FIXTURES, name + ".jsonl")
    cut_at(path, None)
    whole = reading(path)
    starts = line_starts(path)
    # every line of the short ones; of the longer ones the first and last 30 (the header's
    # neighbours, the open spans at the end) and every 7th between, every 41st past 1000
    # lines (both prime to the fixtures' repeating runs of records, so each kind of line is
    # cut before)
    step = 1 if len(starts) < 100 else 7 if len(starts) < 1000 else 41
    for offset in sorted(set(starts[:30] + starts[::step] + starts[-30:])):
        cut_at(path, offset)
        assert reading(path) == whole, offset


def test_threads_interleaved_and_a_trace_cut_off_read_as_one_pass(tmp_path, cut_at,
                                                                  small_batches):
    for path in (two_threads(tmp_path / "threads.jsonl"),
                 write_trace(tmp_path / "cut.jsonl", fit_records(20)[:-7],
                             tail='{"ph":"B","id":900,"parent":1,"na')):
        cut_at(path, None)
        whole = reading(path)
        assert isinstance(whole, list)
        starts = line_starts(path)
        # every 3rd line (odd, so each thread's records are cut before), and the last 10
        for offset in sorted(set(starts[::3] + starts[-10:])):
            cut_at(path, offset)
            assert reading(path) == whole


def place(path, test):
    """The start of the first line after the header that ``test(record)`` holds for."""
    with open(path, "rb") as f:
        offset = len(f.readline())
        for line in f:
            if test(json.loads(line)):
                return offset
            offset += len(line)
    raise AssertionError("no such line")


def outputs(path, out, capsys):
    """Every format's file and what ``show`` and ``summary`` print, as bytes."""
    from tracekeras import cli
    os.makedirs(out)
    found = {fmt: pathlib.Path(visualize.render(path, fmt, out=os.path.join(out, "t." + fmt),
                                                say=print)).read_bytes() for fmt in FORMATS}
    for command in ("show", "summary"):
        assert cli.main([command, path]) == 0
        found[command] = capsys.readouterr().out
    return found


@pytest.mark.parametrize("case", ["inside a span", "inside a run of steps", "threads",
                                  "recorder folds"])
def test_every_output_is_the_same_bytes(case, tmp_path, cut_at, capsys, small_batches):
    if case == "threads":
        path = two_threads(tmp_path / "t.jsonl")
        offset = line_starts(path)[len(line_starts(path)) // 2]
    elif case == "recorder folds":     # level stages: the recorder folded the later steps
        path = os.path.join(FIXTURES, "seed_fit.jsonl")
        offset = place(path, lambda r: r.get("name") == STEP)
    else:
        path = write_trace(tmp_path / "t.jsonl", fit_records(300))
        offset = place(path, (lambda r: r.get("name") == "keras.engine.training.train_step")
                       if case == "inside a span" else
                       (lambda r: r.get("step") == 150 and r["ph"] == "E"))
    cut_at(path, None)
    whole = outputs(path, str(tmp_path / "one"), capsys)
    cut_at(path, offset)
    assert outputs(path, str(tmp_path / "two"), capsys) == whole


def spoiled(path, n, text):
    """``path`` with its line ``n`` (1-based, the header being 1) replaced by ``text``."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    lines[n - 1] = text
    out = path[:-6] + ".bad.jsonl"
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    return out


@pytest.mark.parametrize("bad", ['{"ph":"E","id":"x","ts":1}', "[1, 2]", "{not json",
                                 "x" * 3000])
def test_a_refusal_names_the_same_line(bad, tmp_path, cut_at, small_batches, monkeypatch):
    monkeypatch.setattr(jsonl, "MAX_LINE", 2000)
    good = write_trace(tmp_path / "t.jsonl", fit_records(40))
    starts = line_starts(good)
    for line_number in (5, len(starts) - 10, len(starts) + 1):  # first part, second, last
        path = spoiled(good, line_number, bad)
        cut_at(path, None)
        said = reading(path)
        assert isinstance(said, str) and f"record {line_number} " in said
        cut_at(path, line_starts(path)[len(starts) // 2])
        assert reading(path) == said


@pytest.mark.parametrize("handed,torn", [(0, False), (1, False), (3, False), (2, True)])
def test_the_rest_is_read_here_when_the_second_process_dies(handed, torn, tmp_path, cut_at,
                                                            small_batches, monkeypatch):
    path = write_trace(tmp_path / "t.jsonl", fit_records(60))
    cut_at(path, None)
    whole = reading(path)

    def dies_early(path, cut, begins, fd):   # (in the second process) hands a few batches
        with two_readers.part(path, cut) as f, open(fd, "wb", buffering=0) as pipe:
            for k, (lines, last) in zip(range(handed), jsonl.batches(path, f, 0)):
                got = jsonl.plain_batch(lines, begins)
                blob = marshal.dumps(jsonl.parse_batch(path, 0, lines, last) if got is None
                                     else got)
                torn_here = torn and k == handed - 1    # the last one's blob cut short
                pipe.write(two_readers.HEAD.pack(len(blob) + 50 * torn_here, len(lines)) + blob)
        os.kill(os.getpid(), signal.SIGKILL)

    monkeypatch.setattr(two_readers, "hand_over", dies_early)
    cut_at(path, line_starts(path)[40])
    assert reading(path) == whole


def forks(monkeypatch):
    """The ids of the processes forked from here on."""
    pids, fork = [], os.fork

    def recorded():
        pid = fork()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", recorded)
    return pids


def gone(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_no_process_or_file_is_left_however_the_reading_ends(tmp_path, cut_at, small_batches,
                                                             monkeypatch):
    good = write_trace(tmp_path / "t.jsonl", fit_records(60))
    bad = spoiled(good, 9, '{"ph":"E","id":"x","ts":1}')
    files = sorted(os.listdir(tmp_path))
    pids = forks(monkeypatch)
    for path, taken in ((good, None), (good, 3), (bad, None)):
        cut_at(path, line_starts(path)[50])
        header, records = jsonl.stream(path, ends=True, begins=True)
        try:
            if taken is None:
                list(records)
            else:
                for _ in zip(range(taken), records):
                    pass
                records.close()
        except tracing.TraceFormatError:
            assert path == bad
        assert pids and gone(pids[-1])
    assert len(pids) == 3 and sorted(os.listdir(tmp_path)) == files


ODD_LINES = ["", "   ", '{"ph":"i","id":null,"parent":null,"name":"note","ts":5,"args":{"x":1.5}}',
             '{"ph":"E","id":3,"name":"a\\u00e9","ts":9,"args":{"logs":{"loss":0.5}}}',
             '{"ph":"B","id":4000,"parent":null,"name":"x","ts":3,"args":{"s":"caf\\u00e9"}}']


@settings(max_examples=40, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.integers(1, 30), st.integers(0, 2), st.lists(st.tuples(st.integers(0, 10**6),
                                                                 st.sampled_from(ODD_LINES)),
                                                       max_size=4),
       st.floats(0, 1), st.integers(200, 3000))
def test_random_traces_cut_anywhere_read_as_one_pass(tmp_path_factory, steps, threads, odd,
                                                     where, chunk):
    monkeypatch = pytest.MonkeyPatch()
    try:
        monkeypatch.setattr(jsonl, "CHUNK", chunk)
        records = fit_records(steps, stride=3)
        for t in range(threads):
            other = fit_records(steps // 2 + 1, tid=50 + t, first_id=10_000 * (t + 1), t0=t + 1,
                                stride=3)
            records = [r for pair in zip(records, other) for r in pair] + records[len(other):]
        lines = [json.dumps(r, separators=(",", ":")) for r in records]
        for at, text in odd:
            lines.insert(at % (len(lines) + 1), text)
        path = tmp_path_factory.mktemp("t") / "t.jsonl"
        path.write_text(json.dumps(HEADER) + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
        path = str(path)
        monkeypatch.setattr(two_readers, "cut_of", lambda p: None)
        whole = reading(path)
        starts = line_starts(path)
        offset = starts[min(len(starts) - 1, int(where * len(starts)))]
        monkeypatch.setattr(two_readers, "cut_of", lambda p: (two_readers.header_length(p),
                                                              offset))
        assert reading(path) == whole
    finally:
        monkeypatch.undo()


@pytest.mark.parametrize("refused", ["fork", "pipe"])
def test_a_fork_or_pipe_refused_by_the_system_reads_all_here(refused, tmp_path, cut_at,
                                                             small_batches, monkeypatch):
    good = write_trace(tmp_path / "t.jsonl", fit_records(30))
    bad = spoiled(good, 7, "[1]")
    cut_at(good, None)
    whole, said = reading(good), reading(bad)

    def refuse():
        raise BlockingIOError(11, "Resource temporarily unavailable") if refused == "fork" \
            else OSError(24, "Too many open files")

    monkeypatch.setattr(os, refused, refuse)
    for path, expected in ((good, whole), (bad, said)):
        cut_at(path, line_starts(path)[20])
        assert reading(path) == expected
    assert "record 7 " in said
