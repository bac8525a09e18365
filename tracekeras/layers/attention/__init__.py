"""Attention layers (``keras.layers.attention``): one module per layer, as in Keras.

``MultiHeadAttention`` (multi_head_attention), ``Attention`` (attention) and
``AdditiveAttention`` (additive_attention), these two on ``BaseDenseAttention``
(base_dense_attention).
"""
from tracekeras.layers.attention.additive_attention import AdditiveAttention
from tracekeras.layers.attention.attention import Attention
from tracekeras.layers.attention.multi_head_attention import MultiHeadAttention

__all__ = ["AdditiveAttention", "Attention", "MultiHeadAttention"]
