"""Write data/serialized_forms.json from real tf_keras 2.21: the serialized form of each
kind of Keras object and what reading the new and legacy forms gives
(``serialized_forms.forms`` and ``serialized_forms.loaded``); and data/tf_func_model.h5, a
legacy whole-model ``.h5`` file of ``serialized_forms.functional`` with fixed weights, its
predictions in the JSON file under "h5 file". Run with the tensorflow venv:

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/saving/make_serialized_forms.py
"""
import json
import os
import sys

import tf_keras as keras

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
from tests.saving import serialized_forms  # noqa: E402 - after the path is set

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
OUT = os.path.join(DATA, "serialized_forms.json")
H5 = os.path.join(DATA, "tf_func_model.h5")

if __name__ == "__main__":
    keras.utils.set_random_seed(0)
    result = {"source": f"tf_keras {keras.__version__}",
              "forms": serialized_forms.forms(keras)}
    keras.backend.clear_session()
    result["loaded"] = serialized_forms.loaded(keras)
    keras.backend.clear_session()
    model = serialized_forms.with_fixed_weights(serialized_forms.functional(keras))
    model.save(H5)
    result["h5 file"] = {"prediction": model.predict(serialized_forms.h5_input(),
                                                     verbose=0).tolist()}
    with open(OUT, "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
        f.write("\n")
