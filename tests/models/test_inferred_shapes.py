"""A Sequential without an input shape is built for the shape Keras sees.

Called on a tensor, or in a step run eagerly, Keras reads the tensor's own shape, batch
size included (the TensorFlow Sequential guide's summary shows ``(1, 2)``); a partial last
batch then relaxes it to ``None``. Inside a ``tf.function`` Keras reads the batches'
static shape, which has the batch size only when every batch is full; tracekeras takes it
as unknown there, a known difference. data/inferred_shapes.json is tf_keras 2.21's answer
(make_inferred_shapes.py).
"""
import json
import os

from tracekeras import shim
from tracekeras.backend import clear_session
from tracekeras.conformance import known_differences

from . import scenarios

with open(os.path.join(os.path.dirname(__file__), "data", "inferred_shapes.json")) as f:
    KERAS = json.load(f)["shapes"]
STATIC_BATCH = "fit on 32 samples, batch 16, run_eagerly=False"


def ours():
    clear_session()
    with shim.activated():
        import tensorflow as tf
        return json.loads(json.dumps(scenarios.inferred_shapes(tf, tf.keras)))


def test_the_shapes_a_sequential_is_built_for_are_keras_s():
    shapes = ours()
    assert sorted(shapes) == sorted(KERAS)
    assert {k: v for k, v in shapes.items() if k != STATIC_BATCH} == {
        k: v for k, v in KERAS.items() if k != STATIC_BATCH}
    assert shapes["called on a (3, 4) tensor"] == [[3, 4], [3, 2], [3, 3]]


def test_the_static_batch_of_a_traced_step_is_the_known_difference():
    assert KERAS[STATIC_BATCH] == [16, 4] and ours()[STATIC_BATCH] == [None, 4]
    reasons = [e["reason"] for e in known_differences.load()
               if e.get("kind") == "decision" and e.get("arg") == "*shape"]
    assert any("static batch dimension" in r for r in reasons), reasons
