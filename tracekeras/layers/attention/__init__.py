"""Attention layers (``keras.layers.attention``): one module per layer, as in Keras.

``MultiHeadAttention`` (multi_head_attention).
"""
from tracekeras.layers.attention.multi_head_attention import MultiHeadAttention

__all__ = ["MultiHeadAttention"]
