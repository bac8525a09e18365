"""Write data/kernelized.json from real tf_keras: ``RandomFourierFeatures``'s weights
(names, shapes, which are trainable), default scale, config, output for given weights, a
trainable scale (its NonNeg constraint and three SGD steps),
the Cauchy kernel "laplacian" draws from NumPy's global generator, and its errors
(``scenarios`` below, run by test_kernelized.py on tracekeras). Run with the tensorflow venv:
``TF_USE_LEGACY_KERAS=1 python tests/layers/make_kernelized_fixtures.py``."""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "kernelized.json")


def short(name):
    """A weight's own name: ``rff/bias:0`` -> ``bias``."""
    return name.split("/")[-1].split(":")[0]


def error_of(call):
    try:
        call()
    except Exception as e:  # noqa: BLE001 - the error is the recorded result
        return {"type": type(e).__name__, "message": str(e)}
    return None


def scenarios(keras):
    """What ``keras``'s RandomFourierFeatures does, as JSON."""
    RFF = keras.layers.experimental.RandomFourierFeatures
    out = {}
    layer = RFF(output_dim=5, name="rff")
    layer.build((None, 3))
    out["gaussian"] = {
        "weights": [[short(w.name), list(w.shape)] for w in layer.weights],
        "trainable": [short(w.name) for w in layer.trainable_weights],
        "non_trainable": [short(w.name) for w in layer.non_trainable_weights],
        "scale": float(layer.scale),
        "config": {k: layer.get_config()[k] for k in ("output_dim", "kernel_initializer",
                                                       "scale", "trainable", "name")},
        "output_shape": list(layer.compute_output_shape((7, 3))),
    }
    rng = np.random.default_rng(0)
    by_name = {"unscaled_kernel": rng.standard_normal((3, 5)).astype("float32"),
               "bias": rng.uniform(0, 6, 5).astype("float32"),
               "kernel_scale": np.array([2.5], "float32")}
    weights = [by_name[short(w.name)] for w in layer.weights]
    layer.set_weights(weights)
    x = rng.standard_normal((4, 3)).astype("float32")
    out["call"] = {"weights": [w.tolist() for w in weights], "x": x.tolist(),
                   "y": np.asarray(layer(x)).tolist()}
    np.random.seed(3)
    laplacian = RFF(output_dim=4, kernel_initializer="laplacian", scale=2.0)
    laplacian.build((None, 2))
    out["laplacian"] = {"unscaled_kernel": np.asarray(laplacian.unscaled_kernel).tolist(),
                        "scale": float(laplacian.scale)}
    out["trainable"] = trainable_scale(keras, RFF)
    out["errors"] = {
        "output_dim": error_of(lambda: RFF(output_dim=0)),
        "initializer": error_of(lambda: RFF(output_dim=2, kernel_initializer="poly")),
        "scale": error_of(lambda: RFF(output_dim=2, scale=-1.0)),
        "rank": error_of(lambda: RFF(output_dim=2).build((None, 3, 4))),
        "undefined": error_of(lambda: RFF(output_dim=2).build((None, None))),
    }
    return out


def trainable_scale(keras, RFF):
    """A trainable layer: its weights, the constraint on ``kernel_scale`` and three SGD steps
    of a linear model on its features, from fixed weights."""
    rff = RFF(output_dim=4, scale=2.0, trainable=True, name="rff_trainable")
    model = keras.Sequential([keras.Input(shape=(3,)), rff, keras.layers.Dense(1)])
    rng = np.random.default_rng(5)
    by_name = {"unscaled_kernel": rng.standard_normal((3, 4)).astype("float32"),
               "bias": rng.uniform(0, 6, 4).astype("float32"),
               "kernel_scale": np.array([2.0], "float32")}
    rff.set_weights([by_name[short(w.name)] for w in rff.weights])
    model.layers[-1].set_weights([rng.standard_normal((4, 1)).astype("float32"),
                                  np.zeros(1, "float32")])
    x = rng.standard_normal((12, 3)).astype("float32")
    y = rng.standard_normal((12, 1)).astype("float32")
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.05), loss="mse")
    history = model.fit(x, y, batch_size=4, epochs=1, shuffle=False, verbose=0)
    scale = [w for w in rff.weights if short(w.name) == "kernel_scale"][0]
    return {"trainable": [short(w.name) for w in rff.trainable_weights],
            "constraint": type(scale.constraint).__name__,
            "config_trainable": rff.get_config()["trainable"],
            "loss": [round(float(v), 5) for v in history.history["loss"]],
            "kernel_scale": [round(float(v), 5) for v in np.asarray(scale.numpy())]}


if __name__ == "__main__":
    import tf_keras as keras
    result = {"source": f"tf_keras {keras.__version__}", **scenarios(keras)}
    with open(OUT, "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
