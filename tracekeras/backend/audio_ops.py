"""``tf.audio.decode_wav`` and ``tf.audio.encode_wav``: 16-bit PCM WAV files as tensors.

What it owns, as TensorFlow 2.21's ``wav_io`` reads and writes them:

- ``decode_wav(contents, desired_channels=-1, desired_samples=-1)``: the RIFF header read
  chunk by chunk (``fmt `` of 16 or 18 bytes, PCM, 16 bits per sample; chunks before
  ``data`` skipped), each sample ``int16 / 32768`` as float32, ``(samples, channels)``;
  ``desired_samples`` cuts or zero-pads the samples, ``desired_channels`` keeps the first
  channels or repeats the last one (a mono file becomes any number of equal channels);
  returns ``(audio, sample_rate)`` with the rate an int32 scalar. A file that is no such
  WAV is TensorFlow's ``InvalidArgumentError`` with its message;
- ``encode_wav(audio, sample_rate)``: a ``(samples, channels)`` float32 tensor as the
  44-byte header and samples ``x * 32768`` rounded half away from zero and clipped to
  int16, the same bytes as TensorFlow's; a string scalar.

What it receives: a string scalar (bytes) or a float tensor. What it hands on: Tensors
(no gradients: TensorFlow defines none). Trace events: none of their own.
"""
import struct

import numpy as np

from .op_errors import InvalidArgumentError
from .tensor import Tensor, convert


def eager_error(op, message, name=False):
    return InvalidArgumentError(
        f"{{{{function_node __wrapped__{op}_device_/job:localhost/replica:0/task:0/device:CPU:0"
        f"}}}} {message} [Op:{op}]" + (" name: " if name else ""))


class WavReader:
    """A cursor over the bytes of a WAV file, failing as TensorFlow's ``wav_io`` fails."""

    def __init__(self, data):
        self.data, self.offset = data, 0

    def take(self, size, what):
        if self.offset + size > len(self.data):
            raise eager_error("DecodeWav", f"Data too short when trying to read {what}")
        chunk = self.data[self.offset:self.offset + size]
        self.offset += size
        return chunk

    def expect(self, token):
        found = self.take(len(token), "string")
        if found != token:
            raise eager_error("DecodeWav", f"Header mismatch: Expected {token.decode()} but "
                                           f"found {found.decode('latin-1')}")

    def value(self, fmt):
        return struct.unpack("<" + fmt, self.take(struct.calcsize(fmt), "string"))[0]


def read_header(reader):
    """``(channels, sample_rate)`` from the RIFF and ``fmt `` chunks."""
    reader.expect(b"RIFF")
    reader.value("I")
    reader.expect(b"WAVE")
    reader.expect(b"fmt ")
    chunk_size = reader.value("I")
    if chunk_size not in (16, 18):
        raise eager_error("DecodeWav", "Bad format chunk size for WAV: Expected 16 or 18, but "
                                       f"got{chunk_size}")
    audio_format = reader.value("H")
    if audio_format != 1:
        raise eager_error("DecodeWav", "Bad audio format for WAV: Expected 1 (PCM), but got"
                                       f"{audio_format}")
    channels, sample_rate = reader.value("H"), reader.value("I")
    reader.value("I")   # bytes per second
    reader.value("H")   # bytes per sample
    bits = reader.value("H")
    if bits != 16:
        raise eager_error("DecodeWav", f"Can only read 16-bit WAV files, but received {bits}")
    if chunk_size == 18:
        reader.take(2, "string")
    return channels, sample_rate


def read_samples(reader, channels):
    """The int16 samples of the ``data`` chunk, ``(frames, channels)``; other chunks skipped."""
    while True:
        chunk_id = reader.take(4, "string")
        size = reader.value("I")
        if chunk_id == b"data":
            raw = reader.take(size, "string")
            samples = np.frombuffer(raw[:len(raw) - len(raw) % 2], dtype="<i2")
            frames = len(samples) // channels if channels else 0
            return samples[:frames * channels].reshape(frames, channels)
        reader.take(size, "string")


def contents_bytes(contents, op):
    value = contents.value if isinstance(contents, Tensor) else contents
    if isinstance(value, np.ndarray):
        if value.ndim:
            raise eager_error(op, f"contents must be scalar, got shape "
                                  f"[{','.join(map(str, value.shape))}]", name=True)
        value = value.item()
    return value.encode("utf-8") if isinstance(value, str) else bytes(value)


def decode_wav(contents, desired_channels=-1, desired_samples=-1, name=None):
    """``tf.audio.decode_wav``: ``(audio, sample_rate)``, audio float32 in [-1, 1)."""
    reader = WavReader(contents_bytes(contents, "DecodeWav"))
    channels, sample_rate = read_header(reader)
    samples = read_samples(reader, channels).astype(np.float32) / np.float32(32768)
    desired_channels, desired_samples = int(desired_channels), int(desired_samples)
    if desired_channels >= 0:
        pick = np.minimum(np.arange(desired_channels), max(channels - 1, 0))
        samples = samples[:, pick] if channels else np.zeros((len(samples), desired_channels),
                                                             np.float32)
    if desired_samples >= 0:
        kept = samples[:desired_samples]
        pad = np.zeros((desired_samples - len(kept), samples.shape[1]), np.float32)
        samples = np.concatenate([kept, pad])
    return (Tensor(np.ascontiguousarray(samples, dtype=np.float32)),
            Tensor(np.array(sample_rate, dtype=np.int32)))


def encode_wav(audio, sample_rate, name=None):
    """``tf.audio.encode_wav``: the 16-bit PCM WAV file of ``(samples, channels)`` floats."""
    audio = np.asarray(convert(audio).value, dtype=np.float32)
    if audio.ndim != 2:
        raise eager_error("EncodeWav", f"audio must be 2-dimensional"
                                       f"[{','.join(map(str, audio.shape))}]", name=True)
    rate = np.asarray(getattr(sample_rate, "value", sample_rate))
    if rate.ndim:
        raise eager_error("EncodeWav", "Input sample_rate should be a scalar tensor, got "
                                       f"[{','.join(map(str, rate.shape))}] instead.")
    frames, channels = audio.shape
    scaled = audio.astype(np.float64) * 32768.0
    rounded = np.sign(scaled) * np.floor(np.abs(scaled) + 0.5)
    pcm = np.clip(rounded, -32768, 32767).astype("<i2").tobytes()
    rate = int(rate)
    header = b"RIFF" + struct.pack("<I", 36 + len(pcm)) + b"WAVEfmt " + struct.pack(
        "<IHHIIHH", 16, 1, channels, rate, rate * channels * 2, channels * 2, 16)
    header += b"data" + struct.pack("<I", len(pcm))
    return Tensor(np.array(header + pcm, dtype=object))


__all__ = ["decode_wav", "encode_wav"]
