"""Core layers (``keras.layers.core``): one module per layer, as in Keras.

``Activation`` (activation), ``EinsumDense`` (einsum_dense), ``Embedding`` (embedding),
``Identity`` (identity) and ``Lambda`` (lambda_layer). ``Dense`` lives in
``tracekeras.layers.dense``.
"""
from tracekeras.layers.core.activation import Activation
from tracekeras.layers.core.einsum_dense import EinsumDense
from tracekeras.layers.core.embedding import Embedding
from tracekeras.layers.core.identity import Identity
from tracekeras.layers.core.lambda_layer import Lambda

__all__ = ["Activation", "EinsumDense", "Embedding", "Identity", "Lambda"]
