"""What a trace record may hold: the reader's check of every record it loads.

A trace file is data from anywhere (a colleague's run, a bug report, a file
edited by hand), and every renderer trusts the types the contract promises: a
span ``id`` is an integer, a ``name`` a string, a layer's ``depth`` an
integer, an edge a pair of layer names. :func:`check_record` holds a record
to those promises before any renderer sees it, and either repairs it in place
or refuses it with a :class:`RecordError` (one line: which field, what was
expected, what was received). What it repairs, silently, because the
record stays what it was meant to be:

- text that cannot be written out: a lone surrogate (``"\\ud800"``, which no
  UTF-8 file can hold) becomes U+FFFD;
- control characters in text (ESC, the C1 range, DEL; not tab or newline)
  become visible escapes (``\\x1b``), so no name can drive a terminal;
- ``NaN``/``Infinity`` tokens (not JSON, but Python's reader accepts them)
  become the strings ``"nan"``/``"inf"``/``"-inf"``, as the recorder writes
  non-finite numbers (:data:`NON_FINITE`).

What it refuses: a field of the wrong type (``"error"`` as a string,
``"stage"`` as a list, ``"params": "12"``, a three-element edge, a ``depth``
holding markup), a name longer than :data:`MAX_NAME` characters, a value
nested deeper than :data:`MAX_VALUE_DEPTH`, a ``ts`` that is not a whole
number of nanoseconds in range. Span nesting (:data:`MAX_SPAN_DEPTH`) is
checked where the tree is built (``visualize.spans``), which knows it.

The checks are ordered so that an ordinary record costs a few dictionary
look-ups: the walks over all text run only for the rare line that holds a
``\\u`` escape, a C1/DEL character or deep brackets (``needs_text_walk``).
"""
import re

from .schema import PHASES  # span begin, span end, instant, graph snapshot

MAX_NAME = 1000            # characters in a name, impl, stage, model or layer name
MAX_VALUE_DEPTH = 32       # lists/objects nested inside one record (the recorder writes <= 8)
MAX_SPAN_DEPTH = 256       # spans nested inside one another (real traces: under 30)
MAX_TS = 2 ** 63 - 1       # nanoseconds: what an int64 holds (Perfetto's own limit)

# How the recorder writes a non-finite float (schema.json_number), and the reader reads one.
NON_FINITE = {"NaN": "nan", "Infinity": "inf", "-Infinity": "-inf"}

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
SURROGATE = re.compile("[\ud800-\udfff]")
RAW_SUSPECT = re.compile("[\x7f-\x9f]|\\\\u")   # in a raw line: an escape, or C1/DEL
C1 = re.compile("[\x80-\x9f]")
# The args every renderer reads with a type in mind (None is always allowed).
ARG_TYPES = {"layer": str, "kind": str, "folded": dict}
LAYER_TYPES = {"name": str, "depth": int, "visit": int, "params": int, "calls": int,
               "built_in": str}
STATS_KEYS = ("count", "total_ns", "min_ns", "max_ns", "mean_ns")


class RecordError(ValueError):
    """A record that breaks the trace contract (the reason, without file or line)."""


def parse_constant(token):
    """``json`` hook: NaN and Infinity tokens become the strings the recorder writes."""
    return NON_FINITE[token]


def visible(text):
    """``text`` with every control character (C0 but tab/newline/CR, DEL, C1) as ``\\xNN``."""
    return CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)


def printable(text):
    """``text`` with lone surrogates replaced and control characters made visible."""
    if SURROGATE.search(text):
        text = SURROGATE.sub("\ufffd", text)
    return visible(text) if CONTROL.search(text) else text


def needs_text_walk(line):
    """Could this raw JSON line hold a surrogate, a control character or deep nesting?"""
    return (line.count("[") + line.count("{") > MAX_VALUE_DEPTH
            or RAW_SUSPECT.search(line) is not None)


def suspect(text):
    """Does ``text`` (raw JSON) hold an escape or a C1/DEL character anywhere?"""
    return ("\\u" in text or "\x7f" in text
            or (not text.isascii() and C1.search(text) is not None))


def describe(value):
    text = repr(value)
    return f"{type(value).__name__} {text[:40] + '…' if len(text) > 40 else text}"


def is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def expect(ok, field, wanted, value):
    if not ok:
        raise RecordError(f"{field} must be {wanted}, received {describe(value)}")


def check_name(record, field, required):
    value = record.get(field)
    if value is None:
        expect(not required, f'"{field}"', "a string", value)
        return
    expect(isinstance(value, str), f'"{field}"', "a string", value)
    if len(value) > MAX_NAME:
        raise RecordError(f'"{field}" is {len(value)} characters long (at most {MAX_NAME})')


def check_record(record, walk_text=True):
    """Check (and repair in place) one record; returns it, or raises :class:`RecordError`.

    ``walk_text=False`` skips the walk over every string (the caller saw the raw
    line and knows it holds no escape, control character or deep nesting). The
    common record (a span's begin or end without error, fold or snapshot) passes
    one expression (:func:`plainly_valid`); any other takes the field-by-field
    checks, which say what is wrong.
    """
    if walk_text and isinstance(record, dict) and record.get("ph") in PHASES:
        repair_text(record)
    if type(record) is dict and plainly_valid(record):
        return record
    return check_fields(record)


def plainly_valid(record):
    """True for a record every field of which is plainly what the contract says.

    (One boolean expression, no calls per field: a long trace holds a million
    records. False only means "look closer": :func:`check_fields` decides. The tree
    reading takes plain end records by ``jsonl.PLAIN_END`` instead, which must match
    only records this passes: tests/tracing/test_plain_ends.py holds it to that.)
    """
    get = record.get
    ph, sid, parent, ts = get("ph"), get("id"), get("parent"), get("ts", 0)
    name, stage, impl, args = get("name"), get("stage"), get("impl"), get("args")
    epoch, step = get("epoch"), get("step")
    return ((type(sid) is int or (sid is None and (ph == "i" or ph == "G")))
            and (parent is None or type(parent) is int)
            and type(ts) is int and 0 <= ts <= MAX_TS
            and ((type(name) is str and len(name) <= MAX_NAME) or (name is None and ph == "E"))
            and (stage is None or (type(stage) is str and len(stage) <= MAX_NAME))
            and (impl is None or (type(impl) is str and len(impl) <= MAX_NAME))
            and (epoch is None or type(epoch) is int) and (step is None or type(step) is int)
            and get("error") is None and ph != "G" and ph in PHASES
            and (args is None or (type(args) is dict and "folded" not in args
                                  and (args.get("layer") is None or type(args["layer"]) is str)
                                  and (args.get("kind") is None or type(args["kind"]) is str))))


def check_fields(record):
    """The field-by-field checks of one record: returns it, or raises saying what is wrong."""
    if not isinstance(record, dict):
        raise RecordError(f"a record must be a JSON object, received {describe(record)}")
    ph = record.get("ph")
    if ph not in PHASES:
        raise RecordError(f'"ph" must be B, E, i or G, received {describe(ph)}')
    sid = record.get("id")
    expect(is_int(sid) or (sid is None and ph in "iG"), '"id"', "an integer", sid)
    parent = record.get("parent")
    expect(parent is None or is_int(parent), '"parent"', "an integer or null", parent)
    ts = record.get("ts", 0)
    expect(is_int(ts) and 0 <= ts <= MAX_TS, '"ts"',
           "a whole number of nanoseconds (0 to 2**63-1)", ts)
    check_name(record, "name", required=ph != "E")
    check_name(record, "stage", required=False)
    check_name(record, "impl", required=False)
    for field in ("epoch", "step"):
        value = record.get(field)
        expect(value is None or is_int(value), f'"{field}"', "an integer or null", value)
    error = record.get("error")
    if error is not None:
        check_error(error)
    args = record.get("args")
    if args is not None:
        expect(isinstance(args, dict), '"args"', "an object", args)
        if ph == "G":
            check_snapshot(args)
        else:
            check_args(args)
    return record


def check_error(error):
    expect(isinstance(error, dict), '"error"', 'an object {"type", "message"}', error)
    for key in ("type", "message"):
        value = error.get(key, "")
        expect(isinstance(value, str), f'"error.{key}"', "a string", value)


def check_args(args):
    for key, wanted in ARG_TYPES.items():
        value = args.get(key)
        expect(value is None or isinstance(value, wanted), f'"args.{key}"',
               f"a {'string' if wanted is str else 'object'} or null", value)
    folded = args.get("folded")
    for kind, stats in (folded or {}).items():
        expect(isinstance(stats, dict), f'"args.folded.{kind}"', "an object", stats)
        for key in STATS_KEYS:
            value = stats.get(key)
            expect(value is None or is_int(value), f'"args.folded.{kind}.{key}"',
                   "an integer", value)


def check_snapshot(args):
    """A ``G`` record's snapshot: the shape ``visualize.model_graph`` draws."""
    model = args.get("model")
    expect(model is None or isinstance(model, str), '"args.model"', "a string", model)
    if isinstance(model, str) and len(model) > MAX_NAME:
        raise RecordError(f'"args.model" is {len(model)} characters long (at most {MAX_NAME})')
    layers = args.get("layers")
    expect(layers is None or isinstance(layers, list), '"args.layers"', "a list", layers)
    for n, layer in enumerate(layers or []):
        expect(isinstance(layer, dict), f'"args.layers[{n}]"', "an object", layer)
        for key, wanted in LAYER_TYPES.items():
            value = layer.get(key)
            ok = value is None or (is_int(value) if wanted is int else isinstance(value, wanted))
            expect(ok, f'"args.layers[{n}].{key}"',
                   "an integer" if wanted is int else "a string", value)
        name = layer.get("name")
        if isinstance(name, str) and len(name) > MAX_NAME:
            raise RecordError(f'"args.layers[{n}].name" is {len(name)} characters long '
                              f"(at most {MAX_NAME})")
        params = layer.get("params")
        expect(params is None or params >= 0, f'"args.layers[{n}].params"',
               "0 or more", params)
    edges = args.get("edges")
    expect(edges is None or isinstance(edges, list), '"args.edges"', "a list", edges)
    for n, edge in enumerate(edges or []):
        expect(isinstance(edge, list) and len(edge) in (2, 4)
               and all(isinstance(end, str) for end in edge[:2])
               and all(is_int(call) and call >= 0 for call in edge[2:]),
               f'"args.edges[{n}]"', "a pair of layer names (then, for a shared layer, the "
               "call of each end: two integers 0 or more)", edge)


def repair_text(value):
    """Walk a record without recursion: repair every string, refuse nesting too deep."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_VALUE_DEPTH:
            raise RecordError(f"a value is nested more than {MAX_VALUE_DEPTH} deep")
        if isinstance(item, dict):
            for key in list(item):
                child = item[key]
                if isinstance(child, str):
                    child = printable(child)
                if isinstance(key, str):
                    fixed = printable(key)
                    if fixed is not key and fixed != key:
                        del item[key]
                        key = fixed
                item[key] = child
                if isinstance(child, (dict, list)):
                    stack.append((child, depth + 1))
        elif isinstance(item, list):
            for n, child in enumerate(item):
                if isinstance(child, str):
                    item[n] = printable(child)
                elif isinstance(child, (dict, list)):
                    stack.append((child, depth + 1))
