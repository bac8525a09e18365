"""``.keras`` files of lookup layers in ``output_mode="tf_idf"`` from both sides:
``tf_idf_model.keras`` written by real tf_keras 2.21, and what tf_keras makes of
``tk_idf_model.keras``, written by tracekeras (``make_tk_idf_saving_file.py``, run first).

Run with the TensorFlow venv (tests never import TensorFlow)::

    python tests/layers/make_tk_idf_saving_file.py     # tracekeras's venv
    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/layers/make_tf_idf_saving_files.py

Writes into ``tests/layers/data/``: ``tf_idf_model.keras`` (the model of
``tf_idf_saving_model.py``) and ``tf_idf_model.json``: its predictions on the query, each
lookup's vocabulary, the archive's members and assets, every dataset of its
``model.weights.h5`` (path and values: Keras's ``save_own_variables`` names the idf
weights "idf_weights"), and tf_keras's predictions from ``tk_idf_model.keras``.
"""
import io
import json
import os
import sys
import zipfile

import h5py
import tensorflow as tf
import tf_keras as keras

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
sys.path.insert(0, HERE)
import tf_idf_saving_model  # noqa: E402 - the model both engines build


def archive_facts(path):
    with zipfile.ZipFile(path) as zf:
        members = sorted(zf.namelist())
        assets = {m: zf.read(m).decode("utf-8") for m in members if m.startswith("assets/")}
        with h5py.File(io.BytesIO(zf.read("model.weights.h5")), "r") as h5:
            datasets = {}
            h5.visititems(lambda name, obj: datasets.__setitem__(name, obj[()].tolist())
                          if isinstance(obj, h5py.Dataset) else None)
    return {"members": members, "assets": assets, "datasets": datasets}


def main():
    keras.utils.set_random_seed(1)
    model = tf_idf_saving_model.build(keras)
    path = os.path.join(DATA, "tf_idf_model.keras")
    model.save(path)
    inputs = tf_idf_saving_model.query_inputs()
    facts = {"prediction": model.predict([tf.constant(x) for x in inputs], verbose=0).tolist(),
             "vocabularies": {name: [str(t) for t in model.get_layer(name).get_vocabulary()]
                              for name in ("word_lookup", "vectorize", "int_lookup")},
             "archive": archive_facts(path),
             "versions": {"tf_keras": keras.__version__, "tensorflow": tf.__version__}}
    theirs = os.path.join(DATA, "tk_idf_model.keras")
    if os.path.exists(theirs):
        loaded = keras.models.load_model(theirs)
        facts["tk_file"] = {
            "prediction": loaded.predict([tf.constant(x) for x in inputs], verbose=0).tolist(),
            "idf_weights": {name: loaded.get_layer(name).idf_weights.numpy().tolist()
                            for name in ("word_lookup", "int_lookup")},
            "vectorize_idf_weights":
                loaded.get_layer("vectorize")._lookup_layer.idf_weights.numpy().tolist(),
            "archive": archive_facts(theirs)}
    tmp = os.path.join(DATA, "tf_idf_model.json.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(facts, f, indent=1)
        f.write("\n")
    os.replace(tmp, os.path.join(DATA, "tf_idf_model.json"))
    print(facts["archive"]["members"], "tk_file" in facts)


if __name__ == "__main__":
    main()
