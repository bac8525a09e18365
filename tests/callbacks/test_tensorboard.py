"""TensorBoard event files: our writer against real tf_keras 2.21's files, read by a reader here.

The reader below is independent of ``tracekeras.callbacks.event_file``: it
checks each record's two masked CRC-32Cs (with ``crc32c`` checked against the
standard check value) and decodes the protobuf fields it needs.
``data/tensorboard_train.tfevents`` was written by real tf_keras
(``make_tensorboard_fixture.py``).
"""
import glob
import json
import os
import re
import struct

import numpy as np
import pytest

from tracekeras import callbacks as cbks
from tracekeras.callbacks import event_file

from .test_with_engine import engine_ready, model_and_data

DATA = os.path.join(os.path.dirname(__file__), "data")
NAME = re.compile(r"events\.out\.tfevents\.\d+\.[^.]+(\.[^.]+)*\.\d+\.\d+\.v2")


def _crc(data):
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    crc ^= 0xFFFFFFFF
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def read_records(path):
    with open(path, "rb") as f:
        raw = f.read()
    records, pos = [], 0
    while pos < len(raw):
        header = raw[pos:pos + 8]
        (length,) = struct.unpack("<Q", header)
        assert struct.unpack("<I", raw[pos + 8:pos + 12])[0] == _crc(header)
        data = raw[pos + 12:pos + 12 + length]
        assert struct.unpack("<I", raw[pos + 12 + length:pos + 16 + length])[0] == _crc(data)
        records.append(data)
        pos += 16 + length
    return records


def _varint(buf, pos):
    shift = result = 0
    while True:
        byte = buf[pos]
        result |= (byte & 0x7F) << shift
        pos += 1
        shift += 7
        if byte < 0x80:
            return result, pos


def fields(buf):
    """Field number -> list of raw values (ints, 8-byte/4-byte chunks, or bytes)."""
    out, pos = {}, 0
    while pos < len(buf):
        key, pos = _varint(buf, pos)
        wire = key & 7
        if wire == 0:
            value, pos = _varint(buf, pos)
        elif wire == 1:
            value, pos = buf[pos:pos + 8], pos + 8
        elif wire == 5:
            value, pos = buf[pos:pos + 4], pos + 4
        else:
            assert wire == 2
            length, pos = _varint(buf, pos)
            value, pos = buf[pos:pos + length], pos + length
        out.setdefault(key >> 3, []).append(value)
    return out


def read_events(path):
    """[(wall_time, step, file_version or (tag, value, plugin))] for one event file."""
    events = []
    for record in read_records(path):
        f = fields(record)
        wall_time = struct.unpack("<d", f[1][0])[0]
        step = f.get(2, [0])[0]
        if 3 in f:
            events.append((wall_time, step, f[3][0].decode()))
            continue
        (value,) = fields(f[5][0])[1]
        value = fields(value)
        tensor = fields(value[8][0])
        assert tensor[1] == [1] and tensor[2] == [b""]          # DT_FLOAT, shape []
        plugin = fields(fields(value[9][0])[1][0])[1][0].decode()
        events.append((wall_time, step, (value[1][0].decode(),
                                         struct.unpack("<f", tensor[4][0])[0], plugin)))
    return events


def test_crc32c_check_value():
    assert event_file.crc32c(b"123456789") == 0xE3069283
    assert event_file.masked_crc32c(b"abc") == _crc(b"abc")


def test_reads_real_tf_keras_file_and_writes_the_same_bytes():
    path = os.path.join(DATA, "tensorboard_train.tfevents")
    with open(os.path.join(DATA, "tensorboard_history.json")) as f:
        ref = json.load(f)
    assert NAME.fullmatch(ref["file_name"])
    events = read_events(path)
    assert events[0][1:] == (0, "brain.Event:2") and events[0][0] == int(events[0][0])
    h = ref["history"]
    assert [e[1:] for e in events[1:]] == [
        (epoch, ("epoch_" + name, np.float32(h[name][epoch]), "scalars"))
        for epoch in (0, 1) for name in ("loss", "accuracy")]
    # Each record of the real file is what our encoder makes from the same fields.
    expected = [event_file.encode_event(events[0][0], file_version="brain.Event:2")]
    expected += [event_file.encode_event(t, step, summary=event_file.encode_scalar_summary(
        tag, value)) for t, step, (tag, value, _) in events[1:]]
    assert read_records(path) == expected


def _fit_with_tensorboard(tmp_path, **kwargs):
    model, x, y = model_and_data()
    board = cbks.TensorBoard(log_dir=tmp_path / "logs", **kwargs)
    history = model.fit(x, y, epochs=2, batch_size=16, verbose=0, validation_split=0.25,
                        callbacks=[board])
    files = {d: glob.glob(str(tmp_path / "logs" / d / "*")) for d in ("train", "validation")}
    assert all(len(v) == 1 and NAME.fullmatch(os.path.basename(v[0])) for v in files.values())
    return history.history, {d: read_events(v[0]) for d, v in files.items()}


@pytest.mark.skipif(not engine_ready(), reason="tracekeras engine not importable yet")
def test_fit_writes_epoch_scalars_equal_to_history(tmp_path):
    h, events = _fit_with_tensorboard(tmp_path)
    for d in ("train", "validation"):
        assert events[d][0][1:] == (0, "brain.Event:2")
    assert [e[1:] for e in events["train"][1:]] == [
        (epoch, ("epoch_" + name, np.float32(h[name][epoch]), "scalars"))
        for epoch in (0, 1) for name in ("loss", "mae")]
    val = [e[1:] for e in events["validation"][1:]]
    epoch_val = [e for e in val if e[1][0].startswith("epoch_")]
    assert epoch_val == [(epoch, ("epoch_" + name, np.float32(h["val_" + name][epoch]),
                                  "scalars")) for epoch in (0, 1) for name in ("loss", "mae")]
    # After each validation: its results against optimizer.iterations (3 steps an epoch).
    assert [(s, t) for s, (t, _, _) in val if t.startswith("evaluation_")] == [
        (step, f"evaluation_{name}_vs_iterations") for step in (3, 6) for name in ("loss", "mae")]
    times = [e[0] for e in events["train"]]
    assert times == sorted(times)


@pytest.mark.skipif(not engine_ready(), reason="tracekeras engine not importable yet")
def test_integer_update_freq_writes_batch_scalars(tmp_path):
    _, events = _fit_with_tensorboard(tmp_path, update_freq=2)
    batch = [(s, t) for _, s, (t, _, _) in events["train"][1:] if t.startswith("batch_")]
    assert batch == [(step, "batch_" + name) for step in (2, 4, 6) for name in ("loss", "mae")]


def test_options_beyond_scalars_raise_before_any_file(tmp_path):
    with pytest.raises(NotImplementedError, match="histogram_freq"):
        cbks.TensorBoard(log_dir=tmp_path / "logs", histogram_freq=1)
    with pytest.raises(ValueError, match="update_freq"):
        cbks.TensorBoard(log_dir=tmp_path / "logs", update_freq="often")
    assert not (tmp_path / "logs").exists()
