"""The unrolled ``_build_map_helper`` visits exactly as Keras's recursive one (random DAGs)."""
import numpy as np
from hypothesis import given, settings, strategies as st

import tracekeras
from tracekeras import layers
from tracekeras.backend import clear_session
from tracekeras.engine.functional import _build_map
from tracekeras.models import Model

HELPER = "keras.engine.functional._build_map_helper"


def keras_recursive_visits(outputs):
    """Keras's recursion, written as Keras writes it: (layer, depth) per call, node order."""
    visits, finished, order = [], set(), []

    def helper(tensor, depth):
        layer, node_index, _ = tensor._keras_history
        node = layer._inbound_nodes[node_index]
        visits.append((layer.name, depth))
        if node in finished:
            return
        if not node.is_input:
            for t in node.keras_inputs:
                helper(t, depth + 1)
        finished.add(node)
        order.append(node)

    for output in outputs:
        helper(output, 0)
    return visits, order


@st.composite
def dags(draw):
    n_inputs = draw(st.integers(1, 2))
    n_layers = draw(st.integers(1, 12))
    picks = []
    for i in range(n_layers):
        available = n_inputs + i
        picks.append(draw(st.lists(st.integers(0, available - 1), min_size=1, max_size=3,
                                   unique=True)))
    n_outputs = draw(st.integers(1, min(3, n_layers)))
    outputs = draw(st.lists(st.integers(0, n_layers - 1), min_size=n_outputs,
                            max_size=n_outputs, unique=True))
    return n_inputs, picks, outputs


def build(n_inputs, picks, outputs):
    clear_session()
    inputs = [layers.Input((2,)) for _ in range(n_inputs)]
    tensors = list(inputs)
    for pick in picks:
        chosen = [tensors[i] for i in pick]
        tensors.append(layers.Add()(chosen) if len(chosen) > 1
                       else layers.Activation("linear")(chosen[0]))
    return inputs, [tensors[n_inputs + i] for i in outputs]


@settings(max_examples=40, deadline=None)
@given(dags())
def test_visit_order_and_depths_match_the_recursion(dag):
    inputs, outputs = build(*dag)
    expected_visits, expected_order = keras_recursive_visits(outputs)
    nodes, _ = _build_map(outputs)
    assert nodes == expected_order
    with tracekeras.trace() as t:
        model = Model(inputs, outputs)
    spans = [(r["args"]["layer"], r["args"]["depth"]) for r in t.records
             if r["ph"] == "B" and r["name"] == HELPER]
    assert spans == expected_visits
    assert [r["args"]["visit"] for r in t.records if r["ph"] == "B" and r["name"] == HELPER] == \
        list(range(len(spans)))
    x = [np.ones((1, 2), np.float32)] * len(inputs)
    result = model(x)
    for out in (result if isinstance(result, list) else [result]):
        assert out.shape == (1, 2) and np.isfinite(out.value).all()
