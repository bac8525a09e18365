"""tracing.alignment: two traces lined up by stage; what is missing, extra, moved or decided
differently, and how far the epoch logs are apart."""
import json

import pytest

from tracekeras import tracing
from tracekeras.conformance import known_differences
from tracekeras.tracing import alignment

from .conftest import trace_path


def compare(b, a="base", **options):
    return alignment.compare(trace_path(a), trace_path(b), **options)


def changes(comparison, kind):
    """(the last two parts of the Keras name, what, A's value, B's value) of one kind."""
    return [(".".join(d.name.split(".")[-2:]), d.what, d.a, d.b)
            for d in comparison.differences if d.kind == kind]


def test_the_same_run_twice_agrees_in_every_stage_decision_and_number():
    c = compare("again")
    assert c.summary() == ("132/132 key stages in order, all decisions equal, "
                           "epoch loss max rel. diff 0")
    assert c.exit_status == 0 and c.differences == []
    assert [n.label for n in c.numbers] == ["epoch 0 loss", "epoch 0 accuracy",
                                            "epoch 1 loss", "epoch 1 accuracy"]


def test_another_optimizer_resolves_differently_builds_other_slots_and_trains_otherwise():
    c = compare("adam")
    assert c.summary() == ("125/132 key stages in order, 7 missing, 11 extra, 3 decisions "
                           "differ, epoch loss max rel. diff 1e-3, 2 numbers differ "
                           "(rtol 1e-5, atol 1e-8)")
    assert c.exit_status == 1
    assert changes(c, "decision") == [
        ("optimizers.get", "identifier", "rmsprop", "adam"),
        ("serialization.deserialize_keras_object", "identifier", "rmsprop", "adam"),
        ("serialization.deserialize_keras_object", "resolved",
         "keras.optimizers.rmsprop.RMSprop", "keras.optimizers.adam.Adam")]
    missing = [(d.name, d.what) for d in c.differences if d.kind == "missing"]
    assert missing[:2] == [("keras.optimizers.rmsprop.RMSprop.build", ""),
                           ("keras.optimizers.optimizer.Optimizer.add_variable_from_reference",
                            "weight=velocity")]
    extra = [d.what for d in c.differences if d.kind == "extra"]
    assert extra[:3] == ["", "weight=m", "weight=v"]
    assert [d.what for d in c.differences if d.kind == "number"] == ["epoch 0 loss",
                                                                     "epoch 1 loss"]


def test_verbose_adds_the_progress_bar_callback():
    c = compare("progbar")
    assert c.summary() == ("132/132 key stages in order, 1 extra, 2 decisions differ, "
                           "epoch loss max rel. diff 0")
    assert changes(c, "decision") == [
        ("CallbackList.__init__", "add_progbar", False, True),
        ("CallbackList._add_default_callbacks", "added", ["History"],
         ["History", "ProgbarLogger"])]
    assert [d.name for d in c.differences if d.kind == "extra"] == [
        "keras.callbacks.ProgbarLogger.__init__"]


def test_read_the_other_way_round_an_extra_stage_is_a_missing_one():
    c = compare("base", a="progbar")
    assert c.summary() == ("132/133 key stages in order, 1 missing, 2 decisions differ, "
                           "epoch loss max rel. diff 0")


def test_a_dataset_is_taken_by_another_adapter():
    c = compare("dataset")
    assert c.summary() == ("131/132 key stages in order, 1 missing, 1 extra, 1 decision "
                           "differs, epoch loss max rel. diff 0")
    assert changes(c, "decision") == [("data_adapter.select_data_adapter", "chosen",
                                       "TensorLikeDataAdapter", "DatasetAdapter")]
    assert [(d.kind, d.name.rsplit(".", 2)[-2]) for d in c.differences[1:]] == [
        ("missing", "TensorLikeDataAdapter"), ("extra", "DatasetAdapter")]


def test_a_stage_out_of_order_is_moved_and_a_changed_build_shape_is_a_decision():
    c = compare("reordered")
    assert c.summary() == ("131/132 key stages in order, 1 moved, 1 decision differs, "
                           "epoch loss max rel. diff 3e-7")
    moved = [d for d in c.differences if d.kind == "moved"]
    assert [(d.name, d.a_index, d.b_index) for d in moved] == [
        ("keras.engine.training.Model._validate_compile", 11, 16)]
    assert changes(c, "decision") == [("Dense.build", "input_shape", [None, 5], [None, 9])]
    # both rows of the moved stage show it; the count is one
    assert sum(r.status == "moved" for r in c.rows) == 2


def test_numbers_are_compared_with_the_tolerances_given():
    c = compare("reordered", rtol=1e-7, atol=0.0)
    assert c.summary() == ("131/132 key stages in order, 1 moved, 1 decision differs, "
                           "epoch loss max rel. diff 3e-7, 1 number differs (rtol 1e-7, atol 0)")
    (number,) = [d for d in c.differences if d.kind == "number"]
    assert number.what == "epoch 0 loss" and number.b == pytest.approx(number.a * (1 + 3e-7))
    assert compare("reordered", rtol=0.0, atol=1e-6).count("number") == 0


def test_known_differences_are_marked_and_do_not_fail_the_comparison():
    known = known_differences.load()
    c = compare("with_known", known=known)
    assert c.summary() == ("132/132 key stages in order, 1 extra, all decisions equal, "
                           "epoch loss max rel. diff 0, 1 known difference")
    (extra,) = c.differences
    assert extra.name == "tf.function" and extra.known.startswith("tracekeras has no graph mode")
    assert c.exit_status == 0
    assert compare("with_known").exit_status == 1
    assert compare("adam", known=known).exit_status == 1


def test_a_known_entry_matches_kind_stage_name_and_argument():
    entry = {"stage": "data", "name": "keras.engine.data_adapter.*", "kind": "decision",
             "arg": "chosen", "reason": "kept"}
    assert compare("dataset", known=[entry]).count("decision", known=True) == 1
    for change in ({"kind": "extra"}, {"stage": "fit"}, {"arg": "asked"},
                   {"name": "keras.callbacks.*"}):
        assert compare("dataset", known=[dict(entry, **change)]).count("decision",
                                                                       known=True) == 0


def span(sid, parent, name, stage="fit", **args):
    return [{"ph": "B", "id": sid, "parent": parent, "name": name, "stage": stage, "ts": 0,
             "args": args},
            {"ph": "E", "id": sid, "name": name, "ts": 0}]


def test_an_entry_within_a_call_excuses_only_the_records_inside_that_call():
    # A runs keras.x inside keras.fit, inside keras.other and at the top; B runs none of them
    # (and an extra keras.y inside its keras.fit, and another at the top)
    fit, other = span(1, None, "keras.fit"), span(3, None, "keras.other")
    a = fit[:1] + span(2, 1, "keras.x") + fit[1:] + other[:1] + span(4, 3, "keras.x") + \
        other[1:] + span(5, None, "keras.x")
    b = fit[:1] + span(6, 1, "keras.y") + fit[1:] + other + span(7, None, "keras.y")
    header = {"format": "tracekeras-trace"}
    within = {"stage": "*", "name": "*", "kind": "missing", "within": "keras.fit",
              "reason": "inside fit"}
    c = alignment.compare((header, a), (header, b), known=[within])
    assert [(d.name, d.a_index, d.known) for d in c.differences if d.kind == "missing"] == [
        ("keras.x", 1, "inside fit"), ("keras.x", 3, None), ("keras.x", 4, None)]
    # an extra record is placed by the calls around it in B
    extra = dict(within, kind="extra", name="keras.y")
    c = alignment.compare((header, a), (header, b), known=[extra])
    assert [(d.b_index, d.known) for d in c.differences if d.kind == "extra"] == [
        (1, "inside fit"), (3, None)]
    # without `within`, the same entry excuses the name everywhere
    c = alignment.compare((header, a), (header, b),
                          known=[{k: v for k, v in within.items() if k != "within"}])
    assert c.count("missing", known=False) == 0
    # the pattern is a glob over the enclosing calls, at any depth; the name still counts
    nested = fit[:1] + span(8, 1, "keras.inner") + span(9, 8, "keras.x") + \
        span(8, 1, "keras.inner")[1:] + fit[1:]
    c = alignment.compare((header, nested), (header, fit),
                          known=[dict(within, name="keras.x", within="keras.f*")])
    assert [(d.name, d.known) for d in c.differences] == [
        ("keras.inner", None), ("keras.x", "inside fit")]


def test_key_stages_know_the_call_they_are_inside():
    records = span(1, None, "keras.fit") + span(2, None, "keras.x")
    records = records[:1] + span(3, 1, "keras.y") + records[1:]
    stages = alignment.key_stages(records)
    assert [(s.name, s.parent) for s in stages] == [
        ("keras.fit", None), ("keras.y", 0), ("keras.x", None)]


def test_traces_are_taken_as_paths_trace_objects_or_header_and_records():
    loaded = tracing.load(trace_path("base"))
    c = alignment.compare(loaded, (loaded.header, loaded.records))
    assert c.exit_status == 0 and c.total == 132 and c.a_path == trace_path("base")


def test_key_stages_carry_their_end_arguments_depth_and_exception():
    records = [{"ph": "B", "id": 1, "parent": None, "name": "keras.a", "stage": "fit",
                "ts": 0, "args": {"layer": "d"}},
               {"ph": "i", "id": None, "parent": 1, "name": "keras.b", "stage": "fit", "ts": 1},
               {"ph": "E", "id": 1, "name": "keras.a", "ts": 2, "args": {"chosen": "X"},
                "error": {"type": "builtins.ValueError", "message": "no"}}]
    first, second = alignment.key_stages(records)
    assert (first.args, first.raised, first.depth, first.who) == (
        {"layer": "d", "chosen": "X"}, "ValueError", 0, "layer=d")
    assert (second.ph, second.depth) == ("i", 1)


def test_an_exception_on_one_side_only_is_a_decision_that_differs():
    records = [json.loads(line) for line in open(trace_path("base"))]
    fit_end = max(n for n, r in enumerate(records)
                  if r.get("ph") == "E" and r.get("name") == "keras.engine.training.Model.fit")
    records[fit_end]["error"] = {"type": "builtins.KeyboardInterrupt", "message": ""}
    c = alignment.compare(trace_path("base"), (records[0], records[1:]))
    assert changes(c, "decision") == [("Model.fit", "raised", None,
                                       "KeyboardInterrupt")]


@pytest.mark.parametrize("a, b, rel, ok", [
    (1.0, 1.0, 0.0, True), (2.0, 2.00002, 1e-5, True), (2.0, 2.1, 0.05, False),
    (0.0, 0.0, 0.0, True), (0.0, 1e-9, float("inf"), True), ("nan", "nan", 0.0, True),
    ("nan", 1.0, float("inf"), False), (1.0, alignment.ABSENT, float("inf"), False)])
def test_closeness_is_relative_to_the_reference_value(a, b, rel, ok):
    got_rel, got_ok = alignment.closeness(a, b, rtol=1e-5, atol=1e-8)
    assert got_ok == ok and got_rel == pytest.approx(rel)


@pytest.mark.parametrize("x, text", [(0.0, "0"), (3e-07, "3e-7"), (0.00112, "1e-3"),
                                     (1.0, "1"), (25.0, "2e1"), (float("inf"), "inf")])
def test_short_float_gives_one_significant_digit(x, text):
    assert alignment.short_float(x) == text
