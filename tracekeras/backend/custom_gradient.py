"""``tf.custom_gradient``: a function whose gradient is the one it returns.

What it owns: the decorator of ``tensorflow/python/ops/custom_gradient.py`` in its eager
form. The decorated ``f(*args, **kwargs)`` returns ``(result, grad_fn)``; the result is
handed back as it is, and the tapes recording record one op, named after ``f``, from the
positional arguments (and the variables ``f`` read) to the result, whose backward rule
is ``grad_fn``: the ops ``f`` ran inside are on the tape too, but the gradient goes
through ``grad_fn`` alone, as in TensorFlow (``grad_reverse``: ``lambda dy: -dy``).

``grad_fn(*upstream)`` gets one gradient per result tensor (zeros for a result the
target does not use) and returns one gradient per positional argument (a single one
or a list; None for an argument without one). When ``f`` read trainable variables that are
not its arguments, ``grad_fn`` must take the keyword ``variables`` and return
``(input_grads, variable_grads)``, TensorFlow's TypeError saying so otherwise; a wrong
number of gradients is TensorFlow's ValueError. ``grad_fn`` runs on tensors when a tape
records the gradient (a second derivative) and on the NumPy gradient wrapped as a tensor
otherwise, so it may use any ``tf`` op. Several result tensors of one dtype share one
node (a flat carrier the results are sliced from); results of different dtypes end in
the one-line "does not implement" error. No trace events of its own (the op is traced
as ``tf.custom_gradient:<f's name>`` at level full).
"""
import functools
import inspect

import numpy as np

from tracekeras.shim.errors import OperationNotImplementedByTracekeras, caller
from tracekeras.utils import nest

from . import array_ops, ops
from .tape import GradientTape, record
from .tensor import TAPES, Tensor, Variable


def custom_gradient(f=None):
    """``@tf.custom_gradient``: ``f`` returns ``(result, grad_fn)``."""
    if f is None:
        return custom_gradient

    @functools.wraps(f)
    def decorated(*args, **kwargs):
        if not TAPES.active:   # nothing records: the result alone, as TensorFlow's eager run
            result, _ = f(*args, **kwargs)
            return result
        with GradientTape(watch_accessed_variables=True) as watcher:
            result, grad_fn = f(*args, **kwargs)
        flat_args = nest.flatten(args)
        arguments = [v for v in nest.flatten(kwargs) + flat_args if isinstance(v, Tensor)]
        variables = read_variables(watcher, arguments)
        check_grad_fn(grad_fn, variables)
        inputs = tuple(array_ops.convert_to_tensor(a) for a in flat_args) + tuple(variables)
        return recorded(f.__name__, result, inputs, grad_fn, len(flat_args), variables)

    return decorated


def read_variables(watcher, arguments):
    """The trainable variables ``f`` read, other than its own arguments, in reading order."""
    found = {}
    for node in watcher.nodes:
        for t in node.inputs:
            if isinstance(t, Variable) and t.trainable and all(t is not a for a in arguments):
                found.setdefault(id(t), t)
    return list(found.values())


def check_grad_fn(grad_fn, variables):
    spec = inspect.getfullargspec(grad_fn)
    if variables and "variables" not in spec.args and "variables" not in spec.kwonlyargs \
            and not spec.varkw:
        raise TypeError("@tf.custom_gradient grad_fn must accept keyword argument "
                        f"'variables', since function uses variables: {variables}")


def recorded(name, result, inputs, grad_fn, arg_count, variables):
    """The result, recorded as one op of ``inputs`` whose gradient is ``grad_fn``'s."""
    flat = [array_ops.convert_to_tensor(r) for r in nest.flatten(result)]
    dtypes = {t.value.dtype for t in flat}
    if len(dtypes) > 1:
        raise OperationNotImplementedByTracekeras(
            f"tracekeras does not implement tf.custom_gradient of a function whose results "
            f"have different dtypes ({', '.join(sorted(map(str, dtypes)))}) (used by "
            f"{caller()})")
    shapes = [t.value.shape for t in flat]
    pieces = np.cumsum([0] + [int(np.prod(s, dtype=np.int64)) for s in shapes])
    carrier_value = np.concatenate([t.value.reshape(-1) for t in flat]) if len(flat) > 1 \
        else flat[0].value
    gradients = gradient_function(grad_fn, arg_count, variables, shapes, pieces)

    def backward(g, needs):
        return tuple(None if not need or grad is None else np.asarray(
            array_ops.convert_to_tensor(grad).value, dtype=inp.value.dtype)
            for grad, need, inp in zip(gradients(Tensor(g)), needs, inputs))

    def backward_ops(g, needs, out):
        return tuple(None if not need or grad is None else array_ops.convert_to_tensor(grad)
                     for grad, need in zip(gradients(g), needs))

    carrier = record(f"tf.custom_gradient:{name}", carrier_value, inputs, backward,
                     backward_ops)
    if len(flat) == 1:
        return nest.pack_sequence_as(result, [carrier]) if nest.is_nested(result) else carrier
    outs = [ops.reshape(ops.getitem(carrier, slice(int(a), int(b))), s)
            for a, b, s in zip(pieces, pieces[1:], shapes)]
    return nest.pack_sequence_as(result, outs)


def gradient_function(grad_fn, arg_count, variables, shapes, pieces):
    """The carrier's gradient -> ``grad_fn``'s gradients of the inputs, then the variables,
    checked as TensorFlow checks them."""
    def gradients(g):
        grads = [g] if len(shapes) == 1 else [
            ops.reshape(g[int(a):int(b)], s) for a, b, s in zip(pieces, pieces[1:], shapes)]
        if variables:
            input_grads, variable_grads = grad_fn(*grads, variables=variables)
            if len(variable_grads) != len(variables):
                raise ValueError("Must return gradient for each variable from @custom_gradient "
                                 "grad_fn.")
        else:
            input_grads, variable_grads = grad_fn(*grads), []
        flat_grads = nest.flatten(input_grads)
        if len(flat_grads) != arg_count:
            raise ValueError(f"custom_gradient function expected to return {arg_count} "
                             f"gradients, but returned {len(flat_grads)} instead.")
        return flat_grads + list(variable_grads)
    return gradients
