"""Layer graphs people draw: two inputs, two outputs, a residual Add, a shared layer and a
nested Sequential, traced from a real run of the engine and drawn from the trace."""
import re

import numpy as np
import pytest

import tracekeras
from tracekeras import layers
from tracekeras.models import Model, Sequential
from visualize import model_graph as lg


@pytest.fixture(scope="module")
def trace():
    tracekeras.utils.set_random_seed(0)
    block = Sequential([layers.Dense(8, activation="relu", name="inner_a"),
                        layers.Dense(8, name="inner_b")], name="block")
    a, b = tracekeras.Input((8,), name="a"), tracekeras.Input((8,), name="b")
    shared = layers.Dense(8, name="shared")
    with tracekeras.trace() as t:
        ha, hb = shared(a), shared(b)
        h = layers.Add(name="residual")([block(ha), ha])
        out1 = layers.Dense(3, activation="softmax", name="out1")(
            layers.Concatenate(name="cat")([h, hb]))
        out2 = layers.Dense(1, name="out2")(hb)
        model = Model([a, b], [out1, out2], name="twohead")
        model.compile("rmsprop", ["sparse_categorical_crossentropy", "mse"])
        x = np.random.default_rng(0).random((16, 8), dtype="float32")
        model.fit([x, x], [np.arange(16) % 3, x[:, :1]], epochs=1, batch_size=8, verbose=0)
    return t


def ids_of(src):
    """{layer name: DOT node name} from the node labels."""
    return {m.group(2): m.group(1) for m in re.finditer(r"\t(l[\d_]+) \[label=<.*?<b>(\w+)</b>",
                                                         src)}


def test_the_snapshot_counts_the_calls_of_a_shared_layer(trace):
    snap = [g["args"] for g in trace.graphs() if g["args"]["model"] == "twohead"][-1]
    by_name = {layer["name"]: layer for layer in snap["layers"]}
    assert by_name["shared"]["calls"] == 2 and "calls" not in by_name["out1"]


def test_inputs_on_top_outputs_at_the_bottom_shared_layer_once(trace):
    src = lg.layer_graph(trace, model="twohead").source
    ids = ids_of(src)
    assert src.count("<b>shared</b>") == 1 and "shared: called 2 times in this model" in src
    top = re.search(r"\{\s*rank=source\s+(\S+)\s+(\S+)\s*\}", src)
    bottom = re.search(r"\{\s*rank=sink\s+(\S+)\s+(\S+)\s*\}", src)
    assert {top[1], top[2]} == {ids["a"], ids["b"]}
    assert {bottom[1], bottom[2]} == {ids["out1"], ids["out2"]}
    for x, y in (("a", "shared"), ("b", "shared"), ("shared", "residual"), ("block", "residual"),
                 ("shared", "cat"), ("residual", "cat"), ("shared", "out2")):
        assert f"{ids[x]} -> {ids[y]}" in src, (x, y)
    assert "cluster" not in src                     # not expanded: block is one box


def test_expand_nested_draws_the_inner_model_as_a_cluster(trace):
    src = lg.layer_graph(trace, model="twohead", expand_nested=True).source
    ids = ids_of(src)
    assert "subgraph cluster_" in src and 'label="block (Sequential)"' in src
    assert "block" not in ids                       # the box became its layers
    inner_input = [g["args"] for g in trace.graphs()
                   if g["args"]["model"] == "block"][-1]["inputs"][0]
    assert f"{ids['shared']} -> {ids[inner_input]}" in src      # into its Input
    assert f"{ids[inner_input]} -> {ids['inner_a']}" in src
    assert f"{ids['inner_b']} -> {ids['residual']}" in src        # out of its output
    nodes = lg.node_ids(trace, model="twohead", expand_nested=True)
    assert nodes["inner_a"].startswith(nodes["block"] + "-") and nodes["a"] == "tk-layer-0"
    svg_ids = set(re.findall(r'id="(tk-layer-[\d-]+)"', src))
    assert {nodes[n] for n in ("a", "shared", "inner_a", "inner_b", "out1")} <= svg_ids


def test_each_call_of_a_shared_layer_has_its_own_labelled_edges(trace):
    """The shared Dense is one box; the edges in and out of its first call (from ``a``, to
    ``block`` and ``residual``) say "call 1", those of its second (from ``b``, to ``cat``
    and ``out2``) "call 2", each call in its own colour; other edges stay plain."""
    snap = [g["args"] for g in trace.graphs() if g["args"]["model"] == "twohead"][-1]
    edges = snap["edges"]
    assert ["a", "shared", 0, 0] in edges and ["b", "shared", 0, 1] in edges
    assert ["shared", "residual", 0, 0] in edges and ["shared", "cat", 1, 0] in edges
    assert ["shared", "out2", 1, 0] in edges and ["cat", "out1"] in edges
    src = lg.layer_graph(trace, model="twohead").source
    ids = ids_of(src)
    drawn = {(m[1], m[2]): m[3] for m in re.finditer(r"\t(l\d+) -> (l\d+)(?: \[(.*)\])?\n",
                                                        src)}
    label = {pair: re.search(r'label="([^"]*)"', a)[1] if a else None
             for pair, a in drawn.items()}
    colour = {pair: re.search(r'color="(#\w+)"', a)[1] if a else None
              for pair, a in drawn.items()}
    first = [(ids[x], ids[y]) for x, y in (("a", "shared"), ("shared", "block"),
                                           ("shared", "residual"))]
    second = [(ids[x], ids[y]) for x, y in (("b", "shared"), ("shared", "cat"),
                                            ("shared", "out2"))]
    assert [label[p] for p in first] == ["call 1"] * 3
    assert [label[p] for p in second] == ["call 2"] * 3
    assert len({colour[p] for p in first}) == 1 and len({colour[p] for p in second}) == 1
    assert colour[first[0]] != colour[second[0]]
    assert label[(ids["block"], ids["residual"])] is None and label[(ids["cat"], ids["out1"])] \
        is None
    assert 'tooltip="b → shared: shared call 2 (node_index 1)"' in src


def test_a_shared_layer_feeding_a_shared_layer_names_both_calls():
    from visualize.model_graph import call_attrs
    attrs = call_attrs(["s", "t", 1, 0], {"s", "t"})
    assert attrs["label"] == "call 2 → call 1"
    assert call_attrs(["s", "t"], {"s"}) == {} and call_attrs(["x", "y", 0, 0], set()) == {}


def test_the_contract_takes_an_edge_with_the_calls_of_its_ends():
    from tracekeras.tracing import validate
    snap = {"model": "m", "layers": [{"name": "a"}, {"name": "s", "calls": 2}],
            "edges": [["a", "s", 0, 1]]}
    validate.check_snapshot(snap)
    for bad in (["a", "s", -1, 0], ["a", "s", 0], ["a", "s", "0", "1"], ["a", "s", True, 0]):
        with pytest.raises(validate.RecordError, match=r"args\.edges\[0\]. must be a pair"):
            validate.check_snapshot(dict(snap, edges=[bad]))
