"""The Keras 2.2 loop (``tracekeras.compat.v1.disable_eager_execution()``).

It traces the stages the Keras 2.2 article walks through, in its order, and
trains to the same weights and epoch logs as the modern loop with shuffle off.
"""
import numpy as np
import pytest

import tracekeras
from tracekeras import layers
from tracekeras.backend import clear_session
from tracekeras.compat import v1
from tracekeras.models import Sequential


@pytest.fixture
def graph_mode():
    v1.disable_eager_execution()
    yield
    v1.enable_eager_execution()


def data(n=250):
    rng = np.random.default_rng(1)
    return rng.random((n, 12), dtype="float32"), rng.integers(0, 4, n)


def model_with(weights=None):
    clear_session()
    model = Sequential([layers.Dense(8, activation="relu", input_shape=(12,)),
                        layers.Dense(4, activation="softmax")])
    if weights is not None:
        model.set_weights(weights)
    model.compile("sgd", "sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def train(x, y, weights, **fit_kwargs):
    model = model_with(weights)
    history = model.fit(x, y, batch_size=32, epochs=3, shuffle=False, verbose=0, **fit_kwargs)
    return model, history.history


def test_same_weights_and_epoch_logs_as_the_modern_loop(graph_mode):
    x, y = data()
    start = model_with().get_weights()
    v1.enable_eager_execution()
    modern, modern_logs = train(x, y, start, validation_split=0.2)
    v1.disable_eager_execution()
    old, old_logs = train(x, y, start, validation_split=0.2)
    for a, b in zip(modern.get_weights(), old.get_weights()):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-6)
    assert sorted(old_logs) == ["accuracy", "loss", "val_accuracy", "val_loss"]
    for key in modern_logs:
        np.testing.assert_allclose(old_logs[key], modern_logs[key], rtol=1e-5, err_msg=key)


ARTICLE_ORDER = [
    "keras.engine.training.Model.fit",
    "keras.engine.training.Model._standardize_user_data",
    "keras.engine.training.Model._make_train_function",
    "keras.engine.training_arrays.fit_loop",
    "keras.callbacks.BaseLogger.__init__",
    "keras.callbacks.CallbackList.set_model",
    "keras.callbacks.CallbackList.set_params",
    "keras.callbacks.CallbackList.on_train_begin",
    "keras.callbacks.CallbackList.on_epoch_begin",
    "keras.engine.training_utils.batch_shuffle",
    "keras.engine.training_utils.make_batches",
    "keras.utils.generic_utils.slice_arrays",
    "keras.callbacks.CallbackList.on_batch_begin",
    "keras.backend.tensorflow_backend.Function.__call__",
    "keras.backend.tensorflow_backend.Function._call",
    "keras.engine.training.Model.train_step",
    "keras.callbacks.CallbackList.on_batch_end",
    "keras.callbacks.BaseLogger.on_batch_end",
    "keras.engine.training_arrays.test_loop",
    "keras.callbacks.CallbackList.on_epoch_end",
    "keras.callbacks.BaseLogger.on_epoch_end",
    "keras.callbacks.CallbackList.on_train_end",
]


def in_order(names, wanted):
    position = 0
    for name in wanted:
        try:
            position = names.index(name, position) + 1
        except ValueError:
            return name
    return None


def test_the_trace_follows_the_article(graph_mode, capsys):
    x, y = data(100)
    model = model_with()
    with tracekeras.trace(level="steps") as t:
        model.fit(x, y, batch_size=32, epochs=2, shuffle="batch", validation_data=(x[:20], y[:20]),
                  verbose=1)
    assert in_order(t.names(), ARTICLE_ORDER) is None
    params = [r for r in t.records if r["ph"] == "B"
              and r["name"] == "keras.callbacks.CallbackList.set_params"]
    out = capsys.readouterr().out
    assert "Train on 100 samples, validate on 20 samples" in out
    feeds = t.spans("keras.backend.tensorflow_backend.Function._call")[0]["args"]["feeds"]
    assert feeds == ["float32", "float32"]
    assert params  # the params dict is in the trace for the learner


def test_batch_logs_carry_batch_and_size(graph_mode):
    from tracekeras.callbacks import Callback
    seen = []

    class Spy(Callback):
        def on_batch_end(self, batch, logs=None):
            seen.append((batch, logs["batch"], logs["size"], sorted(logs)))

    x, y = data(70)
    model_with().fit(x, y, batch_size=32, epochs=1, shuffle=False, verbose=0, callbacks=[Spy()])
    assert [(b, lb, size) for b, lb, size, _ in seen] == [(0, 0, 32), (1, 1, 32), (2, 2, 6)]
    assert seen[0][3] == ["accuracy", "batch", "loss", "size"]


def test_make_batches_and_batch_shuffle():
    from tracekeras.engine.training_arrays import batch_shuffle, make_batches
    assert make_batches(70, 32) == [(0, 32), (32, 64), (64, 70)]
    tracekeras.utils.set_random_seed(3)
    shuffled = batch_shuffle(np.arange(70), 32)
    assert sorted(shuffled) == list(range(70))
    assert list(shuffled[64:]) == list(range(64, 70))           # the short batch stays last
    for start in (0, 32):                                        # whole batches move together
        block = shuffled[start:start + 32]
        assert block[0] % 32 == 0 and list(block) == list(range(block[0], block[0] + 32))


def test_evaluate_and_predict_match_the_modern_loop(graph_mode):
    x, y = data(90)
    model = model_with()
    old_eval = model.evaluate(x, y, batch_size=32, verbose=0)
    old_pred = model.predict(x, batch_size=32, verbose=0)
    v1.enable_eager_execution()
    np.testing.assert_allclose(model.evaluate(x, y, batch_size=32, verbose=0), old_eval, rtol=1e-5)
    np.testing.assert_allclose(model.predict(x, batch_size=32, verbose=0), old_pred, rtol=1e-6)


def test_validation_evaluate_and_predict_call_their_callbacks(graph_mode):
    # tf_keras 2.21's v1 loop (model_iteration, traced by tests/conformance's scenarios
    # seed_keras22_fit_loop and keras22_evaluate): validation inside fit runs fit's own
    # callbacks through on_test_begin, each test batch's hooks and on_test_end; evaluate and
    # predict make a CallbackList of their own and call their begin and end hooks
    from tracekeras.callbacks import Callback
    seen = []

    class Spy(Callback):
        def on_test_begin(self, logs=None):
            seen.append("test_begin")

        def on_test_batch_end(self, batch, logs=None):
            seen.append(f"test_batch_end({batch}) {sorted(logs)}")

        def on_test_end(self, logs=None):
            seen.append(f"test_end {sorted(logs)}")

        def on_epoch_end(self, epoch, logs=None):
            seen.append(f"epoch_end({epoch})")

    x, y = data(70)
    model = model_with()
    model.fit(x[:40], y[:40], batch_size=32, epochs=1, shuffle=False, verbose=0,
              validation_data=(x[40:], y[40:]), callbacks=[Spy()])
    assert seen == ["test_begin",
                    "test_batch_end(0) ['accuracy', 'batch', 'loss', 'size']",
                    "test_end []", "epoch_end(0)"]
    with tracekeras.trace() as t:
        model.evaluate(x, y, batch_size=32, verbose=0)
        model.predict(x, batch_size=32, verbose=0)
    hooks = [n.rsplit(".", 1)[-1] for n in t.names() if n.startswith("keras.callbacks.")]
    assert hooks == ["__init__", "_add_default_callbacks", "set_params", "on_test_begin",
                     "on_test_end", "__init__", "_add_default_callbacks", "set_params",
                     "on_predict_begin", "on_predict_end"]
