"""The small attention models of make_attention_fixtures.py, written once for either engine,
and ``call_layer``, how a layer case is called.

``models(keras)`` takes a namespace with ``layers``, ``Sequential``, ``Model`` and
``Input`` (tf_keras itself, or tracekeras's) and returns the model builders by case name:
Python arithmetic on KerasTensors, MultiHeadAttention fed by ``Embedding(mask_zero=True)``
(returning its scores), Attention and AdditiveAttention fed by one, and keras.io's
transformer text classifier and timeseries encoder at a small size, without dropout. The
positions of TokenAndPositionEmbedding are ``np.arange`` of the sequence length (the
example's ``tf.range``), so both engines run the same definition.
"""
import numpy as np

CALL_ORDER = ("query", "value", "key")     # the float inputs of a case, in call order


def call_layer(layer, xs, mask, kwargs, training):
    """(output, scores or None) of a layer case's call, in either engine."""
    if type(layer).__name__ in ("Attention", "AdditiveAttention"):
        out = layer(list(xs), training=training, **kwargs)
        return out if isinstance(out, tuple) else (out, None)
    if type(layer).__name__ != "MultiHeadAttention":
        return layer(xs[0], training=training), None
    named = dict(zip(CALL_ORDER, xs))
    if mask is not None:
        named["attention_mask"] = mask
    out = layer(**named, training=training, **kwargs)
    return out if isinstance(out, tuple) else (out, None)


def models(keras):
    layers = keras.layers

    class TokenAndPositionEmbedding(layers.Layer):
        def __init__(self, maxlen, vocab_size, embed_dim):
            super().__init__()
            self.token_emb = layers.Embedding(input_dim=vocab_size, output_dim=embed_dim)
            self.pos_emb = layers.Embedding(input_dim=maxlen, output_dim=embed_dim)

        def call(self, x):
            return self.token_emb(x) + self.pos_emb(np.arange(x.shape[-1]))

    class TransformerBlock(layers.Layer):
        def __init__(self, embed_dim, num_heads, ff_dim, rate=0.1):
            super().__init__()
            self.att = layers.MultiHeadAttention(num_heads=num_heads, key_dim=embed_dim)
            self.ffn = keras.Sequential([layers.Dense(ff_dim, activation="relu"),
                                         layers.Dense(embed_dim)])
            self.layernorm1 = layers.LayerNormalization(epsilon=1e-6)
            self.layernorm2 = layers.LayerNormalization(epsilon=1e-6)
            self.dropout1 = layers.Dropout(rate)
            self.dropout2 = layers.Dropout(rate)

        def call(self, inputs, training):
            attn_output = self.dropout1(self.att(inputs, inputs), training=training)
            out1 = self.layernorm1(inputs + attn_output)
            ffn_output = self.dropout2(self.ffn(out1), training=training)
            return self.layernorm2(out1 + ffn_output)

    def operators():
        a, b = keras.Input(shape=(3,)), keras.Input(shape=(3,))
        return keras.Model([a, b], [a + b, a - b, a * b, a / b, a + 2.0, 2.0 + a, 2.0 - a,
                                    -a, a * 0.5, 3.0 / b])

    def masked():
        inputs = keras.Input(shape=(6,), dtype="int32")
        x = layers.Embedding(12, 8, mask_zero=True)(inputs)
        x, scores = layers.MultiHeadAttention(num_heads=2, key_dim=4)(
            x, x, return_attention_scores=True)
        pooled = layers.GlobalAveragePooling1D()(x)
        outputs = layers.Dense(3, activation="softmax")(pooled)
        return keras.Model(inputs, [outputs, scores])

    def dense_attention_masked():
        inputs = keras.Input(shape=(6,), dtype="int32")
        x = layers.Embedding(12, 4, mask_zero=True)(inputs)
        dot, dot_scores = layers.Attention(use_scale=True)([x, x], return_attention_scores=True)
        additive = layers.AdditiveAttention()([dot, x, x], use_causal_mask=True)
        pooled = layers.GlobalAveragePooling1D()(additive)
        return keras.Model(inputs, [layers.Dense(2, activation="softmax")(pooled), dot_scores])

    def text_classifier():
        inputs = keras.Input(shape=(8,))
        x = TokenAndPositionEmbedding(8, 30, 8)(inputs)
        x = TransformerBlock(8, 2, 8, rate=0.0)(x)
        x = layers.GlobalAveragePooling1D()(x)
        x = layers.Dense(6, activation="relu")(x)
        outputs = layers.Dense(2, activation="softmax")(x)
        return keras.Model(inputs=inputs, outputs=outputs)

    def timeseries_encoder():
        inputs = keras.Input(shape=(10, 1))
        x = layers.LayerNormalization(epsilon=1e-6)(inputs)
        x = layers.MultiHeadAttention(key_dim=4, num_heads=2, dropout=0.0)(x, x)
        res = x + inputs
        x = layers.LayerNormalization(epsilon=1e-6)(res)
        x = layers.Conv1D(filters=3, kernel_size=1, activation="relu")(x)
        x = layers.Conv1D(filters=inputs.shape[-1], kernel_size=1)(x)
        x = x + res
        x = layers.GlobalAveragePooling1D(data_format="channels_first")(x)
        outputs = layers.Dense(2, activation="softmax")(x)
        return keras.Model(inputs, outputs)

    return {"operators": operators, "masked": masked,
            "dense_attention_masked": dense_attention_masked, "text_classifier": text_classifier,
            "timeseries_encoder": timeseries_encoder}
