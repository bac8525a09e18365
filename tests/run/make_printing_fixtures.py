"""Write data/printing.json from real TensorFlow 2.21: the lines each case of
``printing_cases.py`` prints (dtypes, tensors, variables, ``numpy()`` of scalars, the
complex-cast warnings). Run with the tensorflow venv:
``TF_USE_LEGACY_KERAS=1 python tests/run/make_printing_fixtures.py``."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "data", "printing.json")

if __name__ == "__main__":
    import numpy as np
    import tensorflow as tf
    sys.path.insert(0, HERE)
    from printing_cases import CASES, outcome
    tf.keras = __import__("tf_keras")   # the Keras 2 engine tracekeras follows
    cases = {name: outcome(case, tf) for name, case in CASES.items()}
    with open(OUT, "w") as f:
        json.dump({"tensorflow": tf.__version__, "numpy": np.__version__, "cases": cases}, f,
                  indent=1)
        f.write("\n")
