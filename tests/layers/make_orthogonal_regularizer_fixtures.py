"""Writes tests/layers/data/orthogonal_regularizer.json with real tf_keras 2.21.

Run with the TensorFlow venv from the repository root:
    /work/tfvenv/bin/python tests/layers/make_orthogonal_regularizer_fixtures.py

Per case a rank-2 weight, the factor and mode, the penalty and its gradient; the config,
what ``regularizers.get`` makes of the name and ``serialize`` of an instance; the loss a
Dense layer's kernel adds; the errors bad arguments raise.
"""
import json
import os

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import tf_keras as keras  # noqa: E402
from make_conv_fixtures import error_of, jsonable  # noqa: E402

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
RNG = np.random.default_rng(11)


def case(name, shape, factor, mode):
    x = tf.Variable(RNG.normal(size=shape).astype("float32"))
    reg = keras.regularizers.OrthogonalRegularizer(factor=factor, mode=mode)
    with tf.GradientTape() as tape:
        loss = reg(x)
    return {"name": name, "factor": factor, "mode": mode, "x": x.numpy().tolist(),
            "loss": float(loss.numpy()), "dx": tape.gradient(loss, x).numpy().tolist()}


def dense_case():
    layer = keras.layers.Dense(3, kernel_regularizer="orthogonal_regularizer")
    layer.build((None, 4))
    kernel = RNG.normal(size=(4, 3)).astype("float32")
    layer.kernel.assign(kernel)
    return {"kernel": kernel.tolist(), "losses": [float(v.numpy()) for v in layer.losses],
            "config": jsonable(layer.get_config()["kernel_regularizer"])}


def main():
    reg = keras.regularizers
    data = {
        "cases": [case("rows_3x5", (3, 5), 0.01, "rows"), case("columns_6x4", (6, 4), 0.5,
                                                              "columns"),
                  case("rows_int_factor", (4, 2), 2, "rows")],
        "config": jsonable(reg.OrthogonalRegularizer(0.2, "columns").get_config()),
        "get_name": jsonable(reg.get("orthogonal_regularizer").get_config()),
        "serialized": jsonable(reg.serialize(reg.OrthogonalRegularizer())),
        "dense": dense_case(),
        "errors": {
            "bad_mode": error_of(lambda: reg.OrthogonalRegularizer(mode="diagonal")),
            "rank_3": error_of(lambda: reg.OrthogonalRegularizer()(tf.ones((2, 3, 4)))),
            "nan_factor": error_of(lambda: reg.OrthogonalRegularizer(float("nan"))),
            "string_factor": error_of(lambda: reg.OrthogonalRegularizer("0.1")),
        },
    }
    with open(os.path.join(HERE, "orthogonal_regularizer.json"), "w") as f:
        json.dump(data, f, indent=1)


if __name__ == "__main__":
    main()
