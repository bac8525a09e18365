"""Trace files: JSON Lines with a header, atomic writes, reading a crashed run."""
import json
import os
import stat
import threading

import pytest

import tracekeras
from tracekeras import tracing


def small_trace(path=None):
    with tracekeras.trace(path) as t:
        with tracing.span("keras.engine.training.Model.fit", "fit", epochs=1):
            tracing.instant("keras.engine.training.Model._is_compiled", "compile", value=True)
    return t


def test_header_names_the_format_and_versions(tmp_path):
    t = small_trace(tmp_path / "run.trace.jsonl")
    header = json.loads((tmp_path / "run.trace.jsonl").read_text().splitlines()[0])
    assert header == t.header
    assert header["format"] == "tracekeras-trace" and header["schema"] == 1
    assert header["level"] == "stages"
    assert {"tracekeras", "python", "numpy", "start_time"} <= set(header)


def test_save_and_load_round_trip(tmp_path):
    t = small_trace()
    path = t.save(tmp_path / "sub" / "x.jsonl")
    loaded = tracing.load(path)
    assert loaded.records == t.records and loaded.header == t.header
    assert loaded.names() == ["keras.engine.training.Model.fit"]


def test_save_without_a_path_says_so():
    with pytest.raises(ValueError, match="needs a path"):
        small_trace().save()


def test_a_crashed_run_is_still_readable(tmp_path):
    t = small_trace()
    path = tmp_path / "crash.jsonl"
    lines = [json.dumps(t.header)] + [json.dumps(r) for r in t.records[:2]]
    path.write_text("\n".join(lines) + '\n{"ph": "B", "id": 9, "na')  # torn last line
    loaded = tracing.load(path)
    end = loaded.records[-1]
    assert end["ph"] == "E" and end["unfinished"] is True and end["id"] == t.records[0]["id"]
    assert loaded.records[0]["unfinished"] is True


@pytest.mark.parametrize("content, message", [
    ("", "is empty"),
    ("not json\n", "first line is not JSON"),
    ('{"format": "chrome"}\n',
     "expected a header with format 'tracekeras-trace', received 'chrome'"),
    ('{"format": "tracekeras-trace", "schema": 1}\n{bad\n{"ph": "B"}\n', "record 2 is not JSON"),
    ('{"format": "tracekeras-trace", "schema": 99}\n', "written with trace schema 99; this "
     "tracekeras reads schema 1 and older"),
    ('{"format": "tracekeras-trace", "schema": "1"}\n',
     "schema version must be a positive integer"),
    ('{"format": "tracekeras-trace", "schema": 1}\n[1, 2]\n{"ph": "B"}\n',
     "record 2 is not a trace record"),
    ('{"format": "tracekeras-trace", "schema": 1}\n' + "[" * 100000 + "]" * 100000 + "\n{}\n",
     "record 2 is not JSON \\(nested too deeply\\)"),
])
def test_a_file_that_is_not_a_trace_is_refused(tmp_path, content, message):
    path = tmp_path / "t.jsonl"
    path.write_text(content)
    with pytest.raises(tracing.TraceFormatError, match=message):
        tracing.load(path)


def test_an_oversized_line_is_refused_without_reading_it_all(tmp_path, monkeypatch):
    from tracekeras.tracing import jsonl
    monkeypatch.setattr(jsonl, "MAX_LINE", 1000)
    path = tmp_path / "big.jsonl"
    path.write_text('{"format": "tracekeras-trace", "schema": 1}\n'
                    '{"ph": "i", "x": "' + "a" * 5000 + '"}\n')
    with pytest.raises(tracing.TraceFormatError, match="record 2 is longer than"):
        tracing.load(path)


def test_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "keep.jsonl"
    small_trace(path)
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError("disk full")
    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        small_trace().save(path)
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["keep.jsonl"]


def test_an_unwritable_folder_is_refused_before_recording(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        with pytest.raises(PermissionError, match="is not writable"):
            with tracekeras.trace(folder / "t.jsonl"):
                pass
    finally:
        folder.chmod(0o700)


def test_a_saved_trace_has_the_usual_file_mode(tmp_path):
    path = small_trace().save(tmp_path / "mode.jsonl")
    mask = os.umask(0o022)
    os.umask(mask)
    assert os.stat(path).st_mode & 0o777 == 0o666 & ~mask


def test_a_pipe_is_written_into_not_replaced(tmp_path):
    """`--out /dev/null` or a FIFO: the writer must not swap a device for a regular file."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received = []
    reader = threading.Thread(target=lambda: received.append(open(pipe, "rb").read()),
                              daemon=True)
    reader.start()
    small_trace().save(pipe)
    reader.join(timeout=10)
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
    assert received and received[0].startswith(b'{"format":"tracekeras-trace"')
    assert sorted(os.listdir(tmp_path)) == ["pipe"]
