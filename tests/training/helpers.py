"""Line a trace up with the key stages real Keras ran (copied into tests/data).

The key stages must appear in the trace's begin records in the same relative
order, other records may sit between them, and a run of identical consecutive
entries counts once on either side (Keras's first step is traced twice by
TensorFlow; ours once). Args compare as the reference writes them.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
STAGES = os.path.join(HERE, "..", "data", "reference_stages")
ARG_KEYS = {"layer": ("layer",), "wname": ("weight",), "input_shape": ("input_shape",),
            "epoch": ("epoch",), "batch": ("batch",), "identifier": ("identifier",)}


def load_keystages(scenario):
    with open(os.path.join(STAGES, f"keystages_{scenario}.json")) as f:
        return json.load(f)["keystages"]


def shape_text(shape):
    if not isinstance(shape, (list, tuple)):
        return str(shape)
    dims = ", ".join("None" if d is None else str(d) for d in shape)
    return f"({dims},)" if len(shape) == 1 else f"({dims})"


def spans_of(records):
    """(name, args) of each span, begin and end args merged, in begin order."""
    order, args = [], {}
    for r in records:
        if r["ph"] == "B":
            order.append(r["id"])
            args[r["id"]] = (r["name"], dict(r.get("args") or {}))
        elif r["ph"] == "E" and r["id"] in args:
            args[r["id"]][1].update(r.get("args") or {})
    return [args[i] for i in order]


def matches(ref, span):
    name, args = span
    if name != ref["name"]:
        return False
    for key, want in (ref.get("args") or {}).items():
        if key == "ret":
            if not any(str(v).split(".")[-1] == str(want) for v in args.values()):
                return False
            continue
        if key not in ARG_KEYS:
            continue
        got = [args[k] for k in ARG_KEYS[key] if k in args]
        text = [shape_text(g) if key == "input_shape" else str(g) for g in got]
        if str(want) not in text:
            return False
    return True


def collapse(items, key):
    out = []
    for item in items:
        if not out or key(out[-1]) != key(item):
            out.append(item)
    return out


def missing_stages(records, scenario):
    """The reference stages the trace lacks (empty when the trace follows Keras)."""
    ref = collapse(
        load_keystages(scenario),
        lambda e: (e["name"], json.dumps(e.get("args", {}), sort_keys=True)),
    )
    got = collapse(
        spans_of(records), lambda s: (s[0], json.dumps(s[1], sort_keys=True, default=str))
    )
    n, m = len(ref), len(got)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = table[i], table[i + 1]
        for j in range(m - 1, -1, -1):
            row[j] = below[j + 1] + 1 if matches(ref[i], got[j]) else max(below[j], row[j + 1])
    i = j = 0
    missing = []
    while i < n:
        if j < m and matches(ref[i], got[j]) and table[i][j] == table[i + 1][j + 1] + 1:
            i, j = i + 1, j + 1
        elif j < m and table[i][j + 1] >= table[i + 1][j]:
            j += 1
        else:
            missing.append(ref[i])
            i += 1
    return missing
