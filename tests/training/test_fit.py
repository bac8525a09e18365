"""fit, evaluate and predict: behaviour a Keras user relies on, and bad input."""
import numpy as np
import pytest

import tracekeras
from tracekeras import layers
from tracekeras.backend import clear_session
from tracekeras.models import Sequential


def small_model(seed=0, units=3, activation="softmax"):
    clear_session()
    model = Sequential([layers.Dense(16, activation="relu"),
                        layers.Dense(units, activation=activation)])
    model.build((None, 20))
    rng = np.random.default_rng(seed)
    model.set_weights([(rng.standard_normal(w.shape) * 0.3).astype(np.float32)
                       for w in model.get_weights()])
    return model


def small_data(n=300, seed=1):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, 20)).astype(np.float32)
    y = (x[:, 0] > 0).astype(np.int64) + (x[:, 1] > 0.5).astype(np.int64)
    return x, y


def compiled(**kwargs):
    model = small_model(**kwargs)
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    return model


def test_fit_returns_history_with_one_value_per_epoch():
    x, y = small_data()
    model = compiled()
    history = model.fit(x, y, epochs=3, batch_size=32, verbose=0)
    assert history is model.history
    assert history.epoch == [0, 1, 2]
    assert set(history.history) == {"loss", "accuracy"}
    assert all(len(v) == 3 for v in history.history.values())
    assert history.history["loss"][-1] < history.history["loss"][0]
    assert model.optimizer.iterations.numpy() == 30


def test_epoch_loss_is_the_batch_size_weighted_mean_of_batch_losses():
    """Keras's rule (reference epoch_loss_check): sum of n_b * loss_b over N."""
    x, y = small_data()
    model = compiled()
    model.optimizer.learning_rate = 0.0   # weights fixed: batch losses are independent
    batch_losses = []
    from tracekeras.callbacks import Callback

    class Record(Callback):
        def on_train_batch_end(self, batch, logs=None):
            batch_losses.append(logs["loss"])

    history = model.fit(x, y, epochs=1, batch_size=32, shuffle=False, verbose=0,
                        callbacks=[Record()])
    sizes = [32] * 9 + [12]
    per_batch = [model.test_on_batch(x[i:i + 32], y[i:i + 32])[0] for i in range(0, 300, 32)]
    expected = sum(n * loss for n, loss in zip(sizes, per_batch)) / 300
    assert history.history["loss"][0] == pytest.approx(expected, rel=1e-5)
    assert batch_losses[-1] == pytest.approx(history.history["loss"][0], rel=1e-6)


def test_evaluate_and_predict():
    x, y = small_data()
    model = compiled()
    model.fit(x, y, epochs=2, batch_size=32, verbose=0)
    loss, acc = model.evaluate(x, y, batch_size=50, verbose=0)
    as_dict = model.evaluate(x, y, verbose=0, return_dict=True)
    assert as_dict["loss"] == pytest.approx(loss, rel=1e-5)
    assert as_dict["accuracy"] == pytest.approx(acc)
    probs = model.predict(x, batch_size=64, verbose=0)
    assert probs.shape == (300, 3) and probs.dtype == np.float32
    assert np.allclose(probs.sum(axis=1), 1, atol=1e-5)
    assert acc == pytest.approx(np.mean(probs.argmax(1) == y))
    assert np.allclose(model.predict_on_batch(x[:5]), probs[:5], atol=1e-6)


def test_validation_data_adds_val_logs():
    x, y = small_data()
    model = compiled()
    history = model.fit(x[:200], y[:200], validation_data=(x[200:], y[200:]), epochs=2,
                        batch_size=32, verbose=0)
    assert set(history.history) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    val = model.evaluate(x[200:], y[200:], verbose=0, return_dict=True)
    assert history.history["val_loss"][-1] == pytest.approx(val["loss"], rel=1e-5)


def test_validation_split_takes_the_last_samples():
    x, y = small_data()
    model = compiled()
    history = model.fit(x, y, validation_split=0.2, epochs=1, batch_size=32, verbose=0)
    val = model.evaluate(x[240:], y[240:], verbose=0, return_dict=True)
    assert history.history["val_loss"][0] == pytest.approx(val["loss"], rel=1e-5)


def test_epochs_zero_trains_nothing():
    x, y = small_data()
    model = compiled()
    before = model.get_weights()
    history = model.fit(x, y, epochs=0, verbose=0)
    assert history.history == {}
    for a, b in zip(before, model.get_weights()):
        assert np.array_equal(a, b)


def test_initial_epoch_and_steps_per_epoch():
    x, y = small_data()
    model = compiled()
    history = model.fit(x, y, epochs=3, initial_epoch=1, steps_per_epoch=4, batch_size=32,
                        verbose=0)
    assert history.epoch == [1, 2]
    assert model.optimizer.iterations.numpy() == 8


def test_stop_training_from_a_callback_ends_the_epoch_loop():
    from tracekeras.callbacks import Callback

    class StopAfterTwo(Callback):
        def on_train_batch_end(self, batch, logs=None):
            if batch == 1:
                self.model.stop_training = True

    x, y = small_data()
    model = compiled()
    history = model.fit(x, y, epochs=5, batch_size=32, verbose=0, callbacks=[StopAfterTwo()])
    assert history.epoch == [0]
    assert model.optimizer.iterations.numpy() == 2


def test_train_and_test_on_batch():
    x, y = small_data()
    model = compiled()
    loss, acc = model.train_on_batch(x[:32], y[:32])
    logs = model.test_on_batch(x[:32], y[:32], return_dict=True)
    assert set(logs) == {"loss", "accuracy"} and np.isfinite(loss)
    assert model.optimizer.iterations.numpy() == 1


def test_sample_weight_and_class_weight_change_the_loss():
    x, y = small_data()
    model = compiled()
    plain = model.evaluate(x, y, verbose=0)[0]
    weights = np.where(y == 0, 2.0, 0.5).astype(np.float32)
    weighted = model.evaluate(x, y, sample_weight=weights, verbose=0)[0]
    assert weighted != pytest.approx(plain)
    model.fit(x, y, class_weight={0: 1.0, 1: 2.0, 2: 3.0}, epochs=1, verbose=0)


FIT_ERRORS = [
    (dict(batch_size=0), ValueError, "`batch_size` must be a positive integer"),
    (dict(epochs=-1), ValueError, "`epochs` must be a non-negative integer"),
]


@pytest.mark.parametrize("kwargs,error,message", FIT_ERRORS)
def test_fit_argument_mistakes(kwargs, error, message):
    x, y = small_data()
    model = compiled()
    before = model.get_weights()
    with pytest.raises(error, match=message):
        model.fit(x, y, verbose=0, **kwargs)
    assert all(np.array_equal(a, b) for a, b in zip(before, model.get_weights()))
    assert model.optimizer.iterations.numpy() == 0


def test_fit_before_compile():
    x, y = small_data()
    model = small_model()
    with pytest.raises(RuntimeError) as info:
        model.fit(x, y, verbose=0)
    assert str(info.value) == ("You must compile your model before training/testing. Use "
                               "`model.compile(optimizer, loss)`.")
    with pytest.raises(RuntimeError):
        model.evaluate(x, y, verbose=0)


def test_fit_with_loss_none_or_without_targets():
    x, y = small_data()
    model = small_model()
    model.compile(optimizer="sgd", loss=None)
    with pytest.raises(ValueError, match="No loss found. You may have forgotten to provide a "
                                         "`loss` argument in the `compile\\(\\)` method."):
        model.fit(x, y, verbose=0)
    model = compiled()
    with pytest.raises(ValueError, match="Target data is missing. Your model was compiled with "
                                         "loss=sparse_categorical_crossentropy"):
        model.fit(x, verbose=0)
    assert model.optimizer.iterations.numpy() == 0


def test_x_and_y_of_different_lengths_name_both_sizes():
    x, y = small_data()
    model = compiled()
    with pytest.raises(ValueError) as info:
        model.fit(x, y[:-1], verbose=0)
    assert "300" in str(info.value) and "299" in str(info.value)


def test_sparse_labels_out_of_range():
    x, y = small_data()
    model = compiled()
    with pytest.raises(ValueError, match="outside the valid range"):
        model.fit(x, y + 5, epochs=1, verbose=0)


@pytest.mark.parametrize("level", [None, "stages", "steps", "full"])
def test_tracing_never_changes_a_result(level):
    """Same data, same initial weights, shuffling on: bit-identical weights and history."""
    def run(level):
        x, y = small_data()
        model = compiled()
        tracekeras.utils.set_random_seed(7)
        if level is None:
            history = model.fit(x, y, epochs=2, batch_size=32, validation_split=0.1, verbose=0)
        else:
            with tracekeras.trace(level=level):
                history = model.fit(x, y, epochs=2, batch_size=32, validation_split=0.1,
                                    verbose=0)
        return model.get_weights(), history.history

    weights_off, history_off = run(None)
    weights_on, history_on = run(level)
    assert history_on == history_off
    for a, b in zip(weights_off, weights_on):
        assert a.tobytes() == b.tobytes()


def test_at_level_stages_folded_steps_of_arrays_run_light():
    """fit on arrays knows its steps: a folded step that is not the last records nothing
    inside (its layer calls run untraced), and the trace still has the kept steps in full."""
    x, y = small_data()
    model = compiled()
    model.fit(x[:64], y[:64], batch_size=32, verbose=0)
    light = []

    class Probe(tracekeras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            light.append(tracekeras.tracing.state.recorder.light)

    with tracekeras.trace(level="stages") as t:
        model.fit(x, y, epochs=2, batch_size=32, verbose=0, callbacks=[Probe()])
    assert light == ([False, False] + [True] * 7 + [False]) + ([True] * 9 + [False])
    steps = [(r["args"]["epoch"], r["args"]["step"]) for r in t.spans(tracekeras.tracing.STEP_NAME)
             if r["args"]["kind"] == "train"]
    assert steps == [(0, 0), (0, 1), (0, 9), (1, 9)]
    calls = [r for r in t.records if r["ph"] == "B" and r["name"].endswith("Layer.__call__")]
    assert len(calls) == 3 * 4      # the model and its two Dense layers, in each kept step



def test_at_level_stages_each_fit_keeps_its_first_steps_where_a_lazy_build_runs():
    """A second model built lazily builds in its fit's first step: that step is kept in
    full, as each user-level call's first steps are, and the read tree's folds still
    count every step run (kept steps + folded = steps)."""
    from visualize import spans
    x, y = small_data()
    first = compiled()
    second = Sequential([layers.Dense(4, activation="relu"), layers.Dense(1)])
    second.compile("sgd", "mse")
    with tracekeras.trace(level="stages") as t:
        first.fit(x, y, epochs=2, batch_size=32, verbose=0)
        second.fit(x, y, epochs=2, batch_size=32, verbose=0)
    fits, open_steps, built_in = 0, [], []   # where each Dense was built: fit, epoch, step
    for r in t.records:
        if r["name"] == "keras.engine.training.Model.fit" and r["ph"] == "B":
            fits += 1
        elif r["name"] == tracekeras.tracing.STEP_NAME and r["ph"] in "BE":
            open_steps = open_steps + [r] if r["ph"] == "B" else open_steps[:-1]
        elif r["name"] == "keras.layers.core.dense.Dense.build" and r["ph"] == "B":
            where = open_steps[-1]["args"] if open_steps else {}
            built_in.append((fits, where.get("epoch"), where.get("step")))
    assert [b for b in built_in if b[0] == 2] == [(2, 0, 0), (2, 0, 0)]
    for fit in spans.build(t).root.children:
        epochs = [n for n in fit.walk() if any(spans.is_step(c) for c in n.children)]
        assert len(epochs) == 2
        for epoch in epochs:
            run = sum(c.count if c.kind == "fold" else 1 for c in epoch.children
                      if c.kind == "fold" or spans.is_step(c))
            assert run == -(-len(x) // 32), [(c.name, c.kind, c.count) for c in epoch.children]


def test_seed_model_reaches_keras_like_accuracy_on_digits():
    from tracekeras.datasets import digits
    (x_train, y_train), (x_test, y_test) = digits.load_data()
    x_train = x_train.reshape(-1, 64).astype("float32") / 16
    x_test = x_test.reshape(-1, 64).astype("float32") / 16
    clear_session()
    tracekeras.utils.set_random_seed(0)
    model = Sequential([layers.Dense(512, activation="relu"),
                        layers.Dense(10, activation="softmax")])
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    # 20 epochs of 12 steps: real Keras reaches 0.93-0.95 after 10 epochs here, 0.96+ after 20
    model.fit(x_train, y_train, epochs=20, batch_size=128, verbose=0)
    _, accuracy = model.evaluate(x_test, y_test, verbose=0)
    assert accuracy >= 0.95


def unchanged(model, before):
    return (all(np.array_equal(a, b) for a, b in zip(before, model.get_weights()))
            and int(model.optimizer.iterations.numpy()) == 0)


@pytest.mark.parametrize("split", [-0.1, 1.0, 1.5])
def test_validation_split_outside_zero_one(split):
    x, y = small_data()
    model = compiled()
    before = model.get_weights()
    with pytest.raises(ValueError, match="validation_split"):
        model.fit(x, y, validation_split=split, verbose=0)
    assert unchanged(model, before)


def test_validation_split_leaving_no_training_data():
    x, y = small_data()
    model = compiled()
    before = model.get_weights()
    with pytest.raises(ValueError, match="not enough|no training|Training data contains"):
        model.fit(x[:2], y[:2], validation_split=0.9, verbose=0)
    assert unchanged(model, before)


def test_empty_arrays_are_refused():
    model = compiled()
    before = model.get_weights()
    with pytest.raises(ValueError) as info:
        model.fit(np.zeros((0, 20), "float32"), np.zeros((0,), "int64"), verbose=0)
    assert "empty" in str(info.value).lower() or "0 samples" in str(info.value)
    assert unchanged(model, before)


def test_non_numeric_inputs_are_refused():
    x, y = small_data()
    model = compiled()
    before = model.get_weights()
    with pytest.raises((TypeError, ValueError)) as info:
        model.fit(x.astype(str), y, verbose=0)
    assert "str" in str(info.value) or "<U" in str(info.value) or "dtype" in str(info.value)
    assert unchanged(model, before)


def test_one_hot_loss_given_integer_labels():
    x, y = small_data()
    model = small_model()
    model.compile(optimizer="sgd", loss="categorical_crossentropy")
    with pytest.raises(ValueError, match=r"Shapes \(None, 1\) and \(None, 3\) are incompatible"):
        model.fit(x, y, verbose=0)
    assert int(model.optimizer.iterations.numpy()) == 0


def test_unknown_metric_name_is_refused():
    x, y = small_data()
    model = small_model()
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["acuracy"])
    with pytest.raises(ValueError, match="Unknown metric function: 'acuracy'"):
        model.fit(x, y, verbose=0)
