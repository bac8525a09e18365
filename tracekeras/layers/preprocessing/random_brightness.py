"""RandomBrightness: a random amount added to every pixel of each image while training
(``keras.layers.preprocessing.image_preprocessing.RandomBrightness``).

What it owns: ``RandomBrightness(factor, value_range=(0, 255), seed=None)``, Keras's checks
of ``factor`` (a number ``f`` in [-1, 1], meaning ``[-|f|, |f|]``, or a sorted pair) and of
``value_range`` (a pair, sorted) with Keras's messages, and its config. Training (the
default when called alone) draws one delta per image in ``factor`` times the width of
``value_range``, adds it and clips to ``value_range``; otherwise the input passes, cast to
the layer's dtype.

The deltas are TensorFlow's: drawn as Keras draws them, from a ``tf.random.Generator``
made at the layer's first call and seeded with ``seed`` (else the next seed of
``utils.set_random_seed``'s generator, else Python's ``random``), one ``uniform`` draw of
``(batch, 1, 1, 1)`` a training call (``backend.stateful_random_ops``).

What it receives / hands on: a Tensor ``(h, w, c)`` or ``(n, h, w, c)`` -> a Tensor of that
shape (differentiable: the addition and the clip). Trace events: the ``Layer.__call__``
spans of the base class.
"""
import numpy as np

from tracekeras.backend import ops
from tracekeras.layers.preprocessing.image_augmentation import BaseRandomLayer

FACTOR_ERROR = ("The `factor` argument should be a number (or a list of two numbers) in the "
                "range [-1.0, 1.0]. ")
VALUE_RANGE_ERROR = "The `value_range` argument should be a list of two numbers. "


class RandomBrightness(BaseRandomLayer):
    """``RandomBrightness(factor, value_range=(0, 255), seed=None)``."""

    def __init__(self, factor, value_range=(0, 255), seed=None, **kwargs):
        super().__init__(seed=seed, **kwargs)
        self._set_factor(factor)
        self._set_value_range(value_range)
        self._seed = seed

    def _set_value_range(self, value_range):
        if not isinstance(value_range, (tuple, list)) or len(value_range) != 2:
            raise ValueError(VALUE_RANGE_ERROR + f"Got {value_range}")
        self._value_range = sorted(value_range)

    def _set_factor(self, factor):
        if isinstance(factor, (tuple, list)):
            if len(factor) != 2:
                raise ValueError(FACTOR_ERROR + f"Got {factor}")
            self._check_factor_range(factor[0])
            self._check_factor_range(factor[1])
            self._factor = sorted(factor)
        elif isinstance(factor, (int, float)):
            self._check_factor_range(factor)
            factor = abs(factor)
            self._factor = [-factor, factor]
        else:
            raise ValueError(FACTOR_ERROR + f"Got {factor}")

    @staticmethod
    def _check_factor_range(input_number):
        if input_number > 1.0 or input_number < -1.0:
            raise ValueError(FACTOR_ERROR + f"Got {input_number}")

    def augment(self, images):
        rank = images.ndim
        if rank not in (3, 4):
            raise ValueError("Expected the input image to be rank 3 or 4. Got inputs.shape = "
                             f"{tuple(images.shape)}")
        shape = (1, 1, 1) if rank == 3 else (images.shape[0], 1, 1, 1)
        delta = self._random_generator.random_uniform(shape, self._factor[0], self._factor[1])
        delta = delta * np.float32(self._value_range[1] - self._value_range[0])
        images = ops.add(images, delta.astype(images.dtype))
        return ops.clip_by_value(images, self._value_range[0], self._value_range[1])

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self._factor, "value_range": self._value_range,
                       "seed": self._seed})
        return config
