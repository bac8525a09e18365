"""The pooling and resizing functions of ``keras.backend``: ``K.pool2d``, ``K.pool3d``,
``K.resize_images`` and ``K.resize_volumes``, as tf_keras 2.21 writes them.

What it owns: Keras's checks and data-format handling around the backend's window
pooling (:mod:`tracekeras.backend.pooling`) and resizing (:mod:`tracekeras.backend.spatial`).
``pool2d``/``pool3d``: ``data_format`` (``None`` reads ``image_data_format()``), for
``pool2d`` a ``pool_size`` and ``strides`` of two ints each, ``padding`` ``"same"`` or
``"valid"``, then ``pool_mode`` ``"max"`` or ``"avg"``, each refused with Keras's
ValueError in that order; ``channels_first`` by moving the channels last and back, as
Keras does on a CPU. ``resize_images``: the spatial size times whole factors by
``tf.image.resize`` with ``interpolation`` (``"nearest"``: each value repeated;
``"bilinear"``: half-pixel centres; ``"bicubic"`` and ``"area"`` forward only; the other
methods Keras names are tracekeras's one-line "does not implement"); an unknown name is
Keras's ValueError listing the eight. ``resize_volumes``: each value repeated along the
three spatial axes (``repeat_elements``).

What it receives: Tensors, Variables or arrays. What it hands on: a Tensor recorded on the
active tapes by the ops it runs (``tf.nn.max_pool``, ``tf.nn.avg_pool``,
``tf.image.resize``, ``tf.transpose``), so gradients flow. No trace events of its own.
"""
from . import pooling
from .conv_functions import channels_last, check_data_format, preprocess_padding, restored
from .conv_functions import spatial as spatial_ops
from .tensor import convert

INTERPOLATIONS = ("area", "bicubic", "bilinear", "gaussian", "lanczos3", "lanczos5",
                  "mitchellcubic", "nearest")


def pool(x, pool_size, strides, padding, data_format, pool_mode):
    """The pooling of a checked ``data_format``: Keras's ``pool2d``/``pool3d`` after their
    size checks."""
    x = channels_last(x, data_format)
    padding = preprocess_padding(padding)
    if pool_mode == "max":
        out = pooling.max_pool(x, tuple(pool_size), tuple(strides), padding)
    elif pool_mode == "avg":
        out = pooling.avg_pool(x, tuple(pool_size), tuple(strides), padding)
    else:
        raise ValueError("Invalid pooling mode: " + str(pool_mode))
    return restored(out, data_format)


def pool2d(x, pool_size, strides=(1, 1), padding="valid", data_format=None, pool_mode="max"):
    """``K.pool2d``: windows of ``pool_size`` (two ints) over the rows and columns."""
    data_format = check_data_format(data_format)
    if len(pool_size) != 2:
        raise ValueError("`pool_size` must be a tuple of 2 integers.")
    if len(strides) != 2:
        raise ValueError("`strides` must be a tuple of 2 integers.")
    return pool(x, pool_size, strides, padding, data_format, pool_mode)


def pool3d(x, pool_size, strides=(1, 1, 1), padding="valid", data_format=None,
           pool_mode="max"):
    """``K.pool3d``: windows of ``pool_size`` (three ints) over depth, rows and columns."""
    data_format = check_data_format(data_format)
    return pool(x, pool_size, strides, padding, data_format, pool_mode)


def resize_images(x, height_factor, width_factor, data_format, interpolation="nearest"):
    """``K.resize_images``: rows times ``height_factor``, columns times ``width_factor``."""
    if data_format not in ("channels_first", "channels_last"):
        raise ValueError(f"Invalid `data_format` argument: {data_format}")
    x = channels_last(x, data_format)
    if interpolation not in INTERPOLATIONS:
        listed = '"' + '", "'.join(INTERPOLATIONS) + '"'
        raise ValueError(f"`interpolation` argument should be one of: {listed}. Received: "
                         f'"{interpolation}".')
    spatial = spatial_ops()
    factors = (int(height_factor), int(width_factor))
    size = tuple(n * f for n, f in zip(x.shape[1:3], factors))
    if interpolation == "nearest":
        out = spatial.resize_nearest(x, factors)
    elif interpolation == "bilinear":
        out = spatial.resize_bilinear(x, size)
    elif interpolation in ("bicubic", "area"):
        out = spatial.resize(x, size, method=interpolation)
    else:
        from tracekeras.shim.errors import PACKAGE, OperationNotImplementedByTracekeras, caller
        raise OperationNotImplementedByTracekeras(
            f"tracekeras does not implement keras.backend.resize_images with "
            f"interpolation={interpolation!r} (used by {caller(PACKAGE)})")
    return restored(out, data_format)


def resize_volumes(x, depth_factor, height_factor, width_factor, data_format):
    """``K.resize_volumes``: each value repeated ``depth_factor``, ``height_factor`` and
    ``width_factor`` times along the spatial axes."""
    from .array_functions import repeat_elements
    if data_format == "channels_first":
        first = 2
    elif data_format == "channels_last":
        first = 1
    else:
        raise ValueError("Invalid data_format: " + str(data_format))
    output = repeat_elements(convert(x), depth_factor, axis=first)
    output = repeat_elements(output, height_factor, axis=first + 1)
    return repeat_elements(output, width_factor, axis=first + 2)
