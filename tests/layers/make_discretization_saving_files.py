"""A ``.keras`` file of a model with an adapted Discretization, written by real tf_keras
2.21, and what tf_keras says of it, for ``test_discretization_saving.py``: Keras keeps the
layer's adapt summary in a weight of shape ``(2, None)`` that the weights file holds as
``layers/discretization/vars/0``; loading sets the summary and not the bin boundaries
(they are not in the config), so the reloaded layer puts every value in bin 0.

Run with the TensorFlow venv::

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/layers/make_discretization_saving_files.py

Writes into ``tests/layers/data/``: ``tf_discretization_model.keras`` and
``tf_discretization_model.json`` (the adapt data, the query, the boundaries, the weight's
name and shape, the stored arrays' shapes, the predictions before saving and after
loading, and the summary as reloaded).
"""
import io
import json
import os
import zipfile

import h5py
import numpy as np
import tensorflow as tf
import tf_keras as keras

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
ADAPT = [[0.1], [0.5], [2.0], [3.0], [0.7], [1.5], [2.2], [0.05]]
QUERY = [[0.2], [1.0], [2.5], [-1.0]]


def stored_shapes(path):
    shapes = {}
    with zipfile.ZipFile(path) as archive, archive.open("model.weights.h5") as member:
        with h5py.File(io.BytesIO(member.read()), "r") as h5:
            h5.visititems(lambda name, item: shapes.update(
                {name: list(item.shape)} if isinstance(item, h5py.Dataset) else {}))
    return shapes


def main():
    layer = keras.layers.Discretization(num_bins=3, epsilon=0.01)
    layer.adapt(np.array(ADAPT, "float32"))
    inputs = keras.Input((1,))
    model = keras.Model(inputs, layer(inputs))
    query = np.array(QUERY, "float32")
    path = os.path.join(HERE, "tf_discretization_model.keras")
    model.save(path)
    loaded = keras.models.load_model(path)
    facts = {"adapt": ADAPT, "query": QUERY,
             "bin_boundaries": list(layer.bin_boundaries),
             "weights": [[w.name, [None if d is None else int(d) for d in w.shape]]
                         for w in layer.weights],
             "count_params": model.count_params(),
             "stored": stored_shapes(path),
             "predict": model.predict(query, verbose=0).tolist(),
             "loaded predict": loaded.predict(query, verbose=0).tolist(),
             "loaded bin_boundaries": list(loaded.layers[1].bin_boundaries),
             "loaded summary": loaded.layers[1].summary.numpy().tolist(),
             "versions": {"tf_keras": keras.__version__, "tensorflow": tf.__version__}}
    out = os.path.join(HERE, "tf_discretization_model.json")
    with open(out + ".tmp", "w") as f:
        json.dump(facts, f, indent=1)
        f.write("\n")
    os.replace(out + ".tmp", out)


if __name__ == "__main__":
    main()
