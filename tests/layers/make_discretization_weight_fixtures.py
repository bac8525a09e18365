"""Write where real tf_keras 2.21 keeps a Discretization's adapt state: its ``weights``,
``get_weights()``, ``count_params()``, ``get_config()`` and ``model.summary()``, before and
after ``adapt``, and what ``set_weights`` of another summary does.

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python \
        tests/layers/make_discretization_weight_fixtures.py

Run by hand, never by the tests. Output: ``data/discretization_weights.json``.
"""
import json
import os

import numpy as np
import tf_keras as keras

HERE = os.path.dirname(os.path.abspath(__file__))
ADAPT = (np.arange(100, dtype="float32").reshape(-1, 1) * 0.37) % 11.0
QUERY = [[-1.0], [0.5], [2.0], [4.5], [7.0], [10.9]]
NEW_SUMMARY = [[0.0, 2.0, 4.0, 6.0, 8.0], [1.0, 1.0, 1.0, 1.0, 1.0]]


def weights_of(layer):
    return [{"name": w.name, "shape": list(w.shape), "dtype": w.dtype.name,
             "trainable": w.trainable} for w in layer.weights]


def summary_lines(model):
    lines = []
    model.summary(print_fn=lambda line, **_: lines.append(line))
    return lines


def main():
    out = {"adapt": ADAPT.tolist(), "query": QUERY, "new_summary": NEW_SUMMARY}
    layer = keras.layers.Discretization(num_bins=4, epsilon=0.01)
    out["unbuilt weights"] = weights_of(layer)
    layer.adapt(ADAPT)
    out["weights"] = weights_of(layer)
    out["trainable"] = len(layer.trainable_weights)
    out["non_trainable"] = len(layer.non_trainable_weights)
    out["get_weights"] = [w.tolist() for w in layer.get_weights()]
    out["count_params"] = layer.count_params()
    out["config"] = layer.get_config()
    out["bin_boundaries"] = list(layer.bin_boundaries)
    model = keras.Sequential([keras.Input((1,)), layer])
    out["summary"] = summary_lines(model)
    out["model weights"] = [list(np.shape(w)) for w in model.get_weights()]
    out["predict"] = model.predict(np.array(QUERY, "float32"), verbose=0).tolist()
    layer.set_weights([np.array(NEW_SUMMARY, "float32")])
    out["after set_weights"] = {"get_weights": [w.tolist() for w in layer.get_weights()],
                                "bin_boundaries": list(layer.bin_boundaries)}
    layer.finalize_state()
    out["after set_weights"]["finalized bin_boundaries"] = list(layer.bin_boundaries)
    built = keras.layers.Discretization(num_bins=3)
    built.build((None, 1))
    out["built without adapt"] = {"weights": weights_of(built),
                                  "get_weights": [list(w.shape) for w in built.get_weights()]}
    given = keras.layers.Discretization(bin_boundaries=[0.0, 1.0])
    given.build((None, 1))
    out["given boundaries weights"] = weights_of(given)
    with open(os.path.join(HERE, "data", "discretization_weights.json"), "w",
              encoding="utf-8") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
