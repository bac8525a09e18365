"""Write the stored traces the ``tracekeras diff`` tests compare.

Each trace is a real run of the engine: a ``Sequential([Dense(4, relu),
Dense(3, softmax)])`` made, compiled and fitted (``sparse_categorical_crossentropy``,
``accuracy``, 2 epochs of 2 steps of 16 samples) inside ``tracekeras.trace``,
after ``clear_session()`` and ``set_random_seed(0)``, on fixed data. One thing
changes from the base run in each of the others; three more are the base trace
edited by hand (by the functions below, so that the edit is written down):

- ``base.jsonl``: rmsprop, arrays (``TensorLikeDataAdapter``), ``verbose=0``.
- ``again.jsonl``: the same run a second time (only timestamps differ).
- ``adam.jsonl``: ``optimizer="adam"``.
- ``progbar.jsonl``: ``verbose=2``, so ``ProgbarLogger`` is added.
- ``dataset.jsonl``: a ``tracekeras.data.Dataset`` of the same batches
  (``DatasetAdapter``).
- ``reordered.jsonl`` (edit): ``Model._validate_compile`` moved after
  ``Model._get_optimizer``, and the first ``Dense.build`` given input shape
  (None, 9); the first epoch's loss multiplied by 1 + 3e-7.
- ``with_known.jsonl`` (edit): a ``tf.function`` instant added after
  ``Model.fit`` begins (a difference the known-differences table lists).

Run from the repository root: ``python tests/diff/make_traces.py``.
"""
import contextlib
import io
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

import tracekeras  # noqa: E402
from tracekeras import layers  # noqa: E402
from tracekeras.data import Dataset  # noqa: E402
from tracekeras.models import Sequential  # noqa: E402

DATA = os.path.join(HERE, "data")


def run(name, optimizer="rmsprop", verbose=0, dataset=False):
    tracekeras.backend.clear_session()
    tracekeras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.random((32, 5), dtype="float32")
    y = rng.integers(0, 3, 32)
    with tracekeras.trace(os.path.join(DATA, name)), contextlib.redirect_stdout(io.StringIO()):
        model = Sequential([layers.Dense(4, activation="relu"),
                            layers.Dense(3, activation="softmax")])
        model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy",
                      metrics=["accuracy"])
        if dataset:
            model.fit(Dataset.from_tensor_slices((x, y)).batch(16), epochs=2, verbose=verbose)
        else:
            model.fit(x, y, epochs=2, batch_size=16, shuffle=False, verbose=verbose)


def read_lines(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def write_lines(name, records):
    with open(os.path.join(DATA, name), "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, separators=(",", ":")) + "\n")


def span_block(records, name):
    """(start, end) line numbers of the first span called ``name``, end record included."""
    start = next(n for n, r in enumerate(records) if r.get("ph") == "B" and r["name"] == name)
    sid = records[start]["id"]
    end = next(n for n, r in enumerate(records) if r.get("ph") == "E" and r.get("id") == sid)
    return start, end + 1


def edit_reordered():
    records = read_lines("base.jsonl")
    a0, a1 = span_block(records, "keras.engine.training.Model._validate_compile")
    b0, b1 = span_block(records, "keras.engine.training.Model._get_optimizer")
    assert a1 == b0, "the two spans are expected side by side"
    records[a0:b1] = records[b0:b1] + records[a0:a1]
    build = next(r for r in records if r.get("name") == "keras.layers.core.dense.Dense.build")
    build["args"]["input_shape"] = [None, 9]
    epoch_end = next(r for r in records
                     if r.get("name") == "keras.callbacks.CallbackList.on_epoch_end")
    epoch_end["args"]["logs"]["loss"] *= 1 + 3e-7
    write_lines("reordered.jsonl", records)


def edit_with_known():
    records = read_lines("base.jsonl")
    fit = next(n for n, r in enumerate(records)
               if r.get("name") == "keras.engine.training.Model.fit")
    records.insert(fit + 1, {"ph": "i", "id": None, "parent": records[fit]["id"],
                             "name": "tf.function", "impl": "tracekeras.shim.tf_names:function",
                             "stage": "function", "ts": records[fit]["ts"] + 1,
                             "args": {"function": "train", "ran": "eagerly"}})
    write_lines("with_known.jsonl", records)


if __name__ == "__main__":
    os.makedirs(DATA, exist_ok=True)
    run("base.jsonl")
    run("again.jsonl")
    run("adam.jsonl", optimizer="adam")
    run("progbar.jsonl", verbose=2)
    run("dataset.jsonl", dataset=True)
    edit_reordered()
    edit_with_known()
