"""visualize: renderers that read tracekeras traces and draw them.

Imports only ``tracekeras.tracing`` (standard library), ``rich`` and
``graphviz``; never the engine or NumPy, so a stored trace file renders
anywhere. Each renderer returns an object (a ``graphviz.Digraph``, a rich
renderable, a str or dict); the caller prints or saves it.

- ``spans``: records -> span tree, step folding (shared by all renderers)
- ``terminal``: rich tree of the trace, stage timing table
- ``call_diagram``: graphviz call diagram of the engine stages
- ``sequence``: Mermaid sequence diagram text
- ``layer_graph``: graphviz layer graph from a ``G`` snapshot
- ``chrome``: Chrome Trace Event (Perfetto) and speedscope JSON
- ``html``: one self-contained HTML report (or a fragment for notebooks)
- ``dot``: running Graphviz ``dot``, and the one message when it is missing
- ``outputs``: write every rendering of a trace to a folder (``write_all``),
  or one format to a path (``render``)

Every renderer takes a trace file path, a ``tracekeras.tracing.Trace``,
``(header, records)`` or a ``spans.SpanTree``.
"""
