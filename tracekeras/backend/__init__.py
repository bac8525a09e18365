"""tracekeras.backend: the NumPy backend (``keras.backend`` on TensorFlow, here on NumPy).

``Tensor`` and ``Variable`` hold values; ``GradientTape`` differentiates; ``ops``
and ``nn`` are the differentiable operations; ``config`` holds floatx, epsilon
and the layer-name counters that ``clear_session`` resets.
"""
from . import nn, ops
from .config import (clear_session, epsilon, floatx, get_uid, set_epsilon, set_floatx,
                     standardize_dtype, unique_object_name)
from .tape import GradientTape
from .tensor import Tensor, Variable, convert

__all__ = ["GradientTape", "Tensor", "Variable", "clear_session", "convert", "epsilon", "floatx",
           "get_uid", "nn", "ops", "set_epsilon", "set_floatx", "standardize_dtype",
           "unique_object_name"]
