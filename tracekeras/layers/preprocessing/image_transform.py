"""The geometry of the augmentation layers: Keras's ``transform`` and its three matrices.

What it owns: ``transform(images, transforms, fill_mode, fill_value, interpolation)``,
TensorFlow's ``ImageProjectiveTransformV3`` on NumPy, and the matrix makers
``get_rotation_matrix``, ``get_zoom_matrix``, ``get_translation_matrix``
(``keras.layers.preprocessing.image_preprocessing``). A transform is 8 numbers
``[a0, a1, a2, b0, b1, b2, c0, c1]`` per image mapping each *output* pixel ``(x, y)``
to the input point ``((a0 x + a1 y + a2) / k, (b0 x + b1 y + b2) / k)`` with
``k = c0 x + c1 y + 1``. A point outside the image is brought back by ``fill_mode``:
``reflect`` (``dcba|abcd|dcba``), ``wrap`` (``abcd|abcd``), ``nearest`` (the edge pixel),
``constant`` (pixels outside read as ``fill_value``); then read with ``nearest``
(rounded half away from zero) or ``bilinear`` interpolation, in float32 like the kernel.

Receives NumPy arrays of shape ``(n, h, w, c)`` and ``(n, 8)``; hands on the
transformed array with the images' dtype. No trace events (the layers record the op).
"""
import numpy as np

FILL_MODES = ("reflect", "wrap", "constant", "nearest")
INTERPOLATIONS = ("nearest", "bilinear")


def check_fill_mode_and_interpolation(fill_mode, interpolation):
    if fill_mode not in FILL_MODES:
        raise NotImplementedError(f"Unknown `fill_mode` {fill_mode}. Only `reflect`, `wrap`, "
                                  "`constant` and `nearest` are supported.")
    if interpolation not in INTERPOLATIONS:
        raise NotImplementedError(f"Unknown `interpolation` {interpolation}. Only `nearest` "
                                  "and `bilinear` are supported.")


def get_rotation_matrix(angles, image_height, image_width):
    """Rotations by ``angles`` (radians, counter-clockwise) about the image centre."""
    angles = np.asarray(angles, dtype=np.float32)
    h, w = np.float32(image_height) - 1, np.float32(image_width) - 1
    cos, sin = np.cos(angles), np.sin(angles)
    x_offset = (w - (cos * w - sin * h)) / np.float32(2)
    y_offset = (h - (sin * w + cos * h)) / np.float32(2)
    zeros = np.zeros_like(angles)
    return np.stack([cos, -sin, x_offset, sin, cos, y_offset, zeros, zeros], axis=1)


def get_zoom_matrix(zooms, image_height, image_width):
    """Zooms ``(width_zoom, height_zoom)`` per image about the centre (above 1: zoom out)."""
    zooms = np.asarray(zooms, dtype=np.float32)
    x_offset = (np.float32(image_width) - 1) / 2 * (1 - zooms[:, 0])
    y_offset = (np.float32(image_height) - 1) / 2 * (1 - zooms[:, 1])
    zeros = np.zeros(len(zooms), dtype=np.float32)
    return np.stack([zooms[:, 0], zeros, x_offset, zeros, zooms[:, 1], y_offset, zeros, zeros],
                    axis=1)


def get_translation_matrix(translations):
    """Shifts ``(dx, dy)`` in pixels per image (the content moves right and down)."""
    translations = np.asarray(translations, dtype=np.float32)
    ones, zeros = np.ones(len(translations), np.float32), np.zeros(len(translations), np.float32)
    return np.stack([ones, zeros, -translations[:, 0], zeros, ones, -translations[:, 1],
                     zeros, zeros], axis=1)


def map_coordinate(coord, size, fill_mode):
    """Bring input coordinates outside ``[0, size - 1]`` back in, as the kernel's functors."""
    if fill_mode == "constant" or size <= 1 and fill_mode != "nearest":
        return coord if fill_mode == "constant" else np.zeros_like(coord)
    if fill_mode == "reflect":
        period = np.float32(2 * size)
        low = coord < 0
        shifted = np.where(low, coord + period * np.trunc(-coord / period), coord)
        shifted = np.where(low, np.where(shifted < -size, shifted + period, -shifted - 1),
                           shifted)
        high = shifted > size - 1
        wrapped = shifted - period * np.trunc(shifted / period)
        shifted = np.where(high, np.where(wrapped >= size, period - wrapped - 1, wrapped),
                           shifted)
        coord = shifted
    elif fill_mode == "wrap":
        span = np.float32(size - 1)
        coord = np.where(coord < 0, coord + size * (np.trunc(-coord / span) + 1),
                         np.where(coord > size - 1, coord - size * np.trunc(coord / span),
                                  coord))
    return np.clip(coord, 0, size - 1).astype(np.float32)


def read(images, rows, cols, fill_value):
    """Pixels at integer ``(rows, cols)`` per image; ``fill_value`` outside the image.
    Speed: one ``take`` of flat pixel numbers from the images as rows of channels, then the
    outside pixels set in place (2.6x less CPU than indexing by (image, row, column) and
    ``np.where``: 32 pictures of 180 x 180, the same values)."""
    n, h, w, channels = images.shape
    inside = (rows >= 0) & (rows < h) & (cols >= 0) & (cols < w)
    pixel = np.clip(rows, 0, h - 1)
    pixel *= w
    pixel += np.clip(cols, 0, w - 1)
    pixel += (np.arange(n) * (h * w)).reshape((n,) + (1,) * (rows.ndim - 1))
    values = images.reshape(n * h * w, channels).take(pixel, axis=0)
    values[~inside] = np.float32(fill_value)
    return values


def transform(images, transforms, fill_mode="reflect", fill_value=0.0,
              interpolation="bilinear"):
    """``ImageProjectiveTransformV3``: each output pixel read from its mapped input point."""
    images = np.asarray(images)
    n, h, w, _ = images.shape
    t = np.broadcast_to(np.asarray(transforms, dtype=np.float32), (n, 8))[:, :, None, None]
    y, x = np.meshgrid(np.arange(h, dtype=np.float32), np.arange(w, dtype=np.float32),
                       indexing="ij")
    projection = t[:, 6] * x + t[:, 7] * y + np.float32(1)
    safe = np.where(projection == 0, np.float32(1), projection)
    in_x = map_coordinate((t[:, 0] * x + t[:, 1] * y + t[:, 2]) / safe, w, fill_mode)
    in_y = map_coordinate((t[:, 3] * x + t[:, 4] * y + t[:, 5]) / safe, h, fill_mode)
    source = images.astype(np.float32)
    if interpolation == "nearest":
        out = read(source, round_half_away(in_y), round_half_away(in_x), fill_value)
    else:
        out = bilinear(source, in_y, in_x, fill_value)
    out = np.where((projection == 0)[..., None], np.float32(fill_value), out)
    return out.astype(images.dtype)


def round_half_away(values):
    return (np.sign(values) * np.floor(np.abs(values) + np.float32(0.5))).astype(np.int64)


def bilinear(images, y, x, fill_value):
    y0, x0 = np.floor(y), np.floor(x)
    y1, x1 = y0 + 1, x0 + 1
    rows0, rows1 = y0.astype(np.int64), y1.astype(np.int64)
    cols0, cols1 = x0.astype(np.int64), x1.astype(np.int64)
    wx0, wx1 = (x1 - x)[..., None], (x - x0)[..., None]
    top = wx0 * read(images, rows0, cols0, fill_value) + wx1 * read(images, rows0, cols1,
                                                                    fill_value)
    bottom = wx0 * read(images, rows1, cols0, fill_value) + wx1 * read(images, rows1, cols1,
                                                                       fill_value)
    return (y1 - y)[..., None] * top + (y - y0)[..., None] * bottom
