"""``tf.debugging``: assertions on tensors' values, shapes and dtypes (TensorFlow's check_ops).

What it owns: the comparisons ``assert_equal``, ``assert_none_equal``, ``assert_less``,
``assert_less_equal``, ``assert_greater``, ``assert_greater_equal`` (element-wise, with
broadcasting, both operands of one dtype), the sign checks ``assert_positive``,
``assert_negative``, ``assert_non_negative``, ``assert_non_positive``, ``assert_near``
(``|x - y| <= atol + rtol * |y|``), the static checks ``assert_rank``,
``assert_rank_at_least``, ``assert_rank_in``, ``assert_shapes``, ``assert_type``,
``assert_integer``, ``assert_scalar``, the value checks ``check_numerics`` and
``assert_all_finite`` (which hand the tensor back), ``Assert`` and ``is_numeric_tensor``.

Everything runs eagerly, as TensorFlow 2 runs outside a graph: a check that holds returns
None (the two numerics checks return their tensor), one that fails raises what TensorFlow
raises eagerly, with its message: ``tf.errors.InvalidArgumentError`` for a value, ValueError
for a rank or shape, TypeError for a dtype. ``message`` leads the text and ``summarize``
says how many values it shows (3 by default). Inside ``Dataset.map`` the function runs
eagerly too, so a failing check raises there with this message, not with the graph's wrapped
one. A model's symbolic tensors (KerasTensors) have no values to check: the one-line "does
not implement" error. ``set_log_device_placement`` and ``enable_check_numerics`` are accepted
and change nothing (docs/differences.md). No trace events.
"""
import itertools

import numpy as np

from .array_ops import constant, matching_dtype, numpy_dtype
from .op_errors import InvalidArgumentError
from .tensor import Tensor

SUMMARIZE = 3   # values a failure message shows when summarize is not given
COMPARISONS = {   # name -> (symbol in the message, TensorFlow op, NumPy comparison)
    "assert_equal": ("==", "Equal", np.equal),
    "assert_none_equal": ("!=", "NotEqual", np.not_equal),
    "assert_less": ("<", "Less", np.less),
    "assert_less_equal": ("<=", "LessEqual", np.less_equal),
    "assert_greater": (">", "Greater", np.greater),
    "assert_greater_equal": (">=", "GreaterEqual", np.greater_equal),
}
FLOATS = (np.float16, np.float32, np.float64)


def kernel_error(op, text):
    """TensorFlow's error from an op's kernel, with the prefix naming the CPU kernel."""
    return InvalidArgumentError(
        f"{{{{function_node __wrapped__{op}_device_/job:localhost/replica:0/task:0/device:CPU:0"
        f"}}}} {text}")


def refuse_symbolic(function, *values):
    """The one-line error for a KerasTensor: a model's symbolic tensor has no values."""
    from tracekeras.engine.keras_tensor import KerasTensor
    if any(isinstance(value, KerasTensor) for value in values):
        from tracekeras.shim.errors import PACKAGE, OperationNotImplementedByTracekeras, caller
        raise OperationNotImplementedByTracekeras(
            f"tracekeras does not implement tf.debugging.{function} on a model's symbolic "
            f"tensors (KerasTensors; used by {caller(PACKAGE)})")


def as_tensor(value):
    """A Tensor for ``value``, converted on its own as TensorFlow converts each operand."""
    return value if isinstance(value, Tensor) else constant(value)


def dtype_name(array):
    return "string" if array.dtype == object else array.dtype.name


def described(array):
    """``shape=(2, 3) dtype=float32``: how TensorFlow names an eager tensor in a message."""
    return f"shape={tuple(array.shape)} dtype={dtype_name(array)}"


def lead(message):
    """``message`` as TensorFlow puts it before its own text: ``"m.  "``, or nothing."""
    return f"{message}.  " if message else ""


def compare(name, x, y, message=None, summarize=None):
    symbol, op, relation = COMPARISONS[name]
    refuse_symbolic(name, x, y)
    x, y = as_tensor(x), as_tensor(y)
    matching_dtype([x, y], op, "")
    a, b = x.value, y.value
    try:
        shape = np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        raise kernel_error(op, f"Incompatible shapes: [{','.join(map(str, a.shape))}] vs. "
                               f"[{','.join(map(str, b.shape))}] [Op:{op}] name: ") from None
    held = relation(a, b)
    if bool(np.all(held)) or 0 in shape:
        return None
    count = SUMMARIZE if summarize is None else summarize
    lines = [message] if message else []
    lines.append(f"Condition x {symbol} y did not hold.")
    if a.shape == b.shape and a.ndim:
        indices = np.argwhere(~held)[:count]
        where = tuple(indices.T)
        lines += [f"Indices of first {len(indices)} different values:", str(indices),
                  "Corresponding x values:", str(a[where]),
                  "Corresponding y values:", str(b[where])]
    for label, array in (("x", a), ("y", b)):
        first = array.reshape(-1)[:count]
        lines += [f"First {first.size} elements of {label}:", str(first)]
    raise InvalidArgumentError("\n".join(lines))


def assert_equal(x, y, message=None, summarize=None, name=None):
    """``tf.debugging.assert_equal``: every ``x == y`` (broadcast), or InvalidArgumentError."""
    return compare("assert_equal", x, y, message, summarize)


def assert_none_equal(x, y, message=None, summarize=None, name=None):
    return compare("assert_none_equal", x, y, message, summarize)


def assert_less(x, y, message=None, summarize=None, name=None):
    return compare("assert_less", x, y, message, summarize)


def assert_less_equal(x, y, message=None, summarize=None, name=None):
    return compare("assert_less_equal", x, y, message, summarize)


def assert_greater(x, y, message=None, summarize=None, name=None):
    return compare("assert_greater", x, y, message, summarize)


def assert_greater_equal(x, y, message=None, summarize=None, name=None):
    return compare("assert_greater_equal", x, y, message, summarize)


def sign_check(function, symbol, relation, x, message, summarize, newline="\n"):
    """The sign assertions: ``x <symbol> 0`` everywhere, or TensorFlow's message listing the
    first values (non_positive's has no line break before them, as in TensorFlow)."""
    refuse_symbolic(function, x)
    array = as_tensor(x).value
    if bool(np.all(relation(array, 0))):
        return None
    count = SUMMARIZE if summarize is None else summarize
    shown = [str(value) for value in array.reshape(-1)[:count]]
    if array.size > count:
        shown.append("...")
    raise InvalidArgumentError(
        f"{lead(message)}\nCondition x {symbol} 0 did not hold element-wise:{newline}"
        f"x ({described(array)}) = \n{shown}")


def assert_positive(x, message=None, summarize=None, name=None):
    return sign_check("assert_positive", ">", np.greater, x, message, summarize)


def assert_negative(x, message=None, summarize=None, name=None):
    return sign_check("assert_negative", "<", np.less, x, message, summarize)


def assert_non_negative(x, message=None, summarize=None, name=None):
    return sign_check("assert_non_negative", ">=", np.greater_equal, x, message, summarize)


def assert_non_positive(x, message=None, summarize=None, name=None):
    return sign_check("assert_non_positive", "<=", np.less_equal, x, message, summarize, "")


def summarized(value, count):
    """One datum of an ``Assert`` message: a string as bytes' repr, a tensor's first
    ``count`` values joined by commas."""
    if isinstance(value, str):
        value = value.encode()
    if isinstance(value, bytes):
        return repr(value)
    flat = as_tensor(value).value.reshape(-1)
    shown = [repr(item) if isinstance(item, bytes) else str(item) for item in flat[:count]]
    return ", ".join(shown + (["..."] if flat.size > count else []))


def Assert(condition, data, summarize=None, name=None):
    """``tf.debugging.Assert``: nothing when ``condition`` holds; otherwise
    InvalidArgumentError listing ``data``."""
    refuse_symbolic("Assert", condition, *data)
    if bool(np.all(as_tensor(condition).value)):
        return None
    raise assertion_failed(str(condition), data, summarize)


def assertion_failed(condition, data, summarize):
    """``Assert``'s error: the condition as text, then each datum summarized."""
    count = SUMMARIZE if summarize is None else summarize
    return InvalidArgumentError(f"Expected '{condition}' to be true. Summarized data: "
                                + "\n".join(summarized(datum, count) for datum in data))


def assert_near(x, y, rtol=None, atol=None, message=None, summarize=None, name=None):
    """``tf.debugging.assert_near``: ``|x - y| <= atol + rtol * |y|`` everywhere; both
    tolerances default to ten times the dtype's epsilon."""
    refuse_symbolic("assert_near", x, y)
    x, y = as_tensor(x), as_tensor(y)
    matching_dtype([x, y], "Sub", "")
    a, b = x.value, y.value
    tolerance = 10 * np.finfo(a.dtype).eps   # NumPy's ValueError for an integer dtype
    rtol = a.dtype.type(tolerance if rtol is None else rtol)
    atol = a.dtype.type(tolerance if atol is None else atol)
    if bool(np.all(np.abs(a - b) <= atol + rtol * np.abs(b))):
        return None
    count = SUMMARIZE if summarize is None else summarize
    scalar = f"shape=(), dtype={a.dtype.name}"
    data = [f"x and y not equal to tolerance rtol = tf.Tensor({rtol!s}, {scalar}), "
            f"atol = tf.Tensor({atol!s}, {scalar})",
            f"x ({described(a)}) = ", a, f"y ({described(b)}) = ", b]
    raise assertion_failed("tf.Tensor(False, shape=(), dtype=bool)", [lead(message)] + data,
                           count)


def check_numerics(tensor, message, name=None):
    """``tf.debugging.check_numerics``: ``tensor`` itself when it holds no NaN or Inf."""
    refuse_symbolic("check_numerics", tensor)
    given = tensor
    tensor = as_tensor(tensor)
    array = tensor.value
    if array.dtype.type not in FLOATS:
        raise InvalidArgumentError(
            f"Value for attr 'T' of {dtype_name(array)} is not in the list of allowed values: "
            "bfloat16, half, float, double\n\t; NodeDef: {{node CheckNumerics}}; "
            "Op<name=CheckNumerics; signature=tensor:T -> output:T; attr=T:type,allowed="
            "[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE]; attr=message:string; "
            "is_stateful=true> [Op:CheckNumerics] name: ")
    found = [kind for kind, test in (("Inf", np.isinf), ("NaN", np.isnan))
             if bool(np.any(test(array)))]
    if found:
        # a Tensor's call names its op ("name: "); data TensorFlow converts first does not
        ending = " name: " if isinstance(given, Tensor) else ""
        raise kernel_error("CheckNumerics", f"{message} : Tensor had {' and '.join(found)} "
                                            f"values [Op:CheckNumerics]{ending}")
    return tensor


def assert_all_finite(x, message, name=None):
    """``tf.debugging.assert_all_finite``: TensorFlow 2's is ``check_numerics``."""
    refuse_symbolic("assert_all_finite", x)
    return check_numerics(x, message, name)


def rank_failure(message, array, wanted):
    return ValueError(f"{lead(message)}Tensor  must have rank {wanted}.  Received rank "
                      f"{array.ndim}, shape {tuple(array.shape)}")


def static_value(value):
    return as_tensor(value).value.item() if isinstance(value, Tensor) else value


def assert_rank(x, rank, message=None, name=None):
    """``tf.debugging.assert_rank``: ValueError unless ``x`` has rank ``rank``."""
    refuse_symbolic("assert_rank", x)
    array, rank = as_tensor(x).value, static_value(rank)
    if array.ndim != rank:
        raise rank_failure(message, array, rank)


def assert_rank_at_least(x, rank, message=None, name=None):
    refuse_symbolic("assert_rank_at_least", x)
    array, rank = as_tensor(x).value, static_value(rank)
    if array.ndim < rank:
        raise rank_failure(message, array, f"at least {rank}")


def assert_rank_in(x, ranks, message=None, name=None):
    refuse_symbolic("assert_rank_in", x)
    array = as_tensor(x).value
    ranks = tuple(static_value(rank) for rank in ranks)
    if array.ndim not in ranks:
        raise rank_failure(message, array, f"in {ranks}")


def assert_shapes(shapes, data=None, summarize=None, message=None, name=None):
    """``tf.debugging.assert_shapes``: each ``(tensor, spec)`` pair's tensor has the spec's
    rank (a one-entry spec also allows a scalar), an int entry is that size, and a symbol
    (a string) has one size across all the tensors that use it; None matches any size. A
    leading ``...`` allows any dimensions before the rest, counted from the end (-1 last)."""
    pairs = list(shapes.items()) if isinstance(shapes, dict) else list(shapes)
    refuse_symbolic("assert_shapes", *(tensor for tensor, _ in pairs))
    sizes = {}   # symbol -> (size, the tensor that fixed it, dimension)
    for tensor, spec in pairs:
        array, spec = as_tensor(tensor).value, tuple(spec)
        if spec[:1] == (...,):   # any leading dimensions: the rest counted from the end
            spec = spec[1:]
            if array.ndim < len(spec):
                raise rank_failure(message, array, f"at least {len(spec)}")
            first = -len(spec)
        elif len(spec) == 1 and array.ndim not in (0, 1):
            raise rank_failure(message, array, "in (0, 1)")
        elif len(spec) == 1 and array.ndim == 0:
            continue
        elif array.ndim != len(spec):
            raise rank_failure(message, array, len(spec))
        else:
            first = 0
        sizes_here = array.shape[array.ndim - len(spec):]
        for axis, entry, size in zip(itertools.count(first), spec, sizes_here):
            if entry is None:
                continue
            if isinstance(entry, str) and entry not in sizes:
                sizes[entry] = (size, array, axis)
                continue
            if isinstance(entry, str):
                wanted, source, source_axis = sizes[entry]
                by = f"Specified by tensor {described(source)} dimension {source_axis}"
            else:
                wanted, by = entry, "Specified explicitly"
            if size != wanted:
                raise ValueError(
                    f"{lead(message)}{by}.  Tensor {described(array)} dimension {axis} must "
                    f"have size {wanted}.  Received size {size}, shape {tuple(array.shape)}")


def assert_type(tensor, tf_type, message=None, name=None):
    """``tf.debugging.assert_type``: TypeError unless ``tensor`` has dtype ``tf_type``."""
    refuse_symbolic("assert_type", tensor)
    array = as_tensor(tensor).value if isinstance(tensor, Tensor) else np.asarray(tensor)
    wanted = numpy_dtype(tf_type)
    if array.dtype != wanted:
        raise TypeError(f"{lead(message)}tensor must be of type "
                        f"tf.{dtype_name(np.empty(0, wanted))}; got tf.{dtype_name(array)}")


def assert_integer(x, message=None, name=None):
    refuse_symbolic("assert_integer", x)
    array = as_tensor(x).value
    if not np.issubdtype(array.dtype, np.integer):
        raise TypeError(f"{lead(message)}Expected \"x\" to be integer type.  Found: tensor of "
                        f"dtype <dtype: '{dtype_name(array)}'>")


def assert_scalar(tensor, message=None, name=None):
    """``tf.debugging.assert_scalar``: ValueError unless ``tensor`` is a scalar."""
    refuse_symbolic("assert_scalar", tensor)
    array = as_tensor(tensor).value
    if array.ndim:
        raise ValueError(f"{lead(message)}Expected scalar shape, saw shape: "
                         f"{tuple(array.shape)}.")


def is_numeric_tensor(tensor):
    """True for a Tensor (not a NumPy array or a KerasTensor) of a number dtype."""
    return isinstance(tensor, Tensor) and (np.issubdtype(tensor.value.dtype, np.number))


LOG_DEVICE_PLACEMENT = [False]


def set_log_device_placement(enabled):
    """Accepted and remembered; tracekeras places no op on a device, so nothing is logged."""
    LOG_DEVICE_PLACEMENT[0] = bool(enabled)


def get_log_device_placement():
    return LOG_DEVICE_PLACEMENT[0]


def enable_check_numerics(stack_height_limit=30, path_length_limit=50):
    """Accepted and changes nothing: tracekeras does not check every op's output for NaN and
    Inf (docs/differences.md)."""
    return None


def disable_check_numerics():
    return None
