"""Write the reference numbers of tests/layers from real tf_keras 2.21.

Run with the TensorFlow venv (tests never import TensorFlow)::

    /work/tfvenv/bin/python tests/layers/make_layer_fixtures.py

For every case in ``CASES`` (a layer config and seeded inputs) it sets seeded
weights, then records: the output with ``training=False``; the output with
``training=True`` under a GradientTape, and the gradients of
``sum(output * R)`` (``R`` a fixed random array) with respect to each float input
and each trainable weight; the weights after that training call (moving
statistics); the mask the layer computes. It also writes ``summary()`` texts of
small models, a two-epoch ``fit`` history of a tiny model with Embedding and
BatchNormalization, ``adapt`` results of Normalization, and the error type and
message of a few bad inputs.

Output: ``data/layers.npz`` (arrays) and ``data/layers.json`` (everything else).
"""
import json
import os
import zlib

import numpy as np
import tensorflow as tf
import tf_keras as keras
from tf_keras import layers

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")


def floats(rng, shape, scale=1.0):
    return (rng.normal(size=shape) * scale).astype("float32")


# name: (class name, config, input specs); an input spec is (shape, kind, scale)
CASES = {
    "softmax": ("Softmax", {}, [((3, 4), "float", 2.0)]),
    "softmax_axis1": ("Softmax", {"axis": 1}, [((2, 3, 4), "float", 2.0)]),
    "relu": ("ReLU", {}, [((3, 5), "float", 2.0)]),
    "relu_max_slope_threshold": ("ReLU", {"max_value": 1.0, "negative_slope": 0.1,
                                          "threshold": 0.5}, [((3, 5), "float", 2.0)]),
    "relu6": ("ReLU", {"max_value": 6.0}, [((3, 5), "float", 5.0)]),
    "relu_slope": ("ReLU", {"negative_slope": 0.2}, [((3, 5), "float", 2.0)]),
    "relu_threshold": ("ReLU", {"threshold": 0.5}, [((3, 5), "float", 2.0)]),
    "leaky_relu": ("LeakyReLU", {}, [((3, 5), "float", 2.0)]),
    "leaky_relu_alpha": ("LeakyReLU", {"alpha": 0.1}, [((3, 5), "float", 2.0)]),
    "elu": ("ELU", {}, [((3, 5), "float", 2.0)]),
    "elu_alpha": ("ELU", {"alpha": 0.5}, [((3, 5), "float", 2.0)]),
    "prelu": ("PReLU", {}, [((3, 5), "float", 2.0)]),
    "prelu_shared": ("PReLU", {"shared_axes": [1]}, [((2, 3, 4), "float", 2.0)]),
    "rescaling": ("Rescaling", {"scale": 1 / 255.0, "offset": -0.5},
                  [((2, 4), "float", 100.0)]),
    "multiply": ("Multiply", {}, [((3, 4), "float", 1.0)] * 3),
    "average": ("Average", {}, [((3, 4), "float", 1.0)] * 3),
    "subtract": ("Subtract", {}, [((3, 4), "float", 1.0)] * 2),
    "maximum": ("Maximum", {}, [((3, 4), "float", 1.0)] * 3),
    "minimum": ("Minimum", {}, [((3, 4), "float", 1.0)] * 3),
    "multiply_broadcast": ("Multiply", {}, [((3, 4), "float", 1.0), ((3, 1), "float", 1.0)]),
    "dot": ("Dot", {"axes": 1}, [((3, 4), "float", 1.0)] * 2),
    "dot_normalize": ("Dot", {"axes": -1, "normalize": True}, [((3, 4), "float", 1.0)] * 2),
    "dot_3d": ("Dot", {"axes": (2, 2)}, [((2, 3, 4), "float", 1.0), ((2, 5, 4), "float", 1.0)]),
    "dot_3d_mixed": ("Dot", {"axes": (1, 2)}, [((2, 3, 4), "float", 1.0),
                                               ((2, 5, 3), "float", 1.0)]),
    "embedding": ("Embedding", {"input_dim": 10, "output_dim": 4}, [((3, 5), "int", 10)]),
    "embedding_mask_zero": ("Embedding", {"input_dim": 10, "output_dim": 3, "mask_zero": True},
                            [((2, 6), "int", 10)]),
    "batch_norm": ("BatchNormalization", {}, [((8, 4), "float", 2.0)]),
    "batch_norm_axis1": ("BatchNormalization", {"axis": 1}, [((4, 3, 5), "float", 2.0)]),
    "batch_norm_3d": ("BatchNormalization", {"momentum": 0.9, "epsilon": 0.01},
                      [((4, 3, 5), "float", 2.0)]),
    "batch_norm_no_center_scale": ("BatchNormalization", {"center": False, "scale": False},
                                   [((6, 3), "float", 2.0)]),
    "batch_norm_4d": ("BatchNormalization", {}, [((3, 2, 2, 4), "float", 2.0)]),
    "batch_norm_4d_axis1": ("BatchNormalization", {"axis": 1, "momentum": 0.5},
                            [((2, 3, 2, 2), "float", 2.0)]),
    "batch_norm_frozen": ("BatchNormalization", {"trainable": False}, [((6, 3), "float", 2.0)]),
    "layer_norm": ("LayerNormalization", {}, [((3, 6), "float", 2.0)]),
    "layer_norm_axes": ("LayerNormalization", {"axis": [1, 2]}, [((2, 3, 4), "float", 2.0)]),
    "layer_norm_3d": ("LayerNormalization", {"epsilon": 0.01, "center": False},
                      [((2, 3, 4), "float", 2.0)]),
    "dropout": ("Dropout", {"rate": 0.5}, [((3, 4), "float", 1.0)]),
    "normalization_given": ("Normalization", {"mean": [1.0, 2.0, 3.0],
                                              "variance": [4.0, 0.25, 1.0]},
                            [((4, 3), "float", 3.0)]),
    "normalization_given_invert": ("Normalization", {"mean": [1.0, 2.0, 3.0],
                                                     "variance": [4.0, 0.25, 1.0],
                                                     "invert": True},
                                   [((4, 3), "float", 3.0)]),
}


def make_inputs(rng, specs):
    out = []
    for shape, kind, scale in specs:
        if kind == "int":
            out.append(rng.integers(0, scale, size=shape).astype("int32"))
        else:
            out.append(floats(rng, shape, scale))
    return out


def weight_values(rng, layer):
    values = []
    for w in layer.weights:
        shape = tuple(w.shape)
        if "variance" in w.name:
            values.append(rng.uniform(0.5, 1.5, size=shape).astype("float32"))
        elif w.dtype == tf.int64:
            values.append(w.numpy())
        else:
            values.append(floats(rng, shape, 0.5))
    return values


def dense(g):
    return None if g is None else tf.convert_to_tensor(g).numpy()


def run_case(name, class_name, config, specs, arrays, meta):
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    xs = make_inputs(rng, specs)
    layer = getattr(layers, class_name)(**config)
    call_in = xs if len(xs) > 1 else xs[0]
    layer(call_in)  # builds
    w0 = weight_values(rng, layer)
    if w0:
        layer.set_weights(w0)
    out_inf = layer(call_in, training=False)
    r = floats(rng, tuple(out_inf.shape))
    xt = [tf.constant(x) for x in xs]
    with tf.GradientTape(persistent=True) as tape:
        for x in xt:
            if x.dtype.is_floating:
                tape.watch(x)
        out_tr = layer(xt if len(xt) > 1 else xt[0], training=True)
        loss = tf.reduce_sum(out_tr * r)
    gx = [dense(tape.gradient(loss, x)) if x.dtype.is_floating else None for x in xt]
    gw = [dense(tape.gradient(loss, w)) for w in layer.trainable_weights]
    after = layer.get_weights()
    for i, x in enumerate(xs):
        arrays[f"{name}/x{i}"] = x
    for i, w in enumerate(w0):
        arrays[f"{name}/w{i}"] = w
    for i, w in enumerate(after):
        arrays[f"{name}/after{i}"] = w
    arrays[f"{name}/r"] = r
    arrays[f"{name}/out_inference"] = out_inf.numpy()
    if class_name != "Dropout":
        arrays[f"{name}/out_training"] = out_tr.numpy()
        for i, g in enumerate(gx):
            if g is not None:
                arrays[f"{name}/gx{i}"] = g
        for i, g in enumerate(gw):
            arrays[f"{name}/gw{i}"] = g
    mask = getattr(out_inf, "_keras_mask", None)
    if mask is not None:
        arrays[f"{name}/mask"] = mask.numpy()
    meta[name] = {
        "class_name": class_name,
        "config": config,
        "keras_config": jsonable(layer.get_config()),
        "weight_names": [w.name for w in layer.weights],
        "trainable_weight_names": [w.name for w in layer.trainable_weights],
        "inputs": len(xs),
        "output_shape": list(out_inf.shape),
        "compute_output_shape": shape_json(layer.compute_output_shape(
            [tf.TensorShape((None,) + tuple(s[1:])) for s, _, _ in specs] if len(specs) > 1
            else tf.TensorShape((None,) + tuple(specs[0][0][1:])))),
    }


def shape_json(shape):
    if isinstance(shape, (list, tuple)) and shape and not isinstance(shape[0], (int, type(None))):
        return [shape_json(s) for s in shape]
    return list(tf.TensorShape(shape).as_list())


def jsonable(value):
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (np.floating, np.integer)):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    return value


def summary_lines(model, **kwargs):
    lines = []
    model.summary(print_fn=lines.append, **kwargs)
    return lines


def summaries():
    out = {}
    keras.backend.clear_session()
    model = keras.Sequential([layers.Input((8,)), layers.Dense(16), layers.LeakyReLU(),
                              layers.ReLU(max_value=6.0), layers.ELU(), layers.PReLU(),
                              layers.Rescaling(0.5), layers.Lambda(lambda t: t * 2),
                              layers.Dense(4), layers.Softmax()])
    out["activations"] = summary_lines(model)
    keras.backend.clear_session()
    a, b = layers.Input((4,)), layers.Input((4,))
    outs = [layers.Multiply()([a, b]), layers.Average()([a, b]), layers.Subtract()([a, b]),
            layers.Maximum()([a, b]), layers.Minimum()([a, b]), layers.Dot(axes=1)([a, b])]
    outs += [layers.multiply([a, b]), layers.average([a, b]), layers.subtract([a, b]),
             layers.maximum([a, b]), layers.minimum([a, b]), layers.dot([a, b], axes=1)]
    model = keras.Model([a, b], layers.Concatenate()(outs))
    out["merging"] = summary_lines(model)
    keras.backend.clear_session()
    model = keras.Sequential([layers.Embedding(100, 8, input_length=10), layers.Flatten(),
                              layers.Dense(1)])
    out["embedding_input_length"] = summary_lines(model)
    keras.backend.clear_session()
    model = keras.Sequential([layers.Input((12,)), layers.Dense(32), layers.BatchNormalization(),
                              layers.Dropout(0.2), layers.LayerNormalization(), layers.Dense(3)])
    out["normalization"] = summary_lines(model)
    out["normalization_trainable"] = summary_lines(model, show_trainable=True)
    keras.backend.clear_session()
    norm = layers.Normalization(mean=[0.0, 1.0], variance=[1.0, 2.0])
    model = keras.Sequential([layers.Input((2,)), norm, layers.Dense(1)])
    out["preprocessing"] = summary_lines(model)
    keras.backend.clear_session()
    model = keras.Sequential([layers.Flatten(input_shape=(28, 28)),
                              layers.Dense(128, activation="relu"), layers.Dropout(0.2),
                              layers.Dense(10)])
    out["quickstart"] = summary_lines(model)
    probability = keras.Sequential([model, layers.Softmax()])
    probability(np.zeros((1, 28, 28), "float32"))
    out["quickstart_probability"] = summary_lines(probability)
    return out


def fit_history(arrays, meta):
    keras.backend.clear_session()
    rng = np.random.default_rng(7)
    x = rng.integers(0, 20, size=(32, 6)).astype("int32")
    y = rng.integers(0, 3, size=(32,)).astype("int32")
    model = keras.Sequential([layers.Input((6,), dtype="int32"), layers.Embedding(20, 4),
                              layers.Flatten(), layers.Dense(8), layers.BatchNormalization(),
                              layers.ReLU(), layers.Dense(3, activation="softmax")])
    w0 = weight_values(rng, model)
    model.set_weights(w0)
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    history = model.fit(x, y, batch_size=8, epochs=2, shuffle=False, verbose=0)
    arrays["fit/x"], arrays["fit/y"] = x, y
    for i, w in enumerate(w0):
        arrays[f"fit/w{i}"] = w
    for i, w in enumerate(model.get_weights()):
        arrays[f"fit/after{i}"] = w
    arrays["fit/predict"] = model.predict(x[:5], verbose=0)
    meta["fit"] = {"history": jsonable(history.history),
                   "weight_names": [w.name for w in model.weights]}


def masked_fit(arrays, meta):
    """A sequence model whose padded steps (id 0) are masked out of loss and metrics."""
    keras.backend.clear_session()
    rng = np.random.default_rng(9)
    x = rng.integers(1, 8, size=(12, 5)).astype("int32")
    x[:, 3:][rng.random((12, 2)) < 0.6] = 0
    y = rng.integers(0, 4, size=(12, 5)).astype("int32")
    model = keras.Sequential([layers.Input((5,), dtype="int32"),
                              layers.Embedding(8, 3, mask_zero=True),
                              layers.Dense(4, activation="softmax")])
    w0 = weight_values(rng, model)
    model.set_weights(w0)
    model.compile(optimizer=keras.optimizers.SGD(0.5), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    history = model.fit(x, y, batch_size=4, epochs=2, shuffle=False, verbose=0)
    arrays["masked_fit/x"], arrays["masked_fit/y"] = x, y
    for i, w in enumerate(w0):
        arrays[f"masked_fit/w{i}"] = w
    for i, w in enumerate(model.get_weights()):
        arrays[f"masked_fit/after{i}"] = w
    meta["masked_fit"] = {"history": jsonable(history.history),
                          "evaluate": jsonable(model.evaluate(x, y, verbose=0))}


def masked_batch_norm(arrays):
    """A training call of BatchNormalization with a mask: the moments weight each position."""
    keras.backend.clear_session()
    rng = np.random.default_rng(5)
    x = floats(rng, (2, 4, 3), 2.0)
    mask = np.array([[True, True, False, True], [True, False, False, True]])
    layer = layers.BatchNormalization(momentum=0.5)
    layer(x)
    w0 = weight_values(rng, layer)
    layer.set_weights(w0)
    for i, w in enumerate(w0):
        arrays[f"bn_mask/w{i}"] = w
    r = floats(rng, x.shape)
    xt = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(xt)
        out = layer(xt, training=True, mask=tf.constant(mask))
        loss = tf.reduce_sum(out * r)
    arrays["bn_mask/x"], arrays["bn_mask/mask"], arrays["bn_mask/r"] = x, mask, r
    arrays["bn_mask/out"] = out.numpy()
    arrays["bn_mask/gx"] = tape.gradient(loss, xt).numpy()
    for i, w in enumerate(layer.get_weights()):
        arrays[f"bn_mask/after{i}"] = w


def adapt_cases(arrays, meta):
    rng = np.random.default_rng(11)
    data = floats(rng, (20, 3), 3.0) + np.array([1.0, -2.0, 5.0], "float32")
    norm = layers.Normalization()
    norm.adapt(data)
    x = floats(rng, (4, 3), 3.0)
    arrays["adapt/data"], arrays["adapt/x"] = data, x
    arrays["adapt/out"] = norm(x).numpy()
    meta["adapt"] = {"weight_names": [w.name for w in norm.weights],
                     "weights": jsonable([w.numpy() for w in norm.weights]),
                     "config": jsonable(norm.get_config())}
    data2 = floats(rng, (5, 2, 3), 2.0)
    norm2 = layers.Normalization(axis=None)
    norm2.adapt(data2)
    norm3 = layers.Normalization(axis=(1, 2))
    norm3.adapt(data2)
    arrays["adapt2/data"] = data2
    arrays["adapt2/out_none"] = norm2(data2).numpy()
    arrays["adapt2/out_12"] = norm3(data2).numpy()
    meta["adapt2"] = {"none_weights": jsonable([w.numpy() for w in norm2.weights]),
                      "axes12_weights": jsonable([w.numpy() for w in norm3.weights]),
                      "axes12_names": [w.name for w in norm3.weights]}


TEXTS = ["The cat sat on the mat.", "The dog ate my homework!",
         "Cats and dogs: the best of friends?", "A cat, a dog, a mat", "", "the THE The",
         "Zebra zebra apple apple"]
QUERIES = ["the cat ate", "unknown words here, the", "dog", "", "a a a zebra"]
TEXT_CASES = {
    "int": {},
    "int_length": {"max_tokens": 8, "output_sequence_length": 4},
    "int_long": {"output_sequence_length": 6},
    "multi_hot": {"output_mode": "multi_hot", "max_tokens": 10},
    "count": {"output_mode": "count"},
    "tf_idf": {"output_mode": "tf_idf", "max_tokens": 12},
    "multi_hot_padded": {"output_mode": "multi_hot", "max_tokens": 20,
                         "pad_to_max_tokens": True},
    "lower_only": {"standardize": "lower"},
    "no_standardize": {"standardize": None},
    "strip_only": {"standardize": "strip_punctuation"},
    "given_vocabulary": {"vocabulary": ["cat", "dog", "the"]},
    "given_vocabulary_count": {"vocabulary": ["cat", "dog", "the"], "output_mode": "count"},
}


def text_vectorization():
    out = {"texts": TEXTS, "queries": QUERIES, "cases": {}}
    for name, config in TEXT_CASES.items():
        keras.backend.clear_session()
        layer = layers.TextVectorization(**config)
        if "vocabulary" not in config:
            layer.adapt(TEXTS, batch_size=3)
        result = layer(np.array(QUERIES))
        out["cases"][name] = {
            "config": config, "vocabulary": layer.get_vocabulary(),
            "vocabulary_plain": layer.get_vocabulary(include_special_tokens=False),
            "vocabulary_size": layer.vocabulary_size(),
            "output": result.numpy().tolist(), "dtype": result.dtype.name,
            "keras_config": jsonable(layer.get_config()),
        }
    errors = {
        "tv_length_not_int": lambda: layers.TextVectorization(output_mode="count",
                                                             output_sequence_length=3),
        "tv_bad_mode": lambda: layers.TextVectorization(output_mode="words"),
        "tv_bad_standardize": lambda: layers.TextVectorization(standardize="upper"),
        "tv_bad_split": lambda: layers.TextVectorization(split="comma"),
        "tv_count_unadapted": lambda: layers.TextVectorization(output_mode="count")(
            np.array(["a b"])),
    }
    out["errors"] = {k: error_of(v) for k, v in errors.items()}
    return out


def error_of(fn):
    try:
        fn()
    except Exception as exc:  # noqa: BLE001 - the reference records whatever Keras raises
        return [type(exc).__name__, str(exc)]
    return None


def errors():
    a, b, c = layers.Input((4,)), layers.Input((4,)), layers.Input((5,))
    return {
        "relu_negative_max": error_of(lambda: layers.ReLU(max_value=-1.0)),
        "relu_negative_slope": error_of(lambda: layers.ReLU(negative_slope=-0.5)),
        "relu_negative_threshold": error_of(lambda: layers.ReLU(threshold=-0.5)),
        "leaky_relu_none": error_of(lambda: layers.LeakyReLU(alpha=None)),
        "elu_none": error_of(lambda: layers.ELU(alpha=None)),
        "dot_axes_type": error_of(lambda: layers.Dot(axes="a")),
        "dot_axes_len": error_of(lambda: layers.Dot(axes=(1,))),
        "dot_axes_items": error_of(lambda: layers.Dot(axes=(1, 1.5))),
        "dot_mismatch": error_of(lambda: layers.Dot(axes=1)([a, c])),
        "dot_three": error_of(lambda: layers.Dot(axes=1)([a, b, b])),
        "subtract_three": error_of(lambda: layers.Subtract()([a, b, b])),
        "multiply_mismatch": error_of(lambda: layers.Multiply()([a, c])),
        "merge_not_list": error_of(lambda: layers.Maximum()(a)),
        "embedding_zero_dim": error_of(lambda: layers.Embedding(0, 4)),
        "embedding_negative_out": error_of(lambda: layers.Embedding(4, -1)),
        "batch_norm_bad_axis": error_of(lambda: layers.BatchNormalization(axis=3)(a)),
        "layer_norm_bad_axis": error_of(lambda: layers.LayerNormalization(axis=3)(a)),
        "layer_norm_axis_type": error_of(lambda: layers.LayerNormalization(axis="x")),
        "dropout_rate": error_of(lambda: layers.Dropout(1.5)),
        "normalization_mean_only": error_of(lambda: layers.Normalization(mean=[1.0])),
        "normalization_not_adapted": error_of(lambda: layers.Normalization()(
            np.zeros((2, 3), "float32"))),
        "lambda_config_roundtrip": error_of(lambda: layers.Lambda.from_config(
            layers.Lambda(lambda t: t + 1).get_config())),
    }


def main():
    os.makedirs(DATA, exist_ok=True)
    arrays, meta = {}, {}
    for name, (class_name, config, specs) in CASES.items():
        keras.backend.clear_session()
        run_case(name, class_name, config, specs, arrays, meta)
    fit_history(arrays, meta)
    masked_batch_norm(arrays)
    masked_fit(arrays, meta)
    adapt_cases(arrays, meta)
    out = {"cases": meta, "summaries": summaries(), "errors": errors(),
           "fit": meta.pop("fit"), "text_vectorization": text_vectorization(),
           "adapt": meta.pop("adapt"), "adapt2": meta.pop("adapt2"),
           "masked_fit": meta.pop("masked_fit"),
           "versions": {"tf_keras": keras.__version__, "tensorflow": tf.__version__}}
    np.savez_compressed(os.path.join(DATA, "layers.npz"), **arrays)
    with open(os.path.join(DATA, "layers.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
