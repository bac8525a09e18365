"""Threads: which trace a thread records into, and what the threads of one trace share.

What it owns: ``state``, the switch every call site checks. ``state.recorder`` is
per thread (a ``threading.local``): a trace opened in a thread records that
thread only, so two threads each inside their own ``with trace(path)`` write two
separate traces. A thread *started* while its starting thread records (a ``fit``
in a ``threading.Thread`` inside one ``with trace``) records into the same trace
with a recorder of its own (its own span stack, loop position and folding), and
every record it makes carries ``tid``, its native thread id; records of the
thread that opened the trace carry no ``tid``. A thread learns its trace from
its ``Thread`` object, which ``Thread.start`` (wrapped once by
:func:`follow_threads` when the first trace opens) marks with the starting
thread's recorder. A thread still running when its trace ends stops recording;
its open spans are closed by the reader and marked unfinished. A process
forked while a trace streams does not write its parent's trace file.

:class:`TraceLog` is what the recorders of one trace share: the records, span
ids, the clock, the file the records stream to, and the recorders of its
threads. Only the stream is locked; appending a record to a list is atomic.
"""
import itertools
import os
import threading
from time import perf_counter_ns


class State(threading.local):
    """The active recorder of the current thread; ``state.recorder is None`` is the off
    check. A thread's first look finds the recorder its starting thread gave it."""

    def __init__(self):
        self.recorder = inherited_recorder()


def inherited_recorder():
    parent = getattr(threading.current_thread(), "tracekeras_recorder", None)
    if parent is None or parent.log.closed:
        return None
    return parent.for_thread(threading.get_native_id())


state = State()
ORIGINAL_START = threading.Thread.start
FOLLOWING: list = []   # [True] once Thread.start is wrapped


def start(self):
    """``Thread.start``, marking the thread with the recorder of the thread that starts it."""
    rec = state.recorder
    if rec is not None:
        self.tracekeras_recorder = rec
    return ORIGINAL_START(self)


def follow_threads():
    """Wrap ``threading.Thread.start`` (once, when the first trace opens)."""
    if not FOLLOWING:
        FOLLOWING.append(True)
        threading.Thread.start = start


def forget_stream_after_fork():
    """In a process forked while a trace streams, the trace's file is the parent's: the
    child's copy of the trace records on but never writes it."""
    rec = state.recorder
    if rec is not None:
        rec.log.stream = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=forget_stream_after_fork)


class TraceLog:
    """What every thread recording into one trace shares."""

    def __init__(self):
        self.records = []
        self.ids = itertools.count(1)     # span ids; next() on a count is atomic
        self.t0 = perf_counter_ns()
        self.stream = None                # a jsonl.StreamWriter when the trace has a path
        self.written = 0                  # records already handed to the stream
        self.lock = threading.Lock()
        self.threads = []                 # the recorders of threads started inside the trace
        self.closed = False

    def add_thread(self, rec):
        with self.lock:
            self.threads.append(rec)

    def flush(self):
        """Hand the records made since the last flush to the stream (the ``.partial`` file)."""
        if self.stream is None:
            return
        with self.lock:
            end = len(self.records)
            if end > self.written:
                self.stream.write(self.records[self.written:end])
                self.written = end

    def close(self):
        """The trace ends: its threads stop recording; returns their recorders."""
        with self.lock:
            self.closed = True
            threads = list(self.threads)
        for rec in threads:
            rec.detach()
        return threads
