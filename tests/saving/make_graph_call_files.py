"""Files tracekeras writes for the models of ``graph_call_models.py``, for real tf_keras to
read (``make_graph_call_fixtures.py`` checks them).

Run with tracekeras's venv first, then the fixtures with the tf_keras venv:

    python tests/saving/make_graph_call_files.py
    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/saving/make_graph_call_fixtures.py

Writes into ``tests/saving/data/``: ``tk_graph_<model>.keras`` and ``tk_graph_<model>.h5``
(``model.save``) and ``tk_graph_expect.npz`` (each model's inputs and predictions).
"""
import os
import sys
import warnings

import numpy as np

FOLDER = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(FOLDER)))  # this checkout's tracekeras
import tracekeras as keras  # noqa: E402 - after the path is set
from tests.saving import graph_call_models  # noqa: E402

HERE = os.path.join(FOLDER, "data")


def as_list(x):
    return x if isinstance(x, list) else [x]


def main():
    expect = {}
    for name, build in graph_call_models.MODELS.items():
        keras.backend.clear_session()
        keras.utils.set_random_seed(1)
        model = build(keras)
        x = graph_call_models.inputs(name)
        for i, array in enumerate(as_list(x)):
            expect[f"{name}_x{i}"] = array
        expect[f"{name}_pred"] = np.asarray(model.predict(x, verbose=0))
        model.save(os.path.join(HERE, f"tk_graph_{name}.keras"))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")   # the legacy-format warning
            model.save(os.path.join(HERE, f"tk_graph_{name}.h5"))
    np.savez(os.path.join(HERE, "tk_graph_expect.npz"), **expect)


if __name__ == "__main__":
    main()
