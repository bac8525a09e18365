"""``_build_map_helper``, run without Python recursion, visits exactly as Keras's recursive one."""
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tracekeras
from tracekeras import layers
from tracekeras.backend import clear_session
from tracekeras.engine.functional import _build_map
from tracekeras.models import Model
from tracekeras.utils.recursion import run_recursion

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


def countdown_recursive(n, log):
    """A plain recursive function with a ``try`` around its inner call; raises at 0."""
    log.append(("enter", n))
    try:
        if n == 0:
            raise KeyError("bottom")
        countdown_recursive(n - 1, log)
    except KeyError as exc:
        log.append(("unwind", n, exc.args[0]))
        raise
    finally:
        log.append(("exit", n))


def countdown_generator(n, log):
    """The same function for ``run_recursion``: ``yield`` where it calls itself."""
    log.append(("enter", n))
    try:
        if n == 0:
            raise KeyError("bottom")
        yield countdown_generator(n - 1, log)
    except KeyError as exc:
        log.append(("unwind", n, exc.args[0]))
        raise
    finally:
        log.append(("exit", n))


def test_run_recursion_runs_and_unwinds_as_the_recursion_does():
    expected, got = [], []
    with pytest.raises(KeyError, match="bottom"):
        countdown_recursive(5, expected)
    with pytest.raises(KeyError, match="bottom"):
        run_recursion(countdown_generator(5, got))
    assert got == expected
    assert got[:2] == [("enter", 5), ("enter", 4)] and got[-1] == ("exit", 5)


def test_run_recursion_goes_deeper_than_the_recursion_limit():
    depth = 10 * sys.getrecursionlimit()
    log = []
    with pytest.raises(KeyError):
        run_recursion(countdown_generator(depth, log))
    assert len(log) == 3 * (depth + 1)    # enter, unwind, exit in every call
    assert log[-1] == ("exit", depth)


def test_a_cycle_is_an_error_on_every_open_span():
    inputs, outputs = build(1, [[0], [1], [2]], [2])
    first = outputs[0]._keras_history.layer._inbound_nodes[0].keras_inputs[0]._keras_history
    first = first.layer._inbound_nodes[0].keras_inputs[0]._keras_history.layer._inbound_nodes[0]
    first._keras_inputs = list(outputs)      # the first layer now takes the last one's output
    last = outputs[0]._keras_history.layer.name
    with tracekeras.trace() as t:
        with pytest.raises(ValueError, match=f'from layer "{last}" is part of a cycle.'):
            _build_map(outputs)
    begins = [r for r in t.records if r["ph"] == "B" and r["name"] == HELPER]
    ends = [r for r in t.records if r["ph"] == "E" and r["name"] == HELPER]
    assert [b["args"]["layer"] for b in begins] == [last, "activation_1", "activation", last]
    assert [e["id"] for e in ends] == [b["id"] for b in reversed(begins)]
    assert all(e["error"]["type"] == "builtins.ValueError" for e in ends)
