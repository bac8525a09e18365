"""Replays the cases of make_layer_fixtures.py on tracekeras (shared by the tests/layers tests).

``run_case(name)`` makes the layer from the case's config, sets the weights tf_keras
had, and returns what the generator recorded for tf_keras: the outputs in
inference and training mode, the gradients of ``sum(output * R)`` with respect to
each float input and each trainable weight, and the weights after the training
call. ``assert_case(name)`` compares all of it with the fixture.
"""
import json
import os

import numpy as np

from tracekeras import layers
from tracekeras.backend import GradientTape, Tensor, clear_session, ops

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "layers.json")) as f:
    KERAS = json.load(f)
ARRAYS = np.load(os.path.join(HERE, "data", "layers.npz"))
RTOL, ATOL = 1e-5, 1e-6


def arrays_of(prefix, arrays=None):
    """``prefix0``, ``prefix1`` ... of ``arrays`` (this module's fixture by default)."""
    arrays = ARRAYS if arrays is None else arrays
    out, i = [], 0
    while f"{prefix}{i}" in arrays:
        out.append(arrays[f"{prefix}{i}"])
        i += 1
    return out


def make_layer(name):
    case = KERAS["cases"][name]
    clear_session()
    return getattr(layers, case["class_name"])(**case["config"])


def run_case(name, layer=None):
    """Our numbers for the case, keyed as the fixture keys them."""
    layer = layer or make_layer(name)
    xs = arrays_of(f"{name}/x")
    single = len(xs) == 1
    layer(xs[0] if single else xs)
    weights = arrays_of(f"{name}/w")
    if weights:
        layer.set_weights(weights)
    got = {"layer": layer}
    got["out_inference"] = layer(xs[0] if single else xs, training=False)
    tensors = [Tensor(x) for x in xs]
    with GradientTape(persistent=True) as tape:
        for t in tensors:
            if t.dtype.kind == "f":
                tape.watch(t)
        out = layer(tensors[0] if single else tensors, training=True)
        loss = ops.reduce_sum(ops.multiply(out, ARRAYS[f"{name}/r"]))
    got["out_training"] = out
    for i, t in enumerate(tensors):
        if t.dtype.kind == "f":
            got[f"gx{i}"] = tape.gradient(loss, t)
    for i, w in enumerate(layer.trainable_weights):
        got[f"gw{i}"] = tape.gradient(loss, w)
    for i, w in enumerate(layer.get_weights()):
        got[f"after{i}"] = w
    return got


def value(x):
    return np.asarray(getattr(x, "value", x))


def assert_case(name):
    got = run_case(name)
    keys = [k[len(name) + 1:] for k in ARRAYS.files if k.startswith(name + "/")]
    compared = [k for k in keys if k in got]
    for key in compared:
        np.testing.assert_allclose(value(got[key]), ARRAYS[f"{name}/{key}"], rtol=RTOL, atol=ATOL,
                                   err_msg=f"{name}: {key}")
    assert {k for k in keys if k.startswith(("gx", "gw", "after", "out_"))} <= set(compared)
    case = KERAS["cases"][name]
    layer = got["layer"]
    assert [w.name for w in layer.weights] == case["weight_names"]
    assert [w.name for w in layer.trainable_weights] == case["trainable_weight_names"]
    assert normalized(layer.get_config()) == normalized(case["keras_config"])
    return got


def normalized(config):
    """A config as JSON would hold it, without Keras 2.13+'s ``module``/``registered_name``."""
    if isinstance(config, dict):
        return {k: normalized(v) for k, v in config.items()
                if k not in ("module", "registered_name")}
    if isinstance(config, (list, tuple)):
        return [normalized(v) for v in config]
    if isinstance(config, (np.generic, np.ndarray)):
        return normalized(config.tolist())
    if isinstance(config, float):
        return float(np.float32(config))
    return config


def summary_lines(model, **kwargs):
    lines = []
    model.summary(print_fn=lines.append, **kwargs)
    return lines


def keras_error(key):
    """(exception type name, message) tf_keras raised for the bad input ``key``."""
    return tuple(KERAS["errors"][key])
