"""The image transforms of ``keras.preprocessing.image``, in NumPy.

What it owns: ``apply_affine_transform`` (rotation, shift, shear and zoom composed into
one matrix about the image centre, as Keras composes them), ``transform_matrix_offset_center``,
``flip_axis``, ``apply_channel_shift`` and ``apply_brightness_shift`` (through an 8-bit
PIL image and ``ImageEnhance.Brightness``, as Keras does). Keras resamples each channel with
``scipy.ndimage.affine_transform``; tracekeras does not depend on SciPy, so
``affine_sample`` does the same resampling: each output pixel ``o`` reads the input at
``matrix @ o + offset``, by spline order 0 (the nearest pixel) or 1 (bilinear), with
SciPy's ``fill_mode`` rule for points outside the image: ``nearest`` (the edge pixel),
``constant`` (``cval``), ``reflect`` (mirrored about the edge, ``d c b a | a b c d``) or
``wrap``. Coordinates are computed in float64 as SciPy computes them, and the result has
the input's dtype.

Receives one image ``(rows, cols, channels)`` (or channels first) and the transform's
numbers; hands on a new array. No trace events (per-pixel work).
"""
import numpy as np

from tracekeras.utils import image_utils

FILL_MODES = ("constant", "nearest", "reflect", "wrap")


def transform_matrix_offset_center(matrix, x, y):
    """``matrix`` applied about the image centre rather than about pixel (0, 0)."""
    o_x, o_y = float(x) / 2 - 0.5, float(y) / 2 - 0.5
    offset_matrix = np.array([[1, 0, o_x], [0, 1, o_y], [0, 0, 1]])
    reset_matrix = np.array([[1, 0, -o_x], [0, 1, -o_y], [0, 0, 1]])
    return np.dot(np.dot(offset_matrix, matrix), reset_matrix)


def flip_axis(x, axis):
    return np.flip(np.asarray(x), axis)


def apply_channel_shift(x, intensity, channel_axis=0):
    """Add ``intensity`` to every channel, clipped to the image's own min and max."""
    x = np.rollaxis(x, channel_axis, 0)
    min_x, max_x = np.min(x), np.max(x)
    x = np.stack([np.clip(channel + intensity, min_x, max_x) for channel in x], axis=0)
    return np.rollaxis(x, 0, channel_axis + 1)


def apply_brightness_shift(x, brightness, scale=True):
    """``x`` made ``brightness`` times as bright by PIL, on 0-255 (rescaled back unless
    ``scale``, when ``x`` was outside 0-255)."""
    from PIL import ImageEnhance  # on first use, as Pillow is in image_utils
    x_min, x_max = np.min(x), np.max(x)
    local_scale = (x_min < 0) or (x_max > 255)
    img = image_utils.array_to_img(x, scale=local_scale or scale)
    x = image_utils.img_to_array(ImageEnhance.Brightness(img).enhance(brightness))
    if not scale and local_scale:
        x = x / 255 * (x_max - x_min) + x_min
    return x


def compose(theta=0, tx=0, ty=0, shear=0, zx=1, zy=1):
    """Keras's product rotation @ shift @ shear @ zoom of the parts that are not identity."""
    parts = []
    if theta != 0:
        theta = np.deg2rad(theta)
        parts.append(np.array([[np.cos(theta), -np.sin(theta), 0],
                               [np.sin(theta), np.cos(theta), 0], [0, 0, 1]]))
    if tx != 0 or ty != 0:
        parts.append(np.array([[1, 0, tx], [0, 1, ty], [0, 0, 1]]))
    if shear != 0:
        shear = np.deg2rad(shear)
        parts.append(np.array([[1, -np.sin(shear), 0], [0, np.cos(shear), 0], [0, 0, 1]]))
    if zx != 1 or zy != 1:
        parts.append(np.array([[zx, 0, 0], [0, zy, 0], [0, 0, 1]]))
    matrix = None
    for part in parts:
        matrix = part if matrix is None else np.dot(matrix, part)
    return matrix


def apply_affine_transform(x, theta=0, tx=0, ty=0, shear=0, zx=1, zy=1, row_axis=1,
                           col_axis=2, channel_axis=0, fill_mode="nearest", cval=0.0,
                           order=1):
    """``x`` rotated by ``theta`` degrees, shifted, sheared and zoomed (Keras's argument names)."""
    if np.unique([row_axis, col_axis, channel_axis]).size != 3:
        raise ValueError("'row_axis', 'col_axis', and 'channel_axis' must be distinct")
    actual_indices = {row_axis, col_axis, channel_axis}
    if actual_indices != {0, 1, 2}:
        raise ValueError(f"Invalid axis' indices: {actual_indices - {0, 1, 2}}")
    if x.ndim != 3:
        raise ValueError("Input arrays must be multi-channel 2D images.")
    if channel_axis not in [0, 2]:
        raise ValueError("Channels are allowed and the first and last dimensions.")
    check_resampling(fill_mode, order)
    transform_matrix = compose(theta, tx, ty, shear, zx, zy)
    if transform_matrix is None:
        return x
    h, w = x.shape[row_axis], x.shape[col_axis]
    transform_matrix = transform_matrix_offset_center(transform_matrix, h, w)
    x = np.rollaxis(x, channel_axis, 0)
    if col_axis > row_axis:
        transform_matrix[:, [0, 1]] = transform_matrix[:, [1, 0]]
        transform_matrix[[0, 1]] = transform_matrix[[1, 0]]
    x = np.stack([affine_sample(channel, transform_matrix[:2, :2], transform_matrix[:2, 2],
                                order, fill_mode, cval) for channel in x], axis=0)
    return np.rollaxis(x, 0, channel_axis + 1)


def not_implemented(what, instead):
    """The one-line "does not implement" error, naming the script line that asked."""
    from tracekeras.shim.errors import PACKAGE, OperationNotImplementedByTracekeras, caller
    return OperationNotImplementedByTracekeras(
        f"tracekeras does not implement {what} (used by {caller(PACKAGE)}); {instead}")


def check_resampling(fill_mode, order):
    """SciPy offers more fill modes and spline orders than NumPy's resampling here."""
    if fill_mode not in FILL_MODES:
        raise not_implemented(f"keras.preprocessing.image.apply_affine_transform with "
                              f"fill_mode={fill_mode!r}",
                              f"implemented fill modes: {', '.join(FILL_MODES)}")
    if order not in (0, 1):
        raise not_implemented(f"keras.preprocessing.image.apply_affine_transform with "
                              f"order={order}", "implemented interpolation orders: 0, 1")


def affine_sample(image, matrix, offset, order, mode, cval):
    """``scipy.ndimage.affine_transform(image, matrix, offset, order, mode=mode, cval=cval)``."""
    rows, cols = image.shape
    out_r, out_c = np.meshgrid(np.arange(rows, dtype=np.float64),
                               np.arange(cols, dtype=np.float64), indexing="ij")
    coord_r = matrix[0, 0] * out_r + matrix[0, 1] * out_c + offset[0]
    coord_c = matrix[1, 0] * out_r + matrix[1, 1] * out_c + offset[1]
    outside = np.zeros(image.shape, dtype=bool)
    if mode == "constant":
        outside = (coord_r < 0) | (coord_r > rows - 1) | (coord_c < 0) | (coord_c > cols - 1)
    coord_r, coord_c = map_coordinate(coord_r, rows, mode), map_coordinate(coord_c, cols, mode)
    data = image.astype(np.float64)
    if order == 0:
        result = data[neighbour(np.floor(coord_r + 0.5), rows, mode),
                      neighbour(np.floor(coord_c + 0.5), cols, mode)]
    else:
        r0, c0 = np.floor(coord_r), np.floor(coord_c)
        tr, tc = coord_r - r0, coord_c - c0
        r_lo, r_hi = neighbour(r0, rows, mode), neighbour(r0 + 1, rows, mode)
        c_lo, c_hi = neighbour(c0, cols, mode), neighbour(c0 + 1, cols, mode)
        result = ((1 - tr) * ((1 - tc) * data[r_lo, c_lo] + tc * data[r_lo, c_hi])
                  + tr * ((1 - tc) * data[r_hi, c_lo] + tc * data[r_hi, c_hi]))
    result = np.where(outside, cval, result)
    return result.astype(image.dtype)


def map_coordinate(coord, length, mode):
    """A coordinate outside ``[0, length - 1]`` brought inside by the fill mode's rule."""
    if mode in ("nearest", "constant") or length <= 1:
        return np.clip(coord, 0, length - 1)
    if mode == "reflect":
        period = 2 * length
        coord = np.mod(coord + 0.5, period) - 0.5
        return np.where(coord > length - 0.5, period - 1 - coord, coord)
    period = length - 1   # wrap: SciPy's, where the first and last pixels coincide
    below = period + np.fmod(coord, period)   # SciPy: a whole period below 0 is the last pixel
    return np.where(coord < 0, below, np.where(coord > period, np.mod(coord, period), coord))


def neighbour(index, length, mode):
    """The pixel an interpolation neighbour ``index`` (possibly one past an edge) reads."""
    index = index.astype(np.intp)
    if mode == "reflect":
        index = np.where(index < 0, -index - 1, index)
        index = np.where(index >= length, 2 * length - index - 1, index)
    elif mode == "wrap" and length > 1:
        index = np.where(index >= length, index - (length - 1), index)
    return np.clip(index, 0, length - 1)
