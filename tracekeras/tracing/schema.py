"""The trace record schema: the names, phases, stages and levels every trace uses.

This module is the written form of the contract in DESIGN.md. It owns the
vocabulary (which ``ph`` values, ``stage`` names and levels exist, the span names
the renderers look for), the header a
trace file opens with, and :func:`json_safe`, which turns any value a call site
hands over into something JSON can hold (arrays become a short summary, never
their contents). It imports only the standard library, so the renderers in
``visualize`` can read traces without loading the engine or NumPy.

Optional record fields a reader must tolerate (and may ignore): ``epoch`` and
``step`` (the loop position), ``error`` (on an ``E`` whose call raised),
``unfinished`` (added by the reader), ``tid`` (the native id of the thread that
made the record, when it is not the thread that opened the trace: see
``threads``). An ``E`` record's ``args`` may hold ``folded`` (folded steps, on an
epoch span) and ``folded_calls`` (folded top-level calls, on the last one kept:
see ``folding``).

A ``G`` record's ``args`` is a model's graph snapshot (the shape is written out in
``visualize.model_graph``); each of its ``edges`` is ``[from, to]`` (layer names),
or ``[from, to, from_call, to_call]`` where either end is a layer the model calls
more than once (a shared layer): :func:`inbound_edges` writes them, for both
engines.
"""
import datetime
import math
import platform
import sys

FORMAT = "tracekeras-trace"
SCHEMA_VERSION = 1

# ph values: span begin, span end, instant, graph snapshot.
PHASES = ("B", "E", "i", "G")

STAGES = ("compile", "build", "fit", "evaluate", "predict", "data", "callbacks",
          "function", "step", "layer", "weights", "graph", "loss", "metrics",
          "optimizer", "backend")

# Levels, from least to most detailed. A record whose level is above the trace's
# level is not recorded at all.
LEVELS = ("stages", "steps", "full")
LEVEL_RANK = {name: rank for rank, name in enumerate(LEVELS)}

# Span names that both the engine and the renderers rely on, spelled out once here.
# One pass of an epoch loop (``tracing.epoch_scope``); folded step statistics land on its end.
EPOCHS_NAME = "keras.engine.data_adapter.DataHandler.enumerate_epochs"
# One step of a loop (``tracing.step_scope``): a step span of stage "step" with a ``kind``.
STEP_NAME = "keras.engine.data_adapter.DataHandler.steps"
# The Model methods a user calls, and the stage (fit, evaluate, predict) each one runs:
# a layer built under one of them was built lazily, inside that stage.
ENTRY_POINTS = {"keras.engine.training.Model.fit": "fit",
                "keras.engine.training.Model.evaluate": "evaluate",
                "keras.engine.training.Model.predict": "predict",
                "keras.engine.training.Model.train_on_batch": "fit",
                "keras.engine.training.Model.test_on_batch": "evaluate",
                "keras.engine.training.Model.predict_on_batch": "predict"}


def check_level(level):
    if level not in LEVEL_RANK:
        raise ValueError(f"Unknown trace level: {level!r}. Expected one of {', '.join(LEVELS)}.")
    return level


def version_of(module_name):
    """The version of an installed distribution, without importing it."""
    loaded = sys.modules.get(module_name)
    if loaded is not None and hasattr(loaded, "__version__"):
        return loaded.__version__
    try:
        from importlib import metadata
        return metadata.version(module_name)
    except Exception:  # not installed: the header says so rather than failing
        return None


def make_header(level):
    return {
        "format": FORMAT,
        "schema": SCHEMA_VERSION,
        "tracekeras": version_of("tracekeras"),
        "python": platform.python_version(),
        "numpy": version_of("numpy"),
        "level": level,
        "start_time": datetime.datetime.now(datetime.timezone.utc).isoformat(),
    }


def summarize_array(value):
    """shape, dtype and min/max/mean of an array-like (duck-typed: no NumPy import)."""
    shape = [int(d) if d is not None else None for d in value.shape]
    dtype = getattr(value.dtype, "name", None) or str(value.dtype)   # a tensor's prints as TF's
    out = {"shape": shape, "dtype": dtype}
    size = getattr(value, "size", None)
    if size and dtype[:1] in ("f", "i", "u", "b"):
        try:
            out["min"] = json_number(value.min())
            out["max"] = json_number(value.max())
            out["mean"] = json_number(value.mean())
        except Exception:  # an array-like that cannot reduce: shape and dtype suffice
            pass
    return out


def json_number(x):
    x = float(x)
    if math.isnan(x) or math.isinf(x):
        return str(x)
    return x


def json_safe(value, depth=0):
    """A JSON-safe copy of ``value``: arrays summarised, objects named."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return json_number(value)
    if depth > 6:
        return repr(value)[:80]
    if isinstance(value, dict):
        return {str(k): json_safe(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v, depth + 1) for v in value]
    if hasattr(value, "shape") and hasattr(value, "dtype"):
        if getattr(value, "shape", None) == () and hasattr(value, "item"):
            return json_safe(value.item(), depth + 1)  # a NumPy scalar
        return summarize_array(value)
    if hasattr(value, "item") and hasattr(value, "dtype"):
        return json_safe(value.item(), depth + 1)
    if isinstance(value, type):
        return value.__name__
    return type(value).__name__


def inbound_edges(layer, in_model):
    """The snapshot's edges into ``layer``: ``[from, to]`` per input of each of its calls in
    the model (``in_model(layer, node_index)`` says which of a layer's ``_inbound_nodes``
    belong to it), and, where either end is called more than once there (a shared layer),
    ``[from, to, from_call, to_call]``: the call of each end the edge joins, counted from 0
    among that layer's calls in this model (its node index in the model's config).
    Duck-typed: a tracekeras or a tf_keras layer."""
    def own(of):
        return [i for i in range(len(of._inbound_nodes)) if in_model(of, i)]
    edges, mine = [], own(layer)
    for call, i in enumerate(mine):
        node = layer._inbound_nodes[i]
        for t in ([] if getattr(node, "is_input", False) else node.keras_inputs):
            source, node_index = t._keras_history[0], t._keras_history[1]
            theirs = own(source)
            edge = [source.name, layer.name]
            if (len(mine) > 1 or len(theirs) > 1) and node_index in theirs:
                edge += [theirs.index(node_index), call]
            edges.append(edge)
    return edges
