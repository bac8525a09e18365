"""What a layer adds while it runs: losses, metrics and the variables it keeps as attributes.

What it owns (Keras spreads it over ``base_layer.Layer`` and ``base_layer_utils``):

* the call context Keras keeps in ``base_layer_utils.call_context()``: how deep in
  nested layer calls we are (``CALL_CONTEXT.depth``), so the outermost call can clear the
  losses of the previous one and ``add_loss`` knows it runs inside ``call``;
* ``add_loss``'s sorting of what it receives: a zero-argument callable (kept, and
  called each time ``losses`` is read, like a kernel regularizer) or a value made
  inside ``call`` (kept until the next outermost call);
* ``add_metric``'s ``Mean`` metric per name, kept by the layer, shown in ``fit``'s logs;
* the variables and metrics a layer keeps as plain attributes (``self.b =
  tf.Variable(...)``, ``self.loss_tracker = keras.metrics.Mean()``), which Keras
  tracks when they are assigned; here they are found when asked for.

What it receives: the layer and what its ``call`` handed to ``add_loss`` /
``add_metric``. What it hands on: lists ``Layer.losses``, ``Layer.weights`` and
``Model.metrics`` read. No trace events of its own.
"""
import threading

import numpy as np

from tracekeras import backend
from tracekeras.backend.tensor import Tensor, Variable, convert
from tracekeras.metrics.base_metric import Mean, Metric


class CallContext(threading.local):
    """Keras's ``call_context()``: where this thread is in nested layer calls (per thread,
    so two models called in two threads never see each other's training flag)."""

    def __init__(self):
        self.depth = 0          # nested layer calls now running (0: none, 1: the outermost ...)
        self.training = None    # the training flag of the enclosing layer call
        self.name_scope = []    # the layers whose build is running (weights get their names)


CALL_CONTEXT = CallContext()
LOSS_SOURCES = [0]     # regularizers and add_loss calls so far (``losses`` skips its walk at 0)


def in_call():
    return CALL_CONTEXT.depth > 0


def add_loss(layer, losses):
    """Sort ``losses`` (one value, a callable, or a list of them) into the layer's lists."""
    values = losses if isinstance(losses, (list, tuple)) else [losses]
    eager = []
    for loss in values:
        if loss is None:
            continue
        if type(loss).__name__ == "KerasTensor":
            raise symbolic_loss_refused()
        if callable(loss) and not isinstance(loss, Tensor):
            layer._callable_losses.append(loss)
            LOSS_SOURCES[0] += 1
            continue
        eager.append(convert(loss) if isinstance(loss, Tensor) else
                     Tensor(np.asarray(loss, dtype=backend.floatx())))
    if eager and not in_call():
        raise ValueError("Expected a symbolic Tensors or a callable for the loss value. Please "
                         "wrap your loss computation in a zero argument `lambda`.")
    if eager:
        layer._eager_losses.extend(eager)
        LOSS_SOURCES[0] += 1


def symbolic_loss_refused():
    """A symbolic tensor given to the ``add_loss`` of a layer that is not a functional model
    (a functional model inserts an ``AddLoss`` layer into its graph, ``functional_add_loss``),
    as the one-line "does not implement" error naming the script line."""
    from tracekeras.shim.errors import PACKAGE, OperationNotImplementedByTracekeras, caller
    return OperationNotImplementedByTracekeras(
        "tracekeras does not implement keras.engine.functional.Functional."
        "_graph_network_add_loss for a layer that is not a functional model (add_loss of a "
        f"symbolic tensor, used by {caller(PACKAGE)}); add the loss inside the layer's call "
        "instead")


def collect_losses(layer):
    """The losses of ``layer`` and every sub-layer: values added in the last call, then
    the callables (regularizers) evaluated now, layer by layer as Keras walks them."""
    if not LOSS_SOURCES[0]:
        return []   # nothing anywhere ever added a loss: no walk (``fit`` asks each step)
    out = []
    for sub in layer._flatten_layers():
        out.extend(sub._eager_losses)
        for loss in sub._callable_losses:
            value = loss()
            if value is not None:
                out.append(value)
    return out


def clear_losses(layer):
    """The outermost call starts afresh: the values added by the previous call go."""
    if not LOSS_SOURCES[0]:
        return
    for sub in layer._flatten_layers():
        if sub._eager_losses:
            sub._eager_losses = []


def add_metric(layer, value, name=None, aggregation=None):
    """A ``Mean`` named ``name`` kept by the layer, updated with ``value`` (a running mean)."""
    if aggregation not in (None, "mean"):
        raise ValueError(f'We currently support only `mean` and `None` aggregation. '
                         f'Received: aggregation={aggregation}')
    if isinstance(value, Metric):
        if value not in layer._metrics:
            layer._metrics.append(value)
        return
    source = metric_of_result(layer, value)
    if source is not None:   # ``self.accuracy_fn(...)``'s result: that metric, already kept
        return
    if name is None:
        raise ValueError("Please provide a name for your metric like "
                         "`self.add_metric(tf.reduce_sum(inputs), name='mean_activation')`")
    metric = next((m for m in layer._metrics if m.name == name), None)
    if metric is None:
        metric = Mean(name=name)
        layer._metrics.append(metric)
    metric.update_state(getattr(value, "value", value))


def metric_of_result(layer, value):
    """The layer's metric whose ``__call__`` returned ``value``, if any."""
    for metric in list(layer._metrics) + attribute_metrics(layer):
        if getattr(metric, "_last_call_result", None) is value:
            return metric
    return None


def attribute_variables(layer, known):
    """Variables kept as attributes (or in lists of attributes) and not yet in ``known``."""
    found, seen = [], {id(v) for v in known}
    for value in vars(layer).values():
        items = value if isinstance(value, (list, tuple)) else (value,)
        for item in items:
            if isinstance(item, Variable) and id(item) not in seen:
                seen.add(id(item))
                found.append(item)
    return found


def attribute_metrics(layer):
    """Metrics kept as attributes (``self.loss_tracker = keras.metrics.Mean(...)``).

    Keras tracks them like sub-layers; a Model (not a plain Layer) counts their state
    variables among its non-trainable weights (``total:0``, ``count:0``), so a subclassed
    model's ``get_weights`` includes them.
    """
    return [value for value in vars(layer).values() if isinstance(value, Metric)]
