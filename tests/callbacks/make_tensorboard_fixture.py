"""Write ``data/tensorboard_train.tfevents`` with real tf_keras 2.21 (tensorboard 2.21 installed).

Run with the reference venv: ``TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python
tests/callbacks/make_tensorboard_fixture.py``. A one-layer model fits 8 samples
for 2 epochs (batch 4, validation on the same data) with
``TensorBoard(write_graph=False)``; the train event file is copied (renamed, a
few hundred bytes) and ``data/tensorboard_history.json`` keeps ``fit``'s history,
so the test can check that our reader decodes real files to the same numbers.

The other direction was checked with this venv: ``tf.compat.v1.train.
summary_iterator`` reads an event file written by ``tracekeras.callbacks.
TensorBoard`` (file version, tags, steps, float tensors with the "scalars"
plugin) with no CRC error, and its events encode to the same bytes as tf's.
"""
import glob
import json
import os
import shutil
import sys
import tempfile

import numpy as np

os.environ["TF_USE_LEGACY_KERAS"] = "1"
import tf_keras as keras  # noqa: E402 - after the environment variable

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def main():
    x = np.arange(16, dtype="float32").reshape(8, 2) / 16
    y = (x[:, 0] > 0.5).astype("float32")
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.layers.Dense(1, activation="sigmoid", input_shape=(2,))])
    model.compile("sgd", "binary_crossentropy", metrics=["accuracy"])
    log_dir = tempfile.mkdtemp()
    history = model.fit(x, y, epochs=2, batch_size=4, validation_data=(x, y), verbose=0,
                        callbacks=[keras.callbacks.TensorBoard(log_dir, write_graph=False)])
    (train_file,) = glob.glob(os.path.join(log_dir, "train", "events.out.tfevents.*.v2"))
    shutil.copy(train_file, os.path.join(HERE, "tensorboard_train.tfevents"))
    with open(os.path.join(HERE, "tensorboard_history.json"), "w") as f:
        json.dump({"file_name": os.path.basename(train_file),
                   "history": history.history}, f, indent=1)
    shutil.rmtree(log_dir)
    print("wrote", train_file, file=sys.stderr)


if __name__ == "__main__":
    main()
