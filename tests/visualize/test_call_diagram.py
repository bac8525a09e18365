"""visualize.calls (the call diagram): boxes per Keras function, numbered edges, folds, decisions,
filters."""
import re

import graphviz

from visualize import calls as cd


def edges(source):
    """[(from, to, label)] of a DOT source."""
    return re.findall(r"^\s*(\w+) -> (\w+) \[label=\"?([^\"\]]*)\"?", source, re.M)


def node_line(source, short):
    return [line for line in source.splitlines() if f"<b>{short}" in line][0]


def test_boxes_and_numbered_edges_for_the_seed_fit(seed_path):
    dot = cd.call_diagram(seed_path)
    assert isinstance(dot, graphviz.Digraph)
    src = dot.source
    found = edges(src)
    numbers = sorted(int(label.split()[0]) for _, _, label in found)
    assert numbers == list(range(1, len(found) + 1))       # numbered in call order
    first = sorted(((a, label) for a, _, label in found if a == "__script__"),
                   key=lambda al: int(al[1]))
    # construct, compile, fit, evaluate: each numbered after everything the one before called
    assert [label for _, label in first] == ["1", "3", "14", "69"]
    assert "Model.fit" in node_line(src, "Model.fit")
    assert "keras.engine.training" in node_line(src, "Model.fit")


def test_repeated_calls_merge_into_one_box_with_a_count(seed_path):
    src = cd.call_diagram(seed_path).source
    steps = [line for line in src.splitlines() if "<b>DataHandler.steps (steps)" in line]
    assert len(steps) == 2                                  # fit's steps and evaluate's
    assert "× 150, 143 folded" in steps[0]
    assert "× 10, 7 folded" in steps[1]
    assert 'peripheries=2' in steps[0]
    epochs = node_line(src, "DataHandler.enumerate_epochs")
    assert "× 5" in epochs
    train_step = node_line(src, "Model.train_step")
    assert "× 150" in train_step
    # the edge into the steps box says how many steps were folded
    assert any("× 150 (143 steps folded)" in label for _, _, label in edges(src))


def test_decisions_are_shown_on_the_boxes(seed_path):
    src = cd.call_diagram(seed_path).source
    adapter = node_line(src, "data_adapter.select_data_adapter")
    assert "chosen: TensorLikeDataAdapter" in adapter
    assert ("rejected: ListsOfScalars, GenericArrayLike, Dataset, Generator, KerasSequence, "
            "CompositeTensor, DatasetCreator") in adapter
    assert "added: History, ProgbarLogger" in node_line(src, "CallbackList._add_default_callbacks")
    assert "&quot;accuracy&quot; → sparse_categorical_accuracy" in node_line(
        src, "MetricsContainer.update_state")
    build = node_line(src, "Dense.build")
    assert "dense: built with (None, 784)" in build and "dense_1: built with (None, 512)" in build
    assert "&quot;rmsprop&quot; → keras.optimizers.rmsprop.RMSprop" in src
    slots = node_line(src, "Optimizer.add_variable_from_reference")
    assert "velocity of dense/kernel, dense/bias, dense_1/kernel, dense_1/bias" in slots
    assert "kernel, bias of dense, dense_1" in src


def test_rejections_given_directly_are_listed():
    from visualize.spans import Span
    span = Span("keras.engine.data_adapter.select_data_adapter", "data",
                args={"chosen": "GeneratorDataAdapter", "rejected": {"TensorLikeDataAdapter":
                                                                    "not an array"}})
    assert cd.decisions_of(span) == ["chosen: GeneratorDataAdapter",
                                     "rejected: TensorLikeDataAdapter (not an array)"]


def test_errors_and_unfinished_spans_are_marked(error_path, crashed_path):
    src = cd.call_diagram(error_path).source
    assert "✗ ValueError: Shapes (128, 1) and (128, 10) are incompatible" in src
    assert "⚠ unfinished" in cd.call_diagram(crashed_path).source


def test_stage_filter_keeps_those_boxes_and_jumps_over_callers(seed_path):
    src = cd.call_diagram(seed_path, stage="data").source
    boxes = re.findall(r"<b>([^<]+)</b>", src)
    assert set(boxes) == {"stages", "data_adapter.get_data_handler", "DataHandler.__init__",
                          "data_adapter.select_data_adapter", "TensorLikeDataAdapter.__init__"}
    assert "style=dashed" in src                            # script -> get_data_handler jumps
    src = cd.call_diagram(seed_path, stage="data", group="stage").source
    assert "cluster_0" in src and "label=data" in src


def test_depth_filter_keeps_the_top_levels(seed_path):
    src = cd.call_diagram(seed_path, depth=1).source
    assert re.findall(r"<b>([^<]+)</b>", src) == [
        "Sequential.__init__", "Model.compile", "Model.fit", "Model.evaluate", "stages"]
    assert sorted(label for _, _, label in edges(src)) == ["1", "2", "3", "4"]


def test_phase_clusters_and_the_legend(seed_path):
    src = cd.call_diagram(seed_path).source
    clusters = re.findall(r"subgraph (cluster_\d+) \{\n.* label=\"([^\"]+)\"", src)
    assert [label for _, label in clusters] == ["Sequential.__init__", "Model.compile",
                                                "Model.fit", "Model.evaluate"]
    assert "<td><b>stages</b></td><td bgcolor='#e8f5e9'>build</td>" in src
    # a closure is titled by its own name, with where it was made below
    assert "<b>train_function</b><br/><font point-size='9' color='#555555'>" \
           "keras.engine.training.Model.make_train_function.&lt;locals&gt;</font>" in src


def test_group_by_module(seed_path):
    src = cd.call_diagram(seed_path, group="module", depth=3).source
    assert "label=\"keras.engine.training\"" in src or "label=keras.engine.training" in src


def test_the_seed_fit_renders_with_dot(seed_path, tmp_path):
    if not cd_has_dot():
        return
    svg = cd.call_diagram(seed_path).pipe(format="svg").decode()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg


def cd_has_dot():
    import shutil
    return shutil.which("dot") is not None
