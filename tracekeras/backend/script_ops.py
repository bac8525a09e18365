"""``tf.py_function`` and ``tf.numpy_function``: Python functions as TensorFlow ops.

What it owns: the two ops of ``tensorflow/python/ops/script_ops.py``, their argument
checks (``Missing required argument: 'Tout'``, the decorator form ``@tf.py_function(
Tout=...)``) and what a ``tf.data`` function's trace sees of them.

``py_function(func, inp, Tout)`` calls ``func`` on the inputs as tensors, under the tape,
so gradients flow through what ``func`` computes with tensors, and converts each result
to its ``Tout`` dtype (a tensor of another dtype is refused with TensorFlow's
``InvalidArgumentError``; an exception raised by ``func`` comes back as the error
TensorFlow's kernel makes of it: ``InvalidArgumentError`` for a ValueError or TypeError,
``UnknownError`` for the others, its message starting ``ZeroDivisionError: ...``).
``numpy_function`` calls ``func`` on NumPy arrays: eagerly its results are converted as
they are, whatever ``Tout`` says (as TensorFlow does); in a graph (``tf.function``,
``Dataset.map``) each must be an array of exactly the ``Tout`` dtype (``0-th value
returned by pyfunc_0 is double, but expects float``). It has no gradient.

In a ``Dataset.map``, TensorFlow traces the map function without running ``func`` and
knows nothing of the results' shapes: ``TensorSpec(shape=<unknown>, ...)``, unless the
function calls ``set_shape``. tracekeras finds a map function's ``element_spec`` by
calling it (:func:`tracekeras.data.structure.traced_spec`); while it does, these ops do
not call ``func`` either but hand back a :class:`SymbolicResult` of the ``Tout`` dtype
whose shape changes from one trial call to the next (a scalar, then a vector of 3),
so that the result, and what is computed from it, comes out of unknown shape, and a
``set_shape`` gives the shape it names. No trace events (ops inside ``func`` record
theirs).
"""
import functools
import itertools
import threading
import traceback

import numpy as np

from tracekeras.utils import nest

from . import array_ops
from .op_errors import UnknownError
from .string_ops import InvalidArgumentError
from .tape import record
from .tensor import Tensor, Variable

TOKENS = itertools.count()   # TensorFlow names each registered function pyfunc_<n>

# TensorFlow's names of dtypes in kernel messages
TF_TYPE_NAMES = {"float32": "float", "float64": "double", "float16": "half", "object": "string"}


class SpecTrial(threading.local):
    """The trial call of a ``tf.data`` function being made to find its ``element_spec``:
    its number (0, 1, ...), or None outside such a call."""

    def __init__(self):
        self.trial = None


TRIAL = SpecTrial()


class SymbolicResult(Tensor):
    """A ``py_function`` result in a traced map function: its shape is what ``set_shape``
    says, an unknown rank until then (a scalar in the first trial, a 3-vector after)."""
    __slots__ = ()

    def set_shape(self, shape):
        dims = getattr(shape, "dims", shape)
        if dims is None:
            return
        fill = 2 if not TRIAL.trial else 3
        self.value = np.zeros(tuple(fill if d is None else int(d) for d in dims),
                              self.value.dtype)


def symbolic(dtype):
    return SymbolicResult(np.zeros(() if not TRIAL.trial else (3,), dtype))


def check_args(op, name, func, inp, Tout, **kwargs):
    """TensorFlow's checks: Tout required; no func (a decorator) without inp."""
    if Tout is None:
        raise TypeError(f"Missing required argument: 'Tout'\n  If using {name} as a decorator, "
                        f"set `Tout`\n  **by name** above the function:\n  `@{name}(Tout=tout)`")
    if func is None:
        if inp is not None:
            raise TypeError(f"Don't set the `inp` argument when using {name} as a decorator "
                            "(`func=None`).")

        def decorator(fun):
            @functools.wraps(fun)
            def wrapper(*args):
                return op(fun, inp=args, Tout=Tout, **kwargs)
            return wrapper
        return decorator
    if inp is None:
        raise TypeError("Missing argument `inp`:\n  You must set the `inp` argument (the list "
                        "of arguments to the\n  function), unless you use "
                        f"`{name}` as a decorator(`func=None`).")
    return None


def dtypes_of(Tout):
    listed = isinstance(Tout, (list, tuple))
    return listed, [array_ops.numpy_dtype(t) for t in (Tout if listed else [Tout])]


def py_function(func=None, inp=None, Tout=None, name=None):
    """``tf.py_function``: ``func(*inp)`` on tensors, eagerly, its results of ``Tout``."""
    decorator = check_args(py_function, "tf.py_function", func, inp, Tout)
    if decorator is not None:
        return decorator
    if not callable(func):
        raise ValueError(f"Expected func to be callable. Received func={func} of type "
                         f"{type(func)}.")
    listed, dtypes = dtypes_of(Tout)
    args = [array_ops.convert_to_tensor(t) for t in inp]
    if TRIAL.trial is not None:
        results = [symbolic(dtype) for dtype in dtypes]
    else:
        token = f"pyfunc_{next(TOKENS)}"
        try:
            ret = func(*args)
        except Exception as error:   # noqa: BLE001 - the kernel hands any error on, retyped
            raise kernel_error(error) from error
        results = converted(ret, dtypes, token)
    return results if listed else results[0]


def converted(ret, dtypes, token):
    """The function's results as tensors of ``dtypes`` (a Tensor keeps its tape node)."""
    values = list(ret) if isinstance(ret, (list, tuple)) else [] if ret is None else [ret]
    if len(values) < len(dtypes):
        raise InvalidArgumentError(f"{token} returns {len(values)} values, but expects to "
                                   f"see {len(dtypes)} values. [Op:EagerPyFunc] name: ")
    results = []
    for value, dtype in zip(values, dtypes):
        if isinstance(value, Variable):
            raise kernel_error(RuntimeError(
                "Attempting to return a variable from an eagerly executed py_func. Only numeric"
                " data structures like Tensors or NumPy arrays should be returned; to return "
                "the value of a variable, make sure to obtain the Tensor backing it by calling "
                f"`.read_value()` on the variable in question: {value!r}"))
        if isinstance(value, Tensor) and value.value.dtype != dtype:
            raise kernel_error(ValueError(
                f"Tensor conversion requested dtype {dtype_name(dtype)} for Tensor with dtype "
                f"{dtype_name(value.value.dtype)}: {value!r}"))
        results.append(value if isinstance(value, Tensor)
                       else array_ops.convert_to_tensor(value, dtype=dtype))
    return results


def dtype_name(dtype):
    return "string" if np.dtype(dtype) == object else np.dtype(dtype).name


def kernel_error(error):
    """The error TensorFlow's py-function kernel raises for ``error`` from the function."""
    kind = InvalidArgumentError if isinstance(error, (ValueError, TypeError)) else UnknownError
    trace = ("\n" + "".join(traceback.format_exception(error)).rstrip("\n")
             if error.__traceback__ is not None else "")
    return kind(f"{type(error).__name__}: {error}{trace}\n [Op:EagerPyFunc] name: ")


def numpy_function(func=None, inp=None, Tout=None, stateful=True, name=None):
    """``tf.numpy_function``: ``func(*inp)`` on NumPy arrays; no gradient."""
    decorator = check_args(numpy_function, "tf.numpy_function", func, inp, Tout,
                           stateful=stateful)
    if decorator is not None:
        return decorator
    from .control_flow_ops import building_function  # noqa: PLC0415 - it imports this module
    listed, dtypes = dtypes_of(Tout)
    if TRIAL.trial is not None:
        results = [symbolic(dtype) for dtype in dtypes]
        return results if listed else results[0]
    args = [np.array(array_ops.convert_to_tensor(t).value) for t in inp]
    if not building_function():    # eagerly: whatever func returns, converted as it is
        flat = [None if r is None else array_ops.convert_to_tensor(r)
                for r in nest.flatten(func(*args))]
        return flat[0] if len(flat) == 1 else flat
    token = f"pyfunc_{next(TOKENS)}"
    try:
        ret = func(*args)
    except Exception as error:   # noqa: BLE001 - the kernel hands any error on, retyped
        raise kernel_error(error) from error
    values = list(ret) if isinstance(ret, (list, tuple)) else [ret]
    if len(values) != len(dtypes):
        raise InvalidArgumentError(f"{token} returns {len(values)} values, but expects to see "
                                   f"{len(dtypes)} values.")
    results = []
    for i, (value, dtype) in enumerate(zip(values, dtypes)):
        array = np.asarray(value.value if isinstance(value, Tensor) else value)
        if array.dtype != dtype and not (array.dtype.kind in "SUO" and np.dtype(dtype).kind == "O"):
            raise InvalidArgumentError(f"{i}-th value returned by {token} is "
                                       f"{tf_type_name(array.dtype)}, but expects "
                                       f"{tf_type_name(dtype)}")
        results.append(record("tf.numpy_function", array.astype(dtype), (), None))
    return results if listed else results[0]


def tf_type_name(dtype):
    name = np.dtype(dtype).name
    return TF_TYPE_NAMES.get(name, name)
