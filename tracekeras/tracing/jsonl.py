"""Reading and writing traces as JSON Lines.

A trace file is one header line followed by one record a line (``schema``).
Writing goes through a temporary file renamed into place, so a file a user
asked for is never left half-written. Reading tolerates a trace cut off by a
crash: a torn last line is skipped, and every span that began but never ended
is closed by the reader with an end record marked ``"unfinished": true``.
"""
import json
import os
import tempfile

from .schema import FORMAT


class TraceFormatError(ValueError):
    """A file that is not a tracekeras trace, or is damaged beyond its last line."""


def dump_line(record):
    return json.dumps(record, separators=(",", ":"), allow_nan=False) + "\n"


def write(path, header, records):
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tracekeras-", suffix=".tmp", dir=folder)
    try:
        os.chmod(tmp, 0o666 & ~current_umask())  # mkstemp makes 0600; a trace is an ordinary file
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(dump_line(header))
            for record in records:
                f.write(dump_line(record))
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def current_umask():
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def read(path):
    """Return (header, records) from a trace file; unfinished spans are closed."""
    path = os.fspath(path)
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if not lines or not lines[0].strip():
        raise TraceFormatError(f"{path} is empty: expected a tracekeras trace (JSON Lines, header first).")
    try:
        header = json.loads(lines[0])
    except json.JSONDecodeError as exc:
        raise TraceFormatError(f"{path} is not a tracekeras trace: its first line is not JSON ({exc.msg}).") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        got = header.get("format") if isinstance(header, dict) else type(header).__name__
        raise TraceFormatError(f"{path} is not a tracekeras trace: expected a header with format "
                               f"{FORMAT!r}, received {got!r}.")
    records = []
    body = [line for line in lines[1:] if line.strip()]
    for n, line in enumerate(body):
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as exc:
            if n == len(body) - 1:
                break  # the torn last line of a run that was cut off
            raise TraceFormatError(f"{path}: record {n + 2} is not JSON ({exc.msg}).") from None
    return header, close_unfinished(records)


def close_unfinished(records):
    """Append an end record, marked unfinished, for every span that never ended."""
    open_spans = {}
    for record in records:
        if record.get("ph") == "B":
            open_spans[record["id"]] = record
        elif record.get("ph") == "E":
            open_spans.pop(record.get("id"), None)
    if not open_spans:
        return records
    last_ts = max((r.get("ts", 0) for r in records), default=0)
    closed = list(records)
    for sid in sorted(open_spans, reverse=True):  # innermost (latest begun) first
        begin = open_spans[sid]
        begin["unfinished"] = True
        closed.append({"ph": "E", "id": sid, "name": begin.get("name"), "ts": last_ts,
                       "unfinished": True})
    return closed
