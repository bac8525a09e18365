"""The Trace: what ``tracekeras.trace(...)`` gives back, and what ``load`` reads.

A Trace owns a header and a list of records. While it is active (inside its
``with`` block) it installs a :class:`~tracekeras.tracing.recorder.Recorder`
as the one active recorder; on leaving it closes any span still open and, when
given a path, writes the file. Renderers are reached lazily through
conveniences such as :meth:`Trace.call_diagram` so that importing the tracing
module never loads ``visualize`` or the engine.
"""
import os

from . import jsonl
from .recorder import Recorder, state
from .schema import check_level, make_header


class Trace:
    def __init__(self, path=None, level="stages", header=None, records=None):
        self.path = os.fspath(path) if path is not None else None
        self.level = check_level(level if header is None else header.get("level", level))
        self.header = header if header is not None else make_header(self.level)
        self.records = records if records is not None else []
        self.recorder = None
        self.outer = None

    # -- recording --------------------------------------------------------
    def __enter__(self):
        if self.path is not None:
            check_writable(self.path)
        if state.recorder is not None:
            return self.join(state.recorder)
        self.recorder = Recorder(self.level)
        self.records = self.recorder.records
        if self.path is not None:   # stream into <path>.partial: a killed run keeps its records
            self.recorder.stream = jsonl.StreamWriter(self.path, self.header)
        state.recorder = self.recorder
        self.outer = None
        return self

    def join(self, outer):
        """A trace opened while another records (a script under ``tracekeras run`` that
        opens its own) records into the outer one; it keeps what happened in its block.
        The outer trace's level applies to both."""
        self.outer = outer
        self.recorder = outer
        self.start = len(outer.records)
        self.level = outer.level
        self.header = dict(self.header, level=outer.level)
        return self

    def __exit__(self, cls, exc, tb):
        rec = self.recorder
        if self.outer is not None:
            self.records = rec.records[self.start:]
            if self.path is not None:
                self.save(self.path)
            return False
        state.recorder = None
        while rec.stack:  # spans left open by the exception (Ctrl-C): closed, marked with it
            rec.end(rec.stack[0][0], error=exc)
        if rec.stream is not None:
            rec.flush()
            rec.stream.commit()
            rec.stream = None
        return False

    # -- files ------------------------------------------------------------
    def save(self, path=None):
        path = os.fspath(path) if path is not None else self.path
        if path is None:
            raise ValueError("Trace.save() needs a path: this trace was recorded without one.")
        jsonl.write(path, self.header, self.records)
        return path

    # -- looking at it ----------------------------------------------------
    def spans(self, name=None):
        """The begin records, optionally only those of one Keras name."""
        return [r for r in self.records if r["ph"] == "B" and (name is None or r["name"] == name)]

    def names(self):
        return [r["name"] for r in self.records if r["ph"] == "B"]

    def graphs(self):
        return [r for r in self.records if r["ph"] == "G"]

    def __len__(self):
        return len(self.records)

    # -- renderings (``visualize``, imported only when asked for) ---------------
    def tree(self, **options):
        """A rich tree of the trace (``visualize.terminal.trace_tree``); print it with rich."""
        from visualize import terminal
        return terminal.trace_tree(self, **options)

    def call_diagram(self, **options):
        """A ``graphviz.Digraph`` of the engine calls (``visualize.call_diagram``)."""
        from visualize import call_diagram
        return call_diagram.call_diagram(self, **options)

    def sequence_diagram(self, **options):
        """Mermaid ``sequenceDiagram`` text (``visualize.sequence``)."""
        from visualize import sequence
        return sequence.sequence_diagram(self, **options)

    def layer_graph(self, model=None, **options):
        """A ``graphviz.Digraph`` of a model's layers from its graph snapshot.

        ``model`` is a model or its name; None draws the last model snapshotted.
        """
        from visualize import layer_graph
        name = model if model is None or isinstance(model, str) else model.name
        return layer_graph.layer_graph(self, model=name, **options)

    def html_report(self, **options):
        """One self-contained HTML page: diagrams, span tree, timeline (``visualize.html``)."""
        from visualize import html
        return html.html_report(self, **options)

    def chrome_trace(self):
        """Chrome Trace Event / Perfetto JSON as a dict (``visualize.chrome``)."""
        from visualize import chrome
        return chrome.chrome_trace(self)

    def _repr_html_(self):
        """Jupyter shows a trace as its HTML report."""
        return self.html_report(fragment=True)

    def __repr__(self):
        where = f" {self.path!r}" if self.path else ""
        return f"<Trace{where} level={self.level!r} records={len(self.records)}>"


def check_writable(path):
    folder = os.path.dirname(os.path.abspath(path)) or "."
    probe = folder
    while not os.path.exists(probe):
        probe = os.path.dirname(probe)
    if not os.access(probe, os.W_OK):
        raise PermissionError(f"Cannot write the trace to {path!r}: {probe!r} is not writable.")


def trace(path=None, level="stages"):
    """Record what the engine does inside a ``with`` block.

    >>> with trace("out/run.trace.jsonl") as t:      # doctest: +SKIP
    ...     model.fit(x, y)
    >>> t.records[0]["name"]                          # doctest: +SKIP
    'keras.engine.training.Model.fit'
    """
    return Trace(path=path, level=level)


def load(path):
    """Read a trace file written by tracekeras (a cut-off one too)."""
    header, records = jsonl.read(path)
    return Trace(path=path, header=header, records=records)
