"""compile, build and fit trace in Keras's order (key stages from tf_keras 2.21).

Each scenario is the one real Keras ran to produce tests/data/reference_stages
(see the README there); the trace is taken at level "full" so that every batch
of every epoch is present, as in the reference.
"""
import numpy as np
import pytest

import tracekeras
from tracekeras import layers
from tracekeras.backend import clear_session
from tracekeras.models import Model, Sequential

from .helpers import missing_stages


@pytest.fixture
def data():
    rng = np.random.default_rng(0)
    x = rng.random((1000, 784), dtype=np.float32)
    y = rng.integers(0, 10, size=1000)
    return x, y


def seed_model(units=(512, 10)):
    return Sequential([layers.Dense(units[0], activation="relu"),
                       layers.Dense(units[1], activation="softmax")])


def assert_follows(records, scenario):
    missing = missing_stages(records, scenario)
    assert not missing, f"{len(missing)} key stages missing, first: {missing[:5]}"


def test_sequential_fit_builds_inside_the_first_train_step(data):
    clear_session()
    x, y = data
    with tracekeras.trace(level="full") as t:
        model = seed_model()
        model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                      metrics=["accuracy"])
        model.fit(x, y, epochs=2, batch_size=128, verbose=1)
    assert_follows(t.records, "S1_seq_fit")


def test_sequential_build_then_compile_then_fit(data):
    clear_session()
    x, y = data
    with tracekeras.trace(level="full") as t:
        model = seed_model()
        model.build(input_shape=(None, 784))
        model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                      metrics=["accuracy"])
        model.fit(x, y, epochs=2, batch_size=128, verbose=1)
    assert_follows(t.records, "S2_seq_build_compile_fit")


def test_compile_then_build():
    clear_session()
    with tracekeras.trace(level="full") as t:
        model = Sequential([layers.Dense(512, activation="relu")])
        model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                      metrics=["accuracy"])
        model.build(input_shape=(None, 784))
    assert_follows(t.records, "S3_compile_then_build")


def test_functional_fit(data):
    clear_session()
    x, y = data
    labels = np.eye(10, dtype=np.float32)[y]
    with tracekeras.trace(level="full") as t:
        inputs = layers.Input(shape=(784,))
        h = layers.Dense(64, activation="relu")(inputs)
        h = layers.Dense(64, activation="relu")(h)
        outputs = layers.Dense(10, activation="softmax")(h)
        model = Model(inputs=inputs, outputs=outputs)
        model.compile(optimizer="rmsprop", loss="categorical_crossentropy", metrics=["accuracy"])
        model.fit(x, labels, verbose=1)
    assert_follows(t.records, "S4_functional_fit")


def test_a_missing_stage_is_reported(data):
    """The checker itself can fail: drop one key stage from a good trace."""
    clear_session()
    with tracekeras.trace(level="full") as t:
        model = Sequential([layers.Dense(512, activation="relu")])
        model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                      metrics=["accuracy"])
        model.build(input_shape=(None, 784))
    kept = [r for r in t.records if r.get("name") != "keras.engine.functional._build_map"]
    missing = missing_stages(kept, "S3_compile_then_build")
    assert [m["name"] for m in missing] == ["keras.engine.functional._build_map"]
