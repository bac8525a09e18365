"""``plot_model`` / ``model_to_dot``: Keras's signature, checks and return values; the nodes
and edges of the drawing against tf_keras 2.21's ``model_to_dot`` (``make_fixtures.py``)."""
import json
import os
import re
import sys
import types

import pytest

import tracekeras as keras
from tracekeras import layers, utils
from tracekeras.utils import vis_utils
from visualize.dot import has_dot

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
with open(os.path.join(FIXTURES, "expected.json")) as f:
    EXPECTED = json.load(f)["plot"]
needs_dot = pytest.mark.skipif(not has_dot(), reason="the Graphviz `dot` program is not installed")


def models():
    """The models make_fixtures.py drew with tf_keras (same layers, same names)."""
    sequential = keras.Sequential([layers.Input((4,)), layers.Dense(3, activation="relu"),
                                   layers.Dense(2)], name="seq")
    a, b = layers.Input((3,), name="left"), layers.Input((2,), name="right")
    joined = layers.Concatenate(name="join")([layers.Dense(4, name="proj")(a), b])
    functional = keras.Model([a, b], layers.Dense(1, name="out")(joined), name="two_inputs")
    return {"seq": sequential, "two_inputs": functional}


def drawn(dot):
    """(layer names of the nodes in order, edges as layer-name pairs) of our digraph."""
    names = dict(re.findall(r"^\s*(l\d+) \[.*tooltip=(\S+?)\]$", dot.source, re.M))
    edges = re.findall(r"^\s*(l\d+) -> (l\d+)$", dot.source, re.M)
    return list(names.values()), [[names[a], names[b]] for a, b in edges]


@pytest.mark.parametrize("name", ["seq", "two_inputs"])
def test_nodes_and_edges_are_keras_nodes_and_edges(name):
    dot = utils.model_to_dot(models()[name], show_shapes=True)
    nodes, edges = drawn(dot)
    assert nodes == EXPECTED[name]["nodes"]
    assert sorted(edges) == sorted(EXPECTED[name]["edges"])
    assert "rankdir=TB" in dot.source and "dpi=96" in dot.source


def test_switches_show_what_they_name():
    model = models()["seq"]
    plain = utils.model_to_dot(model).source
    full = utils.model_to_dot(model, show_shapes=True, show_dtype=True,
                              show_layer_activations=True, show_trainable=True,
                              rankdir="LR", dpi=40).source
    assert "(None, 4)" not in plain and "(None, 4)" in full
    assert "dtype: float32" in full and "activation: relu" in full and "trainable" in full
    assert "rankdir=LR" in full and "dpi=40" in full
    unnamed = utils.model_to_dot(model, show_layer_names=False).source
    assert "<b>dense</b>" in plain and "<b>dense</b>" not in unnamed


def test_layer_range_keeps_the_named_span():
    nodes, edges = drawn(utils.model_to_dot(models()["two_inputs"], layer_range=["proj", "join"]))
    assert nodes == ["proj", "right", "join"]
    assert sorted(edges) == [["proj", "join"], ["right", "join"]]
    with pytest.raises(ValueError, match="layer_range must be of shape \\(2,\\)"):
        utils.model_to_dot(models()["seq"], layer_range=["dense"])


def test_an_unbuilt_model_is_refused():
    with pytest.raises(ValueError, match="This model has not yet been built. Build the model "
                                         "first by calling `build\\(\\)`"):
        utils.plot_model(keras.Sequential([layers.Dense(2)]))


def test_a_subclassed_model_is_one_box():
    class Tiny(keras.Model):
        def __init__(self):
            super().__init__(name="tiny")
            self.dense = layers.Dense(2)

        def call(self, x):
            return self.dense(x)

    model = Tiny()
    model.build((None, 3))
    source = utils.model_to_dot(model).source
    assert f'{id(model)} [label=tiny shape=record]' in source and "->" not in source


@needs_dot
@pytest.mark.parametrize("file, magic", [("m.png", b"\x89PNG"), ("m.svg", b"<?xml"),
                                         ("m.pdf", b"%PDF"), ("m.dot", b"digraph"),
                                         ("m", b"\x89PNG")])
def test_to_file_is_written_in_its_extensions_format(tmp_path, file, magic):
    assert utils.plot_model(models()["seq"], to_file=tmp_path / file) is None
    assert (tmp_path / file).read_bytes().startswith(magic)


@needs_dot
def test_with_ipython_it_returns_an_image(tmp_path, monkeypatch):
    shown = types.SimpleNamespace(Image=lambda filename: ("Image", filename))
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(display=shown))
    target = str(tmp_path / "model.png")
    assert utils.plot_model(models()["seq"], to_file=target) == ("Image", target)
    assert utils.plot_model(models()["seq"], to_file=tmp_path / "model.pdf") is None


def test_without_dot_it_raises_or_in_a_notebook_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(vis_utils, "has_dot", lambda: False)
    with pytest.raises(ImportError, match=re.escape(vis_utils.NO_DOT)):
        utils.plot_model(models()["seq"], to_file=tmp_path / "m.png")
    monkeypatch.setitem(sys.modules, "IPython.core.magics.namespace", types.ModuleType("ns"))
    assert utils.plot_model(models()["seq"], to_file=tmp_path / "m.png") is None
    assert capsys.readouterr().out == vis_utils.NO_DOT + "\n"
    assert not (tmp_path / "m.png").exists()
