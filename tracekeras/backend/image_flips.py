"""``tf.image.flip_left_right`` and ``tf.image.flip_up_down``: a picture mirrored.

What it owns: the two flips of one image ``(height, width, channels)`` or a batch
``(batch, height, width, channels)``: the width axis (left-right) or the height axis
(up-down) reversed. The gradient is the incoming gradient flipped back. A tensor of
fewer than three dimensions is refused with TensorFlow's ``ValueError``.

What it receives: Tensors or arrays. What it hands on: a Tensor recorded on the tape; a
``backend`` instant per op at trace level full (``tape.record``).
"""
import numpy as np

from .tape import record
from .tensor import convert


def flipped(name, image, axis_from_end):
    x = convert(image)
    xv = x.value
    if xv.ndim < 3:
        raise ValueError(f"'image' (shape {tuple(xv.shape)}) must be at least "
                         "three-dimensional.")
    if xv.ndim > 4:
        raise ValueError(f"'image' (shape {tuple(xv.shape)})must have either 3 or 4 "
                         "dimensions.")   # TensorFlow's message has no space there
    axis = xv.ndim - axis_from_end
    return record(name, np.flip(xv, axis=axis).copy(), (x,),
                  lambda g, needs: (np.flip(g, axis=axis).copy(),))


def flip_left_right(image):
    """``tf.image.flip_left_right``: the columns in reverse order."""
    return flipped("tf.image.flip_left_right", image, 2)


def flip_up_down(image):
    """``tf.image.flip_up_down``: the rows in reverse order."""
    return flipped("tf.image.flip_up_down", image, 3)
