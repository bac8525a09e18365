"""Regularization layers (``keras.layers.regularization``): ``Dropout`` (dropout) and
``AlphaDropout`` (alpha_dropout)."""
from tracekeras.layers.regularization.alpha_dropout import AlphaDropout
from tracekeras.layers.regularization.dropout import Dropout

__all__ = ["AlphaDropout", "Dropout"]
