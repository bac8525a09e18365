"""The renderers on a trace the engine records now (the contract end to end, small and fast)."""
import numpy as np
import pytest

import tracekeras
import visualize
from tracekeras import tracing
from visualize import spans

models = pytest.importorskip("tracekeras.models")
layers = pytest.importorskip("tracekeras.layers")


@pytest.fixture
def seed_trace():
    rng = np.random.default_rng(0)
    x, y = rng.random((80, 12), dtype="float32"), rng.integers(0, 3, 80)
    model = models.Sequential([layers.Dense(8, activation="relu"),
                               layers.Dense(3, activation="softmax")])
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    with tracekeras.trace() as t:
        model.fit(x, y, epochs=2, batch_size=10, verbose=0)
    return t


def test_a_real_fit_renders_with_its_decisions(seed_trace):
    tree = spans.build(seed_trace)
    steps = [s for s in tree.spans() if s.name == tracing.STEP_NAME]
    assert sum(s.count for s in steps) == 16                 # 2 epochs x 8 steps, kept + folded
    src = visualize.call_diagram(seed_trace).source
    assert "chosen: TensorLikeDataAdapter" in src
    assert "added: History" in src
    assert "&quot;accuracy&quot; → sparse_categorical_accuracy" in src
    assert "dense: built with (None, 12)" in src
    graph = visualize.layer_graph(seed_trace).source
    assert "built lazily inside fit (epoch 0, step 0) with (None, 12)" in graph
    assert "loop × 16 train steps" in visualize.sequence_diagram(seed_trace)
