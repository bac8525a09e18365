"""``tf.image``'s crops to a size: centred, padded, random and stateless, forward with
backward.

What it teaches: ``resize_with_crop_or_pad`` and ``central_crop`` of
``tensorflow/python/ops/image_ops_impl.py`` and ``random_crop`` / ``stateless_random_crop``
of ``random_crop_ops.py``.

- ``resize_with_crop_or_pad(image, target_height, target_width)``: an axis longer than its
  target is cropped around its centre (``offset = (size - target) // 2``), a shorter one
  padded with zeros around it (``(target - size) // 2`` before), by
  ``image_boxes.crop_to_bounding_box`` then ``pad_to_bounding_box``.
- ``central_crop(image, central_fraction)``: keeps the centre, starting at
  ``int((size - size * fraction) / 2)`` on each spatial axis and as long as what is left
  after taking that from both ends; a fraction of 1 is the picture itself.
- ``random_crop(value, size, seed)``: a window of ``size`` (one length per axis of ``value``,
  any rank) at ``offset = draw % (shape - size + 1)``, the draw one ``int32``
  ``tf.random.uniform`` in ``[0, 2**31 - 1)`` per axis (seeded as TensorFlow seeds);
  ``stateless_random_crop`` draws them with ``tf.random.stateless_uniform``.

The crops are slices: the gradient is the incoming one with zeros around it.
What it receives: arrays or Tensors. What it hands on: Tensors recorded on the tapes.
Trace events: a ``backend`` instant per op at level full.
"""
import numpy as np

from . import ops, random
from .image_boxes import crop_to_bounding_box, pad_to_bounding_box
from .image_orientation import at_least_3d, shape_text
from .string_ops import InvalidArgumentError
from .tensor import convert

INT32_MAX = 2**31 - 1


def resize_with_crop_or_pad(image, target_height, target_width):
    """``tf.image.resize_with_crop_or_pad``: cropped or padded around the centre to
    ``target_height`` x ``target_width``."""
    image = convert(image)
    if image.value.ndim not in (3, 4):
        raise ValueError(f"'image' (shape {shape_text(image)}) must have either 3 or 4 "
                         "dimensions.")
    target_height, target_width = int(target_height), int(target_width)
    if target_width <= 0:
        raise ValueError("target_width must be > 0.")
    if target_height <= 0:
        raise ValueError("target_height must be > 0.")
    height, width = image.value.shape[-3:-1]
    width_diff, height_diff = target_width - width, target_height - height
    cropped = crop_to_bounding_box(image, max(-height_diff // 2, 0), max(-width_diff // 2, 0),
                                   min(target_height, height), min(target_width, width))
    return pad_to_bounding_box(cropped, max(height_diff // 2, 0), max(width_diff // 2, 0),
                               target_height, target_width)


def central_crop(image, central_fraction):
    """``tf.image.central_crop``: the central ``central_fraction`` of each spatial axis."""
    image = convert(image)
    fraction = float(np.asarray(getattr(central_fraction, "value", central_fraction)))
    if fraction <= 0.0 or fraction > 1.0:
        raise ValueError("central_fraction must be within (0, 1]")
    if fraction == 1.0:
        return image
    at_least_3d(image)
    rank = image.value.ndim
    if rank not in (3, 4):
        raise ValueError("`image` should either be a Tensor with rank = 3 or rank = 4. Had "
                         f"rank = {rank}.")
    index = [slice(None)] * rank
    for axis in (rank - 3, rank - 2):
        size = image.value.shape[axis]
        start = int((float(size) - float(size) * fraction) / 2)
        index[axis] = slice(start, size - start)
    return ops.getitem(image, tuple(index))


def random_crop(value, size, seed=None, name=None):
    """``tf.image.random_crop``: a window of ``size`` at a random place in ``value``."""
    return crop_at_random(value, size, lambda shape: random.uniform(
        shape, maxval=INT32_MAX, dtype="int32", seed=seed))


def stateless_random_crop(value, size, seed, name=None):
    """``tf.image.stateless_random_crop``: the same ``seed``, the same window."""
    return crop_at_random(value, size, lambda shape: random.stateless_uniform(
        shape, seed, minval=0, maxval=INT32_MAX, dtype="int32"))


def crop_at_random(value, size, draw):
    """The window of ``size`` at ``draw([rank]) % (shape - size + 1)``, after TensorFlow's
    check that it fits."""
    value = convert(value)
    size = np.asarray(getattr(size, "value", size)).astype(np.int32).reshape(-1)
    shape = np.asarray(value.value.shape, dtype=np.int32)
    if size.shape != shape.shape:
        raise ValueError(f"Shapes must be equal rank, but are {len(shape)} and {len(size)}")
    if not np.all(shape >= size):
        raise InvalidArgumentError(
            "Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. Summarized data: "
            "b'Need value.shape >= size, got '\n" + ", ".join(str(d) for d in shape) + "\n"
            + ", ".join(str(d) for d in size))
    limit = shape - size + 1
    offset = np.asarray(draw([len(shape)]).value) % limit
    return ops.getitem(value, tuple(slice(int(o), int(o + s)) for o, s in zip(offset, size)))
