"""Write data/graph_names.json from real tf_keras 2.21: the ``name``, ``str`` and ``repr`` of
the KerasTensor each case of ``graph_name_cases.py`` makes (a layer called on ``Input``\\s),
of ``Input`` tensors, of a Lambda layer handing back its first or second input, and of
layers handing back an input that autocast did or did not cast, and of the TFOpLambda
layers of Python's operators and of the ops that dispatch on a KerasTensor, and of models
called as layers (``graph_name_cases.nested``).

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/build/make_graph_name_fixtures.py

Run by hand with tensorflow-cpu 2.21.0 and tf-keras 2.21.0, never by the tests.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import tf_keras as keras  # noqa: E402
from graph_name_cases import CASES, WRAPPED, nested  # noqa: E402


def inputs_for(shapes):
    if isinstance(shapes, list):
        return [keras.Input(shape) for shape in shapes]
    return keras.Input(shapes)


def described(tensor):
    return {"name": tensor.name, "str": str(tensor), "repr": repr(tensor)}


class Seen(keras.layers.Layer):
    """Hands its input back, noting the dtype its call met."""

    def call(self, inputs):
        self.seen = inputs.dtype.name
        return inputs


def autocast():
    """A float64 Input through a float32 layer (its call meets float32: Keras's autocast),
    through one with autocast off, and a float32 Input through a float64 layer."""
    out = {}
    for label, layer, dtype in (("float32 layer", Seen(name="s32"), "float64"),
                                ("autocast off", Seen(name="off", autocast=False), "float64"),
                                ("float64 layer", Seen(name="s64", dtype="float64"), "float32")):
        record = described(layer(keras.Input((3,), dtype=dtype)))
        record["seen"] = layer.seen
        out[label] = record
    return out


def tf_ops():
    """The TFOpLambda layers Python's operators and the dispatched ops make."""
    import tensorflow as tf
    keras.backend.clear_session()
    x, ids = keras.Input((4,)), keras.Input((3,), dtype="int32")
    made = {"x + 1": x + 1.0, "1 + x": 1.0 + x, "x - 2": x - 2.0, "2 - x": 2.0 - x,
            "x * 3": x * 3.0, "x / 2": x / 2.0, "-x": -x, "exp": tf.math.exp(x),
            "square": tf.math.square(x), "reduce_sum": tf.math.reduce_sum(x, axis=1),
            "reduce_mean": tf.math.reduce_mean(x), "sigmoid": tf.math.sigmoid(x),
            "tanh": tf.math.tanh(x), "relu": tf.nn.relu(x), "one_hot": tf.one_hot(ids, 5),
            "K.dot": keras.backend.dot(x, tf.ones((4, 2))), "x + x": x + x,
            "expand_dims": tf.expand_dims(x, -1),
            "expand_dims of strings": tf.expand_dims(keras.Input((), dtype="string"), -1)}
    return {label: described(tensor) for label, tensor in made.items()}


def main():
    out = {"cases": {}}
    for index, (label, class_name, kwargs, shapes) in enumerate(CASES):
        layer = getattr(keras.layers, class_name)(name=f"case{index}", **kwargs)
        out["cases"][label] = described(layer(inputs_for(shapes)))
    for index, (label, wrapper, kwargs, inner, inner_kwargs, shape) in enumerate(WRAPPED):
        layer = getattr(keras.layers, wrapper)(getattr(keras.layers, inner)(**inner_kwargs),
                                               name=f"wrapped{index}", **kwargs)
        out["cases"][label] = described(layer(keras.Input(shape)))
    keras.backend.clear_session()
    first, second = keras.Input((3,)), keras.Input((3,), name="ids", dtype="int32")
    out["inputs"] = [described(first), described(second)]
    pair = [keras.Input((3,)), keras.Input((3,))]
    out["lambda_first"] = described(keras.layers.Lambda(lambda ts: ts[0], name="l0")(pair))
    out["lambda_second"] = described(keras.layers.Lambda(lambda ts: ts[1], name="l1")(pair))
    out["autocast"] = autocast()
    out["tf ops"] = tf_ops()
    out["nested"] = nested(keras)
    with open(os.path.join(HERE, "data", "graph_names.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
