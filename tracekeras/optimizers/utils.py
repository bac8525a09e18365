"""``keras.optimizers.utils``: gradient filtering and clipping the optimizers share.

What it owns: ``filter_empty_gradients`` (drop ``None`` gradients with Keras's
warning, or Keras's ValueError when none is left) and the three clipping rules
of the v2.11+ optimizer (``clip_by_norm`` per gradient, ``clip_by_global_norm``
over all of them, ``clip_by_value``), written as TensorFlow computes them, in
float32.
What it receives: gradients as NumPy arrays; hands on new arrays (the caller's
gradients are never changed in place).
Trace events: none (``apply_gradients`` notes what clipping did).
"""
import logging

import numpy as np

logger = logging.getLogger("tracekeras")


class CallableList(list):
    """Keras's ``optimizer.variables``: a list that may also be called (``variables()``)."""

    def __call__(self):
        return self


def as_array(gradient, dtype):
    """A gradient as a NumPy array of the variable's dtype (no copy when it already is one)."""
    value = getattr(gradient, "value", gradient)
    value = value if isinstance(value, np.ndarray) else np.asarray(value)
    return value if value.dtype == dtype else value.astype(dtype)


def filter_empty_gradients(grads_and_vars):
    """Filter out ``(grad, var)`` pairs whose gradient is ``None``."""
    grads_and_vars = tuple(grads_and_vars)
    if not grads_and_vars:
        return grads_and_vars
    filtered = tuple((g, v) for g, v in grads_and_vars if g is not None)
    if not filtered:
        variable = ([v.name for _, v in grads_and_vars],)
        raise ValueError(f"No gradients provided for any variable: {variable}. "
                         f"Provided `grads_and_vars` is {grads_and_vars}.")
    empty = [v.name for g, v in grads_and_vars if g is None]
    if empty:
        logger.warning("Gradients do not exist for variables %s when minimizing the loss. If "
                       "you're using `model.compile()`, did you forget to provide a `loss` "
                       "argument?", empty)
    return filtered


def l2_sum(g):
    flat = g.reshape(-1)
    return np.dot(flat, flat)


def clip_by_norm(g, clip_norm):
    """``tf.clip_by_norm``: ``g * clip_norm / max(||g||, clip_norm)``."""
    clip_norm = g.dtype.type(clip_norm)
    l2sum = l2_sum(g)
    l2norm = np.sqrt(l2sum) if l2sum > 0 else l2sum
    return (g * clip_norm) / np.maximum(l2norm, clip_norm)


def clip_by_global_norm(grads, clip_norm):
    """``tf.clip_by_global_norm``: scale every gradient by ``clip_norm / max(global_norm,
    clip_norm)``."""
    present = [g for g in grads if g is not None]
    dtype = present[0].dtype.type if present else np.float32
    global_norm = np.sqrt(dtype(sum(l2_sum(g) for g in present)))
    clip_norm = dtype(clip_norm)
    one = dtype(1.0)
    scale = clip_norm * np.minimum(one / global_norm, one / clip_norm)
    if not np.isfinite(global_norm):
        scale = dtype(np.nan)
    return [None if g is None else g * scale for g in grads]


def clip_by_value(g, clip_value):
    """``tf.clip_by_value(g, -clip_value, clip_value)``."""
    limit = g.dtype.type(clip_value)
    return np.clip(g, -limit, limit)
