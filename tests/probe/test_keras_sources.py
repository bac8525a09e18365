"""The table of tf_keras source locations (tracekeras/conformance/keras_sources.json).

Made from tf_keras 2.21 by tools/make_keras_sources.py; these tests read it without
TensorFlow: every name our traces write has a place or is listed as tracekeras-only.
"""
import json
import os

from tracekeras.conformance.keras_sources import describe, keras_source, table
from tracekeras.probe.table import ENTRIES

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = os.path.join(HERE, "..", "visualize", "data", "seed_fit.jsonl")


def names_in(path):
    with open(path, encoding="utf-8") as f:
        records = [json.loads(line) for line in f][1:]
    return {r["name"] for r in records if r.get("name", "").startswith("keras.")}


def test_every_name_of_the_seed_fit_has_a_place_or_is_listed():
    missing = [n for n in sorted(names_in(SEED))
               if keras_source(n) is None and n not in table()["no_counterpart"]]
    assert missing == []


def test_every_name_the_probe_wraps_has_a_place():
    assert [e.name for e in ENTRIES if keras_source(e.name) is None] == []


def test_fit_and_build_map_point_into_their_tf_keras_modules():
    fit = keras_source("keras.engine.training.Model.fit")
    assert fit["file"] == "tf_keras/src/engine/training.py" and fit["line"] > 1
    assert keras_source("keras.engine.functional._build_map")["file"] == \
        "tf_keras/src/engine/functional.py"
    assert describe("keras.engine.training.Model.fit") == \
        f"tf_keras 2.21.0: tf_keras/src/engine/training.py:{fit['line']}"


def test_a_nested_function_points_at_its_enclosing_one():
    closure = "keras.engine.training.Model.make_train_function.<locals>.train_function"
    assert keras_source(closure) == keras_source("keras.engine.training.Model.make_train_function")


def test_a_tracekeras_only_name_says_so():
    assert describe("keras.datasets.digits.load_data") == "no tf_keras counterpart"
