"""Write data/keras_summaries.json and data/keras_behaviour.json from real tf_keras 2.21.

    $TRACEKERAS_KERAS_PYTHON tests/build/make_fixtures.py

Run by hand with a Python that has tensorflow-cpu 2.21.0 and tf-keras 2.21.0, never by
the tests. ``keras_summaries.json``: the ``model.summary()`` lines (and a few layer and
weight names) of the models built in ``summaries``; ``keras_behaviour.json``: the outcome
of each case of ``scenarios.py``.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

import tf_keras  # noqa: E402
from tf_keras import backend, layers  # noqa: E402
from tf_keras.models import Model, Sequential  # noqa: E402

from tests.build.scenarios import outcome, scenarios  # noqa: E402


def lines_of(model, **kwargs):
    lines = []
    model.summary(print_fn=lambda line, **_: lines.append(line), **kwargs)
    return lines


def summaries():
    out = {}
    backend.clear_session()
    seed = Sequential([layers.Dense(512, activation="relu"),
                       layers.Dense(10, activation="softmax")])
    seed.build(input_shape=(None, 784))
    out["seed_sequential"] = lines_of(seed)
    out["seed_sequential_trainable"] = lines_of(seed, show_trainable=True)
    out["seed_sequential_line80"] = lines_of(seed, line_length=80)

    backend.clear_session()
    inputs = layers.Input(shape=(784,))
    x = layers.Dense(64, activation="relu")(inputs)
    x = layers.Dense(64, activation="relu")(x)
    probs = layers.Dense(10, activation="softmax")(x)
    out["s4_functional"] = lines_of(Model(inputs=inputs, outputs=probs))

    backend.clear_session()
    a, b = layers.Input((3,), name="a"), layers.Input((4,), name="b")
    joined = layers.Concatenate()([a, b])
    multi = Model([a, b], [layers.Dense(1, name="o1")(joined), layers.Dense(2, name="o2")(joined)])
    out["multi_io"] = lines_of(multi)
    out["multi_io_names"] = [multi.input_names, multi.output_names,
                             [layer.name for layer in multi.layers]]

    backend.clear_session()
    misc = Sequential([layers.Dense(4, input_shape=(3,)), layers.Dropout(0.5), layers.Flatten(),
                       layers.Reshape((2, 2)), layers.Activation("tanh")])
    out["sequential_misc"] = lines_of(misc)
    out["sequential_misc_names"] = ([layer.name for layer in misc.layers]
                                    + [w.name for w in misc.weights] + [misc.inputs[0].name])

    backend.clear_session()
    frozen = Sequential([layers.Dense(4, input_shape=(3,)), layers.Dense(2)])
    frozen.layers[0].trainable = False
    out["sequential_frozen"] = lines_of(frozen, show_trainable=True)

    backend.clear_session()
    inner = Sequential([layers.Dense(3, input_shape=(2,)), layers.Dense(2)], name="inner")
    outer = Sequential([inner, layers.Dense(1)], name="outer")
    out["nested"] = lines_of(outer)
    out["nested_expanded"] = lines_of(outer, expand_nested=True)
    return out


def behaviour():
    result = {name: outcome(fn, backend.clear_session)
              for name, fn in scenarios(layers, Sequential, Model)}
    result["_source"] = f"tf_keras {tf_keras.__version__}"
    return result


if __name__ == "__main__":
    with open(os.path.join(HERE, "data", "keras_summaries.json"), "w") as f:
        json.dump(summaries(), f, indent=1)
    with open(os.path.join(HERE, "data", "keras_behaviour.json"), "w") as f:
        json.dump(behaviour(), f, indent=1, sort_keys=True)
