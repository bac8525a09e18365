"""Attention: Luong-style dot-product attention (``keras.layers.attention.attention``).

What it owns: ``Attention(use_scale=False, score_mode="dot", dropout=0.0)``. The scores are
``query @ key^T`` (times a learned scalar ``scale`` with ``use_scale``), or with
``score_mode="concat"`` ``concat_score_weight * sum(tanh(query + key))`` over the
features. ``build`` adds those scalar weights (ones). The rest is
``BaseDenseAttention``'s.

What it receives: ``[query, value(, key)]``; what it hands on: ``[B, T, dim]``.

Trace events: span ``keras.layers.attention.attention.Attention.build`` (stage build) with
its ``add_weight`` spans.
"""
from tracekeras import tracing
from tracekeras.backend import array_ops, nn, ops
from tracekeras.engine.base_layer import Layer, shape_list
from tracekeras.layers.attention.base_dense_attention import BaseDenseAttention


class Attention(BaseDenseAttention):
    """``Attention(use_scale=False, score_mode="dot", dropout=0.0)``."""

    def __init__(self, use_scale=False, score_mode="dot", **kwargs):
        if score_mode not in ("dot", "concat"):
            raise ValueError(f"Received: score_mode={score_mode}. Acceptable values are: "
                             '["dot", "concat"]')
        super().__init__(**kwargs)
        self.use_scale = use_scale
        self.score_mode = score_mode
        self.scale = self.concat_score_weight = None

    @tracing.traced("build", args=lambda self, input_shape: {
        "layer": self.name, "input_shape": shape_list(input_shape)})
    def build(self, input_shape):
        if self.use_scale:
            self.scale = self.add_weight(name="scale", shape=(), initializer="ones",
                                         dtype=self.dtype, trainable=True)
        if self.score_mode == "concat":
            self.concat_score_weight = self.add_weight(name="concat_score_weight", shape=(),
                                                       initializer="ones", dtype=self.dtype,
                                                       trainable=True)
        Layer.build(self, input_shape)

    def _calculate_scores(self, query, key):
        if self.score_mode == "dot":
            scores = ops.matmul(query, ops.matrix_transpose(key))
            if self.scale is not None:
                scores = ops.multiply(scores, self.scale)
            return scores
        summed = ops.add(array_ops.expand_dims(query, -2), array_ops.expand_dims(key, -3))
        if self.scale is not None:
            summed = ops.multiply(self.scale, summed)
        return ops.multiply(self.concat_score_weight,
                            ops.reduce_sum(nn.tanh(summed), axis=-1))

    def get_config(self):
        config = super().get_config()
        config.update({"use_scale": self.use_scale, "score_mode": self.score_mode})
        return config
