"""How the probe wraps and unwraps, on a stand-in package (no TensorFlow needed).

``fakekeras`` has the shapes the probe meets in tf_keras: a method, a module
function also imported by name into the package root, a recursive function that
calls itself by its module name, and the epoch and step generators of a
``DataHandler``. The records must carry the table's names and facts, the loops
must become epoch and step scopes (folded like tracekeras's own), and leaving
must put back the very same objects; what the table names but the package lacks is
reported, not raised.
"""
import sys

import pytest

from tracekeras import tracing
from tracekeras.probe import wrappers
from tracekeras.probe.table import Entry

ENGINE = """\
def helper(x):
    return x + 1


def walk(n):
    return 0 if n == 0 else walk(n - 1) + 1


class Model:
    name = "model"

    def fit(self, x, epochs=1):
        handler = DataHandler(epochs, steps=4)
        total = helper(x) + walk(2)
        for epoch, _ in handler.enumerate_epochs():
            for step in handler.steps():
                total += 1
        return total


class DataHandler:
    def __init__(self, epochs, steps):
        self._epochs, self._inferred_steps, self._step_increment = epochs, steps, 0
        self._model = None

    def enumerate_epochs(self):
        for epoch in range(self._epochs):
            yield epoch, None

    def steps(self):
        for step in range(self._inferred_steps):
            yield step
"""

ENTRIES = [
    Entry("keras.engine.training.Model.fit", "fakekeras.src.engine:Model.fit", "fit",
          lambda self, x, epochs=1: {"model": self.name, "epochs": epochs}),
    Entry("keras.engine.data_adapter.select_data_adapter", "fakekeras.src.engine:helper",
          "data", lambda x: {"x": x}, lambda ret, a, k, begun: {"chosen": ret}),
    Entry("keras.engine.functional._build_map_helper", "fakekeras.src.engine:walk", "graph",
          lambda n: {"layer": f"n{n}"}, kind="recursion"),
    Entry("keras.engine.data_adapter.DataHandler.enumerate_epochs",
          "fakekeras.src.engine:DataHandler.enumerate_epochs", "fit", kind="epochs"),
    Entry("keras.engine.data_adapter.DataHandler.steps",
          "fakekeras.src.engine:DataHandler.steps", "step", kind="steps"),
    Entry("keras.engine.training.Model.evaluate", "fakekeras.src.engine:Model.evaluate",
          "evaluate"),
    Entry("keras.optimizers.get", "fakekeras.nowhere:get", "compile"),
]


@pytest.fixture
def fakekeras(tmp_path, monkeypatch):
    root = tmp_path / "fakekeras"
    (root / "src").mkdir(parents=True)
    (root / "src" / "__init__.py").write_text("")
    (root / "src" / "engine.py").write_text(ENGINE)
    (root / "__init__.py").write_text("from fakekeras.src.engine import helper, walk\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import fakekeras
    from fakekeras.src import engine
    yield fakekeras, engine
    for name in [name for name in sys.modules if name.startswith("fakekeras")]:
        del sys.modules[name]


def originals(package, engine):
    return (engine.Model.__dict__["fit"], engine.helper, engine.walk, package.helper,
            engine.DataHandler.__dict__["steps"], engine.DataHandler.__dict__["enumerate_epochs"])


def test_leaving_puts_back_the_very_same_objects(fakekeras):
    package, engine = fakekeras
    before = originals(package, engine)
    patches = wrappers.install(ENTRIES, package="fakekeras")
    assert package.helper is engine.helper is not before[1]   # the name imported elsewhere too
    patches.restore()
    after = originals(package, engine)
    assert all(a is b for a, b in zip(before, after))


def test_what_the_package_lacks_is_reported_not_raised(fakekeras):
    patches = wrappers.install(ENTRIES, package="fakekeras")
    patches.restore()
    missing = {m["name"]: m["reason"] for m in patches.missing}
    assert set(missing) == {"keras.engine.training.Model.evaluate", "keras.optimizers.get"}
    assert "Model.evaluate is not defined in fakekeras.src.engine" in missing[
        "keras.engine.training.Model.evaluate"]
    assert "no module fakekeras.nowhere" in missing["keras.optimizers.get"]


def test_records_carry_the_table_names_facts_and_loop_positions(fakekeras):
    package, engine = fakekeras
    patches = wrappers.install(ENTRIES, package="fakekeras")
    try:
        with tracing.trace(level="steps") as t:
            result = engine.Model().fit(1, epochs=2)
    finally:
        patches.restore()
    assert result == 2 + 2 + 2 * 4
    begins = [r for r in t.records if r["ph"] == "B"]
    fit = begins[0]
    assert (fit["name"], fit["stage"], fit["args"]) == (
        "keras.engine.training.Model.fit", "fit", {"model": "model", "epochs": 2})
    assert fit["impl"] == "fakekeras.src.engine:Model.fit"
    chosen = next(r for r in t.records if r["ph"] == "E" and r["name"].endswith("adapter"))
    assert chosen["args"] == {"chosen": 2}
    epochs = [r for r in begins if r["name"] == tracing.EPOCHS_NAME]
    assert [(r["stage"], r["args"]["epoch"]) for r in epochs] == [("fit", 0), ("fit", 1)]
    steps = [r["args"] for r in begins if r["name"] == tracing.STEP_NAME]
    assert steps[:5] == [{"kind": "train", "epoch": 0, "step": s} for s in range(4)] + [
        {"kind": "train", "epoch": 1, "step": 0}]
    walks = [r["args"] for r in begins if r["name"].endswith("_build_map_helper")][:3]
    assert walks == [{"layer": "n2", "depth": 0, "visit": 0},
                     {"layer": "n1", "depth": 1, "visit": 1},
                     {"layer": "n0", "depth": 2, "visit": 2}]


def test_steps_fold_at_level_stages_as_tracekeras_steps_do(fakekeras):
    package, engine = fakekeras
    patches = wrappers.install(ENTRIES, package="fakekeras")
    try:
        with tracing.trace() as t:
            engine.Model().fit(1, epochs=1)
    finally:
        patches.restore()
    kept = [r["args"]["step"] for r in t.records
            if r["ph"] == "B" and r["name"] == tracing.STEP_NAME]
    assert kept == [0, 1, 3]
    epoch_end = next(r for r in t.records if r["ph"] == "E" and r["name"] == tracing.EPOCHS_NAME)
    assert epoch_end["args"]["folded"]["train"]["count"] == 2


def test_without_a_trace_the_wrappers_only_call_through(fakekeras):
    package, engine = fakekeras
    patches = wrappers.install(ENTRIES, package="fakekeras")
    try:
        assert engine.Model().fit(1, epochs=1) == 2 + 2 + 4
    finally:
        patches.restore()


def test_an_error_inside_a_wrapped_call_is_recorded_and_raised_unchanged(fakekeras):
    package, engine = fakekeras
    patches = wrappers.install(ENTRIES, package="fakekeras")
    try:
        with tracing.trace() as t, pytest.raises(TypeError):
            engine.helper("text")
    finally:
        patches.restore()
    end = next(r for r in t.records if r["ph"] == "E")
    assert end["error"]["type"] == "builtins.TypeError"


def test_a_module_that_imports_a_wrapped_name_during_the_run_gets_the_original_back(
        fakekeras, tmp_path):
    package, engine = fakekeras
    (tmp_path / "fakekeras" / "late.py").write_text("from fakekeras.src.engine import helper\n")
    original = engine.helper
    patches = wrappers.install(ENTRIES, package="fakekeras")
    from fakekeras import late
    assert late.helper is not original
    patches.restore()
    assert late.helper is original


def test_what_is_not_a_plain_function_is_reported_not_wrapped(fakekeras):
    package, engine = fakekeras
    engine.Model.build = staticmethod(lambda: None)
    entry = Entry("keras.engine.sequential.Sequential.build", "fakekeras.src.engine:Model.build",
                  "build")
    patches = wrappers.install([entry], package="fakekeras")
    patches.restore()
    assert patches.missing == [{"name": entry.name, "where": entry.where,
                                "reason": "not a plain function: staticmethod"}]


def fit_six_times(engine, entries):
    patches = wrappers.install(entries, package="fakekeras")
    try:
        with tracing.trace() as t:
            model = engine.Model()
            for x in (1, 1, 1, 1, "text", 1):
                try:
                    model.fit(x)
                except TypeError:
                    pass
    finally:
        patches.restore()
    fits = [r for r in t.records if r["name"] == "keras.engine.training.Model.fit"]
    assert all(r["parent"] is None for r in fits if r["ph"] == "B")
    return [("error" in r, (r.get("args") or {}).get("folded_calls", {}).get("count"))
            for r in fits if r["ph"] == "E"]


def test_repeated_top_level_calls_fold_as_tracekeras_calls_do(fakekeras):
    # fit called six times with no span open: the first two are recorded, the third (a
    # shape of call not seen folded yet) and the fifth (it raised) are kept, the fourth is
    # counted, and the last is written at the end with the count of calls past the first
    # two, as the recorder folds tracekeras's own fit
    package, engine = fakekeras
    entries = [e._replace(stage="build") if e.name.endswith("_build_map_helper") else e
               for e in ENTRIES]
    assert fit_six_times(engine, entries) == [(False, None)] * 3 + [(True, None), (False, 4)]
    # a call that maps a graph (a notable stage) differs from the others: each is kept
    assert fit_six_times(engine, ENTRIES) == [(False, None)] * 4 + [(True, None), (False, None)]


def test_calls_inside_a_span_or_at_level_steps_are_not_folded(fakekeras):
    package, engine = fakekeras
    patches = wrappers.install(ENTRIES, package="fakekeras")
    try:
        with tracing.trace(level="steps") as steps:
            for _ in range(4):
                engine.Model().fit(1)
        with tracing.trace() as inside, tracing.span("keras.outer", "fit"):
            for _ in range(4):
                engine.Model().fit(1)
    finally:
        patches.restore()
    for t in (steps, inside):
        ends = [r for r in t.records
                if r["ph"] == "E" and r["name"] == "keras.engine.training.Model.fit"]
        assert len(ends) == 4 and not any("folded_calls" in r.get("args", {}) for r in ends)
