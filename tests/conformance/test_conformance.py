"""Each conformance scenario, run on tracekeras, against real Keras's committed trace.

The scenarios (``scenarios/*.py``) are ordinary Keras scripts; ``make reference`` ran
each on tf_keras 2.21 through ``tracekeras.probe`` and committed the traces in
``data/`` (``make_fixtures.py``). Here each runs on tracekeras, in this process, and
the two traces are lined up by ``tracekeras.conformance.check``: every key stage of
Keras's trace matched in order or a listed known difference, every decision equal,
every epoch log within float32 tolerance. No TensorFlow is needed.
"""
import fnmatch
import os

import pytest

from tracekeras.conformance import check, graph_view, known_differences
from tracekeras.tracing import alignment

from . import runner

NAMES = runner.scenario_names()


def test_there_are_at_least_twenty_scenarios_each_with_its_keras_trace():
    assert len(NAMES) >= 20
    references = sorted(name[:-len(".keras.jsonl")] for name in os.listdir(runner.DATA)
                        if name.endswith(".keras.jsonl"))
    assert references == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_the_scenario_runs_as_keras_runs_it(name):
    status, trace, failure = runner.run_tracekeras(name)
    assert (status, failure) == (0, None)
    comparison = check.compare(runner.reference_of(name), trace, name)
    row = check.row(name, comparison)
    unknown = "\n".join(f"{d.kind} {d.stage} {d.name} {d.what}: {d.a!r} -> {d.b!r}"
                        for d in row.unknown)
    assert row.ok, f"{comparison.summary()}\n{unknown}"
    assert row.total > 0 and row.matched + sum(row.order) >= row.total


def test_logged_numbers_are_compared_where_a_scenario_trains():
    status, trace, _ = runner.run_tracekeras("docs_fit")
    comparison = check.compare(runner.reference_of("docs_fit"), trace, "docs_fit")
    losses = [n for n in comparison.numbers if n.metric == "loss"]
    assert [n.label for n in losses] == ["epoch 0 loss", "epoch 1 loss", "epoch 2 loss"]
    assert all(n.ok and n.rel < 1e-5 for n in losses)


def test_a_changed_number_is_caught():
    status, trace, _ = runner.run_tracekeras("docs_promises")
    records = [dict(r) for r in trace.records]
    for r in records:
        if r.get("name") == "keras.callbacks.CallbackList.on_epoch_end" and r["ph"] == "B":
            r["args"] = dict(r["args"], logs=dict(r["args"]["logs"], loss=r["args"]["logs"]["loss"]
                                                  * (1 + 1e-4)))
    comparison = check.compare(runner.reference_of("docs_promises"),
                               (trace.header, records), "docs_promises")
    row = check.row("docs_promises", comparison)
    assert row.numbers[0] >= 1 and not row.ok
    assert "NO (" in check.table([row]).splitlines()[2]


def record(ph, sid, parent, name, **args):
    return {"ph": ph, "id": sid, "parent": parent, "name": name, "args": args}


TRAIN = "keras.engine.training.Model.make_train_function"


def test_the_graph_view_keeps_one_step_body_of_a_new_function():
    records = [
        record("B", 1, None, TRAIN, cached=False), record("E", 1, None, TRAIN),
        record("B", 2, None, TRAIN + ".<locals>.train_function"),
        record("B", 3, 2, TRAIN + ".<locals>.step_function"),
        record("B", 4, 3, "keras.engine.training.Model.train_step"),
        record("E", 4, 3, "keras.engine.training.Model.train_step"),
        record("E", 3, 2, TRAIN + ".<locals>.step_function"),
        record("B", 5, 2, TRAIN + ".<locals>.step_function"),    # the second trace
        record("B", 6, 5, "keras.engine.training.Model.train_step"),
        record("E", 6, 5, "keras.engine.training.Model.train_step"),
        record("E", 5, 2, TRAIN + ".<locals>.step_function"),
        record("E", 2, None, TRAIN + ".<locals>.train_function"),
        record("B", 7, None, TRAIN + ".<locals>.train_function"),  # a later step
        record("B", 8, 7, TRAIN + ".<locals>.step_function"),
        record("E", 8, 7, TRAIN + ".<locals>.step_function"),
        record("E", 7, None, TRAIN + ".<locals>.train_function"),
    ]
    kept = [(r["ph"], r["id"]) for r in graph_view.traced_once(records)]
    assert kept == [("B", 1), ("E", 1), ("B", 2), ("B", 3), ("B", 4), ("E", 4), ("E", 3),
                    ("E", 2), ("B", 7), ("E", 7)]


def test_a_cached_function_keeps_no_step_body():
    records = [record("B", 1, None, TRAIN, cached=True), record("E", 1, None, TRAIN),
               record("B", 2, None, TRAIN + ".<locals>.train_function"),
               record("B", 3, 2, TRAIN + ".<locals>.step_function"),
               record("E", 3, 2, TRAIN + ".<locals>.step_function"),
               record("E", 2, None, TRAIN + ".<locals>.train_function")]
    assert [r["id"] for r in graph_view.traced_once(records)] == [1, 1, 2, 2]


def test_an_entry_scoped_to_scenarios_holds_only_there():
    entries = known_differences.load()
    scoped = [e for e in entries if "scenarios" in e]
    assert scoped
    assert all("scenarios" not in e for e in known_differences.for_scenario(entries, "docs_fit"))
    assert len(known_differences.for_scenario(entries, "seed_mnist_fit")) > \
        len(known_differences.for_scenario(entries, "docs_fit"))
    every_scope = {e["scenarios"] for e in scoped}
    # every scoped entry names a scenario that exists
    assert all(any(fnmatch.fnmatchcase(n, s) for n in NAMES) for s in every_scope)


def test_the_diff_command_takes_the_graph_view(tmp_path, capsys):
    from tracekeras import cli
    from tracekeras.tracing import jsonl

    status, trace, _ = runner.run_tracekeras("docs_promises")
    ours = tmp_path / "ours.jsonl"
    jsonl.write(str(ours), trace.header, trace.records)
    reference = runner.reference_of("docs_promises")
    assert cli.main(["diff", "-q", reference, str(ours)]) == 1    # tf.function's steps differ
    assert cli.main(["diff", "-q", "--graph-view", reference, str(ours)]) == 0
    assert "key stages in order" in capsys.readouterr().out


def test_the_table_says_where_the_stage_order_is_not_held():
    # every scenario holds its order with narrow entries: the Keras 2.2 ones, and the
    # refusals of keras_behaviour_deviations with entries limited to the refused calls
    assert not any(check.order_excused(name) for name in NAMES)
    anything = {"stage": "*", "name": "*", "kind": "missing", "reason": "anything",
                "scenarios": "keras_behaviour_deviations"}
    assert check.order_excused("keras_behaviour_deviations", [anything])
    assert not check.order_excused("docs_fit", [anything])
    assert not check.order_excused("keras_behaviour_deviations",
                                   [dict(anything, within="keras.engine.training.Model.fit")])
    rows = []
    for name, known in (("keras22_evaluate", None), ("keras_behaviour_deviations", None),
                        ("keras_behaviour_deviations", [anything])):
        status, trace, _ = runner.run_tracekeras(name)
        comparison = check.compare(runner.reference_of(name), trace, name, known)
        rows.append(check.row(name, comparison, known))
    lines = check.table(rows).splitlines()
    assert lines[2].startswith("| keras22_evaluate |") and "| yes (" in lines[2]
    assert lines[3].startswith("| keras_behaviour_deviations |") and "| yes (" in lines[3]
    assert "| not held (" in lines[4]
    assert lines[-1].endswith("the stage order is not held in 1 (keras_behaviour_deviations): "
                              "their entries say why")


def test_the_refusals_are_excused_only_inside_the_refused_calls():
    # keras_behaviour_deviations: what tf_keras runs inside the compile and the fit it then
    # refuses is excused by entries limited to those calls, each with its reason
    name = "keras_behaviour_deviations"
    status, trace, _ = runner.run_tracekeras(name)
    comparison = check.compare(runner.reference_of(name), trace, name)
    entries = [e for e in known_differences.load() if e.get("scenarios") == name
               and e["kind"] == "missing"]
    assert {e["within"] for e in entries} == {"keras.engine.training.Model.compile",
                                              "keras.engine.training.Model.fit"}
    reasons = {e["reason"] for e in entries}
    excused = [d for d in comparison.differences if d.known in reasons]
    assert len(excused) > 40 and all(d.kind == "missing" for d in excused)
    # the same names outside those calls are not excused: a `_validate_compile` of Keras's
    # at the top of the trace, which tracekeras does not run, is a difference
    reference = alignment.as_trace(runner.reference_of(name))
    stray = {"ph": "i", "id": None, "parent": None, "stage": "compile", "ts": 0,
             "name": "keras.engine.training.Model._validate_compile", "args": {}}
    comparison = check.compare((reference.header, [stray] + reference.records), trace, name)
    assert [(d.kind, d.name, d.a_index) for d in comparison.unknown] == [
        ("missing", stray["name"], 0)]


def top_level_calls(records):
    """(name, folded_calls count or None) of each top-level call of a trace, in order."""
    begun = {r["id"]: r["name"].rsplit(".", 1)[-1] for r in records
             if r.get("ph") == "B" and r.get("parent") is None and "Model." in r["name"]}
    return [(begun[r["id"]], (r.get("args") or {}).get("folded_calls", {}).get("count"))
            for r in records if r.get("ph") == "E" and r.get("id") in begun]


def test_both_engines_fold_repeated_calls_alike():
    # repeated_calls: fit six times, train_on_batch eight times, evaluate five times;
    # real Keras's trace (the probe) and tracekeras's keep and fold the same calls
    status, trace, _ = runner.run_tracekeras("repeated_calls")
    keras = alignment.as_trace(runner.reference_of("repeated_calls"))
    ours = top_level_calls(trace.records)
    assert top_level_calls(keras.records) == ours
    assert [c for c in ours if c[1] is not None] == [
        ("fit", 4), ("train_on_batch", 6), ("evaluate", 3)]
    assert len(ours) < 6 + 8 + 5
