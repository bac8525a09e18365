"""Run ``text_pipeline.run_pipeline`` under real tf_keras 2.21; write
``data/text_pipeline.json``. Run from the repository root with the TensorFlow venv:
``/work/tfvenv/bin/python tests/layers/make_text_pipeline_fixtures.py``.
"""
import json
import os
import sys
import tempfile

os.environ["TF_USE_LEGACY_KERAS"] = "1"   # tf.keras is tf_keras, the Keras 2 engine

import tensorflow as tf  # after choosing the Keras it serves

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import text_pipeline  # the pipeline sits next to this script

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "text_pipeline.json")


def main():
    with tempfile.TemporaryDirectory() as root:
        result = text_pipeline.run_pipeline(tf, text_pipeline.write_reviews(root))
    result["_meta"] = {"tensorflow": tf.__version__}
    with open(OUT, "w") as f:
        json.dump(result, f, indent=1)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
