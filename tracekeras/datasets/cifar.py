"""Reading one CIFAR batch file (shared by ``cifar10`` and ``cifar100``).

A batch file is a pickle written by Python 2: a dict with bytes keys,
``data`` a uint8 array of n rows of 3,072 values (1,024 red, then green,
then blue, each 32x32 row-major) and a list of labels under ``label_key``.
``load_batch`` hands on ``(data as (n, 3, 32, 32), labels as a list)``.
No trace events.
"""
import pickle


def load_batch(fpath, label_key="labels"):
    with open(fpath, "rb") as f:
        raw = pickle.load(f, encoding="bytes")
    d = {(k.decode("utf8") if isinstance(k, bytes) else k): v for k, v in raw.items()}
    data = d["data"]
    return data.reshape(data.shape[0], 3, 32, 32), d[label_key]
