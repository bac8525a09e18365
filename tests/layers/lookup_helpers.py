"""Replays the cases of make_lookup_fixtures.py on tracekeras (shared by the lookup tests).

``assert_error_matches(name)`` makes one mistake of ``lookup_errors.py`` and compares
what is raised with tf_keras's exception. ``run_case(name)`` makes the layer from the
case's config (a vocabulary file written to ``tmp_path`` where the case names one), adapts
it as tf_keras was adapted, calls it on the queries and returns the results keyed as the
fixture keys them.
"""
import json
import os
import re

import numpy as np
import pytest

from tracekeras import data, layers
from tracekeras.backend import clear_session
from tracekeras.backend.string_ops import InvalidArgumentError

from .lookup_errors import error_calls

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "lookup_layers.json"), encoding="utf-8") as f:
    LOOKUPS = json.load(f)
CASES = LOOKUPS["cases"]


def plain(value):
    if isinstance(value, np.ndarray):
        return plain(value.tolist())
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.generic):
        return value.item()
    return value


def adapt_data(spec):
    """What the case adapts to: its own list, a named list, or a Dataset of one."""
    if isinstance(spec, str) and spec.startswith("dataset:"):
        name = spec.split(":")[1]
        values = {"WORDS": LOOKUPS["words"], "INTS": LOOKUPS["ints"]}.get(name)
        values = np.array(values) if values else np.array(LOOKUPS["floats"][name], np.float32)
        return data.Dataset.from_tensor_slices(values).batch(4)
    if isinstance(spec, str):
        return np.array(LOOKUPS["floats"][spec], np.float32)
    return np.array(spec)


def make(name, tmp_path):
    case = CASES[name]
    clear_session()
    config = dict(case["config"])
    if config.get("vocabulary") == "file:VOCAB":
        path = os.path.join(str(tmp_path), "vocab.txt")
        with open(path, "w") as f:
            f.write("\n".join(["a", "b", "c", "d"]) + "\n")
        config["vocabulary"] = path
    layer = getattr(layers, case["class_name"])(**config)
    if case["adapt"] is not None:
        spec = case["adapt"]
        dataset = isinstance(spec, str) and spec.startswith("dataset:")
        layer.adapt(adapt_data(spec), batch_size=None if dataset else 5)
    return layer, case


def run_case(name, tmp_path):
    layer, case = make(name, tmp_path)
    out = layer(np.array(case["queries"]), **{k: np.array(v) for k, v in
                                              (case["call_kwargs"] or {}).items()})
    value = np.asarray(out.value)
    result = {"output": plain(value), "shape": list(value.shape),
              "dtype": "string" if value.dtype == object else value.dtype.name}
    if hasattr(layer, "get_vocabulary"):
        result.update({
            "vocabulary": plain(layer.get_vocabulary()),
            "vocabulary_plain": plain(layer.get_vocabulary(include_special_tokens=False)),
            "vocabulary_size": layer.vocabulary_size()})
    if case["class_name"] == "Discretization":
        result["bin_boundaries"] = plain(layer.bin_boundaries)
    config = plain(layer.get_config())
    if isinstance(case["config"].get("vocabulary"), str):
        config["vocabulary"] = "file:VOCAB"
    result["keras_config"] = config
    return result


ERROR_CALLS = error_calls(layers, np.array)
TYPES = {"ValueError": ValueError, "RuntimeError": RuntimeError,
         "InvalidArgumentError": InvalidArgumentError}


def assert_error_matches(name):
    """The mistake raises tf_keras's exception type with tf_keras's message (the part a
    user reads: inside tf.function's and the layer call's wrapping, without TensorFlow's
    ``ListWrapper``)."""
    kind, message = LOOKUPS["errors"][name]
    with pytest.raises(TYPES[kind]) as info:
        ERROR_CALLS[name]()
    if "in user code:" in message:
        message = message.strip().splitlines()[-1].split(": ", 1)[1]
    if "Exception encountered when calling layer" in message:
        message = message.split("\n\n")[1]
    message = re.sub(r"ListWrapper\((.*)\)", r"\1", message)
    assert message in str(info.value)
