"""``tf.signal``'s framing, windows, real FFTs and short-time Fourier transforms.

What it owns, each computed as TensorFlow 2.21 computes it:

- ``frame(signal, frame_length, frame_step, pad_end=False, pad_value=0, axis=-1)``: the
  windows of ``frame_length`` samples every ``frame_step`` samples along ``axis``
  (``1 + (n - frame_length) // frame_step`` of them, none when the signal is shorter;
  with ``pad_end`` ``ceil(n / frame_step)``, the signal padded with ``pad_value``);
  its gradient adds each window's gradient back where the window was taken;
- ``overlap_and_add(signal, frame_step)``: frames ``(..., frames, frame_length)`` summed
  at ``frame_step`` apart, the reverse of ``frame`` (so each is the other's gradient);
- ``hann_window`` and ``hamming_window``: TensorFlow's raised cosines
  ``a - b cos(2 pi k / n)`` (``n = length`` when ``periodic`` and the length is even,
  else ``length - 1``; a window of one sample is ``[1]``), floats only;
- ``rfft(x, fft_length)`` and ``irfft(X, fft_length)``: the real FFT of the last axis
  (complex64 from float32, complex128 from float64; the input cut or zero-padded to
  ``fft_length``) and its inverse (``fft_length // 2 + 1`` bins read, the imaginary part
  of the first and, for an even length, the last bin ignored), with TensorFlow's
  gradients (for a complex value the gradient is ``dL/dRe + i dL/dIm``, as in TF);
- ``stft``: ``rfft(frame(signals) * window_fn(frame_length))`` (``fft_length`` the
  smallest power of two holding ``frame_length`` by default), and ``inverse_stft``:
  ``overlap_and_add(irfft(stfts)[..., :frame_length] * window_fn(frame_length))``, with
  ``inverse_stft_window_fn``, the window that makes it undo ``stft``.

What it receives: Tensors or arrays (signals of floats). What it hands on: Tensors
recorded on the active tapes (``stft`` and ``inverse_stft`` as the ops they are made of,
so differentiable as those are). Trace events: one ``backend`` instant per op at trace
level ``full`` (``tape.record``).
"""
import math

import numpy as np

from . import array_ops, ops, spatial
from .op_errors import InvalidArgumentError
from .tape import record
from .tensor import convert

COMPLEX_OF = {np.dtype(np.float32): np.complex64, np.dtype(np.float64): np.complex128}
REAL_OF = {np.dtype(np.complex64): np.float32, np.dtype(np.complex128): np.float64}


def tf_dtype(dtype):
    return f"<dtype: '{np.dtype(dtype).name}'>"


def floating(dtype):
    """The NumPy float dtype asked for; TensorFlow's ValueError for any other."""
    dtype = array_ops.numpy_dtype(dtype)
    if dtype.kind != "f":
        raise ValueError(f"dtype must be a floating point type. Found {tf_dtype(dtype)}")
    return dtype


def eager_error(op, message):
    return InvalidArgumentError(
        f"{{{{function_node __wrapped__{op}_device_/job:localhost/replica:0/task:0/device:CPU:0"
        f"}}}} {message} [Op:{op}] name: ")


# -- windows ------------------------------------------------------------------------
def raised_cosine_window(window_length, periodic, dtype, a, b):
    dtype = floating(dtype)
    window_length = int(window_length)
    if window_length == 1:
        return convert(np.ones([1], dtype))
    even = 1 - window_length % 2
    n = np.asarray(window_length + int(bool(periodic)) * even - 1, dtype)
    count = np.arange(window_length).astype(dtype)
    cos_arg = np.asarray(2 * np.pi, dtype) * count / n
    return convert((np.asarray(a, dtype) - np.asarray(b, dtype) * np.cos(cos_arg)).astype(dtype))


def hann_window(window_length, periodic=True, dtype=np.float32, name=None):
    """``tf.signal.hann_window``: ``0.5 - 0.5 cos(2 pi k / n)``."""
    return raised_cosine_window(window_length, periodic, dtype, 0.5, 0.5)


def hamming_window(window_length, periodic=True, dtype=np.float32, name=None):
    """``tf.signal.hamming_window``: ``0.54 - 0.46 cos(2 pi k / n)``."""
    return raised_cosine_window(window_length, periodic, dtype, 0.54, 0.46)


# -- framing ------------------------------------------------------------------------
def overlap_add_values(frames, frame_step, length):
    """NumPy: frames ``(..., f, l)`` added ``frame_step`` apart into ``(..., length)``."""
    out = np.zeros(frames.shape[:-2] + (length,), frames.dtype)
    frame_length = frames.shape[-1]
    for i in range(frames.shape[-2]):
        start = i * frame_step
        end = min(start + frame_length, length)
        out[..., start:end] += frames[..., i, :end - start]
    return out


def frame_values(x, frame_length, frame_step, num_frames):
    """NumPy: ``num_frames`` windows of the last axis of ``x``: ``(..., num_frames, l)``."""
    index = frame_step * np.arange(num_frames)[:, None] + np.arange(frame_length)[None, :]
    return x[..., index]


def frame(signal, frame_length, frame_step, pad_end=False, pad_value=0, axis=-1, name=None):
    """``tf.signal.frame``: ``signal``'s ``axis`` split into overlapping frames."""
    x = convert(signal)
    rank = x.value.ndim
    if rank < 1:
        raise ValueError(f"Shape {tuple(x.value.shape)} must have rank at least 1")
    frame_length, frame_step, axis = int(frame_length), int(frame_step), int(axis)
    axis = axis + rank if axis < 0 else axis
    moved = np.moveaxis(x.value, axis, -1)
    n = moved.shape[-1]
    if pad_end:
        num_frames = -(-n // frame_step)
        padded = max(0, (num_frames - 1) * frame_step + frame_length)
        fill = np.full(moved.shape[:-1] + (max(0, padded - n),), pad_value, moved.dtype)
        moved = np.concatenate([moved, fill], axis=-1)
    else:
        num_frames = max(0, 1 + (n - frame_length) // frame_step)
    length = moved.shape[-1]
    out = frame_values(moved, frame_length, frame_step, num_frames)
    out = np.moveaxis(out, (-2, -1), (axis, axis + 1))

    def backward(g, needs):
        g = np.moveaxis(g, (axis, axis + 1), (-2, -1))
        back = overlap_add_values(g, frame_step, length)[..., :n]
        return (np.moveaxis(back, -1, axis),)
    return record("tf.signal.frame", np.ascontiguousarray(out), (x,), backward)


def overlap_and_add(signal, frame_step, name=None):
    """``tf.signal.overlap_and_add``: ``(..., frames, frame_length)`` to
    ``(..., (frames - 1) * frame_step + frame_length)``."""
    x = convert(signal)
    if x.value.ndim < 2:
        raise ValueError(f"Shape {tuple(x.value.shape)} must have rank at least 2")
    frame_step = int(frame_step)
    frames, frame_length = x.value.shape[-2:]
    if frame_step > frame_length:
        raise ValueError(f"frame_step ({frame_step}) must be less than or equal to "
                         f"frame_length ({frame_length})")
    length = max(0, (frames - 1) * frame_step + frame_length)
    return record("tf.signal.overlap_and_add", overlap_add_values(x.value, frame_step, length),
                  (x,), lambda g, needs: (frame_values(g, frame_length, frame_step, frames),))


# -- real FFTs ------------------------------------------------------------------------
def fft_length_of(fft_length, default):
    if fft_length is None:
        return int(default)
    value = np.asarray(getattr(fft_length, "value", fft_length)).reshape(-1)
    return int(value[0])


def fitted(value, length):
    """The last axis of ``value`` cut or zero-padded to ``length``."""
    n = value.shape[-1]
    if n >= length:
        return value[..., :length]
    pad = np.zeros(value.shape[:-1] + (length - n,), value.dtype)
    return np.concatenate([value, pad], axis=-1)


def rfft(input_tensor, fft_length=None, name=None):
    """``tf.signal.rfft``: the ``fft_length // 2 + 1`` bins of the real FFT of the last axis."""
    x = convert(input_tensor)
    if x.value.dtype not in COMPLEX_OF:
        raise TypeError(f"Value passed to parameter 'input' has DataType "
                        f"{x.value.dtype.name} not in list of allowed values: float32, float64")
    if x.value.ndim < 1:
        raise ValueError(f"Shape {tuple(x.value.shape)} must have rank at least 1")
    n_in = x.value.shape[-1]
    n = fft_length_of(fft_length, n_in)
    complex_dtype = COMPLEX_OF[x.value.dtype]
    out = np.fft.rfft(fitted(x.value, n), n=n, axis=-1).astype(complex_dtype)

    def backward(g, needs):
        full = np.zeros(g.shape[:-1] + (n,), complex_dtype)
        full[..., :g.shape[-1]] = g
        dx = (np.fft.ifft(full, axis=-1) * n).real.astype(x.value.dtype)
        return (fitted(dx, n_in),)
    return record("tf.signal.rfft", out, (x,), backward)


def irfft(input_tensor, fft_length=None, name=None):
    """``tf.signal.irfft``: the real signal of ``fft_length`` samples whose spectrum the last
    axis holds (``2 * (bins - 1)`` samples by default)."""
    x = convert(input_tensor)
    if x.value.dtype not in REAL_OF:
        raise TypeError(f"Value passed to parameter 'input' has DataType "
                        f"{x.value.dtype.name} not in list of allowed values: complex64, "
                        "complex128")
    bins = x.value.shape[-1]
    n = fft_length_of(fft_length, 2 * (bins - 1))
    real_dtype = REAL_OF[x.value.dtype]
    out = np.fft.irfft(fitted(x.value, n // 2 + 1), n=n, axis=-1).astype(real_dtype)

    def backward(g, needs):
        weights = np.full(n // 2 + 1, 2.0)
        weights[0] = 1.0
        if n % 2 == 0:
            weights[-1] = 1.0
        dx = np.fft.rfft(g, n=n, axis=-1) * weights / n
        return (fitted(dx.astype(x.value.dtype), bins),)
    return record("tf.signal.irfft", out, (x,), backward)


# -- short-time Fourier transforms ----------------------------------------------------
def enclosing_power_of_2(value):
    return int(2 ** math.ceil(math.log2(value))) if value > 0 else 1


def stft(signals, frame_length, frame_step, fft_length=None, window_fn=hann_window,
         pad_end=False, name=None):
    """``tf.signal.stft``: ``(..., samples)`` to ``(..., frames, fft_length // 2 + 1)``."""
    signals = convert(signals)
    frame_length, frame_step = int(frame_length), int(frame_step)
    fft_length = enclosing_power_of_2(frame_length) if fft_length is None else int(fft_length)
    framed = frame(signals, frame_length, frame_step, pad_end=pad_end)
    if window_fn is not None:
        window = window_fn(frame_length, dtype=signals.value.dtype)
        framed = ops.multiply(framed, window)
    return rfft(framed, [fft_length])


def inverse_stft(stfts, frame_length, frame_step, fft_length=None, window_fn=hann_window,
                 name=None):
    """``tf.signal.inverse_stft``: ``(..., frames, bins)`` back to ``(..., samples)``."""
    stfts = convert(stfts)
    frame_length, frame_step = int(frame_length), int(frame_step)
    fft_length = enclosing_power_of_2(frame_length) if fft_length is None else int(fft_length)
    real_frames = irfft(stfts, [fft_length])
    if fft_length >= frame_length:
        real_frames = real_frames[..., :frame_length]
    else:
        extra = [[0, 0]] * (real_frames.value.ndim - 1) + [[0, frame_length - fft_length]]
        real_frames = spatial.pad(real_frames, extra)
    if window_fn is not None:
        window = window_fn(frame_length, dtype=real_frames.value.dtype)
        real_frames = ops.multiply(real_frames, window)
    return overlap_and_add(real_frames, frame_step)


def inverse_stft_window_fn(frame_step, forward_window_fn=hann_window, name=None):
    """``tf.signal.inverse_stft_window_fn``: a window function for ``inverse_stft`` that
    undoes ``stft`` made with ``forward_window_fn``."""
    frame_step = int(frame_step)

    def inverse_stft_window_fn_inner(frame_length, dtype):
        forward = forward_window_fn(frame_length, dtype=dtype).value
        denom = np.square(forward)
        overlaps = -(-frame_length // frame_step)
        denom = np.pad(denom, (0, overlaps * frame_step - frame_length))
        denom = denom.reshape(overlaps, frame_step).sum(0, keepdims=True)
        denom = np.tile(denom, (overlaps, 1)).reshape(overlaps * frame_step)
        return convert((forward / denom[:frame_length]).astype(forward.dtype))
    return inverse_stft_window_fn_inner


__all__ = ["frame", "overlap_and_add", "hann_window", "hamming_window", "rfft", "irfft",
           "stft", "inverse_stft", "inverse_stft_window_fn"]
