"""Values as a probe record writes them: shapes, data, specs, names, logs.

What it owns: turning what tf_keras hands a wrapped function (TensorShapes,
arrays, loss and metric objects, classes) into the plain values tracekeras's
records hold, in the same form (a shape is a list with None for unknown
dimensions; a class is ``keras.<module>.<Name>``, tf_keras's ``src`` dropped).
Duck-typed: it imports no TensorFlow. Used by :mod:`facts` and :mod:`build_facts`;
the two result keys below are read by :mod:`wrappers`.
"""

GRAPH = "__graph__"         # a result key: a G snapshot to record inside the span
INSTANTS = "__instants__"   # a result key: (name, stage, args) instants to record inside it


def shape_list(shape):
    """A shape (TensorShape, tuple, nested list of them) as a list with None for unknown."""
    if shape is None:
        return None
    dims = getattr(shape, "dims", "missing")
    if dims is None:                       # a TensorShape of unknown rank
        return None
    if isinstance(shape, (list, tuple)) and any(isinstance(s, (list, tuple)) or
                                                hasattr(s, "dims") for s in shape):
        return [shape_list(s) for s in shape]
    try:
        return [None if d is None else int(d) for d in tuple(shape)]
    except (TypeError, ValueError):
        return str(shape)


def structure_shapes(value):
    """The shapes of a (nested) structure of tensors, in the same nesting."""
    if isinstance(value, dict):
        return {str(k): structure_shapes(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [structure_shapes(v) for v in value]
    return shape_list(getattr(value, "shape", None))


def describe_data(x):
    """What ``fit`` was given: shape and dtype of arrays, type names otherwise."""
    if x is None:
        return None
    if isinstance(x, (list, tuple)):
        if len(x) > 8:
            return {"leaves": len(x)}
        return [describe_data(v) for v in x]
    if isinstance(x, dict):
        return {str(k): describe_data(v) for k, v in x.items()}
    shape = getattr(x, "shape", None)
    if shape is not None and getattr(x, "dtype", None) is not None:
        dtype = getattr(x.dtype, "name", x.dtype)
        return {"shape": shape_list(shape), "dtype": str(dtype)}
    return type(x).__name__


def initializer_name(initializer):
    if initializer is None or isinstance(initializer, str):
        return initializer
    if hasattr(initializer, "get_config") or not callable(initializer):
        return type(initializer).__name__
    return getattr(initializer, "__name__", repr(initializer))


def spec_name(obj):
    """A loss or metric spec in a few words (a name, or ``Class(function)``)."""
    if obj is None or isinstance(obj, (str, int, float, bool)):
        return obj
    if isinstance(obj, dict):
        return {str(k): spec_name(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [spec_name(v) for v in obj]
    fn = getattr(obj, "fn", None) or getattr(obj, "_fn", None)
    name = getattr(fn, "__name__", None) or getattr(obj, "name", None) or \
        getattr(obj, "__name__", None) or type(obj).__name__
    return f"{type(obj).__name__}({name})" if hasattr(obj, "get_config") else name


def qualified(obj):
    """``tf_keras.src.optimizers.rmsprop.RMSprop`` -> ``keras.optimizers.rmsprop.RMSprop``."""
    module = getattr(obj, "__module__", "") or ""
    for prefix in ("tf_keras.src.", "tf_keras."):
        if module.startswith(prefix):
            module = "keras." + module[len(prefix):]
            break
    return f"{module}.{getattr(obj, '__qualname__', type(obj).__name__)}"


def flatten(value):
    if isinstance(value, dict):
        return [leaf for v in value.values() for leaf in flatten(v)]
    if isinstance(value, (list, tuple)):
        return [leaf for v in value for leaf in flatten(v)]
    return [value]


def scalar_logs(logs):
    """The scalar entries of a logs dict as floats (what History keeps)."""
    out = {}
    for key, value in (logs or {}).items():
        if getattr(value, "shape", ()) not in ((), []):
            continue
        try:
            out[key] = float(value)
        except (TypeError, ValueError):
            continue
    return out


def option(a, k, index, name, default=None):
    """An argument given as ``a[index]`` or by keyword ``name``."""
    if name in k:
        return k[name]
    return a[index] if len(a) > index else default
