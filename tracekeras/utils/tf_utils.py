"""``keras.utils.tf_utils``: the platform question the engine asks, and the axis check
of the normalization layers.

What it owns: ``validate_axis`` (an axis or list of axes made non-negative and
checked against the input's rank, with Keras's errors) and ``can_jit_compile`` —
Keras asks it before using XLA, both when
``Model.compile(jit_compile=True)`` is requested and when an optimizer is
created (the v2.11+ optimizers default to ``jit_compile=True``).
What it receives: ``warn`` (whether to tell the user XLA is off).
What it hands on: ``False`` — tracekeras runs on NumPy, XLA does not exist
here, so every caller switches ``jit_compile`` off.
Trace events: ``keras.utils.tf_utils.can_jit_compile`` (stage compile) with
the answer and the reason.
"""
import sys
import warnings

from tracekeras import tracing

NO_XLA_REASON = "tracekeras runs on NumPy: there is no XLA compiler"


@tracing.traced("compile",
                args=lambda warn=False: {"warn": warn},
                result=lambda ret: {"ret": ret, "reason": NO_XLA_REASON})
def can_jit_compile(warn=False):
    """Return whether XLA (``jit_compile``) can be used: never, on this backend.

    Keras answers False on platforms without XLA support (and warns when asked);
    tracekeras has no XLA at all, so the answer is always False.
    """
    if warn:
        warnings.warn(
            "XLA (`jit_compile`) is not available in tracekeras, which runs on NumPy: "
            "`jit_compile` is switched off and the model runs eagerly.",
            UserWarning, stacklevel=user_stacklevel())
    return False


def user_stacklevel():
    """The ``stacklevel`` that points a warning at the user's line, past tracekeras's frames."""
    frame, level = sys._getframe(1), 1
    while frame is not None and frame.f_globals.get("__name__", "").startswith("tracekeras."):
        frame, level = frame.f_back, level + 1
    return level


def validate_axis(axis, input_shape):
    """A list of non-negative axes of ``input_shape``; a ValueError for one out of range or
    given twice."""
    rank = len(input_shape)
    if not rank:
        raise ValueError(f"Input has undefined rank. Received: input_shape={input_shape}")
    axis = [axis] if isinstance(axis, int) else list(axis)
    axis = [a + rank if a < 0 else a for a in axis]
    for a in axis:
        if a < 0 or a >= rank:
            raise ValueError("Invalid value for `axis` argument. Expected 0 <= axis < "
                             f"inputs.rank (with inputs.rank={rank}). Received: "
                             f"axis={tuple(axis)}")
    if len(axis) != len(set(axis)):
        raise ValueError(f"Duplicate axis: {tuple(axis)}")
    return axis
