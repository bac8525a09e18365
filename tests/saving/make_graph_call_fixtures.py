"""What tf_keras 2.21 writes and reads for the models of ``graph_call_models.py``.

Run with the tf_keras venv, after ``make_graph_call_files.py``:

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/saving/make_graph_call_fixtures.py

Writes into ``tests/saving/data/``:

- ``tf_graph_<model>.keras`` and ``tf_graph_<model>.h5``: each model saved by tf_keras;
  ``tf_graph_expect.npz``: its inputs and tf_keras's predictions;
- ``graph_calls.json``: each model's layer calls as its config writes them
  (``[class_name, name, inbound_nodes]``: a tensor argument other than the first as
  ``[layer, node, index]`` in the kwargs, a number on the left as ``_CONSTANT_VALUE``),
  the ``[module, class_name, registered_name]`` of each layer in ``config.json``, the
  output shape of ``Model.from_config(model.get_config())`` and how far its predictions
  are from the model's with the same weights, and the verdict on
  tracekeras's files ``tk_graph_<model>.keras``/``.h5``: tf_keras loads them and gives
  tracekeras's predictions (largest difference).
"""
import json
import os
import sys
import tempfile
import zipfile

import numpy as np
import tf_keras as keras

FOLDER = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(FOLDER)))
from tests.saving import graph_call_models  # noqa: E402 - after the path is set

HERE = os.path.join(FOLDER, "data")


def max_diff(a, b):
    return float(np.max(np.abs(np.asarray(a, "float64") - np.asarray(b, "float64"))))


def inputs_from(npz, name):
    arrays = [npz[k] for k in sorted((k for k in npz.files if k.startswith(f"{name}_x")),
                                     key=lambda k: int(k[len(name) + 2:]))]
    return arrays if len(arrays) > 1 else arrays[0]


def reads_ours(name, ours):
    x, want = inputs_from(ours, name), ours[f"{name}_pred"]
    verdict = {}
    for ext in ("keras", "h5"):
        model = keras.models.load_model(os.path.join(HERE, f"tk_graph_{name}.{ext}"))
        verdict[ext] = max_diff(model.predict(x, verbose=0), want)
    return verdict


def main():
    ours = np.load(os.path.join(HERE, "tk_graph_expect.npz"))
    facts, expect = {"source": f"tf_keras {keras.__version__}", "models": {}}, {}
    for name, build in graph_call_models.MODELS.items():
        keras.backend.clear_session()
        keras.utils.set_random_seed(1)
        model = build(keras)
        x = graph_call_models.inputs(name)
        for i, array in enumerate(x if isinstance(x, list) else [x]):
            expect[f"{name}_x{i}"] = array
        expect[f"{name}_pred"] = model.predict(x, verbose=0)
        model.save(os.path.join(HERE, f"tf_graph_{name}.keras"))
        model.save(os.path.join(HERE, f"tf_graph_{name}.h5"))
        with zipfile.ZipFile(os.path.join(HERE, f"tf_graph_{name}.keras")) as z:
            saved = json.loads(z.read("config.json"))
        rebuilt = keras.Model.from_config(model.get_config())
        rebuilt.set_weights(model.get_weights())
        facts["models"][name] = {
            "layer_calls": graph_call_models.layer_calls(model),
            "saved_entries": graph_call_models.saved_entries(saved),
            "from_config_output_shape": list(rebuilt(x).shape),
            "from_config_max_diff": max_diff(rebuilt(x), model(x)),
            "tf_keras_reads_tracekeras": reads_ours(name, ours),
        }
    np.savez(os.path.join(HERE, "tf_graph_expect.npz"), **expect)
    with open(os.path.join(HERE, "graph_calls.json"), "w") as f:
        json.dump(facts, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory():
        main()
