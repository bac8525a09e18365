"""``Dataset.shard`` against real TensorFlow 2.21 (data/tf_shard.json, from
make_shard_fixture.py): elements, cardinality, repr and errors."""
import json
import os

from . import shard_cases

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "data",
                       "tf_shard.json")) as f:
    EXPECTED = json.load(f)


def test_shards_are_tensorflow_s(tf):
    ours = shard_cases.facts(tf)
    assert ours == {name: value for name, value in EXPECTED.items() if name != "tensorflow"}
