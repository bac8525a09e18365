"""BaseDenseAttention: attention of one head, with no projections
(``keras.layers.attention.base_dense_attention``).

What it owns: ``BaseDenseAttention(dropout=0.0)``, the base of ``Attention`` and
``AdditiveAttention``, called as ``layer([query, value(, key)], mask=None, training=None,
return_attention_scores=False, use_causal_mask=False)``. A subclass gives the scores
(``_calculate_scores``, ``[B, T, S]``); this class masks them (the value's mask and, with
``use_causal_mask``, a lower triangle, by subtracting 1e9), takes their softmax over the
keys, drops some while training, and returns ``weights @ value`` with the positions the
query's mask hides set to 0 (``_apply_scores``). The output's mask is the query's. The
deprecated ``causal=True`` argument is taken with Keras's warning and masks every call
as ``use_causal_mask=True`` does (it is not in the config, as in Keras).

What it receives: a list of two or three Tensors ``[B, T, dim]``, ``[B, S, dim]``, and
their masks from ``Layer.__call__``. What it hands on: ``[B, T, dim]`` (and the weights
``[B, T, S]`` with ``return_attention_scores=True``).

Trace events: the ``Layer.__call__`` spans of the base class; a subclass's ``build``.
"""
import logging

import numpy as np

from tracekeras import backend
from tracekeras.backend import nn, ops
from tracekeras.engine.base_layer import Layer, executing_eagerly

logger = logging.getLogger("tracekeras")


def mask_array(mask):
    return None if mask is None else np.asarray(getattr(mask, "value", mask)).astype(bool)


class BaseDenseAttention(Layer):
    """``BaseDenseAttention(dropout=0.0)``."""

    def __init__(self, dropout=0.0, **kwargs):
        if "causal" in kwargs:   # deprecated: Keras warns and masks every call, as below
            logger.warning("`causal` argument is deprecated. Please use `use_causal_mask` in "
                           "call() method to specify causal masking.")
        self.causal = kwargs.pop("causal", False)
        super().__init__(**kwargs)
        self.dropout = dropout
        self.supports_masking = True

    def _calculate_scores(self, query, key):
        raise NotImplementedError(f"{type(self).__name__} must define _calculate_scores.")

    def _apply_scores(self, scores, value, scores_mask=None, training=None):
        if scores_mask is not None:
            big = 65504.0 if scores.dtype == np.float16 else 1.0e9
            scores = ops.subtract(scores, big * (~scores_mask).astype(scores.dtype))
        weights = nn.softmax(scores)
        if self.dropout > 0 and training and executing_eagerly():
            weights = nn.dropout(weights, self.dropout,
                                 uniform_sampler=backend.random.function_uniform)
        return ops.matmul(weights, value), weights

    def call(self, inputs, mask=None, training=None, return_attention_scores=False,
             use_causal_mask=False):
        self._validate_call_args(inputs=inputs, mask=mask)
        q, v = inputs[0], inputs[1]
        k = inputs[2] if len(inputs) > 2 else v
        q_mask = mask_array(mask[0]) if mask else None
        v_mask = mask_array(mask[1]) if mask else None
        scores = self._calculate_scores(query=q, key=k)
        scores_mask = None if v_mask is None else v_mask[..., np.newaxis, :]
        if self.causal or use_causal_mask:
            rows, cols = scores.shape[-2:]
            causal = np.tril(np.ones((rows, cols), dtype=bool)).reshape(
                (1,) * (scores.ndim - 2) + (rows, cols))
            scores_mask = causal if scores_mask is None else scores_mask & causal
        result, attention_scores = self._apply_scores(scores=scores, value=v,
                                                      scores_mask=scores_mask,
                                                      training=training)
        if q_mask is not None:
            result = ops.multiply(result, q_mask[..., np.newaxis].astype(result.dtype))
        if return_attention_scores:
            return result, attention_scores
        return result

    def compute_mask(self, inputs, mask=None):
        self._validate_call_args(inputs=inputs, mask=mask)
        if mask and mask[0] is not None:
            return mask[0]
        return None

    def _validate_call_args(self, inputs, mask):
        name = type(self).__name__
        if not isinstance(inputs, list):
            raise ValueError(f"{name} layer must be called on a list of inputs, namely "
                             f"[query, value] or [query, value, key]. Received: {inputs}.")
        if len(inputs) < 2 or len(inputs) > 3:
            raise ValueError(f"{name} layer accepts inputs list of length 2 or 3, namely "
                             "[query, value] or [query, value, key]. Received length: "
                             f"{len(inputs)}.")
        if mask:
            if not isinstance(mask, list):
                raise ValueError(f"{name} layer mask must be a list, namely [query_mask, "
                                 f"value_mask]. Received: {mask}.")
            if len(mask) < 2 or len(mask) > len(inputs):
                raise ValueError(f"{name} layer mask must be a list of length 2, namely "
                                 f"[query_mask, value_mask]. Received length: {len(mask)}.")

    def compute_output_shape(self, input_shape):
        return tuple(input_shape[0])

    def get_config(self):
        config = super().get_config()
        config["dropout"] = self.dropout
        return config
