"""Reading a long trace file in two processes: this one reads the first part, a forked
one the rest, at once.

What it owns: where the file is cut, the second process and what it hands back. Reading
(splitting lines, matching the plain records, decoding and checking the others: see
``jsonl.stream``) is most of the time a long trace takes to render, and each line is read
alone, so it splits: the file is cut at a line boundary (:data:`SHARE` of its bytes
before the cut), a forked process reads the lines after the cut batch by batch as
``jsonl.stream`` reads them, and hands each batch's records to this one through a pipe
(``marshal``), which reads its own part meanwhile and then takes the other's records in
order. What the caller gets is the records one process would read, in the same order;
only the batches of the second part start at the cut (a batch that one pass reads the
plain way and the other fully gives the same records, a plain end or begin then as the
dict, which every reader takes alike).

Anything the second process cannot do (a line refused, a line too long, the process
killed) it leaves to this one: it says so, or its pipe ends early, and this process reads
the rest itself from the first batch not handed over, counting lines from the start of
the file, so a refusal names the same line with the same words as one pass. A file under
:data:`SPLIT_BYTES`, a system without ``fork``, or a process running other threads (a fork
copies only the calling thread; the sleeping split threads of a fit that has ended do not
count) is read in one process. The second process is ended and
waited for however the reading ends (read to the end, closed early, an error); nothing
is written to disk.
"""
import gc
import io
import marshal
import os
import signal
import struct
import sys
import threading

from . import jsonl

SPLIT_BYTES = 48 * 2**20   # a shorter file is read in one process: a fork costs more than it saves
# This process's share of the bytes: it also hands every record on to the consumer (the
# tree, the events) while the other only reads, so it takes less than half.
SHARE = 0.45
NEWLINE_WINDOW = 1 << 20   # the cut is the first newline this far after SHARE, else no cut
CHUNK_BYTES = 1 << 20
HEAD = struct.Struct("<qq")    # (bytes of the batch's records, or DONE / AGAIN; its lines)
DONE, AGAIN = -1, -2           # the second part read to its end / the rest is this process's


def records(path, f, begins):
    """The records of the open file ``f`` after its header, read in two processes when it
    pays (:func:`cut_of`), else by ``jsonl.records_of`` (with ``ends``)."""
    cut = cut_of(path)
    if cut is None:
        return jsonl.records_of(path, f, ends=True, begins=begins)
    f.close()
    return in_two(path, *cut, begins)


def others_running():
    """Threads besides this one that a fork would cut off mid-work: the split threads of a
    fit that has ended sleep on their locks (``backend.parallel``) and do not count."""
    parallel = sys.modules.get("tracekeras.backend.parallel")
    idle = parallel.PoolThread if parallel is not None else ()
    return any(t is not threading.current_thread()
               and not (isinstance(t, idle) and not t.busy) for t in threading.enumerate())


def cut_of(path):
    """(the header's bytes, the byte offset of the cut: a line's start), or None to read
    in one process."""
    if not hasattr(os, "fork") or others_running():
        return None
    size = os.path.getsize(path)
    if size < SPLIT_BYTES:
        return None
    header_bytes = header_length(path)
    if header_bytes is None:
        return None
    target = header_bytes + int((size - header_bytes) * SHARE)
    with open(path, "rb") as f:
        f.seek(target)
        window = f.read(NEWLINE_WINDOW)
    at = window.find(b"\n")
    return None if at < 0 or target + at + 1 >= size else (header_bytes, target + at + 1)


def header_length(path):
    """The bytes of the header line, newline included; None when its end is not one
    ``\\n`` (a lone ``\\r`` also ends a line in text mode: then no cut is made)."""
    with open(path, "rb") as f:
        line = f.readline(jsonl.MAX_LINE + 1)
    if not line.endswith(b"\n") or b"\r" in line[:-2]:
        return None
    return len(line)


def part(path, start, end=None):
    """The text of the file's bytes ``start`` to ``end`` (to its end when None), decoded
    as ``jsonl.stream`` decodes the whole file past its header."""
    raw = open(path, "rb", buffering=0)
    try:
        raw.seek(start)
        bounded = Bounded(raw, None if end is None else end - start)
        return io.TextIOWrapper(io.BufferedReader(bounded, CHUNK_BYTES), encoding="utf-8",
                                errors="replace")
    except BaseException:
        raw.close()
        raise


class Bounded(io.RawIOBase):
    """A raw file that ends ``left`` bytes on (None: where the file ends)."""

    def __init__(self, raw, left):
        super().__init__()
        self.raw, self.left = raw, left

    def readable(self):
        return True

    def readinto(self, buffer):
        if self.left is None:
            return self.raw.readinto(buffer)
        if self.left <= 0:
            return 0
        got = self.raw.readinto(memoryview(buffer)[:self.left])
        self.left -= got
        return got

    def close(self):
        self.raw.close()
        super().close()


def in_two(path, start, cut, begins):
    """The records after the header (``start`` bytes): those before ``cut`` read here,
    those after read by a forked process (:func:`hand_over`) meanwhile and taken from it
    in order; whatever it could not hand over read here (:func:`rest`)."""
    try:
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            raise
    except OSError:     # no pipe or no process to be had: all read here
        yield from rest(path, start, 0, 1, begins)
        return
    if pid == 0:     # the second process: read after the cut, hand the batches over, leave
        status = 1
        try:
            os.close(read_end)
            gc.disable()
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            status = hand_over(path, cut, begins, write_end)
        finally:
            os._exit(status)
    os.close(write_end)
    pipe = open(read_end, "rb")
    try:
        n = 1   # lines so far, the header's included
        with part(path, start, cut) as f:
            for lines, last in jsonl.batches(path, f, n):
                got = jsonl.plain_batch(lines, begins) if not last else None
                yield from jsonl.parse_batch(path, n, lines, last) if got is None else got
                n += len(lines)
        at_cut, handed = n, 0   # batches of the second part taken from the other process
        while True:
            head = pipe.read(HEAD.size)
            size, lines = HEAD.unpack(head) if len(head) == HEAD.size else (AGAIN, 0)
            if size < 0:
                break
            blob = pipe.read(size)
            if len(blob) != size:
                size = AGAIN
                break
            yield from marshal.loads(blob)
            n += lines
            handed += 1
        if size == AGAIN:
            yield from rest(path, cut, handed, at_cut, begins)
    finally:
        pipe.close()     # a second process still writing meets a closed pipe and leaves
        end(pid)


def end(pid):
    """Stop the second process if it still runs, and wait for it (no process left over)."""
    try:
        if os.waitpid(pid, os.WNOHANG)[0] == 0:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def hand_over(path, cut, begins, fd):
    """(In the second process.) Read the lines after ``cut`` batch by batch and write
    each batch's records to ``fd``, all at the end (so the reading never waits for the
    pipe); at a batch it cannot read, say AGAIN. Returns the exit status."""
    blobs = []
    verdict = DONE
    try:
        with part(path, cut) as f:
            for lines, last in jsonl.batches(path, f, 0):
                got = jsonl.plain_batch(lines, begins) if not last else None
                if got is None:
                    got = jsonl.parse_batch(path, 0, lines, last)
                blobs.append((marshal.dumps(got), len(lines)))
    except Exception:    # a refusal, a line too long: this process names it, counting right
        verdict = AGAIN
    with open(fd, "wb", buffering=0) as pipe:
        try:
            for blob, lines in blobs:
                pipe.write(HEAD.pack(len(blob), lines))
                pipe.write(blob)
            pipe.write(HEAD.pack(verdict, 0))
        except BrokenPipeError:    # the reader stopped early
            return 0
    return 0


def rest(path, cut, handed, n, begins):
    """The records after the first ``handed`` batches of the part from ``cut`` to the end,
    read here (``n``: the lines before ``cut``, the header's included)."""
    with part(path, cut) as f:
        for k, (lines, last) in enumerate(jsonl.batches(path, f, n)):
            if k < handed:
                n += len(lines)
                continue
            got = jsonl.plain_batch(lines, begins) if not last else None
            yield from jsonl.parse_batch(path, n, lines, last) if got is None else got
            n += len(lines)
