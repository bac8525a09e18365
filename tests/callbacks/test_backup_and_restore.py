"""BackupAndRestore: an interrupted fit resumes at the next epoch with the same result."""
import os

import numpy as np
import pytest

import tracekeras as keras
from tracekeras import callbacks as cbks

X = np.linspace(-1.0, 1.0, 32, dtype="float32").reshape(16, 2)
Y = (X @ np.array([[0.5], [-1.5]], dtype="float32") + 0.25).astype("float32")


def make_model():
    model = keras.Sequential([keras.layers.Dense(3, activation="tanh", input_shape=(2,)),
                              keras.layers.Dense(1)])
    model.set_weights([np.full(w.shape, 0.1 * (i + 1), dtype="float32") * np.sign(
        np.arange(w.size).reshape(w.shape) % 3 - 1 + 0.5) for i, w in
        enumerate(model.get_weights())])
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="mse")
    return model


class InterruptAtEpoch(cbks.Callback):
    """Raises at the start of ``epoch`` (as in Keras's example of the callback)."""

    def __init__(self, epoch):
        super().__init__()
        self.epoch = epoch

    def on_epoch_begin(self, epoch, logs=None):
        if epoch == self.epoch:
            raise RuntimeError("Interrupting!")


def fit(model, callbacks, epochs=4):
    return model.fit(X, Y, batch_size=4, epochs=epochs, shuffle=False, verbose=0,
                     callbacks=callbacks)


def test_interrupted_fit_resumes_and_matches_an_uninterrupted_run(tmp_path):
    backup_dir = str(tmp_path / "backup")
    reference = make_model()
    fit(reference, [])

    model = make_model()
    backup = cbks.BackupAndRestore(backup_dir)
    with pytest.raises(RuntimeError, match="Interrupting!"):
        fit(model, [backup, InterruptAtEpoch(2)])
    assert os.path.exists(os.path.join(backup_dir, "training_state.json"))

    fresh = make_model()   # a new process: same architecture, initial weights
    history = fit(fresh, [backup])
    assert history.epoch == [2, 3]
    assert len(history.history["loss"]) == 2
    for got, want in zip(fresh.get_weights(), reference.get_weights()):
        np.testing.assert_array_equal(got, want)
    assert int(fresh.optimizer.iterations.numpy()) == int(reference.optimizer.iterations.numpy())
    assert not os.path.exists(backup_dir)


def test_backup_removed_after_success_or_kept_when_asked(tmp_path):
    model = make_model()
    fit(model, [cbks.BackupAndRestore(str(tmp_path / "a"))], epochs=2)
    assert not os.path.exists(tmp_path / "a")
    fit(model, [cbks.BackupAndRestore(str(tmp_path / "b"), delete_checkpoint=False)], epochs=2)
    assert sorted(os.listdir(tmp_path / "b")) == ["ckpt-2.weights.h5", "training_state.json"]


def test_save_freq_in_batches(tmp_path):
    backup_dir = str(tmp_path / "backup")
    reference = make_model()
    fit(reference, [])

    model = make_model()
    backup = cbks.BackupAndRestore(backup_dir, save_freq=2)   # 4 batches an epoch
    with pytest.raises(RuntimeError):
        fit(model, [backup, InterruptAtEpoch(3)])
    fresh = make_model()
    history = fit(fresh, [backup])
    assert history.epoch == [3]
    for got, want in zip(fresh.get_weights(), reference.get_weights()):
        np.testing.assert_array_equal(got, want)


def test_bad_arguments():
    with pytest.raises(ValueError, match="Either `save_freq` or `save_before_preemption` "
                                         "must be set."):
        cbks.BackupAndRestore("/tmp/unused", save_freq=False)
    with pytest.raises(ValueError, match="Empty `backup_dir` argument passed"):
        cbks.BackupAndRestore("")
    with pytest.raises(ValueError, match='Unrecognized save_freq: foo. Expected save_freq are '
                                         '"epoch" or integer'):
        cbks.BackupAndRestore("/tmp/unused", save_freq="foo")


def test_traced_run_names_its_events_and_keeps_the_result(tmp_path):
    plain = make_model()
    fit(plain, [cbks.BackupAndRestore(str(tmp_path / "plain"))], epochs=2)
    traced = make_model()
    with keras.trace() as t:
        fit(traced, [cbks.BackupAndRestore(str(tmp_path / "traced"))], epochs=2)
    names = [r["name"] for r in t.records if r["name"].startswith("keras.callbacks.Backup")]
    assert "keras.callbacks.BackupAndRestore.__init__" in names
    assert "keras.callbacks.BackupAndRestore.on_train_begin" in names
    assert names.count("keras.callbacks.BackupAndRestore._backup") >= 2
    for got, want in zip(traced.get_weights(), plain.get_weights()):
        np.testing.assert_array_equal(got, want)
