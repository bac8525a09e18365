"""Reading and writing traces as JSON Lines.

A trace file is one header line followed by one record a line (``schema``).
Writing goes through a temporary file renamed into place, so a file a user
asked for is never left half-written. A trace recorded with a path streams its
records into ``<path>.<pid>-<random>.partial`` (a name of its own, so two
processes tracing to one path never mix) as the run goes (after every step and
every top-level call) and renames it to ``<path>`` when the run ends, normally,
by an exception such as Ctrl-C, or by SIGTERM; a run killed outright leaves its
``.partial`` file, readable up to its last completed step, and any older
``<path>`` untouched.

Reading tolerates a trace cut off by a crash: a torn last line is skipped, and
every span that began but never ended is closed by the reader with an end
record marked ``"unfinished": true``. It never executes anything from the file
(plain JSON) and refuses, with a clear ``TraceFormatError``, what is not a trace
of a schema it knows: oversized lines, nesting too deep for JSON, records that
are not objects, and records whose fields break the contract (``validate``:
types, sizes; text with surrogates or control characters is repaired). A UTF-8
byte order mark is skipped. :func:`stream` reads a file as it is consumed (a long
trace is never held whole as dicts); :func:`read` gives the list.
"""
import contextlib
import glob
import json
import os
import re
import secrets
import tempfile
from itertools import compress, repeat
from operator import add, not_

from . import validate
from .schema import FORMAT, LEVELS, SCHEMA_VERSION

MAX_LINE = 64 * 1024 * 1024   # a longer line is not a record tracekeras wrote
PARTIAL = ".partial"            # the suffix of a trace still being written
CHUNK = 1 << 20               # characters read at a time (about a thousand records)
# NaN/Infinity tokens read as the strings the recorder writes for non-finite numbers.
DECODER = json.JSONDecoder(parse_constant=validate.parse_constant)
# A span's end as the recorder writes it when it carries nothing but where it stands (half
# the lines of a long trace): every field plainly what the contract says (whole numbers in
# range, a name with no escape, control character or quote), so the match is the check.
NUMBER = "(?:0|[1-9][0-9]{0,17})"     # at most 10**18 - 1: within the contract's ts range
PLAIN_END = re.compile(
    r'\{"ph":"E","id":(' + NUMBER + r'),'
    + r'"name":"[^"\\\x00-\x1f\x7f-\x9f]{0,%d}",' % validate.MAX_NAME
    + r'"ts":(' + NUMBER + r')(?:,"epoch":-?' + NUMBER + r')?(?:,"step":-?' + NUMBER + r')?\}')
# A span's begin as the recorder writes it with flat args (the other half of the lines): the
# same plain fields, args of strings (no escape, control character or quote: so a quote
# always opens or closes one), whole numbers, null, booleans and lists of whole numbers or
# null, no "folded", a "layer" or "kind" a string or null (checked after the match).
TEXT = r'"[^"\\\x00-\x1f\x7f-\x9f]*"'
NAMED = r'"([^"\\\x00-\x1f\x7f-\x9f]{0,%d})"' % validate.MAX_NAME
WHOLE = r"(?:0|-?[1-9][0-9]*)"
VALUE = (r"(?:%s|%s|null|true|false|\[(?:(?:%s|null)(?:,(?:%s|null))*)?\])"
         % (TEXT, WHOLE, WHOLE, WHOLE))
PLAIN_BEGIN = re.compile(
    r'\{"ph":"B","id":(' + NUMBER + r'),"parent":(' + NUMBER + r'|null),"name":' + NAMED
    + r',(?:"impl":' + NAMED + r',)?(?:"stage":' + NAMED + r',)?"ts":(' + NUMBER + r'),'
    + r'"args":(\{(?:%s:%s(?:,%s:%s)*)?\})' % (TEXT, VALUE, TEXT, VALUE)
    + r'(?:,"epoch":(-?' + NUMBER + r'))?(?:,"step":(-?' + NUMBER + r'))?\}')
# Keys in a plain begin's args that the full reading checks: a fold, or a layer or kind
# that is not a string or null.
CHECKED_ARGS = re.compile(r'"folded":|"(?:layer|kind)":[^"n]')
# Two objects on one line: "}", a comma, "{" (it also finds a list of objects inside a
# record: a false alarm only sends that batch to the usual reading).
FUSED = re.compile(r"\}[ \t\r]*,[ \t\r]*\{")


class TraceFormatError(ValueError):
    """A file that is not a tracekeras trace, or is damaged beyond its last line."""


def dump_line(record):
    return json.dumps(record, separators=(",", ":"), allow_nan=False) + "\n"


def write(path, header, records):
    with atomic_file(path, "w") as f:
        f.write(dump_line(header))
        for record in records:
            f.write(dump_line(record))


@contextlib.contextmanager
def atomic_file(path, mode="w", durable=False):
    """A file opened beside ``path`` that replaces ``path`` only when the block succeeds.

    tracekeras writes the files a user keeps this way (traces, weights,
    checkpoints, renderings): an error leaves the old file whole and no temporary
    file behind; a kill leaves the old file whole (and the ``.tmp`` beside it).
    A path that names a device or a pipe is written into directly.
    ``durable`` also syncs the data and the folder to disk first.
    """
    path = os.fspath(path)
    if os.path.exists(path) and not os.path.isfile(path) and not os.path.isdir(path):
        # a device or a pipe (/dev/null, /dev/stdout, a FIFO): written into, never replaced
        with open(path, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as f:
            yield f
        return
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp",
                               dir=folder)
    try:
        os.chmod(tmp, 0o666 & ~current_umask())  # mkstemp makes 0600; keep the usual mode
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as f:
            yield f
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    if durable:
        fsync_directory(folder)


def fsync_directory(folder):
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def current_umask():
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def read(path):
    """Return (header, records) from a trace file; unfinished spans are closed."""
    header, records = stream(path)
    return header, close_unfinished(list(records))


def stream(path, ends=False, begins=False):
    """(header, records) of a trace file, ``records`` a generator reading the file as it goes.

    Every record is checked (and repaired) by :func:`validate.check_record`; a
    record that breaks the contract stops the reading with a ``TraceFormatError``
    naming the file, the line and the field. Lines are parsed by the thousand
    (one ``json`` call per batch); a batch that fails is read again line by line
    to name the line at fault. A UTF-8 byte order mark before the header is skipped.
    Unlike :func:`read`, spans left open are not closed here (``visualize.spans``
    closes them as it builds the tree). ``ends``: a plain end record (one
    :data:`PLAIN_END` matches) comes as the tuple ``(id, ts)``, all a tree needs of it
    (see :func:`plain_batch`). ``begins`` (with ``ends``; the timelines, which read no
    tree, and the folding tree reader, which decodes only the begins it makes nodes of): a
    plain begin record (:data:`PLAIN_BEGIN`) comes as the tuple ``(id, parent,
    name, impl, stage, ts, args text, epoch, step)``, its args the line's own JSON text
    (:func:`begin_record` makes it the record).
    """
    path = os.fspath(path)
    f = open(path, encoding="utf-8-sig", errors="replace")
    try:
        header = read_header(path, f.readline(MAX_LINE + 1))
    except BaseException:
        f.close()
        raise
    if ends:   # the fast readers: a long file is read in two processes
        from . import two_readers
        return header, two_readers.records(path, f, begins)
    return header, records_of(path, f, ends, begins)


def records_of(path, f, ends=False, begins=False):
    with f:
        n = 1      # the header was line 1
        for lines, last in batches(path, f):
            records = plain_batch(lines, begins) if ends and not last else None
            yield from parse_batch(path, n, lines, last) if records is None else records
            n += len(lines)


def plain_batch(lines, begins=False):
    """The records of a batch every line of which is one plain record, each plain end as
    ``(id, ts)``; None when any line needs a closer look (then :func:`parse_batch` reads it).

    Half the lines of a long trace are plain ends; matched by :data:`PLAIN_END`, which
    admits only what :func:`validate.plainly_valid` passes, they are neither decoded
    nor checked again. The other lines are decoded at once and must pass as
    :func:`parse_batch`'s quick path passes them, each line one object (no ``}, {``
    in it: so the records keep the order of the lines).
    """
    matched = list(map(PLAIN_END.fullmatch, lines))
    if begins:
        matched = [m or begin_match(line) for m, line in zip(matched, lines)]
    rest = list(compress(lines, map(not_, matched)))
    text = "[" + ",".join(rest) + "]"
    try:
        records = DECODER.decode(text)
    except (ValueError, RecursionError):
        return None
    if (len(records) != len(rest) or validate.suspect(text)
            or (rest and not quick(records, rest)) or FUSED.search("\n".join(rest))):
        return None
    others = iter(records)
    if begins:
        return [next(others) if m is None else m if type(m) is tuple
                else (int(m[1]), int(m[2])) for m in matched]
    return [(int(m[1]), int(m[2])) if m else next(others) for m in matched]


def begin_match(line):
    """The tuple of a plain begin record (:data:`PLAIN_BEGIN`; read with ``begins``), or
    None."""
    m = PLAIN_BEGIN.fullmatch(line)
    if m is None:
        return None
    sid, parent, name, impl, stage, ts, args, epoch, step = m.groups()
    if CHECKED_ARGS.search(args):
        return None
    return (int(sid), None if parent == "null" else int(parent), name, impl, stage, int(ts),
            args, None if epoch is None else int(epoch), None if step is None else int(step))


def begin_record(plain, args=True):
    """The record of a plain begin tuple (:func:`begin_match`); ``args``: decoded (else
    left out)."""
    sid, parent, name, impl, stage, ts, text, epoch, step = plain
    return {"ph": "B", "id": sid, "parent": parent, "name": name, "impl": impl, "stage": stage,
            "ts": ts, "args": DECODER.decode(text) if args else None, "epoch": epoch,
            "step": step}


def quick(records, lines):
    """Do the records of a batch with no escape and no C1/DEL character pass at once?
    (Each a plain record, its line shallow.)"""
    return (set(map(type, records)) == {dict} and all(map(validate.plainly_valid, records))
            and max(map(add, map(str.count, lines, repeat("[")),
                        map(str.count, lines, repeat("{")))) <= validate.MAX_VALUE_DEPTH)


def batches(path, f, seen=1):
    """Lists of lines (no newline); ``last`` marks the final piece when it has no newline.
    ``seen``: the lines before ``f``'s (the header's included), to name a line too long."""
    pieces, size = [], 0
    while True:
        chunk = f.read(CHUNK)
        if not chunk:
            break
        if "\n" not in chunk:
            pieces.append(chunk)
            size += len(chunk)
            check_length(path, seen + 1, size)
            continue
        lines = ("".join(pieces) + chunk).split("\n")
        rest = lines.pop()
        pieces, size = ([rest], len(rest)) if rest else ([], 0)
        if lines and max(map(len, lines)) > MAX_LINE:   # find the first one too long
            for k, line in enumerate(lines):
                check_length(path, seen + 1 + k, len(line))
        seen += len(lines)
        yield lines, False
    if pieces:
        yield ["".join(pieces)], True


def check_length(path, n, length):
    if length > MAX_LINE:
        raise TraceFormatError(f"{path}: record {n} is longer than {MAX_LINE // 2**20} MiB: "
                               "not a record tracekeras writes.")


def parse_batch(path, n, lines, last):
    """The checked records of ``lines`` (the first is line ``n + 1``)."""
    if not last:
        text = "[" + ",".join(lines) + "]"
        try:
            records = DECODER.decode(text)
        except (ValueError, RecursionError):
            records = None
        if records is not None and len(records) == len(lines):
            if validate.suspect(text):
                for k, (record, line) in enumerate(zip(records, lines)):
                    checked(path, n + 1 + k, record, line)
                return records
            deep, plain = validate.MAX_VALUE_DEPTH, validate.plainly_valid
            if quick(records, lines):   # no escape, no C1/DEL: plain records of shallow lines
                return records
            for k, (record, line) in enumerate(zip(records, lines)):
                # no escape, no C1/DEL in the batch: a plain record of a shallow line passes
                if (type(record) is not dict or not plain(record)
                        or line.count("[") + line.count("{") > deep):
                    checked(path, n + 1 + k, record, line)
            return records
    out = []
    for k, line in enumerate(lines):
        if line.strip():
            record = parse_record(path, n + 1 + k, line, last=last)
            if record is not None:
                out.append(record)
    return out


def checked(path, n, record, line):
    if not isinstance(record, dict) or record.get("ph") not in ("B", "E", "i", "G"):
        raise TraceFormatError(
            f"{path}: record {n} is not a trace record: expected an object whose "
            f'"ph" is B, E, i or G, received {str(record)[:60]!r}.'
        )
    try:
        return validate.check_record(record, walk_text=validate.needs_text_walk(line))
    except validate.RecordError as exc:
        raise TraceFormatError(f"{path}: record {n} is not a valid trace record: {exc}.") from None


def read_header(path, line):
    if not line.strip():
        raise TraceFormatError(
            f"{path} is empty: expected a tracekeras trace (JSON Lines, header first)."
        )
    try:
        header = DECODER.decode(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
        raise TraceFormatError(
            f"{path} is not a tracekeras trace: its first line is not JSON ({reason})."
        ) from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        got = header.get("format") if isinstance(header, dict) else type(header).__name__
        raise TraceFormatError(
            f"{path} is not a tracekeras trace: expected a header with format "
            f"{FORMAT!r}, received {got!r}."
        )
    schema = header.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise TraceFormatError(
            f"{path}: the header's schema version must be a positive integer, received {schema!r}."
        )
    level = header.get("level", LEVELS[0])
    if level not in LEVELS:
        raise TraceFormatError(
            f"{path}: the header's level must be one of {', '.join(LEVELS)}, received "
            f"{str(level)[:40]!r}."
        )
    if schema > SCHEMA_VERSION:
        raise TraceFormatError(
            f"{path} was written with trace schema {schema}; this tracekeras "
            f"reads schema {SCHEMA_VERSION} and older. Upgrade tracekeras to "
            "read it."
        )
    return header


def parse_record(path, n, line, last):
    """One checked record, or None for a torn last line; anything else is refused."""
    try:
        record = DECODER.decode(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        if last and isinstance(exc, json.JSONDecodeError):
            return None
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
        raise TraceFormatError(f"{path}: record {n} is not JSON ({reason}).") from None
    return checked(path, n, record, line)


class StreamWriter:
    """Appends records to a ``.partial`` file beside ``path`` as they come; ``commit``
    renames it to ``path``.

    The partial file's name is the writer's own (``<path>.<pid>-<random>.partial``):
    two processes (or two traces) writing one path never write into one file, and
    the last to finish replaces ``path`` whole.
    """

    def __init__(self, path, header):
        self.path = os.fspath(path)
        self.partial = partial_path(self.path)
        os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
        self.file = open(self.partial, "x", encoding="utf-8")
        self.file.write(dump_line(header))
        self.file.flush()

    def write(self, records):
        self.file.write("".join(dump_line(r) for r in records))
        self.file.flush()

    def commit(self):
        self.file.close()
        os.replace(self.partial, self.path)


def partial_path(path):
    """Where a trace of ``path`` streams while it records: a name no other writer uses."""
    return f"{path}.{os.getpid()}-{secrets.token_hex(4)}{PARTIAL}"


def left_partial(path):
    """The newest partial file a writer of ``path`` left (a run killed outright), or None."""
    found = glob.glob(glob.escape(os.fspath(path)) + ".*" + PARTIAL)
    found += [p for p in [f"{path}{PARTIAL}"] if os.path.isfile(p)]   # an older tracekeras's
    return max(found, key=os.path.getmtime) if found else None


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
        closed.append(
            {"ph": "E", "id": sid, "name": begin.get("name"), "ts": last_ts, "unfinished": True}
        )
    return closed
