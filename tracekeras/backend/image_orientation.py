"""``tf.image``'s mirror images and quarter turns, fixed and random, forward with backward.

What it teaches: the orientation part of ``tensorflow/python/ops/image_ops_impl.py``.

- ``flip_left_right`` / ``flip_up_down`` reverse the columns / rows of a 3-D picture
  ``(rows, cols, channels)`` or of each picture of a 4-D batch; ``transpose`` swaps rows
  and columns; ``rot90(image, k)`` turns a quarter counter-clockwise ``k`` times (``k`` taken
  modulo 4): reverse the columns then transpose. All are slices and transposes, so the
  gradient is the incoming one moved back.
- ``random_flip_left_right`` / ``random_flip_up_down`` (one ``tf.random.uniform`` draw per
  picture, seeded as TensorFlow seeds: ``seed`` with the global seed, the op's kernel going
  on from call to call, see ``backend.random``) and their ``stateless_`` forms (one
  ``tf.random.stateless_uniform`` draw per picture, a pure function of the two-int seed).
  TensorFlow decides differently for one picture and a batch, and this keeps both: a single
  picture is flipped when its draw is below 0.5; a batch rounds each draw (ties to even) to
  0 or 1 and mixes ``flips * flipped + (1 - flips) * image``.
- the rank checks and their messages (``'image' (shape ...) must be at least
  three-dimensional.``, ``... must have either 3 or 4 dimensions.``), shared with
  ``image_crops``.

What it receives: arrays or Tensors of any dtype. What it hands on: Tensors recorded on the
tapes. Trace events: a ``backend`` instant per op at level full.
"""
import numpy as np

from . import ops, random
from .array_ops import transpose as tf_transpose
from .tensor import convert

ROW_AXIS, COLUMN_AXIS = 0, 1   # of a single picture (TensorFlow's flip_index)


def at_least_3d(image):
    """The picture as a Tensor; refused below rank 3 (TensorFlow's ``_AssertAtLeast3DImage``)."""
    image = convert(image)
    if image.value.ndim < 3:
        raise ValueError(f"'image' (shape {shape_text(image)}) must be at least "
                         "three-dimensional.")
    return image


def shape_text(image):
    return str(tuple(int(d) for d in image.value.shape))


def three_or_four(image, gap=" "):
    """Refuse a picture that is neither 3-D nor 4-D (``_flip``'s message has no space
    before "must")."""
    if image.value.ndim not in (3, 4):
        raise ValueError(f"'image' (shape {shape_text(image)}){gap}must have either 3 or 4 "
                         "dimensions.")


def reverse(image, axis):
    index = [slice(None)] * image.value.ndim
    index[axis] = slice(None, None, -1)
    return ops.getitem(image, tuple(index))


def flip(image, flip_index, gap=""):
    """``_flip``: reverse axis ``flip_index`` of each picture."""
    image = at_least_3d(image)
    three_or_four(image, gap)
    return reverse(image, flip_index + image.value.ndim - 3)


def flip_left_right(image):
    """``tf.image.flip_left_right``: the columns in reverse order."""
    return flip(image, COLUMN_AXIS)


def flip_up_down(image):
    """``tf.image.flip_up_down``: the rows in reverse order."""
    return flip(image, ROW_AXIS)


def random_flip(image, flip_index, draw):
    """``_random_flip``: ``draw(shape)`` gives one uniform number in [0, 1) per picture."""
    image = at_least_3d(image)
    three_or_four(image)
    if image.value.ndim == 3:
        coin = float(draw(shape=[], minval=0, maxval=1.0).value)
        return reverse(image, flip_index) if coin < 0.5 else image
    batch = image.value.shape[0]
    coins = draw(shape=[batch], minval=0, maxval=1.0).value
    flips = np.round(coins).reshape(batch, 1, 1, 1).astype(image.value.dtype)
    flipped = reverse(image, flip_index + 1)
    return ops.add(ops.multiply(flips, flipped), ops.multiply(1 - flips, image))


def random_flip_left_right(image, seed=None):
    """``tf.image.random_flip_left_right``: each picture mirrored with probability 1/2."""
    return random_flip(image, COLUMN_AXIS, lambda **kw: random.uniform(seed=seed, **kw))


def random_flip_up_down(image, seed=None):
    """``tf.image.random_flip_up_down``: each picture upside down with probability 1/2."""
    return random_flip(image, ROW_AXIS, lambda **kw: random.uniform(seed=seed, **kw))


def stateless_random_flip_left_right(image, seed):
    """``tf.image.stateless_random_flip_left_right``: the same ``seed``, the same flips."""
    return random_flip(image, COLUMN_AXIS,
                       lambda **kw: random.stateless_uniform(seed=seed, **kw))


def stateless_random_flip_up_down(image, seed):
    """``tf.image.stateless_random_flip_up_down``: the same ``seed``, the same flips."""
    return random_flip(image, ROW_AXIS, lambda **kw: random.stateless_uniform(seed=seed, **kw))


def swap_rows_and_columns(image):
    first = image.value.ndim - 3
    perm = list(range(image.value.ndim))
    perm[first], perm[first + 1] = perm[first + 1], perm[first]
    return tf_transpose(image, perm)


def transpose(image, name=None):
    """``tf.image.transpose``: rows become columns."""
    image = at_least_3d(image)
    three_or_four(image)
    return swap_rows_and_columns(image)


def rot90(image, k=1, name=None):
    """``tf.image.rot90``: ``k`` quarter turns counter-clockwise (negative: clockwise)."""
    image = at_least_3d(image)
    turns = np.asarray(getattr(k, "value", k))
    if turns.ndim != 0:
        raise ValueError(f"Shape {tuple(turns.shape)} must have rank 0")
    turns = int(turns) % 4
    three_or_four(image)
    rows = image.value.ndim - 3
    if turns == 1:
        return swap_rows_and_columns(reverse(image, rows + 1))
    if turns == 2:
        return reverse(reverse(image, rows), rows + 1)
    if turns == 3:
        return reverse(swap_rows_and_columns(image), rows + 1)
    return image
