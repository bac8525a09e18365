"""TensorBoard's event-file format, written by hand (what ``tf.summary`` writers produce).

An event file is a TFRecord stream: each record is the data length (uint64,
little endian), the masked CRC-32C of those 8 bytes, the data, and the masked
CRC-32C of the data. Each record's data is an ``Event`` protobuf. The first
event carries ``file_version: "brain.Event:2"``; every later one carries a
``Summary`` with one value: a ``tag``, a scalar ``tensor`` (DT_FLOAT, empty
shape, 4 bytes of ``tensor_content``) and metadata naming the "scalars" plugin,
which is how TF2's ``tf.summary.scalar`` writes (not the TF1 ``simple_value``).

This module owns the event bytes: the Event and Summary messages, file naming, and
``EventFileWriter``; the CRC-32C, the record framing and protobuf's field encoding are
:mod:`tracekeras.data.record_bytes`'s (a TFRecord's, shared with ``tf.io.TFRecordWriter``).
It receives tags, steps and values from ``tracekeras.callbacks.tensorboard``.
It emits no trace events.
"""
import os
import socket
import struct
import time

# the record framing and protobuf's field encoding are a TFRecord's, shared with
# tf.io.TFRecordWriter and tf.train.Example (crc32c and masked_crc32c re-exported here)
from tracekeras.data.record_bytes import (  # noqa: E402,F401 - after the stdlib imports
    crc32c,
    field_bytes,
    field_double,
    field_varint,
    frame_record,
    masked_crc32c,
    varint,
)

# --- Event messages ---------------------------------------------------------
_DT_FLOAT = 1


def encode_event(wall_time, step=0, file_version=None, summary=None):
    """``Event``: wall_time (1), step (2), file_version (3), summary (5),
    source_metadata (10). Zero step is omitted, as proto3 omits defaults."""
    out = field_double(1, wall_time)
    if step:
        out += field_varint(2, step)
    if file_version is not None:
        out += field_bytes(3, file_version)
        out += field_bytes(10, field_bytes(1, "tensorflow.core.util.events_writer"))
    if summary is not None:
        out += field_bytes(5, summary)
    return out


def encode_scalar_summary(tag, value):
    """``Summary`` with one ``Value``: tag (1), tensor (8), metadata (9)."""
    tensor = (field_varint(1, _DT_FLOAT) + field_bytes(2, b"")
              + field_bytes(4, struct.pack("<f", float(value))))
    metadata = field_bytes(1, field_bytes(1, "scalars"))   # plugin_data.plugin_name
    summary_value = field_bytes(1, tag) + field_bytes(8, tensor) + field_bytes(9, metadata)
    return field_bytes(1, summary_value)


# --- files ------------------------------------------------------------------
_file_count = [0]   # per process, like TF's writer counter: the <n> in the file name


def event_file_name(now=None):
    """``events.out.tfevents.<time>.<host>.<pid>.<n>.v2``."""
    now = int(time.time() if now is None else now)
    name = "events.out.tfevents.%d.%s.%d.%d.v2" % (now, socket.gethostname(),
                                                   os.getpid(), _file_count[0])
    _file_count[0] += 1
    return name


class EventFileWriter:
    """Appends events to one new file in ``logdir`` (created if missing)."""

    def __init__(self, logdir):
        os.makedirs(logdir, exist_ok=True)
        now = time.time()
        self.path = os.path.join(logdir, event_file_name(now))
        self._file = open(self.path, "wb")  # noqa: SIM115 - kept open until close()
        self._write(encode_event(float(int(now)), file_version="brain.Event:2"))

    def _write(self, event):
        self._file.write(frame_record(event))

    def scalar(self, tag, value, step):
        self._write(encode_event(time.time(), step=int(step),
                                 summary=encode_scalar_summary(tag, value)))

    def flush(self):
        self._file.flush()

    def close(self):
        if not self._file.closed:
            self._file.close()
