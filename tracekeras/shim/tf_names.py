"""Values of the ``tensorflow`` namespace that are not ops: version, ``tf.function``, the tape.

What it owns: the ``tf.version`` values (the dtypes, ``tf.float32`` and ``tf.as_dtype``,
are :mod:`tracekeras.backend.dtypes`'s), :func:`function`, tracekeras's ``tf.function``,
and :class:`GradientTape`, the ``tf.GradientTape`` of a script: the backend tape,
whose ``gradient``, ``jacobian`` and ``batch_jacobian`` hand back Tensors as TensorFlow's
do (the engine's own tape hands NumPy arrays straight to the optimizer); a gradient
through an op that cannot be differentiated twice stops in one line naming the op.

``tf.function`` in TensorFlow traces the Python function into a graph on its first
call (and again for arguments of another shape, dtype or Python value) and runs the
graph afterwards. tracekeras has no graph: the decorated function runs as written,
eagerly, every time; only its random ops draw as the traced graph's would (the graph's
seeds, kernels that go on from call to call), so a seeded program samples TensorFlow's
numbers inside a ``tf.function`` too, and the warnings of its ops on the ``tensorflow``
logger are said on a trace's first call only (:class:`TracingWarnings`). The first call
of each decorated function in a trace leaves an instant ``tf.function`` (stage
``function``, level ``stages``) saying so; later calls add nothing. Used by
:mod:`tracekeras.shim.namespaces`.
"""
import contextlib
import enum
import functools
import logging
import threading

import numpy as np

from tracekeras import tracing
from tracekeras.backend import GradientTape as BackendTape
from tracekeras.backend import Tensor, Variable, control_flow_ops
from tracekeras.backend import random as krandom
from tracekeras.backend.dtypes import DTYPES, DType, as_dtype  # noqa: F401 - tf's names
from tracekeras.backend.tape import SecondOrderNotImplemented, update_auto_watch
from tracekeras.shim.errors import OperationNotImplementedByTracekeras, caller
from tracekeras.utils.nest import flatten, is_nested, pack_sequence_as

TF_VERSION = "2.21.0"   # the TensorFlow release whose tf API tracekeras follows


VERSION = {"VERSION": TF_VERSION, "GIT_VERSION": f"v{TF_VERSION}",
           "COMPILER_VERSION": "none: tracekeras runs on NumPy"}


class TracingWarnings(threading.local):
    """Whether this thread's ``tensorflow`` logger speaks now: not while a ``tf.function``
    runs a call it has traced already. TensorFlow runs the Python body of a ``tf.function``
    only while tracing it, so the warnings its Python ops log (a complex number cast to a
    float) are said once a trace, and never when the graph runs again; tracekeras runs the
    body on every call and keeps quiet on those calls."""

    def __init__(self):
        self.quiet = 0   # how many calls of traced graphs are running in this thread

    def filter(self, record):   # a logging filter: False drops the record
        return not self.quiet

    @contextlib.contextmanager
    def said(self, tracing):
        """A call of a tf.function: ``tracing`` its graph, or running it again."""
        if tracing:
            yield
            return
        self.quiet += 1
        try:
            yield
        finally:
            self.quiet -= 1


TRACING_WARNINGS = TracingWarnings()
logging.getLogger("tensorflow").addFilter(TRACING_WARNINGS)


def function(func=None, input_signature=None, autograph=True, jit_compile=None,
             reduce_retracing=False, experimental_compile=None, **options):
    """``tf.function``: run ``func`` as written, eagerly (tracekeras builds no graph), its
    random ops drawn as from the graph TensorFlow would have traced for these arguments
    (``trace_key``): seeds by the graph's rule, kernels that go on from call to call
    (:class:`tracekeras.backend.random.FunctionGraph`)."""
    if func is None:
        return functools.partial(function, input_signature=input_signature,
                                 jit_compile=jit_compile, reduce_retracing=reduce_retracing,
                                 **options)
    seen = [None]   # the recorder whose trace already says this function ran eagerly
    graphs = {}     # trace_key -> the FunctionGraph of that trace

    @functools.wraps(func)
    def eager(*args, **kwargs):
        rec = tracing.state.recorder
        if rec is not None and seen[0] is not rec:
            seen[0] = rec
            tracing.instant("tf.function", "function", function=func.__qualname__,
                            ran="eagerly", jit_compile=jit_compile,
                            reason="tracekeras has no graph mode: the Python function runs "
                                   "as written on every call")
        key = () if input_signature is not None else trace_key(args, kwargs)
        traced = key in graphs
        if not traced:   # TensorFlow traces a graph: its seed is the global one now
            graphs[key] = krandom.FunctionGraph(krandom.GLOBAL_SEED[0])
        # control flow answers as in a graph, and random ops draw as the graph's; the
        # warnings TensorFlow's Python code logs are said while tracing only
        with control_flow_ops.tf_function_body(), graphs[key].calling(), \
                TRACING_WARNINGS.said(not traced):
            return func(*args, **kwargs)

    eager.python_function = func
    return eager


def trace_key(args, kwargs):
    """What makes TensorFlow trace a ``tf.function`` again: another shape or dtype of a
    tensor (or NumPy array) argument, another value of a Python number, string or bool,
    another object."""
    def leaf(x):
        if isinstance(x, (Tensor, Variable, np.ndarray, np.generic)):
            return ("tensor", tuple(x.shape), str(x.dtype))
        if isinstance(x, (bool, int, float, str, bytes, type(None))):
            return (type(x).__name__, x)
        return ("object", id(x))
    return tuple(leaf(x) for x in flatten((list(args), sorted(kwargs.items()))))


class UnconnectedGradients(enum.Enum):
    """``tf.UnconnectedGradients``: what ``gradient`` gives for a source the target does
    not depend on: None (``NONE``) or zeros of the source's shape (``ZERO``)."""

    NONE = "none"
    ZERO = "zero"


class GradientTape(BackendTape):
    """``tf.GradientTape``: the backend tape; ``gradient`` returns Tensors (None where unconnected,
    zeros with ``unconnected_gradients="zero"``), recorded by any tape that follows them."""

    def gradient(self, target, sources, output_gradients=None, unconnected_gradients="none"):
        self.seen_variables = self.watched_variables()   # the nodes go with a non-persistent tape
        try:
            result = BackendTape.gradient(self, target, sources,
                                          output_gradients=output_gradients)
        except SecondOrderNotImplemented as refused:
            raise second_order_refused(refused, "tf.GradientTape.gradient") from None
        zero = str(getattr(unconnected_gradients, "value", unconnected_gradients)).lower()
        # only floating (and complex) tensors carry gradients: an integer or string source
        # gets none, even as its own target
        grads = [as_tensor(g if differentiable(source) else None, source, zero == "zero")
                 for g, source in zip(flatten(result), flatten(sources), strict=True)]
        return pack_sequence_as(sources, grads) if is_nested(sources) else grads[0]

    def jacobian(self, target, sources, unconnected_gradients="none", parallel_iterations=None,
                 experimental_use_pfor=True):
        """``tf.GradientTape.jacobian``: one gradient walk per element of ``target``."""
        self.seen_variables = self.watched_variables()
        try:
            result = BackendTape.jacobian(self, target, sources)
        except SecondOrderNotImplemented as refused:
            raise second_order_refused(refused, "tf.GradientTape.jacobian") from None
        zero = str(getattr(unconnected_gradients, "value", unconnected_gradients)).lower()
        shape = np.shape(np.asarray(target))
        grads = [Tensor(np.zeros(shape + np.shape(np.asarray(s)), np.asarray(s).dtype))
                 if g is None and zero == "zero" else g
                 for g, s in zip(flatten(result), flatten(sources), strict=True)]
        return pack_sequence_as(sources, grads) if is_nested(sources) else grads[0]

    def batch_jacobian(self, target, source, unconnected_gradients="none",
                       parallel_iterations=None, experimental_use_pfor=True):
        """``tf.GradientTape.batch_jacobian``: rows of the batch differentiated on their own."""
        self.seen_variables = self.watched_variables()
        try:
            result = BackendTape.batch_jacobian(self, target, source)
        except SecondOrderNotImplemented as refused:
            raise second_order_refused(refused, "tf.GradientTape.batch_jacobian") from None
        zero = str(getattr(unconnected_gradients, "value", unconnected_gradients)).lower()
        if result is None and zero == "zero":
            value = np.asarray(source)
            return Tensor(np.zeros(np.shape(np.asarray(target)) + value.shape[1:], value.dtype))
        return result

    @contextlib.contextmanager
    def stop_recording(self):
        """``tf.GradientTape.stop_recording``: the ops run inside are not recorded by this
        tape (it must be recording: inside its ``with`` block)."""
        from tracekeras.backend.tensor import TAPES
        if self not in TAPES.active:
            raise ValueError("Tape is not recording.")
        TAPES.active.remove(self)
        update_auto_watch()
        try:
            yield
        finally:
            TAPES.active.append(self)
            update_auto_watch()

    def watch(self, tensor):
        """As in TensorFlow, only floating (or complex) tensors are watched; others are
        skipped, warned."""
        for t in flatten(tensor):
            if np.issubdtype(np.asarray(t).dtype, np.inexact):
                BackendTape.watch(self, t)
            else:
                logging.getLogger("tensorflow").warning(
                    "The dtype of the watched tensor must be floating (e.g. tf.float32), "
                    "got %r", as_dtype(np.asarray(t).dtype))

    def watched_variables(self):
        """The variables this tape watched: by ``watch`` or by a recorded op reading them."""
        found = {id(v): v for v in getattr(self, "seen_variables", ())}
        found.update((id(t), t) for t in self.watched.values() if isinstance(t, Variable))
        for node in self.nodes:
            for t in node.inputs:
                if isinstance(t, Variable) and self.follows_input(t):
                    found.setdefault(id(t), t)
        return tuple(found.values())


def second_order_refused(refused, name):
    """A gradient through an op without a differentiable backward rule, as the one-line
    "does not implement" error naming the op and the script line."""
    return OperationNotImplementedByTracekeras(
        f"tracekeras does not implement the gradient of the gradient of {refused.op} (asked "
        f"for by {name}, used by {caller()}); its backward rule computes with NumPy only, "
        "so a tape cannot differentiate it")


def differentiable(source):
    return np.issubdtype(np.asarray(source).dtype, np.inexact)


def as_tensor(gradient, source, zero):
    if gradient is None:
        return Tensor(np.zeros_like(np.asarray(source))) if zero else None
    if isinstance(gradient, Tensor):
        return gradient
    # an IndexedSlicesGradient stays one inside the Tensor, so apply_gradients knows it
    return Tensor(gradient if isinstance(gradient, np.ndarray) else np.asarray(gradient))
