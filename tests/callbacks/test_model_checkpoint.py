"""ModelCheckpoint: file names, save_best_only, batch frequency, messages, full-model files."""
import json
import logging
import os
import zipfile

import numpy as np
import pytest

from tracekeras import callbacks as cbks
from tracekeras.saving import weights_format

from .fakes import FakeModel, run_fit


def fit(callback, val_losses, steps=1, model=None):
    model = model or FakeModel()
    cl = cbks.CallbackList([callback], add_history=True, model=model, verbose=0,
                           epochs=len(val_losses), steps=steps)
    run_fit(cl, len(val_losses), steps, lambda e, s: {"loss": 1.0},
            lambda e: {"loss": 1.0, "val_loss": val_losses[e]})
    return model


def test_every_epoch_with_formatted_names(tmp_path, capsys):
    pattern = str(tmp_path / "ck" / "w.{epoch:02d}-{val_loss:.2f}.weights")
    fit(cbks.ModelCheckpoint(pattern, save_weights_only=True, verbose=1), [0.5, 0.25])
    assert sorted(os.listdir(tmp_path / "ck")) == ["w.01-0.50.weights", "w.02-0.25.weights"]
    assert capsys.readouterr().out == (
        f"\nEpoch 1: saving model to {tmp_path}/ck/w.01-0.50.weights\n"
        f"\nEpoch 2: saving model to {tmp_path}/ck/w.02-0.25.weights\n")


def test_save_best_only_messages_and_the_best_weights_kept(tmp_path, capsys):
    path = str(tmp_path / "best.weights")
    model = FakeModel()
    class Perturb(cbks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            model.set_weights([np.full_like(w, epoch) for w in model.get_weights()])

    cb = cbks.ModelCheckpoint(path, save_best_only=True, save_weights_only=True, verbose=1)
    cl = cbks.CallbackList([Perturb(), cb], model=model, verbose=0, epochs=3, steps=1)
    run_fit(cl, 3, 1, lambda e, s: {}, lambda e: {"val_loss": [0.5, 0.4, 0.45][e]})
    assert capsys.readouterr().out == (
        f"\nEpoch 1: val_loss improved from inf to 0.50000, saving model to {path}\n"
        f"\nEpoch 2: val_loss improved from 0.50000 to 0.40000, saving model to {path}\n"
        "\nEpoch 3: val_loss did not improve from 0.40000\n")
    fresh = FakeModel(seed=9)
    fresh.load_weights(path)
    assert all(np.all(w == 1) for w in fresh.get_weights())


def test_initial_value_threshold_and_max_mode(tmp_path):
    path = tmp_path / "w"
    fit(cbks.ModelCheckpoint(path, save_best_only=True, save_weights_only=True,
                             initial_value_threshold=0.3), [0.5, 0.4])
    assert not path.exists()
    cb = cbks.ModelCheckpoint(path, monitor="val_accuracy", save_best_only=True)
    assert cb.monitor_op is np.greater and cb.best == -np.inf
    assert cbks.ModelCheckpoint(path, monitor="loss", mode="max").monitor_op is np.greater


def test_missing_monitor_warns_and_skips(tmp_path, caplog):
    cb = cbks.ModelCheckpoint(tmp_path / "w", monitor="val_auc", save_best_only=True)
    with caplog.at_level(logging.WARNING, logger="tracekeras"):
        fit(cb, [0.5])
    assert (
        caplog.records[0].getMessage()
        == "Can save best model only with val_auc available, skipping."
    )
    assert not (tmp_path / "w").exists()


def test_save_freq_in_batches_across_epochs(tmp_path):
    pattern = str(tmp_path / "w-{epoch}-{batch}")
    cb = cbks.ModelCheckpoint(pattern, save_weights_only=True, save_freq=3)
    cl = cbks.CallbackList([cb], model=FakeModel(), verbose=0, epochs=2, steps=4)
    assert cl._should_call_train_batch_hooks
    run_fit(cl, 2, 4, lambda e, s: {"loss": 1.0}, lambda e: {"loss": 1.0})
    # batches seen: 3 (epoch 1 batch 3), 6 (epoch 2 batch 2); epoch ends save nothing
    assert sorted(os.listdir(tmp_path)) == ["w-1-3", "w-2-2"]
    assert not cbks.CallbackList([cbks.ModelCheckpoint("x")])._should_call_train_batch_hooks


def test_bad_arguments_and_placeholders(tmp_path):
    with pytest.raises(
        ValueError, match='Unrecognized save_freq: often. Expected save_freq are "epoch" or integer'
    ):
        cbks.ModelCheckpoint("x", save_freq="often")
    cb = cbks.ModelCheckpoint(str(tmp_path / "{val_auc:.2f}"))
    with pytest.raises(KeyError) as info:
        fit(cb, [0.5])
    assert info.value.args[0] == (
        f'Failed to format this callback filepath: "{tmp_path}/'
        "{val_auc:.2f}\". Reason: 'val_auc'"
    )
    os.mkdir(tmp_path / "adir")
    with pytest.raises(
        IOError,
        match="Please specify a non-directory filepath for "
        "ModelCheckpoint. Filepath used is an existing directory",
    ):
        fit(cbks.ModelCheckpoint(str(tmp_path / "adir")), [0.5])


def test_full_model_file_is_the_weights_file_with_the_config(tmp_path):
    path = tmp_path / "model.ckpt"
    model = fit(cbks.ModelCheckpoint(path), [0.5])
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read(weights_format.MANIFEST))
    assert manifest["config"] == model.get_config()
    other = FakeModel(seed=3)
    other.load_weights(path)
    assert all(np.array_equal(a, b) for a, b in zip(other.get_weights(), model.get_weights()))


def test_full_model_uses_model_save_when_there_is_one(tmp_path):
    calls = []
    model = FakeModel()
    model.save = lambda filepath, overwrite=True: calls.append((filepath, overwrite))
    fit(cbks.ModelCheckpoint(str(tmp_path / "m.keras")), [0.5], model=model)
    assert calls == [(str(tmp_path / "m.keras"), True)]


def test_period_saves_every_n_epochs(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="tracekeras"):
        cb = cbks.ModelCheckpoint(str(tmp_path / "w{epoch}"), save_weights_only=True, period=2)
    assert "`period` argument is deprecated" in caplog.records[0].getMessage()
    fit(cb, [1.0, 1.0, 1.0, 1.0])
    assert sorted(os.listdir(tmp_path)) == ["w2", "w4"]
