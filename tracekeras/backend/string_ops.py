"""``tf.strings``: elementwise operations on string tensors (no gradients: strings have none).

What it owns: ``lower``, ``upper``, ``strip``, ``length``, ``regex_replace``,
``regex_full_match``, ``split``, ``bytes_split``, ``unicode_split``, ``join``,
``reduce_join``, ``substr``, ``as_string`` and ``to_number``, and the one convention
for string tensors: a Tensor holding a NumPy object array of ``bytes`` (what
TensorFlow's ``.numpy()`` gives). :func:`strings` turns Python ``str``/``bytes``,
lists of them and NumPy unicode or bytes arrays into that form.

What it receives: string Tensors or Python/NumPy strings. What it hands on: string
Tensors (int32 for ``length``, bool for ``regex_full_match``, numbers for
``to_number``); ``split`` and ``unicode_split`` of a rank-1 input give a
:class:`RaggedTensor` (a list of rows), of a scalar a rank-1 Tensor.

Regular expressions: TensorFlow uses RE2, here Python's ``re`` on the UTF-8 text with
``re.ASCII`` (RE2's ``\\w``, ``\\d``, ``\\s``, ``\\b`` are ASCII-only). The two agree on
the common syntax (classes, escapes of punctuation, alternation, repetition, groups);
RE2's ``[[:alpha:]]`` classes and ``\\z`` are translated; what RE2 refuses (look-around,
back-references) is refused here with TensorFlow's message; RE2's ``\\p{..}`` Unicode
classes and ``\\C`` are not implemented. Python's ``\\s`` also matches ``\\v``, RE2's does not.
In the rewrite of ``regex_replace`` ``\\0``-``\\9`` name groups and ``\\\\`` is a backslash.

Trace events: a ``backend`` instant per op at level full (through ``tape.record``).
"""
import codecs
import re

import numpy as np

from .dtypes import numpy_dtype
from .op_errors import InvalidArgumentError
from .ragged_tensor import RaggedTensor
from .tape import record
from .tensor import Tensor

WHITESPACE = b" \t\n\v\f\r"   # absl's ASCII whitespace, which TensorFlow splits and strips on
POSIX = {"alnum": "0-9A-Za-z", "alpha": "A-Za-z", "ascii": "\\x00-\\x7f", "blank": "\\t ",
         "cntrl": "\\x00-\\x1f\\x7f", "digit": "0-9", "graph": "!-~", "lower": "a-z",
         "print": " -~", "punct": "!-/:-@\\[-`{-~", "space": "\\t\\n\\v\\f\\r ",
         "upper": "A-Z", "word": "0-9A-Za-z_", "xdigit": "0-9A-Fa-f"}


def as_bytes(value):
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, np.bytes_):
        return bytes(value)
    raise TypeError(f"Cannot convert {value!r} to EagerTensor of dtype string")


def strings(value, op="a string op"):
    """The object array of ``bytes`` behind a string tensor (checked: strings only)."""
    array = value.value if isinstance(value, Tensor) else value
    array = np.asarray(array, dtype=object) if not isinstance(array, np.ndarray) else array
    if array.dtype.kind not in "OSU" or (array.dtype.kind == "O" and any(
            not isinstance(v, (bytes, str, np.bytes_)) for v in array.flat)):
        kind = "int32" if array.dtype == np.int64 else array.dtype.name
        raise InvalidArgumentError(f"cannot compute {op} as input #0(zero-based) was expected "
                                   f"to be a string tensor but is a {kind} tensor")
    out = np.empty(array.shape, dtype=object)
    for index, item in np.ndenumerate(array):
        out[index] = as_bytes(item)
    return out


def is_string(value):
    array = np.asarray(value.value if isinstance(value, Tensor) else value)
    return array.dtype.kind in "SU" or (array.dtype.kind == "O" and array.size > 0 and all(
        isinstance(v, (bytes, str)) for v in array.flat))


def elementwise(name, function, input, dtype=object, op=None):
    values = strings(input, op or name)
    out = np.empty(values.shape, dtype=dtype)
    for index, item in np.ndenumerate(values):
        out[index] = function(item)
    return record(f"tf.strings.{name}", out, (), None)


def lower(input, encoding="", name=None):
    """ASCII letters only unless ``encoding="utf-8"`` (then Unicode case mapping)."""
    if encoding:
        return elementwise("lower", lambda b: b.decode(encoding).lower().encode(encoding),
                           input, op="StringLower")
    return elementwise("lower", bytes.lower, input, op="StringLower")


def upper(input, encoding="", name=None):
    if encoding:
        return elementwise("upper", lambda b: b.decode(encoding).upper().encode(encoding),
                           input, op="StringUpper")
    return elementwise("upper", bytes.upper, input, op="StringUpper")


def strip(input, name=None):
    """Leading and trailing ASCII whitespace removed."""
    return elementwise("strip", lambda b: b.strip(WHITESPACE), input, op="StringStrip")


def length(input, name=None, unit="BYTE"):
    """Bytes (``unit="BYTE"``) or UTF-8 characters (``"UTF8_CHAR"``) of each string: int32."""
    if unit not in ("BYTE", "UTF8_CHAR"):
        raise ValueError(f'value {unit!r} for attr \'unit\' is not in the list of allowed '
                         'values: "BYTE", "UTF8_CHAR"')
    count = len if unit == "BYTE" else (lambda b: sum((c & 0xC0) != 0x80 for c in b))
    return elementwise("length", count, input, np.int32, op="StringLength")


# -- regular expressions ---------------------------------------------------------------
def compile_re2(pattern):
    """Python's ``re`` for an RE2 pattern (see the module docstring for the differences)."""
    pattern = as_bytes(pattern.numpy().item() if isinstance(pattern, Tensor) else pattern)
    text = pattern.decode("utf-8")
    refused = re.search(r"\(\?<?[=!]|\\[1-9]", text)
    if refused:
        what = ("invalid escape sequence" if refused.group().startswith("\\")
                else "invalid perl operator")
        raise InvalidArgumentError(f"Invalid pattern: {text}, error: {what}: {refused.group()}")
    for unsupported in ("\\p", "\\P", "\\C"):
        if unsupported in text:
            raise NotImplementedError(f"tracekeras's regular expressions (Python's re) have no "
                                      f"RE2 {unsupported} class. Received pattern: {text}")
    text = re.sub(r"\[:(\w+):\]", lambda m: POSIX.get(m.group(1), m.group()), text)
    text = text.replace("\\z", "\\Z")
    try:
        return re.compile(text, re.ASCII)
    except re.error as error:
        raise InvalidArgumentError(f"Invalid pattern: {pattern.decode('utf-8')}, "
                                   f"error: {error}") from None


def rewriter(rewrite):
    """RE2's rewrite string as a function of a match (``\\0``-``\\9``, ``\\\\``)."""
    rewrite = as_bytes(rewrite).decode("utf-8")
    parts = re.split(r"(\\.)", rewrite)

    def replace(match):
        out = []
        for part in parts:
            if part[:1] == "\\" and part[1:].isdigit():
                out.append(match.group(int(part[1:])) or "")
            elif part == "\\\\":
                out.append("\\")
            elif part[:1] == "\\":
                raise InvalidArgumentError(f"Invalid rewrite pattern: {rewrite}")
            else:
                out.append(part)
        return "".join(out)
    return replace


def regex_replace(input, pattern, rewrite, replace_global=True, name=None):
    """Each match of ``pattern`` (all, or the first with ``replace_global=False``)
    replaced by ``rewrite``."""
    compiled, replace = compile_re2(pattern), rewriter(rewrite)
    count = 0 if replace_global else 1

    def apply(item):
        text = item.decode("utf-8", "surrogateescape")
        return compiled.sub(replace, text, count=count).encode("utf-8", "surrogateescape")
    return elementwise("regex_replace", apply, input, op="RegexReplace")


def regex_full_match(input, pattern, name=None):
    compiled = compile_re2(pattern)
    return elementwise("regex_full_match", lambda b: compiled.fullmatch(
        b.decode("utf-8", "surrogateescape")) is not None, input, bool, op="RegexFullMatch")


# -- splitting and joining -----------------------------------------------------------------
def by_rows(name, function, input, op):
    """A scalar gives one rank-1 Tensor, a rank-1 input a RaggedTensor of rows."""
    values = strings(input, op)
    if values.ndim == 0:
        return record(f"tf.strings.{name}", np.array(function(values.item()), object), (), None)
    if values.ndim != 1:
        raise NotImplementedError(f"tracekeras's tf.strings.{name} takes a scalar or a rank-1 "
                                  f"tensor. Received: shape={values.shape}")
    return RaggedTensor([np.array(function(item), dtype=object) for item in values])


def split(input, sep=None, maxsplit=-1, name=None):
    """Split on ``sep``, or on runs of ASCII whitespace when ``sep`` is None or empty."""
    sep = as_bytes(sep) if sep else None
    if sep is None:
        def cut(b):
            return b.split(None, maxsplit) if maxsplit >= 0 else b.split()
    else:
        def cut(b):
            return b.split(sep, maxsplit)
    return by_rows("split", cut, input, "StringSplitV2")


def bytes_split(input, name=None):
    return by_rows("bytes_split", lambda b: [b[i:i + 1] for i in range(len(b))], input,
                   "StringSplit")


UNICODE_ERRORS = ("strict", "replace", "ignore")
MARK = "\ud800"   # a lone surrogate, which no valid text decodes to


def mark_invalid(error):
    """One mark for each maximal invalid sequence (where "replace" puts one U+FFFD, as ICU
    does for TensorFlow)."""
    return MARK, error.end


codecs.register_error("tracekeras-mark", mark_invalid)


def unicode_split(input, input_encoding, errors="replace", replacement_char=65533, name=None):
    """Each string cut into its characters (each one the bytes that encode it). Bytes that
    are not valid ``input_encoding``: ``errors="replace"`` gives ``replacement_char`` for
    each, ``"ignore"`` drops them, ``"strict"`` stops."""
    if errors not in UNICODE_ERRORS:
        raise InvalidArgumentError(f'Value for attr \'errors\' of "{errors}" is not in the '
                                   'list of allowed values: "strict", "replace", "ignore"')
    if str(input_encoding).upper().replace("_", "-") not in ("UTF-8", "UTF-16-BE",
                                                              "UTF-32-BE"):
        raise InvalidArgumentError(f"Could not create converter for input encoding: "
                                   f"{input_encoding}")
    encoding = str(input_encoding).lower()
    replacement = chr(replacement_char).encode(encoding)

    def chars(b):
        try:
            text = b.decode(encoding, "strict" if errors == "strict" else "tracekeras-mark")
        except UnicodeDecodeError:
            raise InvalidArgumentError("Invalid formatting on input string") from None
        out = []
        for c in text:
            if c == MARK:
                if errors == "replace":
                    out.append(replacement)
            else:
                out.append(c.encode(encoding))
        return out
    return by_rows("unicode_split", chars, input, "UnicodeDecode")


def join(inputs, separator="", name=None):
    """``inputs[0] + separator + inputs[1] + ...`` elementwise (shapes broadcast)."""
    if not isinstance(inputs, (list, tuple)):
        raise TypeError(f"Expected list for 'inputs' argument to 'string_join' Op, not "
                        f"{inputs!r}.")
    arrays = np.broadcast_arrays(*[strings(x, "StringJoin") for x in inputs])
    separator = as_bytes(separator)
    out = np.empty(arrays[0].shape, dtype=object)
    for index in np.ndindex(out.shape):
        out[index] = separator.join(a[index] for a in arrays)
    return record("tf.strings.join", out, (), None)


def reduce_join(inputs, axis=None, keepdims=False, separator="", name=None):
    """The strings along ``axis`` (all of them when None) joined with ``separator``; a
    RaggedTensor joins each row (axis 1 or -1) or each column (axis 0)."""
    separator = as_bytes(separator)
    if isinstance(inputs, RaggedTensor):
        return reduce_join_ragged(inputs, axis, keepdims, separator)
    values = strings(inputs, "ReduceJoin")
    if axis is None:
        joined = np.array(separator.join(values.ravel()), dtype=object)
        out = joined.reshape((1,) * values.ndim) if keepdims else joined
    else:
        axis = int(axis) % values.ndim
        moved = np.moveaxis(values, axis, -1)
        out = np.empty(moved.shape[:-1], dtype=object)
        for index in np.ndindex(out.shape):
            out[index] = separator.join(moved[index])
        out = np.expand_dims(out, axis) if keepdims else out
    return record("tf.strings.reduce_join", out, (), None)


def reduce_join_ragged(inputs, axis, keepdims, separator):
    rows = [strings(row, "ReduceJoin") for row in inputs.rows]
    if axis is None:
        joined = np.array(separator.join(b for row in rows for b in row), dtype=object)
        return record("tf.strings.reduce_join", joined.reshape((1, 1)) if keepdims else joined,
                      (), None)
    axis = int(axis)
    if axis not in (-2, -1, 0, 1):
        raise ValueError(f"axis={axis} out of bounds: expected -2<=axis<2")
    if axis % 2 == 1:
        out = np.array([separator.join(row) for row in rows] + [None], dtype=object)[:-1]
    else:
        width = max((len(row) for row in rows), default=0)
        out = np.array([separator.join(row[j] for row in rows if len(row) > j)
                        for j in range(width)] + [None], dtype=object)[:-1]
    out = np.expand_dims(out, axis % 2) if keepdims else out
    return record("tf.strings.reduce_join", out, (), None)


def substr(input, pos, len, name=None, unit="BYTE"):
    """``len`` bytes (or UTF-8 characters) from ``pos`` (negative: from the end)."""
    pos, size = int(np.asarray(getattr(pos, "value", pos))), int(
        np.asarray(getattr(len, "value", len)))

    def cut(b):
        units = b if unit == "BYTE" else b.decode("utf-8")
        count = units.__len__()
        if not -count <= pos <= count:
            raise InvalidArgumentError(f"pos {pos} out of range for string b'{b.decode()}' "
                                       f"at index 0")
        start = pos + count if pos < 0 else pos
        piece = units[start:start + max(size, 0)]
        return piece if unit == "BYTE" else piece.encode("utf-8")
    return elementwise("substr", cut, input, op="Substr")


# -- numbers ----------------------------------------------------------------------------
def as_string(input, precision=-1, scientific=False, shortest=False, width=-1, fill="",
              name=None):
    """Numbers and booleans as text: ints ``%d``, floats ``%f`` (or ``%e``/``%g``)."""
    values = np.asarray(getattr(input, "value", input))
    if values.dtype.kind in "OSU":
        raise InvalidArgumentError("Value for attr 'T' of string is not in the list of allowed "
                                   "values")
    code = "e" if scientific else "g" if shortest else "f"
    digits = f".{precision}" if precision >= 0 else ""
    flag = {"": "", " ": "", "0": "0", "-": "-"}.get(fill, "")
    spec = f"{flag}{width if width >= 0 else ''}"
    out = np.empty(values.shape, dtype=object)
    for index, item in np.ndenumerate(values):
        if values.dtype == np.bool_:
            text = "true" if item else "false"
        elif values.dtype.kind in "iu":
            text = format(int(item), f"{spec}d")
        else:
            text = format(float(item), f"{spec}{digits}{code}")
        out[index] = text.encode()
    return record("tf.strings.as_string", out, (), None)


def to_number(string_tensor, out_type="float32", name=None):
    """Each string parsed as a number of ``out_type`` (float32 by default)."""
    dtype = numpy_dtype(out_type)
    values = strings(string_tensor, "StringToNumber")
    out = np.empty(values.shape, dtype=dtype)
    for index, item in np.ndenumerate(values):
        text = item.decode("utf-8", "replace").strip()
        try:
            out[index] = int(text, 10) if dtype.kind in "iu" else float(text)
        except (ValueError, OverflowError):
            raise InvalidArgumentError(f"StringToNumberOp could not correctly convert string: "
                                       f"{item.decode('utf-8', 'replace')}") from None
    return record("tf.strings.to_number", out, (), None)
