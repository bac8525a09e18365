"""visualize.terminal: the rich tree and the stage table, captured as plain text."""
from rich.console import Console

from visualize import terminal


def render(renderable, width=160):
    console = Console(width=width, color_system=None, record=True, file=open("/dev/null", "w"))
    console.print(renderable)
    return console.export_text()


def test_tree_shows_stages_durations_folds_and_legend(seed_path):
    text = render(terminal.trace_tree(seed_path))
    assert text.startswith("trace level stages,")
    assert "├── Model.compile compile " in text
    assert "DataHandler.enumerate_epochs: epoch 0 fit" in text
    assert "× 27 train steps (folded by the recorder) total" in text
    assert "× 29 train steps (folded by the recorder)" in text
    assert "step 29 (epoch 4, train) step" in text
    assert "data_adapter.select_data_adapter data" in text
    assert "chosen=TensorLikeDataAdapter" in text
    assert "added=[History, ProgbarLogger]" in text
    assert "Dense.build build" in text and "input_shape=(None, 784)" in text
    assert "◆ graph snapshot sequential (Sequential, 3 layers)" in text
    assert "• Model._is_compiled value=True" in text
    assert "stages: compile  build  fit  evaluate" in text
    assert "✗ raised  ⚠ unfinished" in text


def test_depth_limits_the_tree(seed_path):
    text = render(terminal.trace_tree(seed_path, depth=1, legend=False))
    lines = text.splitlines()
    assert lines[1].startswith("├── Sequential.__init__ build")
    assert "│   └── … 2 more" in text
    assert "Strategy.scope" not in text


def test_stage_filter_keeps_matching_spans_and_their_ancestors(error_path):
    text = render(terminal.trace_tree(error_path, stage="metrics", legend=False))
    assert "MetricsContainer.update_state metrics" in text
    assert "CallbackList" not in text and "Layer.__call__" not in text
    assert "✗ ValueError: Shapes (128, 1) and (128, 10) are incompatible" in text
    assert "Model.fit fit" in text and "✗ ValueError (raised below)" in text


def test_a_crashed_trace_says_it_was_cut_off(crashed_path):
    text = render(terminal.trace_tree(crashed_path))
    assert "spans unfinished: the run was cut off" in text.splitlines()[0]
    assert "step 1 (epoch 0, train) step" in text
    assert "⚠ unfinished (the run was cut off)" in text


def test_stage_table_rows(seed_path):
    text = render(terminal.stage_table(seed_path))
    assert "time per stage" in text
    header = [line for line in text.splitlines() if "stage" in line and "share" in line][0]
    for col in ("count", "total", "self", "mean", "share"):
        assert col in header
    rows = {line.split()[1]: line for line in text.splitlines() if line.startswith("│")}
    assert set(rows) >= {"fit", "step", "layer", "optimizer", "compile", "evaluate"}
    assert rows["evaluate"].split("│")[2].strip() == "2"
    assert "%" in rows["step"]


def test_closures_read_as_their_name_and_maker(seed_path):
    text = render(terminal.trace_tree(seed_path, depth=8, legend=False))
    assert "train_function (closure of Model.make_train_function) function" in text
    assert "step_function (closure of Model.make_train_function) function" in text
    assert "<locals>" not in text


def test_an_empty_trace_says_nothing_was_recorded(tmp_path):
    import json

    from tracekeras.tracing import schema
    path = tmp_path / "empty.jsonl"
    path.write_text(json.dumps(schema.make_header("stages")) + "\n")
    text = render(terminal.trace_tree(str(path)))
    assert "(no spans recorded: did the Keras calls run inside" in text
    assert "time per stage" in render(terminal.stage_table(str(path)))


def test_a_kept_later_step_says_why(tmp_path):
    """A light step kept for a notable record, and a step whose loss was not finite."""
    import json

    from tracekeras.tracing import schema
    step = schema.STEP_NAME
    records = [schema.make_header("stages")]
    for sid, n, end_args in ((1, 4, {"recorded": "notable records only"}),
                             (3, 6, {"nan_loss": True})):
        records += [
            {
                "ph": "B",
                "id": sid,
                "parent": None,
                "name": step,
                "impl": "m:f",
                "stage": "step",
                "ts": 10 * sid,
                "args": {"kind": "train", "epoch": 0, "step": n},
            },
            {
                "ph": "i",
                "id": None,
                "parent": sid,
                "name": "keras.engine.base_layer.Layer.add_weight",
                "impl": "m:f",
                "stage": "weights",
                "ts": 10 * sid + 1,
                "args": {"weight": "k"},
            },
            {"ph": "E", "id": sid, "name": step, "ts": 10 * sid + 5, "args": end_args},
        ]
    path = tmp_path / "kept.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    text = render(terminal.trace_tree(str(path)))
    assert "step 4 (epoch 0, train) step 5 ns notable records only" in text
    assert "step 6 (epoch 0, train) step 5 ns loss not finite" in text
