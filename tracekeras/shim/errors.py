"""What the shim raises for a Keras or TensorFlow API tracekeras does not implement, and
``caller``, which names the script line that used it (``tracekeras run`` prints these
in one line, never as a traceback)."""
import importlib
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__)) + os.sep
PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
IMPORTLIB = os.path.dirname(importlib.__file__) + os.sep


class NotImplementedByTracekeras(ImportError):
    """``import``/``from ... import`` of a Keras API tracekeras does not implement."""


class AttributeNotImplementedByTracekeras(AttributeError):
    """An attribute look-up of a Keras API tracekeras does not implement."""


class OperationNotImplementedByTracekeras(NotImplementedError):
    """A use of an API tracekeras has, in a way it does not implement (a gradient of a
    gradient)."""


def caller(outside=HERE):
    """'script.py line 12': the first frame outside the shim (or the folder ``outside``,
    tracekeras's own when the engine refuses a call) and importlib."""
    frame = sys._getframe(1)
    while frame is not None:
        filename = frame.f_code.co_filename
        if not (filename.startswith("<frozen") or filename.startswith(outside)
                or filename.startswith(IMPORTLIB)):
            return f"{os.path.basename(filename)} line {frame.f_lineno}"
        frame = frame.f_back
    return None
