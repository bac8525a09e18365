"""Long runs stay bounded and correct.

- 1,000,000 steps through the recorder at the default level ("stages"), as
  tests/tracing/test_recorder.py drives it (``epoch_scope``/``step_scope``):
  the records do not grow with the steps (folding), the fold counts every step,
  and traced memory (tracemalloc) stays flat. Measured on this machine: 1M bare
  steps take ~5 s; under tracemalloc Python runs ~4x slower, so the memory check
  watches 200,000 steps (~5 s) and the 1M run checks records and counts.
- 300 epochs x 3 steps of a tiny fit: History has 300 values per metric, each
  the epoch's mean (learning rate 0: every epoch's loss is the dataset's mean
  loss, as ``evaluate`` computes it), and the progress bar prints each epoch's
  final values as History holds them.
"""
import re
import tracemalloc

import numpy as np
import pytest

import tracekeras
from tracekeras import layers, tracing
from tracekeras.models import Sequential

EPOCHS_NAME = tracing.EPOCHS_NAME


def run_steps(steps, epochs=1, on_step=None):
    for epoch in range(epochs):
        with tracing.epoch_scope(EPOCHS_NAME, "fit", epoch):
            for step in range(steps):
                with tracing.step_scope("train", epoch, step):
                    pass
                if on_step is not None:
                    on_step(step)


def test_a_million_steps_keep_the_trace_bounded():
    with tracekeras.trace() as small:
        run_steps(10)
    with tracekeras.trace() as t:
        run_steps(1_000_000)
    assert len(t.records) == len(small.records)          # the records do not grow with steps
    kept = [(r["args"]["epoch"], r["args"]["step"]) for r in t.spans(tracing.STEP_NAME)]
    assert kept == [(0, 0), (0, 1), (0, 999_999)]
    end = [r for r in t.records if r["ph"] == "E" and r["name"] == EPOCHS_NAME][0]
    fold = end["args"]["folded"]["train"]
    assert fold["count"] == 1_000_000 - 2                # every step past the first two, counted
    assert fold["min_ns"] <= fold["mean_ns"] <= fold["max_ns"]


def test_recorder_memory_stays_flat_over_many_steps():
    marks = {}

    def measure(step):
        if step in (10_000, 199_999):
            marks[step] = tracemalloc.get_traced_memory()[0]

    tracemalloc.start()
    try:
        with tracekeras.trace():
            run_steps(200_000, on_step=measure)
    finally:
        tracemalloc.stop()
    growth = marks[199_999] - marks[10_000]
    assert growth < 16 * 1024, f"traced memory grew {growth} bytes over 190,000 steps"


def test_many_epochs_keep_records_linear_in_epochs_not_steps():
    with tracekeras.trace() as few:
        run_steps(5, epochs=50)
    with tracekeras.trace() as many:
        run_steps(500, epochs=50)
    assert len(many.records) == len(few.records)


@pytest.fixture
def tiny():
    model = Sequential([layers.Dense(2, activation="softmax")])
    model.build((None, 3))
    model.compile("sgd", "sparse_categorical_crossentropy", metrics=["accuracy"])
    x = np.random.default_rng(0).standard_normal((10, 3)).astype(np.float32)
    return model, x, np.arange(10) % 2


def test_history_over_300_epochs_holds_each_epochs_mean(tiny):
    model, x, y = tiny
    model.optimizer.learning_rate = 0.0          # weights fixed: each epoch sees the same model
    history = model.fit(x, y, batch_size=4, epochs=300, verbose=0)   # 3 steps: 4 + 4 + 2
    assert history.epoch == list(range(300))
    assert {k: len(v) for k, v in history.history.items()} == {"loss": 300, "accuracy": 300}
    loss, accuracy = model.evaluate(x, y, batch_size=10, verbose=0)
    assert np.allclose(history.history["loss"], loss, rtol=1e-6)
    assert np.allclose(history.history["accuracy"], accuracy)
    assert int(model.optimizer.iterations.numpy()) == 900


def keras_format(value):
    """Progbar's number format (tf_keras 2.21 reference: ' %.4f' above 1e-3, else ' %.4e')."""
    return f"{value:.4f}" if abs(value) > 1e-3 else f"{value:.4e}"


@pytest.mark.parametrize("verbose", [1, 2])
def test_progress_bar_over_300_epochs_prints_what_history_holds(tiny, capsys, verbose):
    model, x, y = tiny
    history = model.fit(x, y, batch_size=4, epochs=300, verbose=verbose)
    out = capsys.readouterr().out
    headers = re.findall(r"^Epoch (\d+)/300$", out, flags=re.M)
    assert headers == [str(e) for e in range(1, 301)]
    finals = []
    for chunk in re.split(r"^Epoch \d+/300\n", out, flags=re.M)[1:]:
        last = chunk.replace("\b", "").split("\r")[-1]     # what the terminal shows at the end
        assert last.startswith("3/3"), last
        finals.append(re.findall(r"(loss|accuracy): (\S+)", last))
    for epoch, pairs in enumerate(finals):
        shown = dict(pairs)
        for key in ("loss", "accuracy"):
            assert shown[key] == keras_format(history.history[key][epoch]), (epoch, key)
