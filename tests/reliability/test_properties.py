"""Properties that hold for every small model, data size and trace, by Hypothesis.

- random small models (1-3 Dense layers, widths 1-8, any activation, a loss matched
  to the output, any of five optimizers), 1-70 samples, batch sizes 1-80 (partial
  batches, a batch larger than the data) train and give a finite History of one
  value per epoch;
- tracing on or off, at every level, gives bit-identical weights and History;
- the same holds in the Keras 2.2 loop (``compat.v1``, ``training_arrays.fit_loop``);
- ``save_weights``/``load_weights`` round-trip exactly, whatever the file suffix;
- every prefix of a stored trace file (a run cut off at any byte) loads, with its
  unfinished spans closed and marked, or is refused with a ``TraceFormatError``,
  and every renderer draws what loads.

Gradients against central differences are proven in tests/backend
(tests/backend/helpers.py, test_backend_ops_gradients.py, test_backend_nn_gradients.py,
and tests/losses_metrics/test_loss_gradients.py); not repeated here.
"""
import io
import os

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

import tracekeras
import visualize
from tracekeras import layers, tracing
from tracekeras.backend import clear_session
from tracekeras.models import Sequential
from tracekeras.utils import set_random_seed

ACTIVATIONS = ["relu", "tanh", "sigmoid", "linear", "softmax"]
LOSSES = ["mse", "mae", "sparse_categorical_crossentropy", "categorical_crossentropy",
          "binary_crossentropy"]
OPTIMIZERS = ["sgd", "adam", "rmsprop", "adagrad", "nadam"]
SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@st.composite
def configs(draw):
    loss = draw(st.sampled_from(LOSSES))
    depth = draw(st.integers(1, 3))
    hidden = [(draw(st.integers(1, 8)), draw(st.sampled_from(ACTIVATIONS)))
              for _ in range(depth - 1)]
    units = draw(st.integers(1, 8))
    if loss in ("sparse_categorical_crossentropy", "categorical_crossentropy"):
        last = "softmax"
    elif loss == "binary_crossentropy":
        last = "sigmoid"
    else:
        last = draw(st.sampled_from(ACTIVATIONS))
    return {"loss": loss, "hidden": hidden, "out": (units, last),
            "optimizer": draw(st.sampled_from(OPTIMIZERS)), "features": draw(st.integers(1, 6)),
            "samples": draw(st.integers(1, 70)), "batch_size": draw(st.integers(1, 80)),
            "epochs": draw(st.integers(1, 3)), "seed": draw(st.integers(0, 2**16))}


def make_model(config):
    clear_session()
    model = Sequential([layers.Dense(w, activation=a) for w, a in config["hidden"]] +
                       [layers.Dense(config["out"][0], activation=config["out"][1])])
    model.build((None, config["features"]))
    return model


def make_data(config):
    rng = np.random.default_rng(config["seed"])
    n, units = config["samples"], config["out"][0]
    x = rng.standard_normal((n, config["features"])).astype(np.float32)
    labels = rng.integers(0, units, n)
    y = {"sparse_categorical_crossentropy": labels,
         "categorical_crossentropy": np.eye(units, dtype=np.float32)[labels],
         "binary_crossentropy": rng.integers(0, 2, (n, units)).astype(np.float32)}.get(
        config["loss"], rng.standard_normal((n, units)).astype(np.float32))
    return x, y


def train(config, level=None):
    """(weights, history) of one seeded fit, with tracing off or at ``level``."""
    set_random_seed(config["seed"])
    model = make_model(config)
    model.compile(optimizer=config["optimizer"], loss=config["loss"])
    x, y = make_data(config)

    def fit():
        return model.fit(x, y, batch_size=config["batch_size"], epochs=config["epochs"],
                         shuffle=True, verbose=0)
    if level is None:
        history = fit()
        records = None
    else:
        with tracekeras.trace(level=level) as t:
            history = fit()
        records = t.records
    return model, history, records


@settings(max_examples=60, **SETTINGS)
@given(configs())
def test_small_models_train_to_a_finite_history_of_one_value_per_epoch(config):
    model, history, _ = train(config)
    losses = history.history["loss"]
    assert len(losses) == config["epochs"] and history.epoch == list(range(config["epochs"]))
    assert np.all(np.isfinite(losses)), (config, losses)
    steps = -(-config["samples"] // config["batch_size"])
    assert int(model.optimizer.iterations.numpy()) == steps * config["epochs"]
    assert all(np.all(np.isfinite(w)) for w in model.get_weights())


@settings(max_examples=30, **SETTINGS)
@given(configs())
def test_tracing_at_any_level_gives_bit_identical_weights_and_history(config):
    base_model, base_history, _ = train(config)
    expected = [w.tobytes() for w in base_model.get_weights()]
    for level in ("stages", "steps", "full"):
        model, history, records = train(config, level)
        assert records, level
        assert [w.tobytes() for w in model.get_weights()] == expected, level
        assert history.history == base_history.history, level


@pytest.fixture
def keras22_loop():
    """The Keras 2.2 loop (``training_arrays.fit_loop``), as ``compat.v1`` selects it."""
    from tracekeras.compat import v1
    v1.disable_eager_execution()
    yield
    v1.enable_eager_execution()


@settings(max_examples=30, **SETTINGS)
@given(configs())
def test_the_keras22_loop_trains_the_same_models_and_tracing_changes_nothing(keras22_loop,
                                                                              config):
    model, history, _ = train(config)
    losses = history.history["loss"]
    assert len(losses) == config["epochs"] and np.all(np.isfinite(losses)), (config, losses)
    steps = -(-config["samples"] // config["batch_size"])
    assert int(model.optimizer.iterations.numpy()) == steps * config["epochs"]
    traced_model, traced_history, records = train(config, "steps")
    assert records
    assert [w.tobytes() for w in traced_model.get_weights()] == [
        w.tobytes() for w in model.get_weights()]
    assert traced_history.history == history.history


SUFFIXES = st.sampled_from(["", ".h5", ".weights.h5", ".keras", ".ckpt", ".npz", ".json",
                            ".tar.gz", ".weights"])


@settings(max_examples=40, **SETTINGS)
@given(configs(), st.text("abcxyz_-0123456789", min_size=1, max_size=12), SUFFIXES)
def test_save_and_load_weights_round_trip_exactly(tmp_path, config, stem, suffix):
    model = make_model(config)
    rng = np.random.default_rng(config["seed"])
    # any float32 bit pattern that is a number, large and tiny ones included
    model.set_weights([(rng.standard_normal(w.shape) * 10.0 ** rng.integers(-30, 30, w.shape))
                       .astype(np.float32) for w in model.get_weights()])
    path = str(tmp_path / (stem + suffix))
    model.save_weights(path)
    saved = [w.tobytes() for w in model.get_weights()]
    other = make_model(config)   # fresh initial weights, the same architecture
    other.load_weights(path)
    assert [w.tobytes() for w in other.get_weights()] == saved


# -- every prefix of a stored trace -------------------------------------------------------
@pytest.fixture(scope="module")
def stored_trace(tmp_path_factory):
    """A real trace file of a small fit (a graph snapshot, steps, callbacks, two epochs)."""
    clear_session()
    set_random_seed(3)
    path = str(tmp_path_factory.mktemp("trace") / "fit.trace.jsonl")
    with tracekeras.trace(path):
        model = Sequential([layers.Dense(4, activation="relu"),
                            layers.Dense(3, activation="softmax")])
        model.build((None, 5))
        model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
        rng = np.random.default_rng(0)
        model.fit(rng.standard_normal((20, 5)).astype(np.float32), rng.integers(0, 3, 20),
                  epochs=2, batch_size=8, validation_split=0.25, verbose=0)
    clear_session()
    with open(path, "rb") as f:
        return Stored(f.read())


class Stored(bytes):
    """The bytes of the stored trace, with a short repr for Hypothesis's reports."""

    def __repr__(self):
        return f"<stored trace, {len(self)} bytes>"


def load_prefix(data, cut, folder):
    path = os.path.join(folder, f"cut{cut}.jsonl")
    with open(path, "wb") as f:
        f.write(data[:cut])
    try:
        return tracing.load(path)
    except tracing.TraceFormatError:
        header_end = data.index(b"\n")
        assert cut <= header_end, f"a cut at {cut} after the header was refused"
        return None


def check_closed(trace):
    began = {r["id"] for r in trace.records if r["ph"] == "B"}
    ended = {r["id"] for r in trace.records if r["ph"] == "E"}
    assert began <= ended, "a span that began was not closed by the reader"
    for record in trace.records:
        if record["ph"] == "E" and record.get("unfinished"):
            assert record["id"] in began


def test_every_cut_near_a_line_end_loads_or_is_refused_clearly(stored_trace, tmp_path):
    """Cuts at every line end and one byte either side: ~3 cuts a record, all of them."""
    ends = [i + 1 for i, b in enumerate(stored_trace) if b == ord("\n")]
    cuts = sorted({0, 1, len(stored_trace)} |
                  {c + d for c in ends for d in (-1, 0, 1) if 0 <= c + d <= len(stored_trace)})
    complete = tracing.load(load_path(stored_trace, tmp_path))
    for cut in cuts:
        trace = load_prefix(stored_trace, cut, str(tmp_path))
        if trace is None:
            continue
        check_closed(trace)
        kept = [{k: v for k, v in r.items() if k != "unfinished"}   # the reader marks B too
                for r in trace.records if not (r["ph"] == "E" and r.get("unfinished"))]
        assert kept == complete.records[:len(kept)], "a prefix must read as the run so far"
        if cut == len(stored_trace):
            assert not any(r.get("unfinished") for r in trace.records)
    assert any(r.get("unfinished") for r in load_prefix(stored_trace, ends[len(ends) // 2],
                                                        str(tmp_path)).records)


def load_path(data, folder):
    path = os.path.join(str(folder), "whole.jsonl")
    with open(path, "wb") as f:
        f.write(data)
    return path


def render_everything(trace):
    """Every renderer of visualize, fully rendered to text."""
    console = Console(file=io.StringIO(), width=140, color_system=None)
    console.print(visualize.tree(trace))
    console.print(visualize.stage_table(trace))
    assert "digraph" in visualize.call_diagram(trace).source
    assert str(visualize.sequence_diagram(trace)).startswith("sequenceDiagram")
    if trace.graphs():
        assert "digraph" in visualize.layer_graph(trace).source
    assert "traceEvents" in visualize.chrome_trace(trace)
    assert "profiles" in visualize.speedscope(trace)
    assert "<html" in str(visualize.html_report(trace)).lower()


@settings(max_examples=80, **SETTINGS)
@given(st.data())
def test_any_prefix_of_a_trace_loads_and_every_renderer_draws_it(stored_trace, tmp_path, data):
    cut = data.draw(st.integers(0, len(stored_trace)), label="cut")
    trace = load_prefix(stored_trace, cut, str(tmp_path))
    if trace is None:
        return
    check_closed(trace)
    render_everything(trace)


# -- bad arguments, drawn at random: refused before anything changes -------------------------
NOT_A_COUNT = st.one_of(st.integers(max_value=0), st.floats(allow_nan=True), st.booleans(),
                        st.text(max_size=3), st.just([4]))


@settings(max_examples=40, **SETTINGS)
@given(st.sampled_from(["batch_size", "epochs", "initial_epoch"]), NOT_A_COUNT)
def test_a_bad_count_is_refused_before_any_change(name, value):
    if name != "batch_size" and isinstance(value, int) and not isinstance(value, bool) \
            and value >= 0:
        return   # 0 epochs, initial_epoch 0: valid (Keras runs no epoch / starts at 0)
    clear_session()
    model = Sequential([layers.Dense(2)])
    model.build((None, 3))
    model.compile("sgd", "mse")
    before = [w.tobytes() for w in model.get_weights()]
    x = np.ones((4, 3), np.float32)
    # tf_keras 2.21: a count of the wrong type is a TypeError, one out of range a ValueError
    # (tests/reliability/data/argument_errors.json)
    integer = isinstance(value, int) and not isinstance(value, bool)
    with pytest.raises(ValueError if integer else TypeError,
                       match=f"`{name}` must be .*Received: {name}="):
        model.fit(x, x[:, :2], verbose=0, **{name: value})
    assert [w.tobytes() for w in model.get_weights()] == before
    assert int(model.optimizer.iterations.numpy()) == 0
