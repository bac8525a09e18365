"""Write data/tf_image_augmentation.npz and data/tf_image_augmentation.json from real
TensorFlow 2.21: the cases of image_augmentation_scenarios.py. Run from the repository root
with the TensorFlow venv: ``TF_USE_LEGACY_KERAS=1 TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python
tests/backend/make_image_augmentation_fixtures.py``."""
import json
import os
import sys

import numpy as np
import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import image_augmentation_scenarios  # noqa: E402 - the cases sit next to this script

if __name__ == "__main__":
    np.savez(os.path.join(HERE, "data", "tf_image_augmentation.npz"),
             **image_augmentation_scenarios.arrays(tf))
    with open(os.path.join(HERE, "data", "tf_image_augmentation.json"), "w") as f:
        json.dump({"tensorflow": tf.__version__, "errors": image_augmentation_scenarios.errors(tf)},
                  f, indent=1, sort_keys=True)
        f.write("\n")
