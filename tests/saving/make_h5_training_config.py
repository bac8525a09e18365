"""The compile settings and optimizer state of tf_keras 2.21's legacy whole-model ``.h5``.

Run with the tf_keras venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/saving/make_h5_training_config.py

Writes into ``tests/saving/data/``:

- ``tf_compiled_two_outputs.h5``: ``h5_training_config.two_outputs`` built by tf_keras with
  the fixed weights of ``h5_training_config.WEIGHTS``, compiled with SGD (momentum),
  two losses with loss weights and a metric, trained one epoch of two steps, then saved;
- ``h5_training_config.json``: that file's ``training_config`` attribute (parsed), its
  ``optimizer_weights`` names, then what tf_keras does after ``load_model`` of it: the
  optimizer's config and iterations, ``evaluate``, and one more epoch of ``fit`` (its
  losses and the weights it leaves); and the same for a one-output Sequential model
  compiled with ``metrics=["mae", RootMeanSquaredError()]`` and saved untrained, then
  trained, and the attributes of a file saved with ``include_optimizer=False``.
"""
import json
import os
import sys

import h5py
import tf_keras as keras

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
sys.path.insert(0, HERE)
import h5_training_config as scenario  # noqa: E402


def after_load(path):
    model = keras.models.load_model(path)
    config = json.loads(json.dumps(model.optimizer.get_config(), default=float))
    facts = {"optimizer_config": config,
             "iterations": int(model.optimizer.iterations.numpy()),
             "evaluate": model.evaluate(*scenario.data(), batch_size=4, verbose=0)}
    history = model.fit(*scenario.data(), batch_size=4, epochs=1, shuffle=False, verbose=0)
    facts["fit_losses"] = history.history["loss"]
    facts["weights_after_fit"] = [w.tolist() for w in model.get_weights()]
    return facts


def attributes(path):
    with h5py.File(path, "r") as f:
        found = {"attrs": sorted(f.attrs)}
        if "training_config" in f.attrs:
            found["training_config"] = json.loads(f.attrs["training_config"])
        if "optimizer_weights" in f:
            found["optimizer_weight_names"] = [
                n.decode("utf8") if isinstance(n, bytes) else str(n)
                for n in f["optimizer_weights"].attrs["weight_names"]]
    return found


def main():
    facts = {}
    model = scenario.two_outputs(keras)
    scenario.compile_two_outputs(keras, model)
    x, y = scenario.data()
    model.fit(x, y, batch_size=4, epochs=1, shuffle=False, verbose=0)
    path = os.path.join(DATA, "tf_compiled_two_outputs.h5")
    model.save(path)
    facts["two_outputs"] = {**attributes(path), **after_load(path)}

    model = scenario.one_output(keras)
    model.compile(loss="mse", optimizer=keras.optimizers.Adam(learning_rate=0.01),
                  metrics=["mae", keras.metrics.RootMeanSquaredError()])
    scratch = os.path.join(DATA, "scratch.h5")
    model.save(scratch)
    facts["one_output_untrained"] = attributes(scratch)
    model.fit(x, y[0], batch_size=4, epochs=1, shuffle=False, verbose=0)
    model.save(scratch)
    facts["one_output_trained"] = attributes(scratch)
    model.save(scratch, include_optimizer=False)
    facts["one_output_without_optimizer"] = attributes(scratch)
    os.remove(scratch)
    with open(os.path.join(DATA, "h5_training_config.json"), "w") as f:
        json.dump(facts, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
