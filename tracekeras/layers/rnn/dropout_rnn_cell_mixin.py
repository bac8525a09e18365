"""The dropout masks of a recurrent cell (``keras.layers.rnn.dropout_rnn_cell_mixin``).

What it owns: ``DropoutRNNCellMixin``, which the built-in cells (and ``LSTM``/``GRU``
themselves, for their whole-sequence input mask) inherit:

* ``get_dropout_mask_for_cell(inputs, training, count=1)`` and
  ``get_recurrent_dropout_mask_for_cell(inputs, training, count=1)``: None when the rate
  is 0; otherwise ``count`` masks of the shape of ``inputs`` (a list, one per gate where the
  cell keeps its gates apart; one Tensor for ``count=1``), each value 0 with probability
  ``rate`` and ``1 / (1 - rate)`` otherwise. The first request of a call draws them;
  later requests (every other timestep) get the same masks from the cache, so one sample
  loses the same features at every step.
* ``reset_dropout_mask`` / ``reset_recurrent_dropout_mask``: empty the caches; ``RNN.call``
  does it before each run over a sequence, so every batch gets new masks.

Outside training (``training`` not true) a mask is all ones, and nothing is drawn; in
training a rate of 1 is TensorFlow's ValueError (``tf.nn.dropout`` takes [0, 1)); nothing
is drawn either while a model is built on placeholders. The draws come from the engine's
generator (``backend.random.generator()``): the same seed gives the same masks, but not
TensorFlow's numbers.

What it receives: a timestep's inputs or previous output (for the shape), the training flag.

What it hands on: constant Tensors (a mask has no gradient of its own).

Trace events: none (the cell's ops record the multiplications).
"""
import numpy as np

from tracekeras.backend import Tensor
from tracekeras.backend import random as backend_random
from tracekeras.engine.base_layer import executing_eagerly


class DropoutRNNCellMixin:
    """Masks drawn once per call and shared by every timestep of that call."""

    def reset_dropout_mask(self):
        self.__dict__["_dropout_mask_cache"] = None

    def reset_recurrent_dropout_mask(self):
        self.__dict__["_recurrent_dropout_mask_cache"] = None

    def get_dropout_mask_for_cell(self, inputs, training, count=1):
        return self._cached_mask("_dropout_mask_cache", self.dropout, inputs, training, count)

    def get_recurrent_dropout_mask_for_cell(self, inputs, training, count=1):
        return self._cached_mask("_recurrent_dropout_mask_cache", self.recurrent_dropout,
                                 inputs, training, count)

    def _cached_mask(self, cache, rate, inputs, training, count):
        if rate == 0:
            return None
        masks = self.__dict__.get(cache)
        if masks is None:
            masks = generate_dropout_mask(inputs.shape, inputs.dtype, rate, training, count)
            self.__dict__[cache] = masks
        return masks


def generate_dropout_mask(shape, dtype, rate, training, count=1):
    """``count`` masks of ``shape`` (a list, or one Tensor for ``count=1``); ones outside
    training or on placeholders."""
    dtype = np.dtype(dtype)
    if training and rate >= 1:
        # a rate of 1 (what ``dropout=1.0`` clips to) is refused when a mask is drawn
        raise ValueError("`rate` must be a scalar tensor or a float in the range [0, 1). "
                         f"Received: rate={rate}")
    if not training or not executing_eagerly():
        masks = [Tensor(np.ones(shape, dtype)) for _ in range(count)]
    else:
        rng = backend_random.generator()
        scale = np.asarray(1.0 / (1.0 - rate) if rate < 1 else 0.0, dtype)
        masks = [Tensor((rng.random(shape) >= rate).astype(dtype) * scale)
                 for _ in range(count)]
    return masks if count > 1 else masks[0]
