"""``keras.preprocessing.image.random_rotation`` and its kin: one random transform of one image.

What it owns: ``random_rotation`` (an angle drawn from ``[-rg, rg]`` degrees),
``random_shift`` (fractions of the height and width), ``random_shear`` (degrees),
``random_zoom`` (two factors), ``random_channel_shift`` and ``random_brightness``. Each
draws from NumPy's global random state, as Keras does, then applies the transform with
``affine_transform``. Keras's defaults put the channels first (``channel_axis=0``,
``row_axis=1``, ``col_axis=2``).

Receives one image array; hands on the transformed array. No trace events.
"""
import numpy as np

from .affine_transform import apply_affine_transform, apply_brightness_shift, apply_channel_shift


def _affine(x, row_axis, col_axis, channel_axis, fill_mode, cval, interpolation_order,
            **transform):
    return apply_affine_transform(x, row_axis=row_axis, col_axis=col_axis,
                                  channel_axis=channel_axis, fill_mode=fill_mode, cval=cval,
                                  order=interpolation_order, **transform)


def random_rotation(x, rg, row_axis=1, col_axis=2, channel_axis=0, fill_mode="nearest",
                    cval=0.0, interpolation_order=1):
    theta = np.random.uniform(-rg, rg)
    return _affine(x, row_axis, col_axis, channel_axis, fill_mode, cval, interpolation_order,
                   theta=theta)


def random_shift(x, wrg, hrg, row_axis=1, col_axis=2, channel_axis=0, fill_mode="nearest",
                 cval=0.0, interpolation_order=1):
    h, w = x.shape[row_axis], x.shape[col_axis]
    tx = np.random.uniform(-hrg, hrg) * h
    ty = np.random.uniform(-wrg, wrg) * w
    return _affine(x, row_axis, col_axis, channel_axis, fill_mode, cval, interpolation_order,
                   tx=tx, ty=ty)


def random_shear(x, intensity, row_axis=1, col_axis=2, channel_axis=0, fill_mode="nearest",
                 cval=0.0, interpolation_order=1):
    shear = np.random.uniform(-intensity, intensity)
    return _affine(x, row_axis, col_axis, channel_axis, fill_mode, cval, interpolation_order,
                   shear=shear)


def random_zoom(x, zoom_range, row_axis=1, col_axis=2, channel_axis=0, fill_mode="nearest",
                cval=0.0, interpolation_order=1):
    if len(zoom_range) != 2:
        raise ValueError("`zoom_range` should be a tuple or list of two floats. Received: "
                         f"{zoom_range}")
    if zoom_range[0] == 1 and zoom_range[1] == 1:
        zx, zy = 1, 1
    else:
        zx, zy = np.random.uniform(zoom_range[0], zoom_range[1], 2)
    return _affine(x, row_axis, col_axis, channel_axis, fill_mode, cval, interpolation_order,
                   zx=zx, zy=zy)


def random_channel_shift(x, intensity_range, channel_axis=0):
    intensity = np.random.uniform(-intensity_range, intensity_range)
    return apply_channel_shift(x, intensity, channel_axis=channel_axis)


def random_brightness(x, brightness_range, scale=True):
    if len(brightness_range) != 2:
        raise ValueError("`brightness_range should be tuple or list of two floats. Received: "
                         f"{brightness_range}")
    u = np.random.uniform(brightness_range[0], brightness_range[1])
    return apply_brightness_shift(x, u, scale)
