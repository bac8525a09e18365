"""Writes data/constraints.json from real tf_keras 2.21: what ``keras.constraints`` does.

Run with the TensorFlow venv from the repository root:
    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/layers/make_constraint_fixtures.py

``scenarios(keras, variable)`` below runs the same cases on a Keras module (tf_keras here,
tracekeras in test_constraints.py); ``variable`` makes a weight variable from an array.
It records:
- ``outputs``: each constraint applied to fixed arrays (2-D kernels and 4-D conv kernels,
  several axes, an all-zero kernel), with its class and config;
- ``by_name``: the class and config ``constraints.get`` makes of each name, ``from_dict``
  what it makes of configs in the new and the legacy form, ``serialized``: ``serialize``;
- ``configs``: whole layer configs (Dense, Conv2D, SeparableConv2D, DepthwiseConv2D,
  Embedding, BatchNormalization, LayerNormalization, LSTM, PReLU, EinsumDense,
  MultiHeadAttention) with constraints, and which weights carry one;
- ``fits``: three steps of SGD and of Adam on a Dense with ``kernel_constraint=MaxNorm``
  and ``bias_constraint=NonNeg`` from fixed weights, the weights after them;
- ``errors``: what bad constraint arguments raise.
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
from tests.layers.make_kernelized_fixtures import error_of  # noqa: E402 - after the path is set

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "constraints.json")

# name -> (constraint maker, array shape, seed, scale of the standard normal draws)
CASES = {
    "max_norm_default": (lambda c: c.MaxNorm(), (5, 3), 1, 2.0),
    "max_norm_axis1": (lambda c: c.MaxNorm(1.5, axis=1), (5, 3), 2, 1.0),
    "max_norm_int_untouched": (lambda c: c.MaxNorm(3), (4, 2), 3, 0.2),
    "max_norm_conv": (lambda c: c.MaxNorm(1.0, axis=[0, 1, 2]), (3, 3, 2, 4), 4, 1.0),
    "max_norm_zeros": (lambda c: c.MaxNorm(1.0), (3, 2), 5, 0.0),
    "max_norm_alias": (lambda c: c.max_norm(2.5, axis=1), (3, 6), 6, 2.0),
    "non_neg": (lambda c: c.NonNeg(), (5, 3), 7, 1.0),
    "non_neg_conv": (lambda c: c.non_neg(), (2, 2, 3, 2), 8, 1.0),
    "unit_norm_default": (lambda c: c.UnitNorm(), (5, 3), 9, 1.0),
    "unit_norm_axis1": (lambda c: c.unit_norm(axis=1), (5, 3), 10, 1.0),
    "unit_norm_conv": (lambda c: c.UnitNorm(axis=[0, 1, 2]), (3, 3, 2, 2), 11, 1.0),
    "min_max_norm_default": (lambda c: c.MinMaxNorm(), (5, 3), 12, 1.0),
    "min_max_norm_rate": (lambda c: c.min_max_norm(0.5, 2.0, rate=0.5, axis=1), (4, 3), 13,
                          1.5),
    "min_max_norm_conv": (lambda c: c.MinMaxNorm(1.0, 1.5, axis=[0, 1, 2]), (3, 3, 1, 3), 14,
                          0.3),
    "radial_3x3": (lambda c: c.RadialConstraint(), (3, 3, 2, 2), 15, 1.0),
    "radial_4x4": (lambda c: c.radial_constraint(), (4, 4, 1, 3), 16, 1.0),
    "radial_5x5": (lambda c: c.RadialConstraint(), (5, 5, 2, 1), 17, 1.0),
    "radial_2x2": (lambda c: c.RadialConstraint(), (2, 2, 1, 2), 18, 1.0),
    "base_constraint": (lambda c: c.Constraint(), (3, 2), 19, 1.0),
}

NAMES = ("max_norm", "MaxNorm", "maxnorm", "non_neg", "NonNeg", "nonneg", "unit_norm",
         "UnitNorm", "unitnorm", "min_max_norm", "MinMaxNorm", "radial_constraint",
         "RadialConstraint", "Constraint")

DICTS = {
    "new_form": {"module": "keras.constraints", "class_name": "MaxNorm",
                 "config": {"max_value": 4, "axis": [0, 1]}, "registered_name": None},
    "legacy_form": {"class_name": "MinMaxNorm",
                    "config": {"min_value": 0.1, "max_value": 2.0, "rate": 0.5, "axis": 1}},
}


def array(shape, seed, scale):
    return (np.random.default_rng(seed).standard_normal(shape) * scale).astype("float32")


def as_list(value):
    return np.asarray(value.numpy() if hasattr(value, "numpy") else value).tolist()


def described(constraint):
    return [type(constraint).__name__, constraint.get_config()]


def outputs(keras, variable):
    result = {}
    for name, (make, shape, seed, scale) in CASES.items():
        constraint = make(keras.constraints)
        result[name] = {"class_config": described(constraint),
                        "output": as_list(constraint(variable(array(shape, seed, scale))))}
    return result


def layers_with_constraints(keras):
    c, layers = keras.constraints, keras.layers
    return {
        "Dense": (layers.Dense(4, kernel_constraint=c.MaxNorm(3), bias_constraint="non_neg",
                               name="dense_c"), (None, 5)),
        "Conv2D": (layers.Conv2D(2, 3, kernel_constraint=c.MaxNorm(2, axis=[0, 1, 2]),
                                 bias_constraint=c.UnitNorm(), name="conv_c"), (None, 6, 6, 3)),
        "SeparableConv2D": (layers.SeparableConv2D(
            2, 3, depthwise_constraint="unit_norm", pointwise_constraint=c.NonNeg(),
            bias_constraint=c.MinMaxNorm(0.5, 1.5), name="sep_c"), (None, 6, 6, 3)),
        "DepthwiseConv2D": (layers.DepthwiseConv2D(
            3, depthwise_constraint=c.RadialConstraint(), bias_constraint="max_norm",
            name="depthwise_c"), (None, 6, 6, 3)),
        "Embedding": (layers.Embedding(10, 3, embeddings_constraint=c.UnitNorm(axis=1),
                                       name="embedding_c"), (None, 4)),
        "BatchNormalization": (layers.BatchNormalization(
            beta_constraint="non_neg", gamma_constraint=c.MaxNorm(1.0), name="bn_c"),
            (None, 3)),
        "LayerNormalization": (layers.LayerNormalization(
            beta_constraint=c.NonNeg(), gamma_constraint="unit_norm", name="ln_c"), (None, 3)),
        "LSTM": (layers.LSTM(2, kernel_constraint=c.MaxNorm(2), recurrent_constraint="unit_norm",
                             bias_constraint=c.NonNeg(), name="lstm_c"), (None, 4, 3)),
        "PReLU": (layers.PReLU(alpha_constraint=c.NonNeg(), name="prelu_c"), (None, 3)),
        "EinsumDense": (layers.EinsumDense("ab,bc->ac", 4, bias_axes="c",
                                           kernel_constraint=c.MaxNorm(2),
                                           bias_constraint="non_neg", name="einsum_c"),
                        (None, 3)),
        # its four EinsumDense sublayers are made at the first call and take the constraints
        "MultiHeadAttention": (layers.MultiHeadAttention(
            2, 3, kernel_constraint=c.UnitNorm(), bias_constraint=c.NonNeg(), name="mha_c"),
            "called on (1, 4, 3) query and value"),
    }


def weight_key(name):
    """``dense_c/kernel:0`` -> ``kernel``, ``mha_c/query/kernel:0`` -> ``query/kernel``; a name
    made outside its layer's scope (``kernel:0``) -> ``kernel``."""
    base = name.split(":")[0]
    return base.split("/", 1)[1] if "/" in base else base


def configs(keras):
    result = {}
    for name, (layer, shape) in layers_with_constraints(keras).items():
        if isinstance(shape, str):
            query = np.zeros((1, 4, 3), "float32")
            layer(query, query)
        else:
            layer.build(shape)
        constrained = {weight_key(w.name): type(w.constraint).__name__
                       for w in layer.weights if getattr(w, "constraint", None) is not None}
        result[name] = {"config": json.loads(json.dumps(layer.get_config(), default=as_list)),
                        "weight_constraints": constrained}
    return result


def fit(keras, optimizer):
    """Three steps from fixed weights on a Dense with a MaxNorm kernel and a NonNeg bias."""
    c = keras.constraints
    model = keras.Sequential([
        keras.Input(shape=(5,)),
        keras.layers.Dense(4, activation="tanh", kernel_constraint=c.MaxNorm(0.8),
                           bias_constraint=c.NonNeg()),
        keras.layers.Dense(1)])
    rng = np.random.default_rng(21)
    model.set_weights([(rng.standard_normal(w.shape) * 0.7).astype("float32")
                       for w in model.get_weights()])
    x = rng.standard_normal((24, 5)).astype("float32")
    y = (x[:, :1] * 2.0 - 1.0).astype("float32")
    model.compile(optimizer=optimizer, loss="mse")
    history = model.fit(x, y, batch_size=8, epochs=1, shuffle=False, verbose=0)
    return {"loss": history.history["loss"], "weights": [w.tolist() for w in model.get_weights()]}


def fits(keras):
    return {"sgd": fit(keras, keras.optimizers.SGD(learning_rate=0.5)),
            "adam": fit(keras, keras.optimizers.Adam(learning_rate=0.3))}


def errors(keras, variable):
    c = keras.constraints
    return {
        "get_int": error_of(lambda: c.get(3)),
        "get_list": error_of(lambda: c.get([1, 2])),
        "get_unknown_name": error_of(lambda: c.get("max_norms")),
        "dense_int": error_of(lambda: keras.layers.Dense(2, kernel_constraint=3)),
        "dense_unknown_name": error_of(lambda: keras.layers.Dense(2, bias_constraint="nope")),
        "conv_int": error_of(lambda: keras.layers.Conv2D(2, 3, kernel_constraint=1.5)),
        "lstm_int": error_of(lambda: keras.layers.LSTM(2, recurrent_constraint=7)),
        "add_weight_int": error_of(
            lambda: keras.layers.Layer().add_weight("w", shape=(2,), constraint=3)),
        "radial_rank_2": error_of(
            lambda: c.RadialConstraint()(variable(array((3, 4), 0, 1.0)))),
    }


def scenarios(keras, variable):
    return {
        "outputs": outputs(keras, variable),
        "by_name": {name: described(keras.constraints.get(name)) for name in NAMES},
        "from_dict": {name: described(keras.constraints.get(config))
                      for name, config in DICTS.items()},
        "serialized": {name: keras.constraints.serialize(make(keras.constraints))
                       for name, (make, *_) in CASES.items()},
        "configs": configs(keras),
        "fits": fits(keras),
        "errors": errors(keras, variable),
    }


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf
    import tf_keras as keras
    result = {"source": f"tf_keras {keras.__version__}", **scenarios(keras, tf.Variable)}
    with open(OUT, "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    print("wrote", OUT)
