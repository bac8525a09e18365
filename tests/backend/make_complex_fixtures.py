"""Write data/tf_complex.npz and data/tf_complex.json from real TensorFlow 2.21: the cases of
complex_scenarios.py (complex FFTs, real/imag/conj, casts between complex and real dtypes,
matrix_transpose). Run from the repository root with the TensorFlow venv:
``TF_USE_LEGACY_KERAS=1 TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python
tests/backend/make_complex_fixtures.py``."""
import json
import os
import sys

import numpy as np
import tensorflow as tf
import tf_keras as keras

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import complex_scenarios  # noqa: E402 - the cases sit next to this script

if __name__ == "__main__":
    np.savez_compressed(os.path.join(HERE, "data", "tf_complex.npz"),
                        **complex_scenarios.arrays(tf))
    with open(os.path.join(HERE, "data", "tf_complex.json"), "w") as f:
        json.dump({"tensorflow": tf.__version__, "errors": complex_scenarios.errors(tf),
                   "keras_tensors": complex_scenarios.keras_tensor_facts(tf, keras)}, f,
                  indent=1, sort_keys=True)
        f.write("\n")
