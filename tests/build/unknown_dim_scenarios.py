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


LOOKUP_QUERIES = {"string": [["a", "b", "q"], ["c", "c", "a"], ["b", "", "b"]],
                  "int64": [[5, 6, 9], [7, 7, 5], [6, 0, 6]],
                  "float32": [[-1.0, 0.5, 2.0], [0.2, 0.3, 5.0], [1.5, -2.0, 0.0]]}


def lookup_cases(keras):
    """(input dtype, layer) for each lookup or text layer called on ``Input((None,))``:
    sparse and dense, each output mode that takes an input of unknown length."""
    layers = keras.layers
    vocab, idf = ["a", "b", "c"], [1.0, 2.0, 3.0]
    return {
        "StringLookup int": ("string", lambda: layers.StringLookup(vocabulary=vocab)),
        "StringLookup count": ("string", lambda: layers.StringLookup(
            vocabulary=vocab, output_mode="count")),
        "StringLookup sparse multi_hot": ("string", lambda: layers.StringLookup(
            vocabulary=vocab, output_mode="multi_hot", sparse=True)),
        "StringLookup sparse count": ("string", lambda: layers.StringLookup(
            vocabulary=vocab, output_mode="count", sparse=True)),
        "StringLookup sparse tf_idf": ("string", lambda: layers.StringLookup(
            vocabulary=vocab, idf_weights=idf, output_mode="tf_idf", sparse=True)),
        "IntegerLookup sparse multi_hot": ("int64", lambda: layers.IntegerLookup(
            vocabulary=[5, 6, 7], output_mode="multi_hot", sparse=True)),
        "IntegerLookup sparse tf_idf": ("int64", lambda: layers.IntegerLookup(
            vocabulary=[5, 6, 7], idf_weights=idf, output_mode="tf_idf", sparse=True)),
        "CategoryEncoding sparse count": ("int64", lambda: layers.CategoryEncoding(
            num_tokens=10, output_mode="count", sparse=True)),
        "CategoryEncoding sparse multi_hot": ("int64", lambda: layers.CategoryEncoding(
            num_tokens=10, output_mode="multi_hot", sparse=True)),
        "Hashing sparse count": ("string", lambda: layers.Hashing(
            num_bins=4, output_mode="count", sparse=True)),
        "Hashing int": ("int64", lambda: layers.Hashing(num_bins=4)),
        "Discretization sparse multi_hot": ("float32", lambda: layers.Discretization(
            bin_boundaries=[0.0, 1.0], output_mode="multi_hot", sparse=True)),
        "TextVectorization int, tokens": ("string", lambda: layers.TextVectorization(
            vocabulary=["a", "b"], split=None)),
        "TextVectorization count, tokens": ("string", lambda: layers.TextVectorization(
            vocabulary=["a", "b"], split=None, output_mode="count")),
        "TextVectorization sparse multi_hot, tokens": ("string", lambda: (
            layers.TextVectorization(vocabulary=["a", "b"], split=None,
                                     output_mode="multi_hot", sparse=True))),
        "TextVectorization sparse tf_idf, tokens": ("string", lambda: (
            layers.TextVectorization(vocabulary=["a", "b"], idf_weights=[1.0, 2.0],
                                     split=None, output_mode="tf_idf", sparse=True))),
    }


def as_list(tensor):
    return (tensor.numpy() if hasattr(tensor, "numpy") else tensor.value).tolist()


def predicted(out):
    if hasattr(out, "indices"):   # a SparseTensor of either engine
        return {"indices": as_list(out.indices), "values": as_list(out.values),
                "dense_shape": as_list(out.dense_shape), "dtype": out.values.dtype.name}
    return {"value": out.tolist(), "dtype": out.dtype.name}


def summary_lines(model):
    lines = []
    model.summary(print_fn=lambda line, **kwargs: lines.append(line))
    return lines


def lookup_outputs(keras, *, only=None):
    """Each lookup case's symbolic output (its text, less the graph op's name: Keras's
    ``name='string_lookup/Identity:0'``, tracekeras's ``name=None``), its rows of
    ``model.summary()``, and what ``predict`` gives in two batches."""
    import re

    import numpy as np
    found = {}
    for name, (dtype, make) in lookup_cases(keras).items():
        if only is not None and name != only:
            continue
        keras.backend.clear_session()
        inputs = keras.Input((None,), dtype=dtype, name="tokens")
        out = make()(inputs)
        model = keras.Model(inputs, out)
        lines = summary_lines(model)
        rows = [line.rstrip() for line in lines[lines.index(next(
            line for line in lines if line.startswith("="))) + 1:] if line.strip()]
        query = np.array(LOOKUP_QUERIES[dtype], dtype=object if dtype == "string" else dtype)
        found[name] = {"symbolic": re.sub(r"name=('[^']*'|None), ", "", str(out)),
                       "summary": rows[:rows.index(next(r for r in rows if r.startswith("=")))],
                       "predict": predicted(model.predict(query, batch_size=2, verbose=0))}
    return found


def symbolic_call_state(keras):
    """What a layer's state is after it was called on an input of known and of unknown
    length, then after one ``predict``: a layer that assigns its variables, updates a metric
    it owns and counts its calls in a Python attribute in ``call`` (Keras's symbolic call
    assigns nothing, its graph never runs, and counts once), a layer built inside another's
    call (its ``build`` assigns: that stands), and BatchNormalization (called with
    ``training=True``) and Normalization built on symbolic inputs."""
    import numpy as np

    class Counting(keras.layers.Layer):
        def build(self, input_shape):
            self.calls = 0
            self.count = self.add_weight(name="count", shape=(), initializer="zeros",
                                         trainable=False)
            self.total = self.add_weight(name="total", shape=(), initializer="ones",
                                         trainable=False)
            self.mean = keras.metrics.Mean(name="seen")

        def call(self, x):
            self.calls += 1
            self.count.assign_add(1.0)
            self.total.assign(self.total * 2.0)
            self.mean.update_state(x)
            return x * 2.0

    class SetInBuild(keras.layers.Layer):
        def build(self, input_shape):
            self.scale = self.add_weight(name="scale", shape=(), initializer="zeros")
            self.scale.assign(5.0)

        def call(self, x):
            self.scale.assign_add(1.0)
            return x * self.scale

    class Outer(keras.layers.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.inner = SetInBuild()

        def call(self, x):
            return self.inner(x)

    def state(layer):
        return {"calls": layer.calls, "count": float(layer.count.numpy()),
                "total": float(layer.total.numpy()),
                "metric": [float(v.numpy()) for v in layer.mean.variables]}

    def weights(layer):
        return [np.asarray(w).tolist() for w in layer.get_weights()]

    found = {}
    for name, shape in (("known length", (3,)), ("unknown length", (None, 3))):
        keras.backend.clear_session()
        inputs = keras.Input(shape)
        counting = Counting()
        model = keras.Model(inputs, counting(inputs))
        built = state(counting)
        model.predict(np.ones((2, 4, 3)[-len(shape) - 1:], "float32"), verbose=0)
        found[f"counting layer, {name}"] = {"built": built, "after predict": state(counting)}
        outer = Outer()
        outer(keras.Input(shape))   # the inner layer is built in the call: its build assigns
        found[f"a layer built inside a call, {name}"] = float(outer.inner.scale.numpy())
        inputs = keras.Input(shape)
        norm = keras.layers.BatchNormalization(moving_mean_initializer="ones",
                                               moving_variance_initializer="ones")
        norm(inputs * 3.0 + 1.0, training=True)
        normalization = keras.layers.Normalization()
        normalization.adapt(np.array([[1.0, 2.0, 3.0], [3.0, 4.0, 9.0]], "float32"))
        normalization(inputs)
        fixed = keras.layers.Normalization(mean=2.0, variance=4.0)
        fixed(inputs)
        found[f"normalization layers, {name}"] = {
            "BatchNormalization": weights(norm), "Normalization adapted": weights(normalization),
            "Normalization of mean and variance": weights(fixed)}
    return found


ONE_HOT_OPTIONS = {"axis -1": {"axis": -1}, "axis 0": {"axis": 0}, "axis 1": {"axis": 1},
                   "on 5.0, off -1.0": {"on_value": 5.0, "off_value": -1.0},
                   "axis 0, int32": {"axis": 0, "dtype": "int32"},
                   "axis 1, on 2, off 0": {"axis": 1, "on_value": 2, "off_value": 0}}


def one_hot_outputs(keras, tf):
    """``tf.one_hot(x, 4, ...)`` on a model's symbolic input (a TFOpLambda layer), for
    inputs of known and unknown length: the symbolic shape and dtype, and what ``predict``
    gives (one batch: ``axis=0`` moves the batch axis, and predict hands that on)."""
    import numpy as np
    found = {}
    for shape in ((), (3,), (None,), (2, 3)):
        for name, options in ONE_HOT_OPTIONS.items():
            keras.backend.clear_session()
            inputs = keras.Input(shape, dtype="int32")
            out = tf.one_hot(inputs, 4, **options)
            size = (2,) + tuple(3 if d is None else d for d in shape)
            x = np.arange(np.prod(size), dtype="int32").reshape(size) % 5
            predicted = keras.Model(inputs, out).predict(x, verbose=0)
            found[f"{list(shape)}, {name}"] = {
                "symbolic": [shape_list(out.shape), np.dtype(out.dtype.name).name],
                "predict": [list(predicted.shape), predicted.dtype.name,
                            predicted.ravel().tolist()]}
    return found


def lookup_refusals(keras):
    """The error of each lookup or text layer called on an input whose shape its call
    refuses only when a dimension is unknown (a placeholder's 1 would pass): one_hot of
    ``(None, None)`` would be of rank 3, a text to split must come one a row."""
    layers = keras.layers
    refused = {
        "TextVectorization on (None, None) strings": (
            "string", (None,), lambda: layers.TextVectorization(vocabulary=["a"])),
        "StringLookup one_hot on (None, None)": (
            "string", (None,), lambda: layers.StringLookup(vocabulary=["a"],
                                                           output_mode="one_hot")),
        "IntegerLookup one_hot on (None, None)": (
            "int64", (None,), lambda: layers.IntegerLookup(vocabulary=[1],
                                                           output_mode="one_hot")),
        "CategoryEncoding one_hot on (None, None)": (
            "int64", (None,), lambda: layers.CategoryEncoding(num_tokens=3,
                                                              output_mode="one_hot")),
        "CategoryEncoding count on (None, None, 2)": (
            "int64", (None, 2), lambda: layers.CategoryEncoding(num_tokens=3,
                                                                output_mode="count")),
    }
    found = {}
    for name, (dtype, shape, make) in refused.items():
        keras.backend.clear_session()
        try:
            make()(keras.Input(shape, dtype=dtype))
            found[name] = "accepted"
        except Exception as e:   # the error is the fact recorded
            found[name] = [type(e).__name__, str(e)]
    return found


def mask_outputs(keras):
    """The symbolic mask (shape and dtype, or None) after each layer of a masked model on
    tokens of unknown length, and the mask a layer's ``call`` receives there."""
    layers = keras.layers
    seen = {}

    class SeesMask(layers.Layer):
        def call(self, inputs, mask=None):
            seen.setdefault("received", None if mask is None else str(mask.dtype.name))
            return inputs

    def described(tensor):
        mask = getattr(tensor, "_keras_mask", None)
        return None if mask is None else {"shape": shape_list(mask.shape),
                                          "dtype": mask.dtype.name}
    found = {}
    for length in (None, 7):
        seen.clear()
        ids = keras.Input((length,), dtype="int32")
        embedded = layers.Embedding(10, 4, mask_zero=True)(ids)
        dense = layers.Dense(1)(embedded)
        sequences = layers.LSTM(3, return_sequences=True)(embedded)
        last = SeesMask()(dense)
        found[f"length {length}"] = {
            "Embedding": described(embedded), "Dense": described(dense),
            "LSTM(return_sequences=True)": described(sequences), "custom layer": described(last),
            "custom layer's call received": seen.get("received")}
    return found


def fixed_reshapes(keras, tf):
    """A layer whose call reshapes its input to a fixed number of rows (keras.io's Switch
    Transformer: ``tf.reshape(inputs, [num_tokens_per_batch, embed_dim])``) fixes the batch,
    as TensorFlow's shape inference solves for it; a reshape to ``[-1, 3]`` leaves it
    unknown; a reshape no batch can fill is refused (a ValueError) when the model is built."""
    class Rows(keras.layers.Layer):
        def __init__(self, rows, **kwargs):
            super().__init__(**kwargs)
            self.rows = rows

        def call(self, x):
            flat = tf.reshape(x, [self.rows, 4]) * 2.0
            return tf.reshape(flat, [tf.shape(x)[0], tf.shape(x)[1], 4])

    class Threes(keras.layers.Layer):
        def call(self, x):
            return tf.reshape(x, [-1, 3])

    inputs = keras.Input((5, 4))
    rows = Rows(20)(inputs)
    out = keras.layers.Dense(3)(rows)
    model = keras.Model(inputs, out)
    found = {"Rows(20) on (None, 5, 4)": shapes(rows), "Dense after it": shapes(out),
             "predict on 4 rows": shapes(model.predict(tf.ones((4, 5, 4)), verbose=0)),
             "[-1, 3] on (None, 5, 4)": shapes(Threes()(keras.Input((5, 4))))}
    for rows in (7, 2):
        try:
            found[f"Rows({rows}) on (None, 5, 4)"] = shapes(Rows(rows)(keras.Input((5, 4))))
        except Exception as e:   # the fact recorded: whether it is a ValueError
            found[f"Rows({rows}) on (None, 5, 4)"] = {"ValueError": isinstance(e, ValueError)}
    return found
