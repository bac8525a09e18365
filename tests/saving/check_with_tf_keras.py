"""Real tf_keras 2.21 reads the files tracekeras wrote; the verdict goes to ``tf_keras_check.json``.

Run with the tf_keras venv after ``make_tracekeras_files.py``:

    /work/tfvenv/bin/python tests/saving/check_with_tf_keras.py

For each ``tk_*.keras`` (one compiled with an optimizer, a loss and metrics as
objects): ``keras.models.load_model`` must succeed, keep the compile settings, give the
same predictions (to 1e-6), the same weights and the same optimizer
variables (Adam's iterations and slots), and which weights carry which constraint.
``tk_seq.weights.h5`` and ``tk_seq.h5`` are loaded into a tf_keras model of the same
architecture. The test ``test_tf_keras_read_our_files`` checks the verdict and that tracekeras still
writes the very same ``config.json``, so the verdict stays true.
"""
import json
import os
import zipfile

import numpy as np
import tf_keras as keras

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def max_diff(a, b):
    return float(np.max(np.abs(np.asarray(a, dtype="float64") - np.asarray(b, "float64"))))


def check_model(name, expect):
    model = keras.models.load_model(os.path.join(HERE, f"tk_{name}.keras"))
    pred = model.predict(expect[f"{name}_x"], verbose=0)
    weights = model.get_weights()
    opt = [v.numpy() for v in model.optimizer.variables]
    n_opt = len([k for k in expect.files if k.startswith(f"{name}_opt_")])
    compiled_with = model._compile_config.config
    return {
        "optimizer": type(model.optimizer).__name__,
        "learning_rate": float(model.optimizer.learning_rate.numpy()),
        "loss": compiled_with["loss"] if isinstance(compiled_with["loss"], str)
        else type(compiled_with["loss"]).__name__,
        "metrics": compiled_with["metrics"],
        "loaded": True,
        "class": type(model).__name__,
        "compiled": bool(model._is_compiled),
        "prediction_max_abs_diff": max_diff(pred, expect[f"{name}_pred"]),
        "weights_equal": len(weights) == len([k for k in expect.files
                                              if k.startswith(f"{name}_w_")])
        and all(np.array_equal(w, expect[f"{name}_w_{i}"]) for i, w in enumerate(weights)),
        "optimizer_variables": len(opt),
        "optimizer_state_equal": len(opt) == n_opt
        and all(np.array_equal(v, expect[f"{name}_opt_{i}"]) for i, v in enumerate(opt)),
        "constraints": {w.name: [type(w.constraint).__name__, w.constraint.get_config()]
                        for w in model.weights if w.constraint is not None},
    }


def check_weights_file(path, expect):
    model = keras.Sequential([keras.layers.Input((4,)), keras.layers.Dense(3, activation="relu"),
                              keras.layers.Dropout(0.5), keras.layers.Dense(2)])
    model.load_weights(path)
    pred = model.predict(expect["seq_x"], verbose=0)
    return {"loaded": True, "prediction_max_abs_diff": max_diff(pred, expect["seq_pred"])}


def main():
    expect = np.load(os.path.join(HERE, "tk_expect.npz"))
    verdict = {"tf_keras": keras.__version__}
    for name in ("seq", "func", "objs", "nest", "zoo", "constrained"):
        with zipfile.ZipFile(os.path.join(HERE, f"tk_{name}.keras")) as zf:
            verdict[f"tk_{name}.keras"] = {"members": zf.namelist(),
                                           **check_model(name, expect)}
    for suffix in (".weights.h5", ".h5"):
        verdict[f"tk_seq{suffix}"] = check_weights_file(os.path.join(HERE, f"tk_seq{suffix}"),
                                                        expect)
    with open(os.path.join(HERE, "tf_keras_check.json"), "w") as f:
        json.dump(verdict, f, indent=1, sort_keys=True)
    print(json.dumps(verdict, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
