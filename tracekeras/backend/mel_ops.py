"""``tf.signal``'s mel scale and cepstrum: ``linear_to_mel_weight_matrix``, ``dct`` (type II)
and ``mfccs_from_log_mel_spectrograms``, computed as TensorFlow 2.21 computes them.

What it owns:

- ``linear_to_mel_weight_matrix(num_mel_bins=20, num_spectrogram_bins=129,
  sample_rate=8000, lower_edge_hertz=125.0, upper_edge_hertz=3800.0)``: the
  ``(num_spectrogram_bins, num_mel_bins)`` matrix of triangular filters, HTK's mel scale
  ``1127 ln(1 + f / 700)``, the first (DC) row zero; TensorFlow's ValueErrors for a bin
  count that is not positive, edges out of order or above the Nyquist frequency;
- ``dct(input, type=2, norm=None)``: ``2 sum_n x_n cos(pi k (2n + 1) / 2N)`` over the last
  axis (``norm="ortho"`` scales bin 0 by ``sqrt(1/4N)`` and the rest by ``sqrt(1/2N)``),
  a ``matmul`` by the cosine matrix, so differentiable; other types, ``n`` and axes end in
  tracekeras's "does not implement";
- ``mfccs_from_log_mel_spectrograms``: ``dct`` times ``rsqrt(2 * num_mel_bins)``, HTK's
  scaling.

What it receives: numbers (the matrix), Tensors or arrays of floats (the others).
What it hands on: Tensors recorded on the active tapes. Trace events: one ``backend``
instant per op at trace level ``full`` (``tape.record``).
"""
import numpy as np

from . import ops
from .signal_ops import floating, tf_dtype
from .tensor import convert

MEL_BREAK_FREQUENCY_HERTZ = 700.0
MEL_HIGH_FREQUENCY_Q = 1127.0


def hertz_to_mel(frequencies_hertz, dtype):
    frequencies_hertz = np.asarray(frequencies_hertz, dtype)
    return (np.asarray(MEL_HIGH_FREQUENCY_Q, dtype) * np.log(
        np.asarray(1.0, dtype) + frequencies_hertz / np.asarray(MEL_BREAK_FREQUENCY_HERTZ,
                                                                 dtype))).astype(dtype)


def validate_arguments(num_mel_bins, sample_rate, lower_edge_hertz, upper_edge_hertz, dtype):
    if num_mel_bins <= 0:
        raise ValueError(f"num_mel_bins must be positive. Got: {num_mel_bins}")
    if lower_edge_hertz < 0.0:
        raise ValueError(f"lower_edge_hertz must be non-negative. Got: {lower_edge_hertz}")
    if lower_edge_hertz >= upper_edge_hertz:
        raise ValueError(f"lower_edge_hertz {lower_edge_hertz:.1f} >= upper_edge_hertz "
                         f"{upper_edge_hertz:.1f}")
    if sample_rate <= 0.0:
        raise ValueError(f"sample_rate must be positive. Got: {sample_rate}")
    if upper_edge_hertz > sample_rate / 2:
        raise ValueError("upper_edge_hertz must not be larger than the Nyquist frequency "
                         f"(sample_rate / 2). Got {upper_edge_hertz} for sample_rate: "
                         f"{sample_rate}")
    try:
        return floating(dtype)
    except ValueError:
        raise ValueError(f"dtype must be a floating point type. Got: {tf_dtype(dtype)}") from None


def linspace(start, stop, num, dtype):
    """TensorFlow's ``linspace`` in ``dtype``: ``start + i * ((stop - start) / (num - 1))``."""
    start, stop = np.asarray(start, dtype), np.asarray(stop, dtype)
    if num == 1:
        return start.reshape(1)
    step = (stop - start) / np.asarray(num - 1, dtype)
    values = start + np.arange(num).astype(dtype) * step
    values[-1] = stop
    return values.astype(dtype)


def linear_to_mel_weight_matrix(num_mel_bins=20, num_spectrogram_bins=129, sample_rate=8000,
                                lower_edge_hertz=125.0, upper_edge_hertz=3800.0,
                                dtype=np.float32, name=None):
    """``tf.signal.linear_to_mel_weight_matrix``: ``(num_spectrogram_bins, num_mel_bins)``."""
    sample_rate = getattr(sample_rate, "value", sample_rate)
    sample_rate = sample_rate.item() if isinstance(sample_rate, np.ndarray) else sample_rate
    dtype = validate_arguments(num_mel_bins, sample_rate, lower_edge_hertz, upper_edge_hertz,
                               dtype)
    nyquist_hertz = np.asarray(sample_rate, dtype) / np.asarray(2.0, dtype)
    linear_frequencies = linspace(0.0, nyquist_hertz, int(num_spectrogram_bins), dtype)[1:]
    spectrogram_bins_mel = hertz_to_mel(linear_frequencies, dtype)[:, None]
    edges = linspace(hertz_to_mel(lower_edge_hertz, dtype), hertz_to_mel(upper_edge_hertz, dtype),
                     int(num_mel_bins) + 2, dtype)
    lower_edge_mel, center_mel, upper_edge_mel = (edges[None, i:i + int(num_mel_bins)]
                                                  for i in range(3))
    lower_slopes = (spectrogram_bins_mel - lower_edge_mel) / (center_mel - lower_edge_mel)
    upper_slopes = (upper_edge_mel - spectrogram_bins_mel) / (upper_edge_mel - center_mel)
    weights = np.maximum(np.asarray(0.0, dtype), np.minimum(lower_slopes, upper_slopes))
    return convert(np.pad(weights, [[1, 0], [0, 0]]).astype(dtype))


def refuse(what):
    from tracekeras.shim.errors import PACKAGE, OperationNotImplementedByTracekeras, caller
    raise OperationNotImplementedByTracekeras(
        f"tracekeras does not implement {what} (used by {caller(PACKAGE)})")


def dct(input, type=2, n=None, axis=-1, norm=None, name=None):  # noqa: A002 - TF's names
    """``tf.signal.dct`` of type II over the last axis (``norm`` None or "ortho")."""
    if type != 2 or n is not None or axis != -1:
        refuse(f"tf.signal.dct with type={type!r}, n={n!r}, axis={axis!r} (only type 2, "
               "n=None, axis=-1)")
    if norm not in (None, "ortho"):
        raise ValueError(f"Unknown normalization: {norm}")
    x = convert(input)
    dtype = x.value.dtype
    size = x.value.shape[-1]
    k, i = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    basis = 2.0 * np.cos(np.pi * k * (2 * i + 1) / (2.0 * size))   # basis[k, n]
    if norm == "ortho":
        basis[0] *= 0.5 / np.sqrt(size)
        basis[1:] *= 0.5 * np.sqrt(2.0) / np.sqrt(size)
    flat = ops.reshape(x, [-1, size])
    out = ops.matmul(flat, basis.T.astype(dtype))
    return ops.reshape(out, list(x.value.shape))


def mfccs_from_log_mel_spectrograms(log_mel_spectrograms, name=None):
    """``tf.signal.mfccs_from_log_mel_spectrograms``: the HTK-scaled DCT-II of the last axis."""
    x = convert(log_mel_spectrograms)
    num_mel_bins = x.value.shape[-1] if x.value.ndim else None
    if num_mel_bins == 0:
        raise ValueError(f"num_mel_bins must be positive. Got: {x}")
    dct2 = dct(x, type=2)
    return ops.multiply(dct2, np.asarray(1.0 / np.sqrt(num_mel_bins * 2.0), x.value.dtype))


__all__ = ["linear_to_mel_weight_matrix", "dct", "mfccs_from_log_mel_spectrograms"]
