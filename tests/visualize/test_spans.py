"""visualize.spans: records -> span tree, unfinished spans, step folding, stage summary."""
from tracekeras.tracing import EPOCHS_NAME as EPOCHS
from tracekeras.tracing import STEP_NAME as STEP
from visualize import spans


def epochs(tree):
    return [s for s in tree.spans() if s.name == EPOCHS and s.stage == "fit"]


def step_children(node):
    return [(c.kind, c.args.get("step"), c.count) for c in node.children if c.name == STEP]


def test_begin_and_end_args_merge_into_one_span(seed_path):
    tree = spans.build(seed_path)
    select = [s for s in tree.spans() if s.name.endswith("select_data_adapter")][0]
    assert select.args["chosen"] == "TensorLikeDataAdapter"          # from the end record
    assert select.args["x"] == {"shape": [3808, 784], "dtype": "float32"}  # from the begin record
    assert select.parent.short_name == "DataHandler.__init__"
    assert select.duration > 0 and not select.unfinished and select.error is None


def test_top_level_spans_in_call_order(seed_path):
    tree = spans.build(seed_path)
    assert [c.short_name for c in tree.root.children] == [
        "Sequential.__init__", "Model.compile", "Model.fit", "Model.evaluate"]
    assert tree.level == "stages"


def test_recorder_folds_become_fold_nodes_before_the_kept_last_step(seed_path):
    tree = spans.build(seed_path)
    first, second = epochs(tree)[:2]
    assert step_children(first) == [("span", 0, 1), ("span", 1, 1), ("fold", None, 27),
                                    ("span", 29, 1)]
    assert step_children(second) == [("fold", None, 29), ("span", 29, 1)]
    fold = [c for c in first.children if c.kind == "fold"][0]
    assert spans.fold_label(fold) == "× 27 train steps"
    assert fold.args["recorded_count"] == 28  # the recorder counts the kept last step too
    assert fold.stats["min_ns"] <= fold.stats["mean_ns"] <= fold.stats["max_ns"]
    assert fold.duration == 27 * fold.stats["mean_ns"] > 0
    assert len(epochs(tree)) == 5
    # kept steps + folded steps = the 5 x 30 steps run
    steps = sum(c.count for e in epochs(tree) for c in e.children if c.name == STEP)
    assert steps == 150


def test_steps_level_identical_steps_fold_keeping_first_and_last(steps_path):
    tree = spans.build(steps_path)
    for epoch in epochs(tree):
        assert step_children(epoch) == [("span", 0, 1), ("fold", None, 28), ("span", 29, 1)]
        fold = [c for c in epoch.children if c.kind == "fold"][0]
        assert (fold.stats["first_step"], fold.stats["last_step"]) == (1, 28)
        assert fold.args == {"kind": "train", "source": "reader"}
    unfolded = spans.build(steps_path, fold=False)
    assert [len(step_children(e)) for e in epochs(unfolded)] == [30, 30]


def test_a_step_that_differs_is_kept(steps_path):
    tree = spans.build(steps_path)
    first_step = epochs(tree)[0].children[1]
    # the first step built the model: its build spans stay visible
    assert any(s.name.endswith("Dense.build") for s in first_step.walk())
    assert not spans.is_notable(first_step)   # kept for its structure, not by rule


def test_an_error_is_kept_on_the_span_that_raised(error_path):
    tree = spans.build(error_path)
    raised = [s for s in tree.spans() if s.error and not any(c.error for c in s.children)]
    assert [s.short_name for s in raised] == ["MetricsContainer.update_state"]
    assert raised[0].error == {"type": "builtins.ValueError",
                               "message": "Shapes (128, 1) and (128, 10) are incompatible"}
    step = [s for s in tree.spans() if s.name == STEP and s.error][0]
    assert (step.args["epoch"], step.args["step"]) == (1, 7)


def test_a_crashed_trace_marks_unfinished_spans(crashed_path):
    tree = spans.build(crashed_path)
    unfinished = [s.short_name for s in tree.spans() if s.unfinished]
    assert unfinished[:3] == ["Model.fit", "Strategy.scope", "DataHandler.enumerate_epochs"]
    step = [s for s in tree.spans() if s.name == STEP and s.unfinished][0]
    assert step.args["step"] == 1
    assert all(s.end is not None for s in tree.spans())


def test_instants_and_graph_snapshots_attach_to_their_parent(seed_path):
    tree = spans.build(seed_path)
    instants = [s for s in tree.spans() if s.kind == "instant"]
    assert [i.short_name for i in instants] == ["Model._compile_config", "Model._is_compiled"]
    assert instants[0].parent.short_name == "Strategy.scope"
    (graph,) = tree.graphs
    assert graph.parent.short_name == "Functional._init_graph_network"
    assert graph.args["model"] == "sequential"


def test_short_and_module_names():
    assert spans.short_name("keras.engine.training.Model.fit") == "Model.fit"
    assert spans.short_name("keras.engine.functional._build_map") == "functional._build_map"
    assert spans.module_of("keras.engine.training.Model.fit") == "keras.engine.training"
    assert spans.module_of("keras.engine.functional._build_map") == "keras.engine.functional"
    assert spans.format_ns(1500) == "1.5 µs" and spans.format_ns(2_500_000_000) == "2.50 s"


def test_stage_summary_counts_folded_steps(seed_path):
    summary, whole = spans.stage_summary(spans.build(seed_path))
    # 5 epochs x 30 train steps + 10 test steps, each one step span
    assert summary["step"]["count"] >= 160
    assert summary["fit"]["count"] >= 5
    self_total = sum(row["self_ns"] for row in summary.values())
    assert 0.8 * whole <= self_total <= 1.05 * whole


def test_stage_totals_never_exceed_the_trace(seed_path, steps_path):
    for path in (seed_path, steps_path):
        summary, whole = spans.stage_summary(spans.build(path))
        for stage, row in summary.items():
            assert row["total_ns"] <= whole * 1.01, stage
