"""visualize.model_graph (the layer graph): the G snapshot drawn as plot_model does, plus the build
facts."""
import pytest

from visualize import model_graph as lg


def test_seed_layers_shapes_params_and_lazy_build(seed_path):
    src = lg.layer_graph(seed_path, show_dtype=True, show_layer_activations=True,
                         show_trainable=True).source
    assert 'label="sequential (Sequential): 3 layers, 407,050 params"' in src
    assert "<b>dense</b>: Dense" in src and "<b>dense_input</b>: InputLayer" in src
    assert "input: (None, 784)</td><td>output: (None, 512)" in src
    assert "dtype: float32, activation: relu, trainable, params: 401,920" in src
    assert "_build_map: node depth 1, visit #1" in src
    assert "built lazily inside fit (epoch 0, step 0) with (None, 784)" in src
    assert "l0 -> l1" in src and "l1 -> l2" in src
    assert "rankdir=TB" in src and "dpi=96" in src


def test_show_flags_hide_facts(seed_path):
    src = lg.layer_graph(seed_path, show_shapes=False, show_layer_names=False, show_params=False,
                         show_build=False, rankdir="LR", dpi=200).source
    assert "input: (None" not in src and "<b>dense</b>" not in src and "params:" not in src
    assert "_build_map" not in src and "rankdir=LR" in src and "dpi=200" in src
    assert "Dense" in src


def test_functional_model_built_at_construction(functional_path):
    src = lg.layer_graph(functional_path).source
    assert "functional (Functional): 4 layers, 55,050 params" in src
    assert "built before training (Input/Model/build)" in src and "built lazily" not in src
    assert "l2 -> l3" in src


def test_a_snapshot_dict_renders_too():
    snap = {"model": "m", "class": "Functional", "inputs": ["a"], "outputs": ["b"],
            "layers": [{"name": "a", "class": "InputLayer"}, {"name": "b", "class": "Dense",
                                                              "params": 3}],
            "edges": [["a", "b"]]}
    src = lg.layer_graph(snap).source
    assert "l0 -> l1" in src and "input: ?" in src


def test_no_snapshot_is_a_clear_error(error_path):
    with pytest.raises(ValueError, match="no graph snapshot of model 'nope'"):
        lg.layer_graph(error_path, model="nope")


def test_built_in_from_the_snapshot_alone():
    snap = {"model": "m", "class": "Sequential", "inputs": ["a"], "outputs": ["a"],
            "layers": [{"name": "a", "class": "Dense", "built_in": "predict"},
                       {"name": "b", "class": "Dense", "built_in": "build"}], "edges": []}
    src = lg.layer_graph(snap).source
    assert "built lazily inside predict" in src
    assert "built before training (Input/Model/build)" in src


def test_a_model_object_selects_its_snapshot_by_name(functional_path):
    class FakeModel:
        name = "functional"
    assert "functional (Functional)" in lg.layer_graph(functional_path, model=FakeModel()).source
