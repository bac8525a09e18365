"""tracekeras.tracing: the trace contract.

Standard library only. The engine reports to it through ``traced``, ``span``,
``epoch_scope``, ``step_scope``, ``instant``, ``note`` and ``graph``; users
meet it as ``tracekeras.trace(...)`` and ``tracekeras.tracing.load(...)``; the
renderers in ``visualize`` read what it writes and import nothing else of
tracekeras. It knows no renderer: ``visualize`` registers how a Trace shows
itself in Jupyter (``register_display``) when it is imported.
"""
from .call_sites import (
                       active,
                       epoch_scope,
                       flag_step,
                       graph,
                       instant,
                       note,
                       span,
                       step_scope,
                       stop_requested,
                       traced,
                       unrecorded,
)
from .folding import KEEP_STEPS
from .jsonl import TraceFormatError
from .schema import (
                       ENTRY_POINTS,
                       EPOCHS_NAME,
                       FORMAT,
                       LEVELS,
                       PHASES,
                       SCHEMA_VERSION,
                       STAGES,
                       STEP_NAME,
                       json_safe,
)
from .threads import state
from .trace import Trace, check_destination, load, register_display, trace

__all__ = ["ENTRY_POINTS", "EPOCHS_NAME", "FORMAT", "KEEP_STEPS", "LEVELS", "PHASES",
           "SCHEMA_VERSION", "STAGES", "STEP_NAME", "Trace", "TraceFormatError", "active",
           "check_destination",
           "epoch_scope", "flag_step", "graph", "instant", "json_safe", "load", "note",
           "register_display", "span", "state", "step_scope", "stop_requested", "trace",
           "traced", "unrecorded"]
