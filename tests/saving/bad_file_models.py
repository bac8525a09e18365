"""The tiny models of the bad-file tests: a source whose files are damaged, a target.

``source()`` and ``target()`` share one architecture (Dense(3) -> Dropout ->
Dense(2) on 4 features, Adam): each has trained one step on different data, so
every weight and every optimizer slot differs between them. ``state(model)`` is
everything a load may change, as bytes: the weights and the optimizer's
variables (``iterations`` and Adam's slots).
"""
import os

import numpy as np

from tests.saving.corruptions import SUFFIX
from tracekeras import layers
from tracekeras.backend import clear_session
from tracekeras.models import Sequential
from tracekeras.utils import set_random_seed


def model(seed):
    clear_session()
    set_random_seed(seed)
    m = Sequential([layers.Input((4,)), layers.Dense(3, activation="relu"),
                    layers.Dropout(0.5), layers.Dense(2)])
    m.compile(optimizer="adam", loss="mse")
    rng = np.random.default_rng(seed)
    m.fit(rng.normal(size=(8, 4)).astype("float32"), rng.normal(size=(8, 2)).astype("float32"),
          batch_size=8, epochs=1, verbose=0)
    return m


def source():
    return model(1)


def target():
    return model(2)


def state(m):
    return ([w.tobytes() for w in m.get_weights()]
            + [np.asarray(v.numpy()).tobytes() for v in m.optimizer.variables])


def set_state(m, saved):
    """Put back a ``state(m)`` (after a load that was allowed to change the model)."""
    weights = m.get_weights()
    m.set_weights([np.frombuffer(b, w.dtype).reshape(w.shape)
                   for b, w in zip(saved, weights)])
    for v, b in zip(m.optimizer.variables, saved[len(weights):]):
        v.assign(np.frombuffer(b, np.asarray(v.numpy()).dtype).reshape(v.shape))


def save_all(m, folder):
    """``{format: bytes}`` of ``m`` saved in every format ``load_weights`` reads."""
    out = {}
    for fmt, suffix in SUFFIX.items():
        path = os.path.join(folder, "source" + suffix if suffix else "source_tk")
        if fmt == "keras":
            m.save(path)
        else:
            m.save_weights(path)
        with open(path, "rb") as f:
            out[fmt] = f.read()
    return out


def path_for(folder, fmt, name="damaged"):
    return os.path.join(folder, name + SUFFIX[fmt] if SUFFIX[fmt] else name + "_tk")
