"""The HTML report renders in a real browser: headless Chromium screenshots it.

A screenshot that is all one colour means the page (or its inline SVG) did not
render; the test looks for the report's own colours too (diagram boxes).
"""
import shutil
import struct
import subprocess
import zlib

import numpy as np
import pytest

import tracekeras
import visualize
from tracekeras import layers
from tracekeras.models import Sequential

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--window-size=1280,1400"]


def read_png(path):
    """Pixels of an 8-bit RGB/RGBA, non-interlaced PNG (what Chromium writes) as an array."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, {}
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunks.setdefault(kind, []).append(data[pos + 8:pos + 8 + length])
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"][0])
    assert depth == 8 and colour in (2, 6) and interlace == 0
    channels = 3 if colour == 2 else 4
    raw = np.frombuffer(zlib.decompress(b"".join(chunks[b"IDAT"])), np.uint8)
    stride = width * channels
    rows = raw.reshape(height, stride + 1)
    out = np.zeros((height, stride), np.int32)
    previous = np.zeros(stride, np.int32)
    for y in range(height):
        kind, line = rows[y, 0], rows[y, 1:].astype(np.int32)
        if kind == 0:
            cur = line
        elif kind == 2:
            cur = (line + previous) % 256
        else:
            cur = np.zeros(stride, np.int32)
            for x in range(stride):
                left = cur[x - channels] if x >= channels else 0
                up, corner = previous[x], previous[x - channels] if x >= channels else 0
                if kind == 1:
                    pred = left
                elif kind == 3:
                    pred = (left + up) // 2
                else:
                    p = left + up - corner
                    pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                    pred = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
                cur[x] = (line[x] + pred) % 256
        out[y] = cur
        previous = cur
    return out.reshape(height, width, channels)[:, :, :3]


@pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium (make test installs it)")
def test_the_report_renders_with_its_diagrams_visible(tmp_path):
    model = Sequential([layers.Dense(8, activation="relu"), layers.Dense(3, activation="softmax")])
    model.compile("rmsprop", "sparse_categorical_crossentropy", metrics=["accuracy"])
    x = np.random.default_rng(0).random((64, 5), dtype="float32")
    with tracekeras.trace() as t:
        model.fit(x, np.arange(64) % 3, epochs=1, batch_size=16, verbose=0)
    page = tmp_path / "report.html"
    page.write_text(visualize.html_report(t), encoding="utf-8")
    shot = tmp_path / "shot.png"
    subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
                    f"--screenshot={shot}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    pixels = read_png(shot)
    assert pixels.shape[1] == 1280
    colours = {tuple(p) for p in pixels[::7, ::7].reshape(-1, 3)}
    assert len(colours) > 50, "the screenshot is (nearly) blank"
    not_white = (pixels.sum(axis=2) < 740).mean()
    assert 0.02 < not_white < 0.9
