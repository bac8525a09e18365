"""tracekeras.models: ``Sequential`` and ``Model``, as ``tensorflow.keras.models`` has them."""
from tracekeras.engine.functional import Functional
from tracekeras.engine.sequential import Sequential
from tracekeras.engine.training import Model

__all__ = ["Functional", "Model", "Sequential"]
