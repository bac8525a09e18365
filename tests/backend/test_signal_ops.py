"""tf.signal (frame, overlap_and_add, windows, rfft, irfft, stft, inverse_stft, the mel
matrix, dct, MFCCs) and tf.audio (decode_wav, encode_wav) against real TensorFlow 2.21
(data/tf_signal.*, from make_signal_fixtures.py): values, dtypes, gradients (through
tf.abs of the complex spectrum, as a spectrogram takes them), WAV bytes and error
messages; the gradients of frame, overlap_and_add, rfft and irfft against central
differences; one trace event per op at level full."""
import json
import os

import numpy as np
import pytest

from tracekeras.backend import signal_ops
from tracekeras.backend.tensor import convert

from . import signal_scenarios
from .helpers import check_gradients

DATA = os.path.join(os.path.dirname(__file__), "data")
ARRAYS = np.load(os.path.join(DATA, "tf_signal.npz"))
with open(os.path.join(DATA, "tf_signal.json")) as f:
    FACTS = json.load(f)


@pytest.fixture(scope="module")
def ours(tf):
    return {**signal_scenarios.signal_arrays(tf), **signal_scenarios.audio_arrays(tf)}


@pytest.mark.parametrize("name", sorted(ARRAYS.files))
def test_values_and_dtypes_are_tensorflow_s(ours, name):
    assert sorted(ours) == sorted(ARRAYS.files)
    assert ours[name].dtype == ARRAYS[name].dtype, name
    assert ours[name].shape == ARRAYS[name].shape, name
    scale = max(1.0, float(np.abs(ARRAYS[name]).max(initial=0)))
    np.testing.assert_allclose(ours[name], ARRAYS[name], rtol=1e-5, atol=2e-5 * scale)


def test_wav_bytes_are_tensorflow_s_exactly(ours):
    for name in ("encode_mono", "encode_stereo", "encode_empty"):
        assert ours[name].tobytes() == ARRAYS[name].tobytes(), name


def test_bad_arguments_are_refused_with_tensorflow_s_messages(tf):
    assert signal_scenarios.errors(tf) == FACTS["errors"]


@pytest.mark.parametrize("fn, shape", [
    (lambda x: signal_ops.frame(x, 4, 3, pad_end=True), (2, 11)),
    (lambda x: signal_ops.frame(x, 3, 2, axis=0), (7, 2)),
    (lambda x: signal_ops.overlap_and_add(x, 2), (2, 4, 3)),
    (lambda x: signal_ops.irfft(signal_ops.rfft(x, [12])), (2, 9)),
    (lambda x: signal_ops.irfft(signal_ops.rfft(x), [7]), (3, 8)),
])
def test_gradients_match_central_differences(fn, shape):
    x = np.random.RandomState(0).randn(*shape)
    check_gradients(fn, [x])


def test_each_op_is_one_backend_event_at_level_full():
    import tracekeras
    with tracekeras.trace(level="full") as t:
        signal_ops.stft(convert(signal_scenarios.SHORT), 8, 4)
    names = [r["name"] for r in t.records if r.get("stage") == "backend" and r["ph"] == "i"]
    assert names == ["tf.signal.frame", "tf.math.multiply", "tf.signal.rfft"]
