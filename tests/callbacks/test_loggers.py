"""History, BaseLogger, CSVLogger, TerminateOnNaN and LambdaCallback."""
import numpy as np

from tracekeras import callbacks as cbks

from .fakes import FakeModel, run_fit


def fit(model, callbacks, epochs, epoch_logs, steps=1, batch_logs=None):
    cl = cbks.CallbackList(callbacks, add_history=True, model=model, verbose=0, epochs=epochs,
                           steps=steps)
    run_fit(cl, epochs, steps, batch_logs or (lambda e, s: {"loss": 1.0}), epoch_logs)
    return model.history


def test_history_appends_across_fits_and_resets_epochs():
    model = FakeModel()
    history = cbks.History()
    fit(model, [history], 2, lambda e: {"loss": 1.0 - e / 10})
    assert model.history is history and history.epoch == [0, 1]
    fit(model, [history], 1, lambda e: {"loss": 0.5, "val_loss": 0.6})
    assert history.epoch == [0]
    assert history.history == {"loss": [1.0, 0.9, 0.5], "val_loss": [0.6]}
    assert history.params == {"verbose": 0, "epochs": 1, "steps": 1}


def test_default_history_is_new_for_each_fit():
    model = FakeModel()
    first = fit(model, None, 1, lambda e: {"loss": 1.0})
    second = fit(model, None, 1, lambda e: {"loss": 2.0})
    assert first is not second and second.history == {"loss": [2.0]}


def test_base_logger_weights_batches_by_size():
    model = FakeModel()
    logger = cbks.BaseLogger(stateful_metrics=["auc"])
    cl = cbks.CallbackList([logger, cbks.History()], model=model)
    cl.set_params({"metrics": ["loss", "auc", "val_loss"], "epochs": 1, "verbose": 0})
    cl.on_train_begin()
    cl.on_epoch_begin(0)
    for i, (size, loss, auc) in enumerate([(4, 1.0, 0.5), (4, 2.0, 0.6), (2, 4.0, 0.7)]):
        cl.on_batch_begin(i, {"batch": i, "size": size})
        cl.on_batch_end(i, {"batch": i, "size": size, "loss": loss, "auc": auc})
    cl.on_epoch_end(0, {"val_loss": 3.0})
    assert logger.seen == 10
    # (4*1 + 4*2 + 2*4) / 10 = 2.0; auc is stateful: the last value
    assert model.history.history == {"val_loss": [3.0], "loss": [2.0], "auc": [0.7]}


def read(path):
    with open(path, newline="") as f:
        return f.read()


def test_csv_logger_rows_as_keras_writes_them(tmp_path):
    path = tmp_path / "log.csv"
    model = FakeModel()
    fit(model, [cbks.CSVLogger(path)], 2, lambda e: {"loss": 0.5 / (e + 1), "accuracy": 0.25})
    assert read(path) == ("epoch,accuracy,loss,val_accuracy,val_loss\r\n"
                          "0,0.25,0.5,NA,NA\r\n"
                          "1,0.25,0.25,NA,NA\r\n")


def test_csv_logger_append_separator_and_iterables(tmp_path):
    path = str(tmp_path / "log.tsv")
    model = FakeModel()

    def logs(epoch):
        return {"loss": 1.0, "val_loss": 2.0, "vec": np.array([1, 2])}

    fit(model, [cbks.CSVLogger(path, separator="\t")], 1, logs)
    fit(model, [cbks.CSVLogger(path, separator="\t", append=True)], 1, logs)
    assert read(path) == ("epoch\tloss\tval_loss\tvec\r\n"
                          '0\t1.0\t2.0\t"""[1, 2]"""\r\n'
                          '0\t1.0\t2.0\t"""[1, 2]"""\r\n')
    fit(model, [cbks.CSVLogger(path)], 1, lambda e: {"loss": 3.0})
    assert read(path) == "epoch,loss,val_loss\r\n0,3.0,NA\r\n"      # append=False overwrites


def test_terminate_on_nan(capsys):
    model = FakeModel()
    losses = [1.0, 0.5, 0.4, float("nan"), 0.3]
    seen = []
    cl = cbks.CallbackList([cbks.TerminateOnNaN()], add_history=True, model=model, verbose=0,
                           epochs=2, steps=5)
    cl.append(cbks.LambdaCallback(on_batch_end=lambda batch, logs: seen.append(batch)))
    run_fit(cl, 2, 5, lambda e, s: {"loss": losses[s]}, lambda e: {"loss": 1.0})
    assert model.stop_training is True and seen == [0, 1, 2, 3]
    assert model.history.epoch == [0]
    assert capsys.readouterr().out == "Batch 3: Invalid loss, terminating training\n"
    model = FakeModel()
    cl = cbks.CallbackList([cbks.TerminateOnNaN()], model=model)
    cl.on_train_batch_end(0, {"loss": np.float32("inf")})
    assert model.stop_training is True


def test_lambda_callback_hooks():
    calls = []
    cb = cbks.LambdaCallback(
        on_train_begin=lambda logs: calls.append("train_begin"),
        on_epoch_begin=lambda epoch, logs: calls.append(("epoch_begin", epoch)),
        on_batch_begin=lambda batch, logs: calls.append(("batch_begin", batch)),
        on_batch_end=lambda batch, logs: calls.append(("batch_end", batch, logs["loss"])),
        on_epoch_end=lambda epoch, logs: calls.append(("epoch_end", epoch, logs["loss"])),
        on_train_end=lambda logs: calls.append("train_end"),
        on_test_end=lambda logs: calls.append("test_end"))
    cl = cbks.CallbackList([cb], model=FakeModel())
    assert cl._should_call_train_batch_hooks and not cl._should_call_test_batch_hooks
    run_fit(cl, 1, 2, lambda e, s: {"loss": float(s)}, lambda e: {"loss": 9.0}, val_steps=1)
    assert calls == ["train_begin", ("epoch_begin", 0), ("batch_begin", 0), ("batch_end", 0, 0.0),
                     ("batch_begin", 1), ("batch_end", 1, 1.0), "test_end",
                     ("epoch_end", 0, 9.0), "train_end"]
    assert not cbks.CallbackList([cbks.LambdaCallback()])._should_call_train_batch_hooks
