"""Models whose layer calls take more than one input tensor, or a number: Python arithmetic
on KerasTensors (TFOpLambda layers, a number on either side, an array operand), a
MultiHeadAttention given its ``value``, ``key`` and ``attention_mask``, an Attention given
its masks. Written against the public Keras API (``keras`` is passed in), so
``make_graph_call_fixtures.py`` builds them on tf_keras 2.21 and
``make_graph_call_files.py`` and the tests on tracekeras.
"""
import numpy as np


def residual(keras):
    """keras.io's residual connection: ``x + inputs``."""
    a = keras.Input((3,))
    d = keras.layers.Dense(3, kernel_initializer="ones")(a)
    return keras.Model(a, d + a)


def arithmetic(keras):
    """Every operator, a number on the left and on the right, an array, two KerasTensors."""
    a = keras.Input((3,))
    b = keras.Input((3,))
    d = keras.layers.Dense(3)(a)
    out = (2.0 - d) * b + (-a) / 2.0 - np.arange(3, dtype="float32") + 1
    return keras.Model([a, b], out)


def mha(keras):
    """Self-attention: the query tensor passed again as ``value``."""
    a = keras.Input((3, 4))
    return keras.Model(a, keras.layers.MultiHeadAttention(num_heads=2, key_dim=3)(a, a))


def mha_key_mask(keras):
    """Query, value and key from three inputs, an attention mask from a fourth."""
    q = keras.Input((3, 4))
    v = keras.Input((5, 4))
    k = keras.Input((5, 4))
    m = keras.Input((3, 5), dtype="bool")
    layer = keras.layers.MultiHeadAttention(num_heads=2, key_dim=3)
    out = layer(q, v, key=k, attention_mask=m)
    return keras.Model([q, v, k, m], keras.layers.Dense(2)(out))


def attention_mask(keras):
    """Dot-product attention with the value's mask from an input."""
    q = keras.Input((3, 4))
    v = keras.Input((5, 4))
    vm = keras.Input((5,), dtype="bool")
    return keras.Model([q, v, vm], keras.layers.Attention()([q, v], mask=[None, vm]))


MODELS = {"residual": residual, "arithmetic": arithmetic, "mha": mha,
          "mha_key_mask": mha_key_mask, "attention_mask": attention_mask}


def inputs(name):
    """The model's inputs, the same on both engines."""
    r = np.random.RandomState(7)
    if name == "residual":
        return r.randn(4, 3).astype("float32")
    if name == "arithmetic":
        return [r.randn(4, 3).astype("float32"), r.randn(4, 3).astype("float32")]
    if name == "mha":
        return r.randn(2, 3, 4).astype("float32")
    if name == "mha_key_mask":
        return [r.randn(2, 3, 4).astype("float32"), r.randn(2, 5, 4).astype("float32"),
                r.randn(2, 5, 4).astype("float32"), r.rand(2, 3, 5) > 0.3]
    return [r.randn(2, 3, 4).astype("float32"), r.randn(2, 5, 4).astype("float32"),
            np.array([[1, 1, 0, 0, 0], [1, 1, 1, 1, 0]], bool)]


def layer_calls(model):
    """Each layer's ``[class_name, name, inbound_nodes]`` in the model config."""
    return [[layer["class_name"], layer["name"], layer["inbound_nodes"]]
            for layer in model.get_config()["layers"]]


def saved_entries(config_json):
    """Each layer's ``[module, class_name, registered_name]`` in a ``.keras`` config.json."""
    return [[layer["module"], layer["class_name"], layer["registered_name"]]
            for layer in config_json["config"]["layers"]]
