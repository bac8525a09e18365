"""Output shapes Keras infers when an input has an unknown dimension besides the batch
(variable-length sequences): MultiHeadAttention and Attention, whose call takes more than
one tensor or returns the attention scores too, and Python arithmetic on KerasTensors
(TFOpLambda layers), whose unknown dimension must stay unknown (None), not the size of a
placeholder. Written against the public Keras API (``keras`` is passed in): run on tf_keras
2.21 by ``tests/make_scenario_facts.py``, on tracekeras by ``test_unknown_dims.py``.
"""


def shape_list(shape):
    return [None if d is None else int(d) for d in shape]


def shapes(out):
    if isinstance(out, (list, tuple)):
        return [shape_list(t.shape) for t in out]
    return shape_list(out.shape)


def cases(keras):
    layers = keras.layers
    ids = keras.Input((None,), dtype="int64")
    tokens = layers.Embedding(100, 16)(ids)
    seq = keras.Input((None, 4))
    fixed = keras.Input((5, 4))
    six = keras.Input((6, 4))
    return {
        "MultiHeadAttention on variable-length tokens":
            lambda: layers.MultiHeadAttention(num_heads=2, key_dim=8)(tokens, tokens),
        "MultiHeadAttention with its scores":
            lambda: layers.MultiHeadAttention(num_heads=2, key_dim=8)(
                tokens, tokens, return_attention_scores=True),
        "MultiHeadAttention, a query of unknown length, a value of 6":
            lambda: layers.MultiHeadAttention(num_heads=2, key_dim=3)(
                seq, six, return_attention_scores=True),
        "MultiHeadAttention then Dense":
            lambda: layers.Dense(3)(layers.MultiHeadAttention(num_heads=2, key_dim=8)(
                tokens, tokens)),
        "Attention with its scores":
            lambda: layers.Attention()([seq, seq], return_attention_scores=True),
        "Attention, a value of 6, with its scores":
            lambda: layers.Attention()([seq, six], return_attention_scores=True),
        "AdditiveAttention on variable-length inputs":
            lambda: layers.AdditiveAttention()([seq, seq]),
        "x + 1": lambda: seq + 1,
        "2.0 - x": lambda: 2.0 - seq,
        "-x": lambda: -seq,
        "x * x": lambda: seq * seq,
        "x * 2.0 concatenated with a (5, 4) input":
            lambda: layers.Concatenate(axis=-1)([seq * 2.0, fixed]),
        "a (5, 4) input concatenated with x * 2.0":
            lambda: layers.Concatenate(axis=-1)([fixed, seq * 2.0]),
        "Dense after x + x": lambda: layers.Dense(2)(seq + seq),
    }


def outcomes(keras):
    """Each case's output shapes, or its error's type."""
    found = {}
    for name, case in cases(keras).items():
        try:
            found[name] = shapes(case())
        except Exception as e:   # the type is the fact recorded
            found[name] = {"error": type(e).__name__}
    return found


def symbolic_call_effects(keras, tf):
    """What building a model on an input of unknown length leaves behind, from a layer
    that adds a loss and a metric, prints, and draws an unseeded random number in its
    call: Keras calls it once, on symbolic inputs, so one loss, one line printed, and the
    eager random ops after it draw what they would have drawn without it."""
    import contextlib
    import io

    class Noisy(keras.layers.Layer):
        def call(self, x):
            print("call")
            self.add_loss(tf.reduce_mean(x))
            self.add_metric(tf.reduce_mean(x), name="mean_input")
            return x + tf.random.normal(tf.shape(x))

    keras.utils.set_random_seed(1)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        inputs = keras.Input((None, 3))
        model = keras.Model(inputs, keras.layers.Dense(2)(Noisy()(inputs)))
    return {"losses": len(model.losses), "metrics": [m.name for m in model.metrics],
            "printed": printed.getvalue().splitlines(),
            "next eager draws": [float(v) for v in tf.random.normal((3,)).numpy()]}
