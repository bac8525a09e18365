"""Write the reference numbers of tests/layers/test_attention.py from real tf_keras 2.21.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/layers/make_attention_fixtures.py

Layer cases (``LAYER_CASES``: a class, its config, seeded inputs and call keywords): the
layer is called once to build, its weights are set to seeded values, and the script
records the weights' names and shapes, the output (and attention scores where asked)
with ``training=False``, the output with ``training=True`` under a GradientTape, and the
gradients of ``sum(output * R)`` with respect to each float input and each trainable
weight (not with a dropout rate, whose masks are TensorFlow's). Model cases
(``MODEL_CASES``, written in ``attention_models.py``): Python arithmetic on KerasTensors
(TFOpLambda layers), and small
functional models with attention (one fed by ``Embedding(mask_zero=True)``, keras.io's
transformer text classifier and timeseries encoder at a small size), whose ``summary()``,
weight names and shapes, predictions, and a short ``fit`` (history and final weights,
``shuffle=False``) from seeded weights are recorded. The configs of two layers are
recorded as ``get_config`` returns them.

Output: ``data/attention.npz`` (arrays) and ``data/attention.json`` (everything else).
"""
import json
import os
import zlib

import attention_models
import numpy as np
import tensorflow as tf
import tf_keras as keras
from tf_keras import layers

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")

# name: (class name, config, input specs (shape, dtype), call keywords)
LAYER_CASES = {
    "einsum_dense_matmul": ("EinsumDense", {"equation": "ab,bc->ac", "output_shape": 4,
                                            "bias_axes": "c"}, [(3, 5)], {}),
    "einsum_dense_3d": ("EinsumDense", {"equation": "abc,cde->abde", "output_shape": [None, 2, 3],
                                        "bias_axes": "de", "activation": "relu"},
                        [(2, 4, 5)], {}),
    "einsum_dense_left_ellipsis": ("EinsumDense", {"equation": "...b,bc->...c",
                                                   "output_shape": 3, "bias_axes": "c"},
                                   [(2, 3, 4, 5)], {}),
    "einsum_dense_right_ellipsis": ("EinsumDense", {"equation": "abc...,cd->abd...",
                                                    "output_shape": [None, 3],
                                                    "bias_axes": "d"}, [(2, 4, 5, 6)], {}),
    "einsum_dense_no_bias": ("EinsumDense", {"equation": "abc,cd->abd", "output_shape": [None, 3]},
                             [(2, 4, 5)], {}),
    "mha_self": ("MultiHeadAttention", {"num_heads": 2, "key_dim": 3},
                 [(2, 4, 6), (2, 4, 6)], {"return_attention_scores": True}),
    "mha_cross_key": ("MultiHeadAttention", {"num_heads": 3, "key_dim": 2, "value_dim": 5,
                                             "output_shape": 8, "use_bias": False},
                      [(2, 3, 6), (2, 5, 4), (2, 5, 7)], {"return_attention_scores": True}),
    "mha_causal_and_mask": ("MultiHeadAttention", {"num_heads": 2, "key_dim": 4},
                            [(2, 5, 6), (2, 5, 6), ((2, 5, 5), "mask")],
                            {"use_causal_mask": True, "return_attention_scores": True}),
    "mha_attention_mask": ("MultiHeadAttention", {"num_heads": 1, "key_dim": 4},
                           [(2, 3, 6), (2, 4, 6), ((2, 3, 4), "mask")],
                           {"return_attention_scores": True}),
    "mha_axes_2d": ("MultiHeadAttention", {"num_heads": 2, "key_dim": 2,
                                           "attention_axes": (1, 2)},
                    [(2, 3, 4, 5), (2, 3, 4, 5)], {"return_attention_scores": True}),
    "mha_dropout": ("MultiHeadAttention", {"num_heads": 2, "key_dim": 3, "dropout": 0.5},
                    [(2, 4, 6), (2, 4, 6)], {}),
    "attention_dot": ("Attention", {}, [(2, 3, 4), (2, 5, 4)],
                      {"return_attention_scores": True}),
    "attention_scaled_key": ("Attention", {"use_scale": True},
                             [(2, 3, 4), (2, 5, 6), (2, 5, 4)], {"return_attention_scores": True}),
    "attention_concat_causal": ("Attention", {"score_mode": "concat", "use_scale": True},
                                [(2, 4, 3), (2, 4, 3)],
                                {"use_causal_mask": True, "return_attention_scores": True}),
    "additive_attention": ("AdditiveAttention", {}, [(2, 3, 4), (2, 5, 4)],
                           {"return_attention_scores": True}),
    "additive_attention_unscaled": ("AdditiveAttention", {"use_scale": False},
                                    [(2, 3, 4), (2, 5, 4)], {"use_causal_mask": True}),
}


def floats(rng, shape, scale=1.0):
    return (rng.normal(size=shape) * scale).astype("float32")


def case_inputs(rng, specs):
    floats_in, mask = [], None
    for spec in specs:
        if len(spec) == 2 and spec[1] == "mask":
            mask = rng.random(spec[0]) > 0.3
            mask[..., 0] = True           # every query sees at least one key
        else:
            floats_in.append(floats(rng, spec))
    return floats_in, mask


def run_layer_case(name, class_name, config, specs, kwargs, arrays, meta):
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    xs, mask = case_inputs(rng, specs)
    layer = getattr(layers, class_name)(**config)
    attention_models.call_layer(layer, xs, mask, kwargs, False)
    weights = [floats(rng, tuple(w.shape), 0.5) for w in layer.weights]
    layer.set_weights(weights)
    out, scores = attention_models.call_layer(layer, xs, mask, kwargs, False)
    r = floats(rng, tuple(out.shape))
    xt = [tf.constant(x) for x in xs]
    with tf.GradientTape(persistent=True) as tape:
        for x in xt:
            tape.watch(x)
        out_tr, _ = attention_models.call_layer(layer, xt, mask, kwargs, True)
        loss = tf.reduce_sum(out_tr * r)
    random = bool(config.get("dropout"))    # a training call drops TensorFlow's random scores
    for i, x in enumerate(xs):
        arrays[f"{name}/x{i}"] = x
        if not random:
            arrays[f"{name}/gx{i}"] = tape.gradient(loss, xt[i]).numpy()
    for i, w in enumerate(weights):
        arrays[f"{name}/w{i}"] = w
    for i, w in enumerate(layer.trainable_weights):
        if not random:
            arrays[f"{name}/gw{i}"] = tf.convert_to_tensor(tape.gradient(loss, w)).numpy()
    if mask is not None:
        arrays[f"{name}/mask"] = mask
    arrays[f"{name}/r"] = r
    arrays[f"{name}/out_inference"] = out.numpy()
    if scores is not None:
        arrays[f"{name}/scores"] = scores.numpy()
    if not random:
        arrays[f"{name}/out_training"] = out_tr.numpy()
    meta[name] = {"class_name": class_name, "config": config, "call_kwargs": kwargs,
                  "inputs": len(xs), "mask": mask is not None,
                  "weights": [[w.name, list(w.shape)] for w in layer.weights]}


# -- models ----------------------------------------------------------------------------
MODEL_CASES = attention_models.models(keras)


def model_data(name, rng):
    if name in ("masked", "dense_attention_masked"):
        x = rng.integers(0, 12, size=(8, 6)).astype("int32")
        x[:, 4:] = 0                      # padding at the end
        x[0, :] = 0                       # a row of padding only
        x[0, 0] = 3
        return x, rng.integers(0, 3, size=8)
    if name == "operators":           # the two inputs, stacked
        return floats(rng, (2, 5, 3)) + 3.0, None
    if name == "text_classifier":
        return rng.integers(0, 30, size=(12, 8)).astype("float32"), rng.integers(0, 2, size=12)
    return floats(rng, (12, 10, 1)), rng.integers(0, 2, size=12)


def summary_text(model):
    lines = []
    model.summary(print_fn=lines.append, line_length=100)
    return "\n".join(lines)


def run_model_case(name, make, arrays, meta):
    keras.backend.clear_session()
    tf.keras.utils.set_random_seed(1)
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    model = make()
    weights = [floats(rng, tuple(w.shape), 0.3) for w in model.weights]
    model.set_weights(weights)
    x, y = model_data(name, rng)
    predictions = model.predict(list(x) if name == "operators" else x, verbose=0)
    arrays[f"{name}/x"] = x
    if y is not None:
        arrays[f"{name}/y"] = y
    for i, w in enumerate(weights):
        arrays[f"{name}/w{i}"] = w
    for i, p in enumerate(predictions if isinstance(predictions, list) else [predictions]):
        arrays[f"{name}/predict{i}"] = p
    entry = {"summary": summary_text(model),
             "weights": [[w.name, list(w.shape)] for w in model.weights]}
    if name in ("text_classifier", "timeseries_encoder"):
        model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01),
                      loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        history = model.fit(x, y, batch_size=4, epochs=2, shuffle=False, verbose=0)
        entry["history"] = history.history
        for i, w in enumerate(model.get_weights()):
            arrays[f"{name}/after{i}"] = w
    meta[name] = entry


def configs():
    mha = layers.MultiHeadAttention(num_heads=2, key_dim=3, name="mha")
    q = keras.Input(shape=(4, 6))
    mha(q, q)
    dense = layers.EinsumDense("ab,bc->ac", output_shape=4, bias_axes="c", name="ed")
    return {"MultiHeadAttention": mha.get_config(), "EinsumDense": dense.get_config()}


def main():
    arrays, layer_meta, model_meta = {}, {}, {}
    for name, (class_name, config, specs, kwargs) in LAYER_CASES.items():
        keras.backend.clear_session()
        run_layer_case(name, class_name, config, specs, kwargs, arrays, layer_meta)
    for name, make in MODEL_CASES.items():
        run_model_case(name, make, arrays, model_meta)
    keras.backend.clear_session()
    meta = {"tensorflow": tf.__version__, "tf_keras": keras.__version__,
            "layers": layer_meta, "models": model_meta, "configs": configs()}
    np.savez(os.path.join(DATA, "attention.tmp.npz"), **arrays)
    os.replace(os.path.join(DATA, "attention.tmp.npz"), os.path.join(DATA, "attention.npz"))
    with open(os.path.join(DATA, "attention.json.tmp"), "w") as f:
        json.dump(meta, f, indent=1, default=str)
        f.write("\n")
    os.replace(os.path.join(DATA, "attention.json.tmp"), os.path.join(DATA, "attention.json"))


if __name__ == "__main__":
    main()
