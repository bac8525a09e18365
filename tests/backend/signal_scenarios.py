"""``tf.signal`` (frame, overlap_and_add, windows, rfft/irfft, stft, inverse_stft, the mel
matrix, dct, MFCCs) and ``tf.audio`` (decode_wav, encode_wav), run the same way on real
TensorFlow (make_signal_fixtures.py) and on tracekeras (test_signal_ops.py): arrays by
name (complex results as their real and imaginary parts), gradients, error messages.
Plain NumPy here, no TensorFlow import.
"""
import io
import wave

import numpy as np

# noise with a tone: no spectrum bin near zero, where the direction of |z|'s gradient
# would be rounding noise
SIGNAL = (np.random.RandomState(5).randn(2, 600) + np.sin(np.arange(600) * 0.05)).astype(
    "float32")
SHORT = (np.arange(3 * 40, dtype="float32").reshape(3, 40) % 11) / 11 - 0.5
PCM = ((np.arange(2 * 50) * 2654435761) % 65536 - 32768).astype("int16").reshape(50, 2)


def wav_bytes(samples, channels=1, width=2, rate=16000, extra_chunk=False):
    """A WAV file written by Python's ``wave`` module (an extra LIST chunk if asked)."""
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(samples.tobytes())
    data = out.getvalue()
    if extra_chunk:   # a LIST chunk before "data", which readers must skip
        chunk = b"LIST" + (4).to_bytes(4, "little") + b"INFO"
        data = data[:36] + chunk + data[36:]
        data = data[:4] + (len(data) - 8).to_bytes(4, "little") + data[8:]
    return data


def weighted_gradient(tf, fn, value):
    x = tf.constant(value)
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = fn(x)
        total = tf.reduce_sum(y * tf.reshape(tf.cos(tf.range(tf.size(y), dtype=y.dtype)),
                                             tf.shape(y)))
    return np.asarray(tape.gradient(total, x))


def parts(name, value):
    value = np.asarray(value)
    if value.dtype.kind == "c":
        return {name + ".real": value.real, name + ".imag": value.imag}
    return {name: value}


def signal_arrays(tf):
    s = tf.signal
    spectrum = s.stft(SIGNAL, 64, 32)
    out = {
        "frame": s.frame(SHORT, 7, 5),
        "frame_pad_end": s.frame(SHORT, 7, 5, pad_end=True, pad_value=-2.0),
        "frame_axis0": s.frame(SHORT.T, 6, 4, axis=0),
        "frame_longer_than_signal": s.frame(SHORT, 50, 5),
        "frame_gradient": weighted_gradient(tf, lambda x: s.frame(x, 7, 3, pad_end=True), SHORT),
        "overlap_and_add": s.overlap_and_add(SHORT.reshape(3, 5, 8), 3),
        "overlap_and_add_gradient": weighted_gradient(
            tf, lambda x: s.overlap_and_add(x, 3), SHORT.reshape(3, 5, 8)),
        "hann_periodic_8": s.hann_window(8), "hann_symmetric_8": s.hann_window(8, periodic=False),
        "hann_255": s.hann_window(255), "hann_1": s.hann_window(1),
        "hamming_periodic_8": s.hamming_window(8),
        "hamming_symmetric_7": s.hamming_window(7, periodic=False),
        "hann_float64": s.hann_window(6, dtype=tf.float64),
        "rfft": s.rfft(SHORT), "rfft_padded": s.rfft(SHORT, fft_length=[64]),
        "rfft_cut": s.rfft(SHORT, fft_length=[30]),
        "rfft_float64": s.rfft(tf.constant(SHORT.astype("float64"))),
        "irfft": s.irfft(s.rfft(SHORT)), "irfft_odd": s.irfft(s.rfft(SHORT), fft_length=[39]),
        "stft_tutorial": s.stft(SIGNAL, frame_length=255, frame_step=128),
        "stft_fft_length": s.stft(SIGNAL, frame_length=64, frame_step=40, fft_length=96),
        "stft_pad_end": s.stft(SIGNAL[0], 100, 64, pad_end=True),
        "stft_no_window": s.stft(SIGNAL, 32, 32, window_fn=None),
        "stft_hamming": s.stft(SIGNAL, 50, 25, window_fn=s.hamming_window),
        "stft_short_fft": s.stft(SHORT, 8, 4, fft_length=6),
        "stft_abs_gradient": weighted_gradient(
            tf, lambda x: tf.abs(s.stft(x, 64, 32, fft_length=100)), SIGNAL),
        "stft_power_gradient": weighted_gradient(
            tf, lambda x: tf.math.pow(tf.abs(s.stft(x, 60, 25)), 0.5), SIGNAL),
        "inverse_stft": s.inverse_stft(spectrum, 64, 32),
        "inverse_stft_window_fn": s.inverse_stft(
            spectrum, 64, 32, window_fn=s.inverse_stft_window_fn(32)),
        "inverse_stft_window": s.inverse_stft_window_fn(24)(64, tf.float32),
        "inverse_stft_fft_length": s.inverse_stft(s.stft(SIGNAL, 64, 40, fft_length=96),
                                                  64, 40, fft_length=96),
        "inverse_stft_of_magnitudes": s.inverse_stft(tf.cast(tf.abs(spectrum), tf.complex64),
                                                     64, 32),
        "inverse_stft_short_fft": s.inverse_stft(s.stft(SIGNAL, 64, 32, fft_length=48),
                                                 64, 32, fft_length=48),
        "inverse_stft_gradient": weighted_gradient(
            tf, lambda z: s.inverse_stft(z, 64, 32), np.asarray(spectrum)),
        "irfft_gradient": weighted_gradient(tf, lambda z: s.irfft(z, [14]),
                                            np.asarray(s.rfft(SHORT[:, :9]))),
        "mel_default": s.linear_to_mel_weight_matrix(),
        "mel_audio": s.linear_to_mel_weight_matrix(40, 193, 16000, 80.0, 7600.0),
        "mel_float64": s.linear_to_mel_weight_matrix(8, 33, 8000, 0.0, 4000.0, tf.float64),
    }
    magnitudes = tf.abs(s.stft(SIGNAL, 64, 32))
    log_mel = tf.math.log(tf.tensordot(magnitudes, s.linear_to_mel_weight_matrix(
        20, 33, 8000, 125.0, 3800.0), 1) + 0.01)
    out["mfccs"] = s.mfccs_from_log_mel_spectrograms(log_mel)
    out["dct"] = s.dct(SHORT)
    out["dct_ortho"] = s.dct(SHORT, norm="ortho")
    out["mfccs_gradient"] = weighted_gradient(tf, s.mfccs_from_log_mel_spectrograms,
                                              np.asarray(log_mel))
    arrays = {}
    for name, value in out.items():
        arrays.update(parts(name, value))
    return arrays


def audio_arrays(tf):
    audio = tf.audio
    mono = PCM[:, 0].copy()
    out = {}
    for name, (contents, kwargs) in {
            "mono": (wav_bytes(mono), {}),
            "stereo": (wav_bytes(PCM, channels=2, rate=22050), {}),
            "stereo_as_mono": (wav_bytes(PCM, channels=2), {"desired_channels": 1}),
            "stereo_as_3": (wav_bytes(PCM, channels=2), {"desired_channels": 3}),
            "mono_as_2": (wav_bytes(mono), {"desired_channels": 2}),
            "padded": (wav_bytes(mono), {"desired_samples": 80}),
            "cut": (wav_bytes(PCM, channels=2), {"desired_samples": 7}),
            "extra_chunk": (wav_bytes(mono, extra_chunk=True), {}),
            "extremes": (wav_bytes(np.array([-32768, 32767, 1, -1, 0], "int16")), {})}.items():
        samples, rate = audio.decode_wav(contents, **kwargs)
        out["decode_" + name] = np.asarray(samples)
        out["rate_" + name] = np.asarray(rate)
    floats = np.concatenate([np.linspace(-1.2, 1.2, 41, dtype="float32"),
                             np.array([0.5, -0.5, 1.5, -1.5, 3, -3], "float32") / 65536])
    for name, (value, rate) in {"encode_mono": (floats[:, None], 16000),
                                "encode_stereo": (floats[:40].reshape(-1, 2), 44100),
                                "encode_empty": (np.zeros((0, 1), "float32"), 8000)}.items():
        encoded = audio.encode_wav(value, rate)
        out[name] = np.frombuffer(np.asarray(encoded).item(), dtype="uint8")
        out[name + "_decoded"] = np.asarray(audio.decode_wav(encoded)[0])
    return out


def errors(tf):
    s, audio = tf.signal, tf.audio
    mono = wav_bytes(PCM[:, 0].copy())
    calls = {
        "stft_int": lambda: s.stft(np.arange(10, dtype="int32"), 4, 2),
        "stft_scalar": lambda: s.stft(np.float32(1.0), 4, 2),
        "hann_int": lambda: s.hann_window(4, dtype=tf.int32),
        "frame_scalar": lambda: s.frame(np.float32(1.0), 2, 1),
        "mel_bins": lambda: s.linear_to_mel_weight_matrix(0),
        "mel_lower": lambda: s.linear_to_mel_weight_matrix(lower_edge_hertz=-1.0),
        "mel_order": lambda: s.linear_to_mel_weight_matrix(lower_edge_hertz=500.0,
                                                           upper_edge_hertz=400.0),
        "mel_rate": lambda: s.linear_to_mel_weight_matrix(sample_rate=0),
        "mel_nyquist": lambda: s.linear_to_mel_weight_matrix(sample_rate=4000),
        "decode_not_riff": lambda: audio.decode_wav(b"hello world, no wav"),
        "decode_8_bit": lambda: audio.decode_wav(wav_bytes(np.arange(8, dtype="uint8"),
                                                           width=1)),
        "decode_32_bit": lambda: audio.decode_wav(wav_bytes(np.arange(8, dtype="int32"),
                                                            width=4)),
        "decode_short_header": lambda: audio.decode_wav(mono[:30]),
        "decode_short_data": lambda: audio.decode_wav(mono[:-3]),
        "decode_not_scalar": lambda: audio.decode_wav(tf.constant([mono])),
        "encode_rank_1": lambda: audio.encode_wav(np.zeros((3,), "float32"), 16000),
        "encode_rate_vector": lambda: audio.encode_wav(np.zeros((2, 1), "float32"), [8000, 1]),
    }
    caught = {}
    for name, call in calls.items():
        try:
            call()
            caught[name] = None
        except Exception as e:  # noqa: BLE001 - the error's type and text are the fact
            caught[name] = [type(e).__name__, str(e)]
    return caught
