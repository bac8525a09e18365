"""The Trace: what ``tracekeras.trace(...)`` gives back, and what ``load`` reads.

A Trace owns a header and a list of records. While it is active (inside its
``with`` block) it installs a :class:`~tracekeras.tracing.recorder.Recorder`
as the one active recorder; on leaving it closes any span still open and, when
given a path, writes the file.

A Trace draws nothing itself: the renderers in ``visualize`` take a Trace (or
a path) and return a drawing. How a Trace shows itself in Jupyter is
registered from outside (:func:`register_display`; ``import visualize`` adds
its HTML report), so this module never imports a renderer.
"""
import os
from typing import Any, Callable, Dict, List, Literal, Optional, Union

from . import jsonl, signals
from .recorder import Recorder
from .schema import check_level, make_header
from .threads import follow_threads, state

# How a Trace shows itself in Jupyter: mime type -> render(trace), filled by renderers.
DISPLAYS: Dict[str, Callable[["Trace"], Any]] = {}

PathLike = Union[str, "os.PathLike[str]"]
Record = Dict[str, Any]


def register_display(mime: str, render: Callable[["Trace"], Any]) -> None:
    """Show every Trace in Jupyter as ``render(trace)`` (a str) under the ``mime`` type."""
    DISPLAYS[mime] = render


class Trace:
    def __init__(self, path: Optional[PathLike] = None, level: str = "stages",
                 header: Optional[Record] = None,
                 records: Optional[List[Record]] = None) -> None:
        self.path: Optional[str] = os.fspath(path) if path is not None else None
        self.level = check_level(level if header is None else header.get("level", level))
        self.header = header if header is not None else make_header(self.level)
        self.records: List[Record] = records if records is not None else []
        self.recorder: Optional[Recorder] = None
        self.outer: Optional[Recorder] = None
        self.sigterm: Any = None

    # -- recording --------------------------------------------------------
    def __enter__(self) -> "Trace":
        if self.path is not None:
            check_destination(self.path)
        if state.recorder is not None and state.recorder.log.closed:
            state.recorder = None   # a thread outliving the trace it was started in
        if state.recorder is not None:
            return self.join(state.recorder)
        follow_threads()
        self.recorder = Recorder(self.level)
        self.records = self.recorder.records
        if self.path is not None:   # stream into a .partial file: a killed run keeps its records
            self.recorder.log.stream = jsonl.StreamWriter(self.path, self.header)
            self.sigterm = signals.close_on_sigterm()
        state.recorder = self.recorder
        self.outer = None
        return self

    def join(self, outer: Recorder) -> "Trace":
        """A trace opened while another records (a script under ``tracekeras run`` that
        opens its own) records into the outer one; it keeps what happened in its block.
        The outer trace's level applies to both."""
        self.outer = outer
        self.recorder = outer
        self.start = len(outer.records)
        self.level = outer.level
        self.header = dict(self.header, level=outer.level)
        return self

    def __exit__(self, cls: Any, exc: Optional[BaseException], tb: Any) -> Literal[False]:
        rec = self.recorder
        assert rec is not None, "Trace.__exit__ without __enter__"
        if self.outer is not None:
            self.records = rec.records[self.start:]
            if self.path is not None:
                self.save(self.path)
            return False
        state.recorder = None
        while rec.stack:  # spans left open by the exception (Ctrl-C): closed, marked with it
            rec.end(rec.stack[0].sid, error=exc)
        for thread in [rec] + rec.log.close():   # the last folded call of each name
            rec.records.extend(thread.held_calls())
        log = rec.log
        if log.stream is not None:
            try:
                log.flush()
                log.stream.commit()
            finally:
                log.stream = None
                signals.restore(self.sigterm)
        return False

    # -- files ------------------------------------------------------------
    def save(self, path: Optional[PathLike] = None) -> str:
        path = os.fspath(path) if path is not None else self.path
        if path is None:
            raise ValueError("Trace.save() needs a path: this trace was recorded without one.")
        jsonl.write(path, self.header, self.records)
        return path

    # -- looking at it ----------------------------------------------------
    def spans(self, name: Optional[str] = None) -> List[Record]:
        """The begin records, optionally only those of one Keras name."""
        return [r for r in self.records if r["ph"] == "B" and (name is None or r["name"] == name)]

    def names(self) -> List[str]:
        return [r["name"] for r in self.records if r["ph"] == "B"]

    def graphs(self) -> List[Record]:
        return [r for r in self.records if r["ph"] == "G"]

    def __len__(self) -> int:
        return len(self.records)

    # -- Jupyter -----------------------------------------------------------
    def _repr_mimebundle_(self, include=None, exclude=None):
        """Jupyter shows a trace in every format a renderer registered (``register_display``)."""
        bundle = {"text/plain": repr(self)}
        for mime, render in DISPLAYS.items():
            bundle[mime] = str(render(self))
        return bundle

    def __repr__(self) -> str:
        where = f" {self.path!r}" if self.path else ""
        return f"<Trace{where} level={self.level!r} records={len(self.records)}>"


def check_destination(path: PathLike) -> None:
    """Refuse, before anything runs, a trace path that cannot become a file: a folder, a
    path under a file, a folder that cannot be written (an ``OSError`` saying which)."""
    path = os.fspath(path)
    if os.path.isdir(path):
        raise IsADirectoryError(f"Cannot write the trace to {path!r}: it is a folder, "
                                "expected a file path (e.g. run.trace.jsonl).")
    probe = os.path.dirname(os.path.abspath(path))
    while not os.path.exists(probe):
        probe = os.path.dirname(probe)
    if not os.path.isdir(probe):
        raise NotADirectoryError(f"Cannot write the trace to {path!r}: {probe!r} is a file, "
                                 "not a folder.")
    if not os.access(probe, os.W_OK | os.X_OK):
        raise PermissionError(f"Cannot write the trace to {path!r}: {probe!r} is not writable.")


def trace(path: Optional[PathLike] = None, level: str = "stages") -> Trace:
    """Record what the engine does inside a ``with`` block.

    >>> with trace("out/run.trace.jsonl") as t:      # doctest: +SKIP
    ...     model.fit(x, y)
    >>> t.records[0]["name"]                          # doctest: +SKIP
    'keras.engine.training.Model.fit'
    """
    return Trace(path=path, level=level)


def load(path: PathLike) -> Trace:
    """Read a trace file written by tracekeras (a cut-off one too)."""
    header, records = jsonl.read(path)
    return Trace(path=path, header=header, records=records)
