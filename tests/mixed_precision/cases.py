"""The mixed-precision cases of ``make_fixtures.py``, run by either engine (``tf`` is
TensorFlow or tracekeras's import shim): a Dense and a Conv2D layer under
``mixed_float16`` (outputs, gradients, dtypes), fits whose optimizer compile wraps in a
LossScaleOptimizer (losses, weights, the loss scale step by step, a float16 overflow that
skips steps), a custom loop with ``get_scaled_loss``/``get_unscaled_gradients``, and the
facts of policies, layer configs and errors. Every case sets the global policy back."""
import numpy as np


def fixed(shape, seed, scale=0.5):
    return (np.random.default_rng(seed).standard_normal(shape) * scale).astype("float32")


def with_policy(tf, name, case):
    tf.keras.mixed_precision.set_global_policy(name)
    try:
        return case()
    finally:
        tf.keras.mixed_precision.set_global_policy(None)


def layer_gradients(tf, layer, x, seed):
    """The layer's float16 output on a float32 tensor ``x`` and the gradients of a
    weighted sum of it (in float32) with respect to its weights and ``x``."""
    xv = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(xv)
        y = layer(xv)
        total = tf.reduce_sum(tf.cast(y, "float32") * fixed(tuple(y.shape), seed, 1.0))
    grads = tape.gradient(total, [layer.kernel, layer.bias, xv])
    arrays = {"y": np.asarray(y), "grad_kernel": np.asarray(grads[0]),
              "grad_bias": np.asarray(grads[1]), "grad_x": np.asarray(grads[2])}
    facts = {"y": y.dtype.name, "kernel": layer.kernel.dtype.name,
             "kernel_class": type(layer.kernel).__name__,
             "grads": [np.asarray(g).dtype.name for g in grads]}
    return arrays, facts


def dense(tf):
    def case():
        layer = tf.keras.layers.Dense(4, activation="relu")
        layer.build((None, 6))
        layer.set_weights([fixed((6, 4), 1), fixed((4,), 2, 0.1)])
        return layer_gradients(tf, layer, np.linspace(-2, 2, 30, dtype="float32").reshape(5, 6),
                               3)
    return with_policy(tf, "mixed_float16", case)


def conv2d(tf):
    def case():
        layer = tf.keras.layers.Conv2D(4, 3, activation="relu")
        layer.build((None, 6, 6, 3))
        layer.set_weights([fixed((3, 3, 3, 4), 4, 0.3), fixed((4,), 5, 0.1)])
        return layer_gradients(tf, layer, fixed((2, 6, 6, 3), 6, 1.0), 7)
    return with_policy(tf, "mixed_float16", case)


def classifier(tf):
    """Dense(8, relu) -> Dense(3) -> a float32 softmax, with fixed weights."""
    layers = tf.keras.layers
    inputs = tf.keras.Input(shape=(6,))
    x = layers.Dense(8, activation="relu")(inputs)
    x = layers.Dense(3)(x)
    outputs = layers.Activation("softmax", dtype="float32")(x)
    model = tf.keras.Model(inputs, outputs)
    model.set_weights([fixed((6, 8), 10), fixed((8,), 11, 0.1), fixed((8, 3), 12),
                       fixed((3,), 13, 0.1)])
    return model


def classes():
    x = fixed((16, 6), 14, 1.0)
    return x, (np.abs(x[:, 0] * 2).astype("int64") % 3)


def scale_recorder(tf, model, scales, kernels=None):
    def on_batch_end(batch, logs):
        scales.append(float(np.asarray(model.optimizer.loss_scale)))
        if kernels is not None:
            kernels.append(np.asarray(model.layers[1].get_weights()[0]).copy())
    return tf.keras.callbacks.LambdaCallback(on_train_batch_end=on_batch_end)


def fit(tf):
    """compile wraps SGD in a LossScaleOptimizer; a 3-epoch fit of two steps an epoch."""
    def case():
        model = classifier(tf)
        model.compile(optimizer=tf.keras.optimizers.SGD(0.5),
                      loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        x, y = classes()
        scales = []
        history = model.fit(x, y, batch_size=8, epochs=3, shuffle=False, verbose=0,
                            callbacks=[scale_recorder(tf, model, scales)])
        opt = model.optimizer
        arrays = {"loss": np.asarray(history.history["loss"]),
                  "predictions": np.asarray(model.predict(x, verbose=0))}
        arrays.update({f"weight_{i}": w for i, w in enumerate(model.get_weights())})
        facts = {"optimizer": type(opt).__name__,
                 "inner": type(opt.inner_optimizer).__name__, "scales": scales,
                 "dynamic": bool(opt.dynamic), "counter": int(opt.dynamic_counter.numpy()),
                 "iterations": int(opt.iterations.numpy()),
                 "output_dtype": model.output.dtype.name,
                 "variable_dtypes": [v.dtype.name for v in model.trainable_variables],
                 "variable_classes": [type(v).__name__ for v in model.trainable_variables]}
        return arrays, facts
    return with_policy(tf, "mixed_float16", case)


def growth(tf):
    """A LossScaleOptimizer given to compile (not wrapped again) whose scale doubles after
    every good step until the float16 gradients overflow: those steps are skipped and the
    scale halved."""
    def case():
        model = classifier(tf)
        opt = tf.keras.mixed_precision.LossScaleOptimizer(tf.keras.optimizers.SGD(0.1),
                                                          dynamic_growth_steps=1)
        model.compile(optimizer=opt, loss="sparse_categorical_crossentropy")
        x, y = classes()
        scales, kernels = [], []
        history = model.fit(x, y, batch_size=4, epochs=5, shuffle=False, verbose=0,
                            callbacks=[scale_recorder(tf, model, scales, kernels)])
        arrays = {"loss": np.asarray(history.history["loss"]), "kernels": np.stack(kernels)}
        arrays.update({f"weight_{i}": w for i, w in enumerate(model.get_weights())})
        facts = {"same_optimizer": model.optimizer is opt, "scales": scales,
                 "iterations": int(opt.iterations.numpy()),
                 "counter": int(opt.dynamic_counter.numpy())}
        return arrays, facts
    return with_policy(tf, "mixed_float16", case)


def overflow(tf):
    """A regression whose scaled float16 gradients overflow at first: the first steps are
    skipped (the kernel stays) while the scale halves, then training goes on."""
    def case():
        layers = tf.keras.layers
        inputs = tf.keras.Input(shape=(4,))
        x = layers.Dense(1)(inputs)
        outputs = layers.Activation("linear", dtype="float32")(x)
        model = tf.keras.Model(inputs, outputs)
        model.set_weights([fixed((4, 1), 20), np.zeros(1, "float32")])
        model.compile(optimizer=tf.keras.optimizers.SGD(1e-4), loss="mse")
        x = np.abs(fixed((16, 4), 21, 0.1))
        y = np.full((16, 1), 1000.0, "float32")
        scales, kernels = [], []
        history = model.fit(x, y, batch_size=8, epochs=6, shuffle=False, verbose=0,
                            callbacks=[scale_recorder(tf, model, scales, kernels)])
        arrays = {"loss": np.asarray(history.history["loss"]), "kernels": np.stack(kernels)}
        arrays.update({f"weight_{i}": w for i, w in enumerate(model.get_weights())})
        return arrays, {"scales": scales, "iterations": int(model.optimizer.iterations.numpy())}
    return with_policy(tf, "mixed_float16", case)


def custom_loop(tf):
    """The guide's training step: scaled loss, gradients, unscaled gradients, apply."""
    def case():
        model = classifier(tf)
        optimizer = tf.keras.mixed_precision.LossScaleOptimizer(tf.keras.optimizers.RMSprop())
        loss_object = tf.keras.losses.SparseCategoricalCrossentropy()
        x, y = classes()
        arrays, facts = {}, {"scales": []}
        for step in range(3):
            with tf.GradientTape() as tape:
                predictions = model(x)
                loss = loss_object(y, predictions)
                scaled_loss = optimizer.get_scaled_loss(loss)
            scaled_gradients = tape.gradient(scaled_loss, model.trainable_variables)
            gradients = optimizer.get_unscaled_gradients(scaled_gradients)
            optimizer.apply_gradients(zip(gradients, model.trainable_variables))
            arrays[f"loss_{step}"] = np.asarray(loss)
            arrays[f"scaled_loss_{step}"] = np.asarray(scaled_loss)
            for i, g in enumerate(gradients):
                arrays[f"gradient_{step}_{i}"] = np.asarray(g)
            facts["scales"].append(float(np.asarray(optimizer.loss_scale)))
        facts["loss_scale_repr"] = repr(optimizer.loss_scale)
        facts["gradient_dtypes"] = [g.dtype.name for g in gradients]
        facts["prediction_dtype"] = predictions.dtype.name
        arrays.update({f"weight_{i}": w for i, w in enumerate(model.get_weights())})
        return arrays, facts
    return with_policy(tf, "mixed_float16", case)


POLICY_NAMES = ["float32", "float16", "float64", "mixed_float16", "mixed_bfloat16", "bfloat16",
                "int32", "double", "half", "float", "_infer", "string"]
BAD_POLICIES = ["mixed_float32", "foo", "mixed_float16 ", "mixed_float16_float32_vars", 1,
                None]


def error(call):
    try:
        call()
    except Exception as exc:   # the type and message are the fact
        return [type(exc).__name__, str(exc)]
    return None


def policies(tf):
    """Names, dtypes, reprs and configs of policies; the errors of bad ones."""
    mp = tf.keras.mixed_precision
    facts = {}
    for name in POLICY_NAMES:
        policy = mp.Policy(name)
        facts[name] = [policy.name, policy.compute_dtype, policy.variable_dtype, repr(policy),
                       str(policy), policy.get_config()]
    facts["errors"] = [error(lambda bad=bad: mp.Policy(bad)) for bad in BAD_POLICIES]
    facts["dtype_error"] = error(lambda: mp.Policy(tf.float16))
    facts["set_errors"] = [error(lambda bad=bad: mp.set_global_policy(bad))
                           for bad in ["int32", "string", "foo", 3]]
    facts["default"] = repr(mp.global_policy())
    mp.set_global_policy(mp.Policy("mixed_float16"))
    facts["after_set"] = repr(mp.global_policy())
    mp.set_global_policy(None)
    facts["after_reset"] = repr(mp.global_policy())
    facts["from_config"] = repr(mp.Policy.from_config({"name": "float16"}))
    return facts


def layers_and_configs(tf):
    """Layers' policies from ``dtype=`` and the global policy, their configs and round
    trips, a model's summary, and the errors of bad ``dtype`` arguments."""
    mp, layers = tf.keras.mixed_precision, tf.keras.layers
    facts = {}

    def describe(layer):
        return [repr(layer.dtype_policy), layer.dtype, layer.compute_dtype,
                layer.variable_dtype]
    facts["dtype_args"] = [describe(layers.Dense(2, dtype=d)) for d in (
        "float32", "float16", "mixed_float16", mp.Policy("float64"), "double",
        {"class_name": "Policy", "config": {"name": "mixed_float16"}})]
    facts["bad_dtype_args"] = [error(lambda bad=bad: layers.Dense(2, dtype=bad))
                               for bad in ("foo", "mixed_float32")]

    def mixed():
        dense = layers.Dense(3, activation="relu", name="mixed_dense")
        softmax = layers.Activation("softmax", dtype="float32", name="probabilities")
        model = tf.keras.Sequential([tf.keras.Input((4,)), dense, softmax])
        config = dense.get_config()
        restored = layers.Dense.from_config(config)
        model_restored = tf.keras.Sequential.from_config(model.get_config())
        lines = []
        model.summary(print_fn=lines.append)
        return {"layer": describe(dense), "model": describe(model),
                "dense_config_dtype": config["dtype"],
                "softmax_config_dtype": softmax.get_config()["dtype"],
                "restored": describe(restored),
                "model_restored": [describe(layer) for layer in model_restored.layers],
                "kernel_repr": repr(dense.kernel).split("\n")[0],
                "output_dtypes": [model.layers[0].output.dtype.name, model.output.dtype.name],
                "summary": lines}
    facts["mixed"] = with_policy(tf, "mixed_float16", mixed)
    return facts


def layer_dtypes(tf):
    """Under ``mixed_float16``: each layer's output dtype on NumPy inputs and on Keras
    inputs, and its weights' dtypes (float16 computations, float32 variables)."""
    layers, keras = tf.keras.layers, tf.keras
    img, seq = fixed((2, 8, 8, 3), 30, 1.0), fixed((2, 5, 4), 31, 1.0)
    vec, ids = fixed((2, 6), 32, 1.0), np.array([[1, 2, 3], [4, 5, 0]])
    makers = [
        ("Dense", lambda: layers.Dense(3), vec),
        ("Conv2D", lambda: layers.Conv2D(2, 3, activation="relu"), img),
        ("Conv1D", lambda: layers.Conv1D(2, 2), seq),
        ("DepthwiseConv2D", lambda: layers.DepthwiseConv2D(3), img),
        ("SeparableConv2D", lambda: layers.SeparableConv2D(2, 3), img),
        ("Conv2DTranspose", lambda: layers.Conv2DTranspose(2, 3), img),
        ("MaxPooling2D", lambda: layers.MaxPooling2D(), img),
        ("AveragePooling2D", lambda: layers.AveragePooling2D(), img),
        ("GlobalAveragePooling2D", lambda: layers.GlobalAveragePooling2D(), img),
        ("Flatten", lambda: layers.Flatten(), img),
        ("Reshape", lambda: layers.Reshape((3, 2)), vec),
        ("Dropout", lambda: layers.Dropout(0.5), vec),
        ("GaussianNoise", lambda: layers.GaussianNoise(0.1), vec),
        ("BatchNormalization", lambda: layers.BatchNormalization(), img),
        ("LayerNormalization", lambda: layers.LayerNormalization(), seq),
        ("Embedding", lambda: layers.Embedding(10, 4), ids),
        ("SimpleRNN", lambda: layers.SimpleRNN(3), seq),
        ("LSTM", lambda: layers.LSTM(3), seq),
        ("GRU", lambda: layers.GRU(3, return_sequences=True), seq),
        ("Bidirectional", lambda: layers.Bidirectional(layers.LSTM(2)), seq),
        ("Softmax", lambda: layers.Softmax(), vec),
        ("Activation", lambda: layers.Activation("softmax"), vec),
        ("Rescaling", lambda: layers.Rescaling(1 / 255.0), img),
        ("Normalization", lambda: layers.Normalization(mean=0.5, variance=0.1), vec),
        ("UpSampling2D", lambda: layers.UpSampling2D(), img),
        ("ZeroPadding2D", lambda: layers.ZeroPadding2D(), img),
    ]

    def case():
        found = {}
        for name, make, x in makers:
            layer = make()
            y = layer(x, training=True)
            symbolic = make()(keras.Input(x.shape[1:], dtype=x.dtype))
            found[name] = [np.asarray(y).dtype.name, symbolic.dtype.name,
                           sorted({w.dtype.name for w in layer.weights})]
        attention = layers.MultiHeadAttention(2, 3)
        found["MultiHeadAttention"] = [np.asarray(attention(seq, seq)).dtype.name,
                                       sorted({w.dtype.name for w in attention.weights})]
        found["Add"] = np.asarray(layers.Add()([vec, vec])).dtype.name
        found["Concatenate"] = np.asarray(layers.Concatenate()([vec, vec])).dtype.name
        return found
    return with_policy(tf, "mixed_float16", case)


def set_fixed_weights(layer, seed):
    """Fixed values for every weight (variances and scales around 1, positive)."""
    values = []
    for i, w in enumerate(layer.weights):
        value = fixed(tuple(w.shape), seed + i, 0.4)
        if any(key in w.name for key in ("gamma", "variance")):
            value = np.abs(value) + 0.5
        values.append(value)
    layer.set_weights(values)


def more_layers(tf):
    """Outputs of normalization, embedding, recurrent, attention and other convolution
    layers under ``mixed_float16`` with fixed weights, and which of their weights are
    AutoCastVariables (BatchNormalization, LayerNormalization and Embedding keep plain
    float32 ones and do their math in float32)."""
    layers = tf.keras.layers
    img, seq = np.abs(fixed((4, 8, 8, 3), 40, 1.5)), fixed((2, 5, 4), 41, 1.0)
    ids = np.array([[1, 2, 3], [4, 5, 0]])
    makers = [
        ("bn_training", lambda: layers.BatchNormalization(), img, {"training": True}),
        ("bn_inference", lambda: layers.BatchNormalization(), img, {"training": False}),
        ("layer_norm", lambda: layers.LayerNormalization(), seq, {}),
        ("embedding", lambda: layers.Embedding(10, 4), ids, {}),
        ("lstm", lambda: layers.LSTM(3, return_sequences=True), seq, {}),
        ("gru", lambda: layers.GRU(3, return_sequences=True), seq, {}),
        ("simple_rnn", lambda: layers.SimpleRNN(3), seq, {}),
        ("depthwise_conv", lambda: layers.DepthwiseConv2D(3), img, {}),
        ("conv_transpose", lambda: layers.Conv2DTranspose(2, 3), img, {}),
        ("conv1d", lambda: layers.Conv1D(3, 2), seq, {}),
    ]

    def case():
        arrays, facts = {}, {}
        for i, (name, make, x, kwargs) in enumerate(makers):
            layer = make()
            layer(x[:1])
            set_fixed_weights(layer, 50 + 10 * i)
            arrays[name] = np.asarray(layer(x, **kwargs))
            facts[name] = [type(w).__name__ == "AutoCastVariable" for w in layer.weights]
        attention = layers.MultiHeadAttention(2, 3)
        attention(seq, seq)
        set_fixed_weights(attention, 200)
        arrays["attention"] = np.asarray(attention(seq, seq))
        facts["attention"] = [type(w).__name__ == "AutoCastVariable" for w in attention.weights]
        return arrays, facts
    return with_policy(tf, "mixed_float16", case)


def traced_loop(tf):
    """A model compiled under ``mixed_float16`` (compile wraps its optimizer) and a custom
    loop whose LossScaleOptimizer starts at 2**20: two steps skipped for float16
    overflow, one applied, then the scale doubles. Run inside a trace (tracekeras's, or the
    probe's of real tf_keras); returns the scales."""
    def case():
        model = classifier(tf)
        model.compile(optimizer="sgd", loss="mse")
        opt = tf.keras.mixed_precision.LossScaleOptimizer(
            tf.keras.optimizers.SGD(), initial_scale=2.0 ** 20, dynamic_growth_steps=2)
        x, y = classes()
        scales = []
        for _ in range(4):
            with tf.GradientTape() as tape:
                loss = tf.keras.losses.SparseCategoricalCrossentropy()(y, model(x))
                scaled = opt.get_scaled_loss(loss)
            grads = opt.get_unscaled_gradients(tape.gradient(scaled, model.trainable_variables))
            opt.apply_gradients(zip(grads, model.trainable_variables))
            scales.append(float(np.asarray(opt.loss_scale)))
        return scales
    return with_policy(tf, "mixed_float16", case)


DECISIONS = ("keras.engine.training.Model._get_optimizer",
             "keras.mixed_precision.loss_scale_optimizer.LossScaleOptimizerV3.apply_gradients")


def decisions(records):
    """The end facts of the compile decision and of each loss-scale step, from a trace."""
    return [[r["name"], r.get("args") or {}] for r in records
            if r.get("ph") == "E" and r["name"] in DECISIONS]
