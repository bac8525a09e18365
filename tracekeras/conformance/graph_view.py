"""The graph view of a trace: a step function's body only where tf.function traces it.

What it owns: the one normalisation applied to both traces before a
conformance comparison. In tf_keras, ``make_train_function`` (``test``,
``predict``) wraps the step in a ``tf.function``: its Python body (the
``step_function`` span and everything under it: ``train_step``, the layer
calls, the loss, the optimizer) runs only while TensorFlow traces it, on the
first call of a newly made function (twice on that call when it creates
variables, as the first fit's optimizer slots are), and a later call runs the
graph without a trace record. tracekeras has no graph: its step function
runs its body on every call. Comparing the two traces as they are would set
every kept step of tracekeras against an empty step of Keras.

The view keeps, for each kind (train, test, predict), the first
``step_function`` subtree inside the first call of a function that
``make_<kind>_function`` has just made (``cached`` false), when that call is
the loop's step 0 (the recorder may have folded it, in both traces alike, in a
later fit of the same trace), and drops every
other ``step_function`` subtree: what Keras's first trace shows is compared,
what a graph hides is dropped on both sides. A retrace (a new input signature,
a partial batch under ``reduce_retracing``) is dropped too: tracekeras has no
such thing to compare it with.

Graph mode (the Keras 2.2 loop, after ``disable_eager_execution()``) hides a
body the same way: tf_keras feeds each batch to a session through the backend
function (``GraphExecutionFunction.__call__``, recorded as
``keras.backend.tensorflow_backend.Function.__call__``) and no Python of the
model runs there, while tracekeras's ``Function._call`` runs the model, the
loss, the metrics and the optimizer eagerly for every batch. The view keeps the
``Function._call`` record and drops everything under it, on both sides.

What it receives: a trace's records (dicts of the trace contract). What it
hands on: a new list of records, the dropped ones left out. Standard library
only.
"""
import re
from typing import Any, Dict, Iterable, List, Optional, Set

MAKE = re.compile(r"\.Model\.make_(train|test|predict)_function$")
CALL = re.compile(r"\.Model\.make_(train|test|predict)_function\.<locals>\."
                  r"(train|test|predict)_function$")
STEP = re.compile(r"\.Model\.make_(train|test|predict)_function\.<locals>\.step_function$")
SESSION = "keras.backend.tensorflow_backend.Function._call"

Record = Dict[str, Any]


def traced_once(records: Iterable[Record]) -> List[Record]:
    """``records`` without the step-function bodies a tf.function graph would hide."""
    made: Dict[str, bool] = {}           # kind -> a new function awaits its first call
    first_call: Dict[str, Any] = {}      # kind -> span id of that first call
    kept_under: Set[Any] = set()         # first calls whose one step body is kept
    dropped: Set[Any] = set()
    sessions: Set[Any] = set()           # Function._call spans: their bodies are dropped
    kept: List[Record] = []
    for record in records:
        if record.get("parent") in sessions:
            if record.get("ph") == "B":
                dropped.add(record.get("id"))
            continue
        if record.get("ph") == "B" and record.get("name") == SESSION:
            sessions.add(record.get("id"))
        if drops(record, made, first_call, kept_under, dropped):
            continue
        kept.append(record)
    return kept


def drops(record: Record, made: Dict[str, bool], first_call: Dict[str, Any],
          kept_under: Set[Any], dropped: Set[Any]) -> bool:
    """True when ``record`` is left out of the view (and the bookkeeping for the rest)."""
    ph, name, sid = record.get("ph"), str(record.get("name", "")), record.get("id")
    if ph == "E":
        return sid in dropped
    if record.get("parent") in dropped:
        if ph == "B":
            dropped.add(sid)
        return True
    if ph != "B":
        return False
    kind = match_kind(MAKE, name)
    if kind is not None:
        if not (record.get("args") or {}).get("cached"):
            made[kind] = True
        return False
    kind = match_kind(CALL, name)
    if kind is not None:
        # the call that traced is the loop's first step; when the recorder folded that
        # step away (a second fit of one trace), no body is kept for this function
        if made.pop(kind, False) and record.get("step", 0) == 0:
            first_call[kind] = sid
        return False
    kind = match_kind(STEP, name)
    if kind is None:
        return False
    parent = record.get("parent")
    if first_call.get(kind) == parent and parent not in kept_under:
        kept_under.add(parent)
        return False
    dropped.add(sid)
    return True


def match_kind(pattern: "re.Pattern[str]", name: str) -> Optional[str]:
    found = pattern.search(name)
    return found.group(1) if found else None
