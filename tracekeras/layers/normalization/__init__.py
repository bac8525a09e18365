"""Normalization layers (``keras.layers.normalization``): ``BatchNormalization``
(batch_normalization) and ``LayerNormalization`` (layer_normalization)."""
from tracekeras.layers.normalization.batch_normalization import BatchNormalization
from tracekeras.layers.normalization.layer_normalization import LayerNormalization

__all__ = ["BatchNormalization", "LayerNormalization"]
