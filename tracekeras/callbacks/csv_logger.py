"""``keras.callbacks.CSVLogger``: stream each epoch's logs to a CSV file.

Owns: the file (opened at ``on_train_begin``: "w", or "a" with ``append=True``
and no second header when the file already has content; closed at
``on_train_end``), its columns (``epoch`` then the first epoch's log names
sorted; when none starts with ``val_``, ``val_`` twins are added so a later
validation fits), and one row per epoch (missing values written "NA",
iterables as ``"[a, b]"``), flushed after each row. Rows end with ``\\r\\n``,
the ``csv.excel`` dialect Keras uses. Emits no trace events.
"""
import collections
import csv
import os

import numpy as np

from tracekeras.callbacks.callback import Callback


def handle_value(k):
    is_zero_dim_ndarray = isinstance(k, np.ndarray) and k.ndim == 0
    if isinstance(k, str):
        return k
    if isinstance(k, collections.abc.Iterable) and not is_zero_dim_ndarray:
        return f"\"[{', '.join(map(str, k))}]\""
    return k


class CSVLogger(Callback):
    """Callback that streams epoch results to a CSV file.

    Args: filename, separator (",", one character), append (False: overwrite).
    """

    def __init__(self, filename, separator=",", append=False):
        self.sep = separator
        self.filename = os.fspath(filename)
        self.append = append
        self.writer = None
        self.keys = None
        self.append_header = True
        self.csv_file = None
        super().__init__()

    def on_train_begin(self, logs=None):
        if self.append:
            if os.path.exists(self.filename):
                with open(self.filename, "r", newline="") as f:
                    self.append_header = not bool(len(f.readline()))
            mode = "a"
        else:
            mode = "w"
        self.csv_file = open(self.filename, mode, newline="")

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        if self.keys is None:
            self.keys = sorted(logs.keys())
            # With validation_freq > 1 the first epoch has no val_ keys: add them.
            if not any(key.startswith("val_") for key in self.keys):
                self.keys.extend(["val_" + k for k in self.keys])
        if not self.writer:
            class CustomDialect(csv.excel):
                delimiter = self.sep

            self.writer = csv.DictWriter(self.csv_file, fieldnames=["epoch"] + self.keys,
                                         dialect=CustomDialect)
            if self.append_header:
                self.writer.writeheader()
        row_dict = collections.OrderedDict({"epoch": epoch})
        row_dict.update((key, handle_value(logs.get(key, "NA"))) for key in self.keys)
        self.writer.writerow(row_dict)
        self.csv_file.flush()

    def on_train_end(self, logs=None):
        self.csv_file.close()
        self.writer = None


__all__ = ["CSVLogger"]
