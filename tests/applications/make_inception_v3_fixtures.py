"""Write data/inception_v3.json from real tf_keras 2.21 (run by hand, never by tests).

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/applications/make_inception_v3_fixtures.py

What ``keras.applications.inception_v3`` gives without building InceptionV3:
``preprocess_input`` of a uint8 and a float array, of channels-first pixels, of an eager
tensor and of a KerasTensor (the layers the model then holds and its output on known
pixels), and ``decode_predictions``'s error for rows that are not 1000 classes.
"""
import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = os.path.dirname(os.path.abspath(__file__))

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import tf_keras as keras  # noqa: E402


def error_of(call):
    try:
        call()
    except Exception as exc:
        return [type(exc).__name__, str(exc)]
    return None


def facts():
    module = keras.applications.inception_v3
    rng = np.random.RandomState(0)
    images = rng.randint(0, 256, size=(2, 4, 5, 3)).astype("uint8")
    inputs = keras.Input((4, 5, 3))
    model = keras.Model(inputs, module.preprocess_input(inputs))
    eager = module.preprocess_input(tf.constant(images.astype("float32")))
    return {
        "uint8": module.preprocess_input(images.copy()).tolist(),
        "uint8_dtype": str(module.preprocess_input(images.copy()).dtype),
        "float64": module.preprocess_input(images.astype("float64")).tolist(),
        "channels_first": module.preprocess_input(
            np.moveaxis(images, -1, 1).astype("float32"), data_format="channels_first").tolist(),
        "eager": eager.numpy().tolist(),
        "keras_tensor_layers": [layer.name for layer in model.layers],
        "keras_tensor_output": model(images.astype("float32")).numpy().tolist(),
        "bad_decode": error_of(lambda: module.decode_predictions(np.zeros((2, 10)))),
        "_source": f"tf_keras {keras.__version__}",
    }


if __name__ == "__main__":
    with open(os.path.join(HERE, "data", "inception_v3.json"), "w") as f:
        json.dump(facts(), f, indent=1, sort_keys=True)
        f.write("\n")
