"""Real tf_keras 2.21 reads the recurrent ``.keras`` files tracekeras wrote; the verdict goes
to ``data/tf_keras_rnn_check.json``.

Run with the tf_keras venv after ``make_rnn_saving_files.py``:

    /work/tfvenv/bin/python tests/layers/check_rnn_saving_with_tf_keras.py

For each ``tk_rnn_*.keras``: ``keras.models.load_model`` must succeed and give the same
weights and the same predictions (from zero states); the layers' options (stacked cells,
dropout, go_backwards, unroll, stateful and the fixed batch size) are read back from the
loaded layers. ``test_rnn_saving.py`` checks the verdict and that tracekeras still writes the
very same ``config.json``.
"""
import json
import os

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import numpy as np  # noqa: E402
import tf_keras as keras  # noqa: E402

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
NAMES = ("stacked", "stateful")


def describe(layer):
    """What a loaded recurrent layer says about its options."""
    if not hasattr(layer, "cell"):
        return {"class": type(layer).__name__}
    cells = getattr(layer.cell, "cells", [layer.cell])
    return {"class": type(layer).__name__, "stateful": layer.stateful,
            "go_backwards": layer.go_backwards, "unroll": layer.unroll,
            "cells": [[type(c).__name__, c.dropout, c.recurrent_dropout] for c in cells],
            "weights": [v.name for v in layer.weights]}


def check_model(name, expect):
    model = keras.models.load_model(os.path.join(HERE, f"tk_rnn_{name}.keras"))
    pred = model.predict(expect[f"{name}_x"], batch_size=4, verbose=0)
    weights = model.get_weights()
    count = len([k for k in expect.files if k.startswith(f"{name}_w_")])
    return {
        "loaded": True,
        "class": type(model).__name__,
        "prediction_max_abs_diff": float(np.max(np.abs(pred - expect[f"{name}_pred"]))),
        "weights_equal": len(weights) == count and all(
            np.array_equal(w, expect[f"{name}_w_{i}"]) for i, w in enumerate(weights)),
        "input_shape": list(model.input_shape),
        "layers": [describe(layer) for layer in model.layers],
    }


def main():
    expect = np.load(os.path.join(HERE, "tk_rnn_expect.npz"))
    verdict = {"tf_keras": keras.__version__}
    for name in NAMES:
        verdict[f"tk_rnn_{name}.keras"] = check_model(name, expect)
    with open(os.path.join(HERE, "tf_keras_rnn_check.json"), "w") as f:
        json.dump(verdict, f, indent=1, sort_keys=True)
    print(json.dumps(verdict, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
