"""``tf.cond``, ``tf.while_loop`` and ``tf.switch_case``: control flow, run eagerly.

What it owns: the three control-flow ops of TensorFlow 2 (``tensorflow/python/ops/cond.py``,
``while_loop.py``, ``control_flow_switch_case.py``) and :func:`building_function`, which
says whether the code running is what TensorFlow would be tracing into a graph (a
``tf.function``, a ``tf.data`` function, a Keras train function).

Eagerly TensorFlow runs them as Python: ``cond`` calls the branch its predicate picks
and hands back what the branch returned, untouched (a Python 3 stays a 3); ``while_loop``
calls ``body`` while ``cond`` holds, checks after each step that the loop variables keep
their nested structure (``tf.nest.assert_same_structure``: a list stays a list) and
converts them to tensors at the end; ``switch_case`` calls ``branch_fns[i]``, an index
outside the branches taking ``default`` or, without it, the last branch. The arguments
are checked first, with TensorFlow's errors (``'true_fn' must be callable.``,
``'branch_index' must be a Tensor, ...``, ``'loop_vars' must be provided.``).

In a graph (inside ``tf.function``, a ``Dataset.map`` function or a compiled train step)
TensorFlow builds a ``Cond``/``While``/``Case`` op instead; tracekeras still runs the
branch the values pick, but hands back what a graph gives: the results as tensors, and a
loop ``body`` that returns a single tensor for a single loop variable packed into a list.
A graph traces *both* branches of a ``cond`` and refuses branches whose results differ in
structure or dtype, and refuses a loop variable whose shape changes without
``shape_invariants``: tracekeras runs only the branch taken and does not make these
checks (a branch not taken never runs, so its side effects, as in a graph at run time,
never happen). Only while a ``Dataset.map`` function is tried for its ``element_spec``
(:mod:`tracekeras.data.structure`) does ``cond`` take the true branch in the first trial
and the false one in the second (``switch_case`` its first and last), so that a
dimension the branches disagree on comes out unknown, as in TensorFlow's trace. The tape
records the ops the taken branch and every iteration ran, so gradients flow through them as
through TensorFlow's eager ops. No trace events of their own (the ops inside record
theirs).
"""
import threading

import numpy as np

from tracekeras.utils import nest

from . import array_ops, graph_capture, script_ops
from . import random as random_ops
from .string_ops import InvalidArgumentError
from .tensor import Tensor, Variable
from .tensor_array_ops import TensorArray


class FunctionDepth(threading.local):
    """How many ``tf.function`` bodies are running in this thread."""

    def __init__(self):
        self.depth = 0


FUNCTIONS = FunctionDepth()


class tf_function_body:   # noqa: N801 - a context manager named for what it marks
    """The body of a ``tf.function`` runs inside this (``shim.tf_names.function``)."""

    def __enter__(self):
        FUNCTIONS.depth += 1

    def __exit__(self, *exc):
        FUNCTIONS.depth -= 1
        return False


def building_function():
    """Would TensorFlow be tracing this code into a graph?"""
    return bool(FUNCTIONS.depth or random_ops.DATASET_FUNCTIONS
                or graph_capture.current() is not None)


def as_tensors(structure):
    """Results as tensors (None and TensorArrays as they are)."""
    return nest.map_structure(
        lambda leaf: leaf if leaf is None or isinstance(leaf, TensorArray)
        else array_ops.convert_to_tensor(leaf), structure)


def cond(pred, true_fn=None, false_fn=None, name=None):
    """``tf.cond``: ``true_fn()`` if ``pred`` holds, else ``false_fn()``."""
    if true_fn is None:
        raise TypeError("cond(): 'true_fn' argument required")
    if false_fn is None:
        raise TypeError("cond(): 'false_fn' argument required")
    if not callable(true_fn):
        raise TypeError("'true_fn' must be callable.")
    if not callable(false_fn):
        raise TypeError("'false_fn' must be callable.")
    if pred is None:
        raise ValueError("Attempt to convert a value (None) with an unsupported type "
                         "(<class 'NoneType'>) to a Tensor.")
    if script_ops.TRIAL.trial is not None:   # a map function's spec: both branches, in turn
        result = true_fn() if script_ops.TRIAL.trial == 0 else false_fn()
    else:
        result = true_fn() if bool(array_ops.convert_to_tensor(pred).value) else false_fn()
    return as_tensors(result) if building_function() else result


def switch_case(branch_index, branch_fns, default=None, name="switch_case"):
    """``tf.switch_case``: ``branch_fns[branch_index]()``; out of range: ``default()``,
    or the last branch's without one."""
    if isinstance(branch_index, Variable):   # TensorFlow's variable is no Tensor
        raise TypeError("'branch_index' must be a Tensor, got <class 'tensorflow.python.ops."
                        "resource_variable_ops.ResourceVariable'>")
    if not isinstance(branch_index, Tensor):
        raise TypeError(f"'branch_index' must be a Tensor, got {type(branch_index)}")
    if not np.issubdtype(branch_index.value.dtype, np.integer):
        raise TypeError("'branch_index' must be an integer Tensor, got "
                        f"<dtype: '{branch_index.value.dtype.name}'>")
    actions = branches(branch_fns, default)
    if branch_index.value.ndim:   # TensorFlow's eager path picks with a scalar tf.where
        raise InvalidArgumentError(
            "'then' must be at least a vector, but saw shape: [] [Op:Select] name: ")
    index = int(branch_index.value)
    chosen = actions[index] if 0 <= index < len(actions) else actions[-1]
    if script_ops.TRIAL.trial is not None:   # a map function's spec: the first, then the last
        chosen = actions[0] if script_ops.TRIAL.trial == 0 else actions[-1]
    result = chosen()
    return as_tensors(result) if building_function() else result


def branches(branch_fns, default):
    """TensorFlow's checks of ``branch_fns``: the callables in key order, ``default`` last."""
    if not branch_fns:
        raise ValueError("Must provide at least one item in 'branch_fns'")
    if not isinstance(branch_fns, (list, tuple, dict)):
        raise TypeError("'branch_fns' must be a list, tuple, or dict")
    pairs = list(branch_fns.items()) if isinstance(branch_fns, dict) else list(branch_fns)
    if all(callable(fn) for fn in pairs):
        pairs = list(enumerate(pairs))
    for pair in pairs:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise TypeError(f"Each entry in 'branch_fns' must be a 2-tuple. Received {pair}.")
        key, fn = pair
        if not isinstance(key, int):
            raise TypeError(f"key must be a Python `int`, got {type(key)}")
        if not callable(fn):
            raise TypeError(f"fn for key {key} must be callable.")
    keys = [key for key, _ in pairs]
    if min(keys) < 0 or max(keys) >= len(keys) or len(set(keys)) != len(keys):
        raise ValueError(f"branch indices (keys) must form contiguous range of [0 to "
                         f"{len(keys)}) but found {{{','.join(map(str, sorted(keys)))}}}")
    actions = [fn for _, fn in sorted(pairs, key=lambda pair: pair[0])]
    return actions + ([default] if default is not None else [])


def while_loop(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10,
               back_prop=True, swap_memory=False, maximum_iterations=None, name=None):
    """``tf.while_loop``: ``loop_vars = body(*loop_vars)`` while ``cond(*loop_vars)``."""
    if not callable(cond):
        raise TypeError("'cond' must be callable.")
    if not callable(body):
        raise TypeError("'body' must be callable.")
    if parallel_iterations < 1:
        raise TypeError("'parallel_iterations' must be a positive integer.")
    if loop_vars is None or (isinstance(loop_vars, (list, tuple, dict)) and not loop_vars) or (
            not isinstance(loop_vars, (list, tuple, dict)) and not bool(np.asarray(loop_vars))):
        raise ValueError("'loop_vars' must be provided.")
    graph = building_function()
    if graph and not isinstance(loop_vars, (list, tuple)):
        loop_vars = [loop_vars]
    step = packed(body) if graph else body
    if maximum_iterations is not None:
        limit = array_ops.convert_to_tensor(maximum_iterations)
        if limit.value.ndim != 0:
            raise ValueError(f"'maximum_iterations' must be a scalar. Received shape: "
                             f"{shape_text(limit.value.shape)}")
        most, inner_cond, inner_body = int(limit.value), cond, step
        loop_vars = (0, loop_vars)

        def cond(i, variables):
            return i < most and truth(inner_cond(*variables))

        def step(i, variables):
            return (i + 1, inner_body(*variables))
    structure = nest.map_structure(lambda leaf: 0, list(loop_vars))
    while truth(cond(*loop_vars)):
        loop_vars = step(*loop_vars)
        nest.assert_same_structure(structure, list(loop_vars))
    loop_vars = as_tensors(loop_vars)
    return loop_vars[1] if maximum_iterations is not None else loop_vars


def packed(body):
    """A graph's loop body: a single result packed into a list, as ``while_v2`` does."""
    def step(*variables):
        result = body(*variables)
        return result if nest.is_nested(result) else [result]
    return step


def truth(value):
    """A loop condition as a Python bool (a tensor of one element, or Python truth)."""
    if isinstance(value, Tensor):
        return bool(value.value)
    return bool(value)


def shape_text(shape):
    return "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"
