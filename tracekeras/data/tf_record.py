"""TFRecord files: ``tf.io.TFRecordWriter``, ``tf.io.TFRecordOptions`` and
``tf.data.TFRecordDataset`` (``tensorflow/core/lib/io/record_writer.cc`` and
``record_reader.cc``), uncompressed or as one ZLIB or GZIP stream.

What it owns: the record stream, byte for byte TensorFlow's: each record is its length
(uint64, little endian), the masked CRC-32C of those 8 bytes, the data, and the masked
CRC-32C of the data (the framing and the CRC are :mod:`tracekeras.data.record_bytes`'s,
which writes TensorBoard's event files, TFRecord streams too).

- ``TFRecordWriter(path, options=None)``: ``write(record)`` (bytes, or a str written as
  UTF-8), ``flush``, ``close``, a context manager. ``options`` (``"ZLIB"``, ``"GZIP"`` or a
  ``TFRecordOptions``) compresses the whole stream with zlib's settings: TensorFlow's
  bytes (zlib is TensorFlow's compressor too); another ``flush_mode`` ends in tracekeras's
  "does not implement", the buffer sizes change no byte and are not used.
- ``read_records(path)``: each record's data, checked as TensorFlow's ``RecordReader``
  checks it, with its errors: data cut short, ``DataLossError("truncated record at
  <offset>' failed with Read less bytes than requested")``; a CRC that does not match,
  ``"corrupted record at <offset>"`` (the record's offset for its header, with "(Is this
  even a TFRecord file?)" for the first, the data's for its data); a missing file,
  ``NotFoundError("<path>; No such file or directory")``. A header cut short ends the file
  without an error, as in TensorFlow.
- ``TFRecordDataset(filenames, compression_type=None, buffer_size=None,
  num_parallel_reads=None)``: a string dataset of every record of each file in turn; with
  ``num_parallel_reads`` the files are interleaved a record at a time, as TensorFlow reads
  them.

What it hands on: bytes, and ``Dataset`` objects. Trace events: none of its own (the
datasets are consumed by ``fit`` and the other loops, which trace the data stage).
"""
import gzip
import io
import os
import struct
import zlib

import numpy as np

from tracekeras.backend.op_errors import NotFoundError
from tracekeras.data import structure
from tracekeras.data.dataset import UNKNOWN_CARDINALITY, Dataset
from tracekeras.data.padding import DataLossError
from tracekeras.data.readers import file_names, interleave
from tracekeras.data.record_bytes import frame_record, masked_crc32c
from tracekeras.shim.errors import OperationNotImplementedByTracekeras, caller

HEADER_SIZE = 12   # the length (8 bytes) and its masked CRC (4)


COMPRESSIONS = ("", "ZLIB", "GZIP")


class TFRecordOptions:
    """``tf.io.TFRecordOptions``: a compression (``""``, ``"ZLIB"`` or ``"GZIP"``) and zlib's
    settings (``None``: zlib's defaults, as TensorFlow's)."""

    def __init__(self, compression_type=None, flush_mode=None, input_buffer_size=None,
                 output_buffer_size=None, window_bits=None, compression_level=None,
                 compression_strategy=None, mem_level=None):
        if compression_type not in (None,) + COMPRESSIONS:
            raise ValueError(f'Not a valid compression_type: "{compression_type}"')
        if flush_mode is not None:     # another flush mode writes other bytes
            raise OperationNotImplementedByTracekeras(
                f"tracekeras does not implement tf.io.TFRecordOptions with flush_mode="
                f"{flush_mode!r} (used by {caller()})")
        self.compression_type = compression_type
        self.flush_mode, self.input_buffer_size = flush_mode, input_buffer_size
        self.output_buffer_size, self.window_bits = output_buffer_size, window_bits
        self.compression_level, self.compression_strategy = compression_level, compression_strategy
        self.mem_level = mem_level

    @classmethod
    def get_compression_type_string(cls, options):
        if not options:
            return ""
        if isinstance(options, TFRecordOptions):
            return options.compression_type or ""
        return cls(options).compression_type

    def compressor(self):
        """A zlib stream of these settings (GZIP: zlib's gzip wrapper), or None."""
        kind = self.compression_type or ""
        if not kind:
            return None
        bits = 15 if self.window_bits is None else int(self.window_bits)
        return zlib.compressobj(
            -1 if self.compression_level is None else int(self.compression_level),
            zlib.DEFLATED, bits + 16 if kind == "GZIP" else bits,
            9 if self.mem_level is None else int(self.mem_level),
            0 if self.compression_strategy is None else int(self.compression_strategy))


def options_of(options):
    return options if isinstance(options, TFRecordOptions) else TFRecordOptions(
        TFRecordOptions.get_compression_type_string(options))


class TFRecordWriter:
    """``tf.io.TFRecordWriter``: records appended to a new file."""

    def __init__(self, path, options=None):
        self._compressor = options_of(options).compressor()
        self._file = open(os.fspath(path), "wb")

    def write(self, record):
        """Append one record: ``bytes``, or a ``str`` (written as UTF-8)."""
        if isinstance(record, str):
            record = record.encode("utf-8")
        if not isinstance(record, (bytes, bytearray, np.bytes_)):
            raise TypeError(f"write(): incompatible function arguments. The following "
                            f"argument types are supported:\n    1. (self: RecordWriter, "
                            f"record: str) -> None\n\nInvoked with: {record!r}")
        framed = frame_record(bytes(record))
        self._file.write(framed if self._compressor is None
                         else self._compressor.compress(framed))

    def flush(self):
        self._file.flush()

    def close(self):
        if self._file.closed:
            return
        if self._compressor is not None:
            self._file.write(self._compressor.flush())
        self._file.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def read_checked(f, offset, size):
    """``size`` bytes and their masked CRC from ``offset``; None where the file ends first."""
    block = f.read(size + 4)
    if len(block) < size + 4:
        return None
    data, (crc,) = block[:size], struct.unpack("<I", block[size:])
    if masked_crc32c(data) != crc:
        doubt = " (Is this even a TFRecord file?)" if offset == 0 else ""
        raise DataLossError(f"corrupted record at {offset}{doubt} [Op:IteratorGetNext]")
    return data


def opened(path, compression):
    """The file's record stream: the file, or its ZLIB or GZIP stream decompressed (any other
    compression reads the file as it is, as TensorFlow's reader does)."""
    if compression not in ("ZLIB", "GZIP"):
        return open(path, "rb")
    with open(path, "rb") as f:
        data = f.read()
    return io.BytesIO(gzip.decompress(data) if compression == "GZIP" else zlib.decompress(data))


def read_records(path, compression=""):
    """The data of each record of the file at ``path``, in order."""
    path = os.fspath(path)
    if not os.path.exists(path):
        raise NotFoundError(f"{path}; No such file or directory [Op:IteratorGetNext]")
    offset = 0
    with opened(path, compression) as f:
        while True:
            header = read_checked(f, offset, 8)
            if header is None:     # the end, or a header cut short: TensorFlow stops there
                return
            (length,) = struct.unpack("<Q", header)
            data = read_checked(f, offset + HEADER_SIZE, length)
            if data is None:
                raise DataLossError(f"truncated record at {offset}' failed with Read less "
                                    f"bytes than requested [Op:IteratorGetNext]")
            yield data
            offset += HEADER_SIZE + length + 4


def TFRecordDataset(filenames, compression_type=None, buffer_size=None,
                    num_parallel_reads=None, name=None):
    """``tf.data.TFRecordDataset``: one string element per record of each file, in order."""
    compression = "" if compression_type is None else str(compression_type)
    paths = file_names(filenames)
    if num_parallel_reads is not None:   # TensorFlow interleaves the files, a record at a time
        dataset = interleave(Dataset.from_tensor_slices(np.array(
            [os.fsencode(p) for p in paths], dtype=object)),
            lambda name: TFRecordDataset(name, compression),
            cycle_length=num_parallel_reads, block_length=1)
        dataset._kind = "TFRecordDatasetV2"    # the interleave is inside it, in TensorFlow
        return dataset

    def make_iterator():
        for path in paths:
            for data in read_records(path, compression):
                yield np.array(data, dtype=object)
    return Dataset(make_iterator, UNKNOWN_CARDINALITY, structure.TensorSpec((), object),
                   "TFRecordDatasetV2")


__all__ = ["TFRecordDataset", "TFRecordOptions", "TFRecordWriter", "read_records"]
