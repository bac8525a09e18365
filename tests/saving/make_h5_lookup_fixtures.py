"""Write data/h5_lookup_layers.json and data/tf_vocabulary_lookup.h5 from real tf_keras
2.21: the cases of ``h5_lookup_scenarios.py``. Run by hand with the tf_keras venv:

    TF_USE_LEGACY_KERAS=1 $TRACEKERAS_KERAS_PYTHON tests/saving/make_h5_lookup_fixtures.py

``h5_lookup_layers.json``: each model's fate in ``model.save``, ``save_weights`` and
``load_weights`` with an ``.h5`` path (the error's type and message up to the weights it
lists, whose reprs carry addresses), whether tf_keras left a file behind when it refused
(it does; tracekeras writes nothing), and the predictions of the vocabulary model saved
to ``tf_vocabulary_lookup.h5`` and loaded again.
"""
import json
import os
import sys
import tempfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

import numpy as np  # noqa: E402
import tf_keras  # noqa: E402

from tests.saving.h5_lookup_scenarios import QUERY, refusals, vocabulary_model  # noqa: E402

if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        found = refusals(tf_keras, folder)
        left_behind = sorted(name for name in os.listdir(folder) if name != "other.h5")
    model = vocabulary_model(tf_keras)
    path = os.path.join(HERE, "data", "tf_vocabulary_lookup.h5")
    model.save(path)
    loaded = tf_keras.models.load_model(path)
    with open(os.path.join(HERE, "data", "h5_lookup_layers.json"), "w") as f:
        json.dump({"source": f"tf_keras {tf_keras.__version__}", "refusals": found,
                   "files_left_by_refusals": left_behind,
                   "vocabulary_model_prediction": np.asarray(model(QUERY)).tolist(),
                   "vocabulary_model_loaded_prediction": np.asarray(loaded(QUERY)).tolist()},
                  f, indent=1)
        f.write("\n")
