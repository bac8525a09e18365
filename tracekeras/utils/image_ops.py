"""``tf.image.resize`` on NumPy: the four kernels Keras's image utilities and layers reach.

What it owns: ``resize(images, size, method)`` for ``(h, w, c)`` or ``(n, h, w, c)``
arrays with TensorFlow 2's conventions (``antialias=False``, half-pixel centres):

* ``bilinear`` (``ResizeBilinear``): the source position of output row ``i`` is
  ``(i + 0.5) * in / out - 0.5``; the two neighbours are clamped to the image and mixed
  as ``top + (bottom - top) * lerp``, in float32 like TensorFlow's kernel;
* ``nearest`` (``ResizeNearestNeighbor``): row ``floor((i + 0.5) * in / out)``, clamped;
  the only method that keeps the input dtype;
* ``bicubic`` (``ResizeBicubic``): Keys' cubic (a = -0.5) read from TensorFlow's table of
  1024 steps, neighbours outside the image weighted 0 and the rest renormalised;
* ``area`` (``ResizeArea``): each output pixel averages the input cells its box covers,
  the cells on the box's border weighted by the part covered.

Every method but ``nearest`` returns float32. ``smart_resize`` is in ``image_utils``.
Receives and hands on NumPy arrays; no trace events (callers record the op).
"""
import numpy as np

METHODS = ("bilinear", "nearest", "bicubic", "area")
TABLE_SIZE = 1024


def resize(images, size, method="bilinear"):
    """``tf.image.resize(images, size, method)`` for a 3-D or 4-D NumPy array."""
    images = np.asarray(images)
    if images.ndim not in (3, 4):
        raise ValueError(f"'images' must have either 3 or 4 dimensions. Received shape "
                         f"{images.shape}")
    batched = images if images.ndim == 4 else images[None]
    height, width = (int(d) for d in size)
    if method == "nearest":
        rows = nearest_indices(batched.shape[1], height)
        cols = nearest_indices(batched.shape[2], width)
        out = batched[:, rows][:, :, cols]
    elif method == "bilinear":
        out = bilinear(batched.astype(np.float32), height, width)
    elif method == "bicubic":
        out = separable(batched.astype(np.float32), cubic_weights(batched.shape[1], height),
                        cubic_weights(batched.shape[2], width))
    elif method == "area":
        out = separable(batched.astype(np.float32), area_weights(batched.shape[1], height),
                        area_weights(batched.shape[2], width))
    else:
        raise ValueError(f"Resize method is not implemented: [{method}]")
    return out if images.ndim == 4 else out[0]


def scale_of(in_size, out_size):
    return np.float32(in_size) / np.float32(out_size)


def nearest_indices(in_size, out_size):
    scaled = (np.arange(out_size, dtype=np.float32) + np.float32(0.5)) * scale_of(in_size,
                                                                               out_size)
    return np.clip(np.floor(scaled).astype(np.int64), 0, in_size - 1)


def bilinear_positions(in_size, out_size):
    """(lower index, upper index, lerp) of each output row, as ``compute_interpolation_weights``."""
    position = ((np.arange(out_size, dtype=np.float32) + np.float32(0.5))
                * scale_of(in_size, out_size) - np.float32(0.5))
    floor = np.floor(position)
    lower = np.maximum(floor.astype(np.int64), 0)
    upper = np.minimum(np.ceil(position).astype(np.int64), in_size - 1)
    return lower, upper, (position - floor).astype(np.float32)


def bilinear(images, height, width):
    top, bottom, y_lerp = bilinear_positions(images.shape[1], height)
    left, right, x_lerp = bilinear_positions(images.shape[2], width)
    x_lerp = x_lerp[None, None, :, None]

    def row_mix(rows):
        rows = images[:, rows]
        near, far = rows[:, :, left], rows[:, :, right]
        return near + (far - near) * x_lerp
    upper_row, lower_row = row_mix(top), row_mix(bottom)
    return upper_row + (lower_row - upper_row) * y_lerp[None, :, None, None]


def separable(images, row_weights, col_weights):
    """Weights applied along the height, then along the width (float32 products)."""
    out = np.einsum("oh,nhwc->nowc", row_weights, images, dtype=np.float32)
    return np.einsum("pw,nowc->nopc", col_weights, out, dtype=np.float32).astype(np.float32)


def keys_table():
    """TensorFlow's table of Keys' cubic coefficients (a = -0.5) at 1024 + 1 offsets."""
    a = -0.5
    x = np.arange(TABLE_SIZE + 1, dtype=np.float64) / TABLE_SIZE
    near = (((a + 2) * x - (a + 3)) * x * x + 1).astype(np.float32)
    x = x + 1.0
    far = (((a * x - 5 * a) * x + 8 * a) * x - 4 * a).astype(np.float32)
    return near, far


def cubic_weights(in_size, out_size):
    """An (out, in) matrix of the four bicubic weights of each output row."""
    near, far = keys_table()
    weights = np.zeros((out_size, in_size), dtype=np.float32)
    scale = scale_of(in_size, out_size)
    for i in range(out_size):
        position = (np.float32(i) + np.float32(0.5)) * scale - np.float32(0.5)
        start = int(np.floor(position))
        offset = int(np.rint((position - np.floor(position)) * TABLE_SIZE))
        taps = (far[offset], near[offset], near[TABLE_SIZE - offset], far[TABLE_SIZE - offset])
        inside = [(start - 1 + k, w) for k, w in enumerate(taps) if 0 <= start - 1 + k < in_size]
        total = np.float32(sum(w for _, w in inside))
        for index, w in inside:
            weights[i, index] += w / total if abs(total) > 0 else w
    return weights


def area_weights(in_size, out_size):
    """An (out, in) matrix: the part of each input cell an output box covers, over its size."""
    scale = scale_of(in_size, out_size)
    weights = np.zeros((out_size, in_size), dtype=np.float32)
    for i in range(out_size):
        start, end = np.float32(i) * scale, np.float32(i + 1) * scale
        for cell in range(int(np.floor(start)), int(np.ceil(end))):
            covered = min(cell + 1, end) - max(cell, start)
            weights[i, min(max(cell, 0), in_size - 1)] += covered / scale
    return weights
