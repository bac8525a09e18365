"""Default configs of every loss and metric class against real Keras (tf_keras 2.21 reference)."""
import json

import pytest

from tracekeras import losses, metrics

from .helpers import load

CONFIGS = load("configs")
CASES = [("losses", c) for c in CONFIGS["losses"]] + [("metrics", c) for c in CONFIGS["metrics"]]


@pytest.mark.parametrize("kind, cls", CASES, ids=[f"{k}.{c}" for k, c in CASES])
def test_default_config_matches_keras(kind, cls):
    expected = CONFIGS[kind][cls]
    kwargs = {"name": "m"} if expected.get("name") == "m" else {}   # classes with generated names
    obj = getattr(losses if kind == "losses" else metrics, cls)(**kwargs)
    assert json.loads(json.dumps(obj.get_config(), default=str)) == expected
    again = type(obj).from_config(obj.get_config())
    assert again.get_config() == obj.get_config()
