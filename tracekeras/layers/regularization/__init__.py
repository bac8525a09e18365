"""Regularization layers (``keras.layers.regularization``): ``Dropout`` (dropout)."""
from tracekeras.layers.regularization.dropout import Dropout

__all__ = ["Dropout"]
