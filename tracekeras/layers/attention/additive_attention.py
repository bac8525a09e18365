"""AdditiveAttention: Bahdanau-style attention (``keras.layers.attention.additive_attention``).

What it owns: ``AdditiveAttention(use_scale=True, dropout=0.0)``: the scores are
``sum(scale * tanh(query + key))`` over the features, ``scale`` a learned vector of the
value's feature size (glorot_uniform) added by ``build`` with ``use_scale``. The rest is
``BaseDenseAttention``'s.

What it receives: ``[query, value(, key)]``; what it hands on: ``[B, T, dim]``.

Trace events: span ``keras.layers.attention.additive_attention.AdditiveAttention.build``
(stage build) with its ``add_weight`` span.
"""
from tracekeras import tracing
from tracekeras.backend import array_ops, nn, ops
from tracekeras.engine.base_layer import Layer, shape_list
from tracekeras.layers.attention.base_dense_attention import BaseDenseAttention


class AdditiveAttention(BaseDenseAttention):
    """``AdditiveAttention(use_scale=True, dropout=0.0)``."""

    def __init__(self, use_scale=True, **kwargs):
        super().__init__(**kwargs)
        self.use_scale = use_scale
        self.scale = None

    @tracing.traced("build", args=lambda self, input_shape: {
        "layer": self.name, "input_shape": shape_list(input_shape)})
    def build(self, input_shape):
        dim = tuple(input_shape[1])[-1]
        if self.use_scale:
            self.scale = self.add_weight(name="scale", shape=[dim],
                                         initializer="glorot_uniform", dtype=self.dtype,
                                         trainable=True)
        Layer.build(self, input_shape)

    def _calculate_scores(self, query, key):
        tanh = nn.tanh(ops.add(array_ops.expand_dims(query, -2), array_ops.expand_dims(key, -3)))
        if self.scale is not None:
            tanh = ops.multiply(self.scale, tanh)
        return ops.reduce_sum(tanh, axis=-1)

    def get_config(self):
        config = super().get_config()
        config["use_scale"] = self.use_scale
        return config
