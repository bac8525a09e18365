"""``tf.distribute`` on tracekeras against real TensorFlow 2.21 (``data/tf_distribute.json``).

Each script of ``scenarios.SCRIPTS`` runs under the import shim and must write the
facts TensorFlow wrote: the strategies' names, replica counts and devices, the scope
and replica-context answers, ``run`` / ``reduce`` / distributed datasets,
``compute_average_loss``, the variables' strategies and compile's refusals (exact
messages, addresses cut), and the numbers of a ``fit`` and of a custom loop under
``MirroredStrategy`` (float32 tolerance). Then what the fixture cannot hold: the
trace of a scope, and the one-line refusal of several devices.
"""
import json
import math
import os

import pytest

from tests.distribute.scenarios import SCRIPTS, source
from tracekeras import shim, trace
from tracekeras.backend import random

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "tf_distribute.json")) as f:
    FIXTURE = json.load(f)["scripts"]


def run_source(text):
    """Run ``text`` under the shim as in a fresh process (as the fixture's scripts ran): no
    global seed, no kernel streams yet; the random state of the tests around is kept."""
    scope = {"__name__": "__main__"}
    with random.state_kept(), shim.activated():
        random.set_global_seed(None)
        exec(compile(text, "scenario.py", "exec"), scope)
    return scope


def same(got, want, path="result"):
    if isinstance(want, float) or isinstance(got, float):
        assert math.isclose(got, want, rel_tol=1e-5, abs_tol=1e-6), f"{path}: {got} != {want}"
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), f"{path}: {got} != {want}"
        for i, (g, w) in enumerate(zip(got, want)):
            same(g, w, f"{path}[{i}]")
    else:
        assert got == want, f"{path}: {got!r} != {want!r}"


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_script_does_what_tensorflow_does(name):
    got = run_source(source(name))["result"]
    assert sorted(got) == sorted(FIXTURE[name])
    for key, want in FIXTURE[name].items():
        same(got[key], want, key)


def test_a_scope_is_a_traced_span_around_what_the_script_does_in_it(tmp_path):
    with trace(str(tmp_path / "t.jsonl")) as t:
        run_source("import tensorflow as tf\n"
                   "strategy = tf.distribute.MirroredStrategy()\n"
                   "with strategy.scope():\n"
                   "    model = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(2,))])\n"
                   "    model.compile(loss='mse', optimizer='sgd')\n")
    scopes = [r for r in t.records
              if r["ph"] == "B" and r["name"] == "tf.distribute.Strategy.scope"]
    assert [s["args"]["strategy"] for s in scopes] == ["MirroredStrategy", "MirroredStrategy"]
    compile_span = next(r for r in t.records if r["ph"] == "B"
                        and r["name"] == "keras.engine.training.Model.compile")
    assert compile_span["parent"] == scopes[0]["id"]
    assert scopes[1]["parent"] == compile_span["id"]


def test_the_default_strategy_scope_still_wraps_compile(tmp_path):
    with trace(str(tmp_path / "t.jsonl")) as t:
        run_source("import tensorflow as tf\n"
                   "model = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(2,))])\n"
                   "model.compile(loss='mse', optimizer='sgd')\n")
    scopes = [r["args"] for r in t.records if r["ph"] == "B"
              and r["name"] == "tf.distribute.Strategy.scope"]
    assert scopes == [{"strategy": "_DefaultDistributionStrategy", "num_replicas_in_sync": 1}]


@pytest.mark.parametrize("line", ["tf.distribute.MirroredStrategy(['/gpu:0', '/gpu:1'])",
                                  "tf.distribute.OneDeviceStrategy('/gpu:0')"])
def test_other_devices_are_refused_in_one_line(line):
    with pytest.raises(shim.NOT_IMPLEMENTED) as refused:
        run_source("import tensorflow as tf\n" + line + "\n")
    assert str(refused.value).startswith("tracekeras does not implement a strategy on the devices")
    assert "\n" not in str(refused.value)


def test_get_next_ends_with_out_of_range_error():
    scope = run_source(
        "import tensorflow as tf\n"
        "strategy = tf.distribute.OneDeviceStrategy('/cpu:0')\n"
        "it = iter(strategy.experimental_distribute_dataset(\n"
        "    tf.data.Dataset.range(3).batch(2)))\n"
        "first = it.get_next().numpy().tolist()\n"
        "second = it.get_next().numpy().tolist()\n"
        "try:\n"
        "    it.get_next()\n"
        "except tf.errors.OutOfRangeError:\n"
        "    ended = True\n")
    assert (scope["first"], scope["second"], scope["ended"]) == ([0, 1], [2], True)


def test_a_dataset_that_is_not_one_is_refused_as_tensorflow_refuses_it():
    scope = run_source(
        "import tensorflow as tf\n"
        "strategy = tf.distribute.MirroredStrategy()\n"
        "try:\n"
        "    strategy.experimental_distribute_dataset([1, 2, 3])\n"
        "except AttributeError as exc:\n"
        "    message = str(exc)\n")
    assert scope["message"].startswith("'list' object has no attribute '_variant_tensor'")
    assert "expects a `tf.data.Dataset`, received list" in scope["message"]
