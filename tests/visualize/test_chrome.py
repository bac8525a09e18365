"""visualize.chrome: Chrome Trace Event (Perfetto) and speedscope exports."""
import json

from visualize import chrome


def test_complete_instant_and_metadata_events(seed_path):
    data = json.loads(json.dumps(chrome.chrome_trace(seed_path)))   # JSON-serialisable
    events = data["traceEvents"]
    assert data["displayTimeUnit"] == "ms"
    meta = [e for e in events if e["ph"] == "M"]
    assert {e["name"] for e in meta} >= {"process_name", "thread_name"}
    assert meta[0]["args"]["name"] == "tracekeras (level stages)"
    fit = [e for e in events if e["ph"] == "X" and e["name"] == "Model.fit"][0]
    assert fit["cat"] == "fit" and fit["args"]["keras"] == "keras.engine.training.Model.fit"
    assert fit["pid"] == 1 and fit["tid"] == 1 and fit["dur"] > 0
    assert fit["args"]["batch_size"] == 128
    for e in events:
        if e["ph"] == "X":
            assert e["ts"] >= 0 and e["dur"] >= 0
    # ts in microseconds: the fit spans most of the whole trace duration (ns / 1000)
    ends = max(e["ts"] + e.get("dur", 0) for e in events if e["ph"] in ("X", "i"))
    assert fit["dur"] <= ends < 1e6
    instants = {e["name"] for e in events if e["ph"] == "i"}
    assert "Model._is_compiled" in instants and "graph snapshot sequential" in instants
    folds = [e for e in events if e["ph"] == "i" and e["name"].startswith("× ")]
    assert [e["args"]["steps"] for e in folds][:2] == [27, 29]
    assert folds[0]["s"] == "t" and "mean_ns" in folds[0]["args"]


def test_child_events_nest_inside_their_parent(seed_path):
    events = [e for e in chrome.chrome_trace(seed_path)["traceEvents"] if e["ph"] == "X"]
    fit = [e for e in events if e["name"] == "Model.fit"][0]
    epochs = [e for e in events if e["name"] == "DataHandler.enumerate_epochs"
              and e["cat"] == "fit"]
    assert len(epochs) == 5
    for e in epochs:
        assert fit["ts"] <= e["ts"] and e["ts"] + e["dur"] <= fit["ts"] + fit["dur"] + 0.01


def test_errors_and_unfinished_marks_reach_the_args(error_path, crashed_path):
    events = chrome.chrome_trace(error_path)["traceEvents"]
    raised = [e for e in events if e["ph"] == "X" and "error" in e["args"]]
    assert raised and raised[-1]["args"]["error"]["type"] == "builtins.ValueError"
    events = chrome.chrome_trace(crashed_path)["traceEvents"]
    assert any(e["args"].get("unfinished") for e in events if e["ph"] == "X")


def test_speedscope_events_are_balanced_and_ordered(seed_path):
    data = chrome.speedscope(seed_path)
    assert data["$schema"] == "https://www.speedscope.app/file-format-schema.json"
    (profile,) = data["profiles"]
    assert profile["type"] == "evented" and profile["unit"] == "nanoseconds"
    stack, last = [], profile["startValue"]
    for e in profile["events"]:
        assert e["at"] >= last
        last = e["at"]
        if e["type"] == "O":
            stack.append(e["frame"])
        else:
            assert stack.pop() == e["frame"]
    assert stack == [] and last <= profile["endValue"]
    names = [f["name"] for f in data["shared"]["frames"]]
    assert "Model.fit" in names and "Dense.build" in names
