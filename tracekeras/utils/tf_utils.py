"""``keras.utils.tf_utils``: the one platform question the engine asks here.

What it owns: ``can_jit_compile`` — Keras asks it before using XLA, both when
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
