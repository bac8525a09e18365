"""Write data/tape_module.json from real TensorFlow 2.21: what each case of
``tape_module_cases.py`` (the autodiff and modules guides' GradientTape and tf.Module
programs) computes, None where TensorFlow gives None, or the error it raises. Run with the
tensorflow venv: ``TF_USE_LEGACY_KERAS=1 python tests/run/make_tape_module_fixtures.py``."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "data", "tape_module.json")

if __name__ == "__main__":
    import tensorflow as tf
    sys.path.insert(0, HERE)
    from tape_module_cases import CASES, outcome
    tf.keras = __import__("tf_keras")   # the Keras 2 engine tracekeras follows
    cases = {name: outcome(case, tf) for name, case in CASES.items()}
    with open(OUT, "w") as f:
        json.dump({"tensorflow": tf.__version__, "cases": cases}, f, indent=1)
        f.write("\n")
