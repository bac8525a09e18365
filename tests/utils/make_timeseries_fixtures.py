"""Writes the fixtures of ``timeseries_dataset_from_array`` with real tf_keras 2.21.

Run with the TensorFlow venv from the repository root:
    /work/tfvenv/bin/python tests/utils/make_timeseries_fixtures.py

Outputs, in tests/utils/data/:
- timeseries.npz: per case the ``data`` and ``targets`` given, and every batch the dataset
  yields (``<case>/batch<i>/x``, ``<case>/batch<i>/y``).
- timeseries.json: per case the arguments, the number of batches and the cardinality; bad
  arguments and the errors they raise.
"""
import json
import os

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import numpy as np  # noqa: E402
import tf_keras as keras  # noqa: E402

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")

CASES = {
    "targets_sampling_rate": dict(sequence_length=4, sampling_rate=3, batch_size=5),
    "start_end_stride": dict(sequence_length=3, sequence_stride=2, start_index=4,
                             end_index=40, batch_size=4),
    "no_targets": dict(sequence_length=5, batch_size=8, no_targets=True),
    "unbatched": dict(sequence_length=2, sampling_rate=2, batch_size=None),
    "shuffled": dict(sequence_length=3, batch_size=6, shuffle=True, seed=4),
    "float64_rows": dict(sequence_length=6, batch_size=16, float64=True),
}

ERRORS = {
    "negative_start": dict(sequence_length=2, start_index=-1),
    "start_past_end": dict(sequence_length=2, start_index=60),
    "end_before_start": dict(sequence_length=2, start_index=10, end_index=5),
    "end_past_data": dict(sequence_length=2, end_index=60),
    "zero_sampling_rate": dict(sequence_length=2, sampling_rate=0),
    "huge_sampling_rate": dict(sequence_length=2, sampling_rate=50),
    "zero_stride": dict(sequence_length=2, sequence_stride=0),
}


def series(float64=False):
    data = np.arange(50 * 3, dtype=np.float64 if float64 else np.float32).reshape(50, 3)
    return data, np.arange(50, dtype=np.int64) * 10


def run(name, arguments, arrays):
    arguments = dict(arguments)
    data, targets = series(arguments.pop("float64", False))
    if arguments.pop("no_targets", False):
        targets = None
    dataset = keras.utils.timeseries_dataset_from_array(data, targets, **arguments)
    batches = list(dataset.as_numpy_iterator())
    for i, batch in enumerate(batches):
        x, y = batch if targets is not None else (batch, None)
        arrays[f"{name}/batch{i}/x"] = x
        if y is not None:
            arrays[f"{name}/batch{i}/y"] = y
    return {"batches": len(batches), "cardinality": int(dataset.cardinality())}


def error_of(arguments):
    data, targets = series()
    try:
        keras.utils.timeseries_dataset_from_array(data, targets, **arguments)
    except Exception as exc:   # noqa: BLE001 - the fixture records whatever Keras raises
        return [type(exc).__name__, str(exc)]
    return None


def main():
    arrays = {}
    data = {"tf_keras": keras.__version__,
            "cases": {name: {"arguments": arguments, **run(name, arguments, arrays)}
                      for name, arguments in CASES.items()},
            "errors": {name: {"arguments": arguments, "raised": error_of(arguments)}
                       for name, arguments in ERRORS.items()}}
    np.savez_compressed(os.path.join(HERE, "timeseries.npz"), **arrays)
    with open(os.path.join(HERE, "timeseries.json"), "w") as f:
        json.dump(data, f, indent=1)
        f.write("\n")
    print("wrote", len(CASES), "cases")


if __name__ == "__main__":
    main()
