"""visualize: renderers that read tracekeras traces and draw them.

Imports only ``tracekeras.tracing`` (standard library), ``rich`` and
``graphviz``; never the engine or NumPy, so a stored trace file renders
anywhere. Each renderer takes a trace (a ``tracekeras.tracing.Trace``, the
path of a trace file, ``(header, records)``, a list of records or a
``spans.SpanTree``) and returns an object (a ``graphviz.Digraph``, a rich
renderable, a str or dict); the caller prints or saves it::

    import visualize
    visualize.call_diagram(t).render("out/fit")      # graphviz
    visualize.layer_graph(t).render("out/layers")

The entry points, and the module each comes from:

- ``tree``, ``stage_table`` (``terminal``): rich tree of the trace, stage timing table
- ``call_diagram`` (``calls``): graphviz call diagram of the engine stages
- ``sequence_diagram`` (``sequence``): Mermaid sequence diagram text
- ``layer_graph`` (``model_graph``): graphviz layer graph from a ``G`` snapshot
- ``chrome_trace``, ``speedscope`` (``chrome``): Perfetto and speedscope JSON
- ``comparison_view``, ``comparison_html`` (``comparison``): two traces lined up
  (``tracekeras.tracing.alignment.compare``), as a rich view and a side-by-side HTML page
- ``html_report`` (``html``): one self-contained HTML report (or a fragment for notebooks):
  the trace explorer — pan/zoom diagrams, a side panel per span (decisions, the
  tracekeras source, the tf_keras reference), playback in time order, search; its
  data comes from ``explorer``, its code is ``explorer.js`` (inlined, admitted by hash)
- ``sequence_svg.sequence_svg``: the Mermaid sequence text drawn as SVG, offline
- ``write_all``, ``render``, ``FORMATS`` (``outputs``): every rendering of a trace into a
  folder, or one format to a path

and beneath them ``spans`` (records -> span tree, step folding, shared by all
renderers), ``reading`` (records checked and streamed into that tree) and ``dot``
(running Graphviz ``dot``, and the one message when it is missing). Importing
this package registers the HTML report as the way a ``Trace`` shows itself in
Jupyter (``tracekeras.tracing.register_display``).
"""
from tracekeras import tracing

from .calls import call_diagram
from .chrome import chrome_trace, speedscope
from .comparison import comparison_html, comparison_view
from .html import html_report
from .model_graph import layer_graph
from .outputs import FORMATS, render, write_all
from .sequence import sequence_diagram
from .terminal import stage_table
from .terminal import trace_tree as tree


def notebook_html(trace: tracing.Trace) -> str:
    """The HTML report as a fragment for a notebook cell (how Jupyter shows a Trace)."""
    return html_report(trace, fragment=True)


tracing.register_display("text/html", notebook_html)

__all__ = ["FORMATS", "call_diagram", "chrome_trace", "comparison_html", "comparison_view",
           "html_report", "layer_graph",
           "notebook_html", "render", "sequence_diagram", "speedscope", "stage_table", "tree",
           "write_all"]
