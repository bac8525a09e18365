"""Normalization layers (``keras.layers.normalization``): ``BatchNormalization``
(batch_normalization), ``LayerNormalization`` (layer_normalization),
``GroupNormalization`` (group_normalization) and ``UnitNormalization``
(unit_normalization)."""
from tracekeras.layers.normalization.batch_normalization import BatchNormalization
from tracekeras.layers.normalization.group_normalization import GroupNormalization
from tracekeras.layers.normalization.layer_normalization import LayerNormalization
from tracekeras.layers.normalization.unit_normalization import UnitNormalization

__all__ = ["BatchNormalization", "GroupNormalization", "LayerNormalization",
           "UnitNormalization"]
