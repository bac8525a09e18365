"""The image preprocessing layers that always do the same thing
(``keras.layers.preprocessing.image_preprocessing``).

What it owns:

* ``Rescaling(scale, offset=0.0)``: ``inputs * scale + offset`` (``Rescaling(1. / 255)``
  maps pixels to [0, 1], ``Rescaling(1. / 127.5, offset=-1)`` to [-1, 1]); integer
  inputs are cast to the layer's dtype first.
* ``Resizing(height, width, interpolation="bilinear", crop_to_aspect_ratio=False)``:
  ``tf.image.resize`` to ``(height, width)`` (``utils.image_ops``: bilinear, nearest,
  bicubic, area), or ``smart_resize`` (crop the centre to the target's aspect ratio
  first).
* ``CenterCrop(height, width)``: the centred ``height x width`` window; an image
  smaller than that on either side is ``smart_resize``-d up to it instead.

``convert_inputs`` (shared with ``image_augmentation``) turns the input into a Tensor of
the layer's dtype. The augmentation layers (``RandomFlip`` ...) are in
``image_augmentation``.

What it receives / hands on: a Tensor ``(h, w, c)`` or ``(n, h, w, c)`` -> a Tensor.
``Rescaling`` and ``CenterCrop``'s crop are differentiable (``backend.ops``); a resize is
recorded as one op the tape does not follow (preprocessing sits before the weights).

Trace events: the ``Layer.__call__`` spans of the base class.
"""
import numpy as np

from tracekeras.backend import ops
from tracekeras.backend.tape import record
from tracekeras.backend.tensor import convert
from tracekeras.engine.base_layer import Layer
from tracekeras.utils import image_ops, image_utils

H_AXIS, W_AXIS = -3, -2


def convert_inputs(inputs, dtype):
    """Keras's ``convert_inputs``: one image tensor (not a dict), cast to ``dtype``."""
    if isinstance(inputs, dict):
        raise ValueError("This layer can only process a tensor representing an image or a "
                         f"batch of images. Received: type(inputs)={type(inputs)}.")
    inputs = convert(inputs)
    return inputs if inputs.dtype == np.dtype(dtype) else ops.cast(inputs, dtype)


def resized(inputs, size, interpolation, crop_to_aspect_ratio=False):
    """``tf.image.resize`` (or ``smart_resize``) of a Tensor, recorded as one op."""
    value = inputs.value
    if crop_to_aspect_ratio:
        return record("keras.utils.image_utils.smart_resize",
                      image_utils.smart_resize(value, size, interpolation), (), None)
    return record("tf.image.resize", image_ops.resize(value, size, interpolation),
                  (), None)


def with_height_and_width(input_shape, height, width):
    shape = list(input_shape)
    shape[H_AXIS], shape[W_AXIS] = height, width
    return tuple(shape)


class Rescaling(Layer):
    """``Rescaling(scale, offset=0.0)``."""

    def __init__(self, scale, offset=0.0, **kwargs):
        self.scale = scale
        self.offset = offset
        super().__init__(**kwargs)

    def call(self, inputs):
        dtype = np.dtype(self.compute_dtype)
        inputs = convert_inputs(inputs, dtype)
        scale = np.asarray(self.scale, dtype)
        offset = np.asarray(self.offset, dtype)
        return ops.add(ops.multiply(inputs, scale), offset)

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({"scale": self.scale, "offset": self.offset})
        return config


class Resizing(Layer):
    """``Resizing(height, width, interpolation="bilinear", crop_to_aspect_ratio=False)``."""

    def __init__(self, height, width, interpolation="bilinear", crop_to_aspect_ratio=False,
                 **kwargs):
        self.height = height
        self.width = width
        self.interpolation = interpolation
        self.crop_to_aspect_ratio = crop_to_aspect_ratio
        self._interpolation_method = image_utils.get_interpolation(interpolation)
        super().__init__(**kwargs)

    def call(self, inputs):
        # nearest keeps the layer's dtype; the other kernels work in float32
        dtype = self.compute_dtype if self.interpolation == "nearest" else "float32"
        inputs = convert_inputs(inputs, dtype)
        outputs = resized(inputs, (self.height, self.width), self._interpolation_method,
                          self.crop_to_aspect_ratio)
        return convert_inputs(outputs, self.compute_dtype)

    def compute_output_shape(self, input_shape):
        return with_height_and_width(input_shape, self.height, self.width)

    def get_config(self):
        config = super().get_config()
        config.update({"height": self.height, "width": self.width,
                       "interpolation": self.interpolation,
                       "crop_to_aspect_ratio": self.crop_to_aspect_ratio})
        return config


def crop(inputs, top, left, height, width):
    """``tf.image.crop_to_bounding_box``: the window at ``(top, left)``, differentiably."""
    rows, cols = slice(top, top + height), slice(left, left + width)
    index = (Ellipsis, rows, cols, slice(None))
    return ops.getitem(inputs, index)


class CenterCrop(Layer):
    """``CenterCrop(height, width)``."""

    def __init__(self, height, width, **kwargs):
        self.height = height
        self.width = width
        super().__init__(**kwargs, autocast=False)

    def call(self, inputs):
        inputs = convert_inputs(inputs, self.compute_dtype)
        h_diff = inputs.shape[H_AXIS] - self.height
        w_diff = inputs.shape[W_AXIS] - self.width
        if h_diff >= 0 and w_diff >= 0:
            return crop(inputs, int(np.float64(h_diff) / 2), int(np.float64(w_diff) / 2),
                        self.height, self.width)
        outputs = resized(inputs, (self.height, self.width), "bilinear", True)
        return convert_inputs(outputs, self.compute_dtype)

    def compute_output_shape(self, input_shape):
        return with_height_and_width(input_shape, self.height, self.width)

    def get_config(self):
        config = super().get_config()
        config.update({"height": self.height, "width": self.width})
        return config
