"""Writes which names tf_keras 2.21 exposes in ``keras.layers.experimental.preprocessing``
and which ``keras.layers`` class each one is.

Run with the TensorFlow venv from the repository root:
    /work/tfvenv/bin/python tests/layers/make_experimental_preprocessing_fixture.py

Output: tests/layers/data/experimental_preprocessing.json, ``{"names": {name: the name of
the same class under keras.layers, or null when keras.layers has no such name}}``, and
how Rescaling from the old path computes (``scale 1/255``, ``offset -1`` on three values).
"""
import json
import os

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import numpy as np  # noqa: E402
import tf_keras as keras  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    old = keras.layers.experimental.preprocessing
    names = {}
    for name in sorted(n for n in dir(old) if not n.startswith("_")):
        same = getattr(keras.layers, name, None)
        names[name] = name if same is getattr(old, name) else None
    values = np.array([[0.0, 127.5, 255.0]], np.float32)
    rescaled = old.Rescaling(1 / 255, offset=-1)(values).numpy()
    with open(os.path.join(HERE, "data", "experimental_preprocessing.json"), "w") as f:
        json.dump({"tf_keras": keras.__version__, "names": names,
                   "rescaling": {"input": values.tolist(), "output": rescaled.tolist()}},
                  f, indent=1)


if __name__ == "__main__":
    main()
