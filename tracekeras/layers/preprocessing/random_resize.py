"""RandomHeight and RandomWidth: each batch resized to a random height or width while
training (``keras.layers.preprocessing.image_preprocessing``).

What it owns: ``RandomHeight(factor, interpolation="bilinear", seed=None)`` and
``RandomWidth(...)``, Keras's checks of ``factor`` (a number ``f``: ``[-f, f]``, or a pair;
the upper bound not below the lower, both above -1) with Keras's messages, their output
shape (the resized axis unknown, None) and configs. Training (the default when called
alone) draws one factor for the batch in ``[1 + lower, 1 + upper)``, takes
``int(factor * size)`` as the new size and ``tf.image.resize``-s to it
(``utils.image_ops``), cast to the layer's dtype; otherwise the input passes unchanged (not
even cast, as in Keras).

The factor is TensorFlow's: one ``uniform`` draw a training call from the
``tf.random.Generator`` Keras makes at the layer's first call, seeded with ``seed`` (else
the next seed of ``utils.set_random_seed``'s generator, else Python's ``random``).

What it receives / hands on: a Tensor ``(h, w, c)`` or ``(n, h, w, c)`` -> a Tensor; the
resize is recorded as one op the tape does not follow. Where Keras runs a graph (on a
model's symbolic inputs, in ``fit``'s train function unless ``run_eagerly``, in a
``tf.function`` or a ``tf.data`` function) the output's
static shape has the resized axis unknown, as Keras's ``set_shape`` leaves it: it is noted
in ``backend.static_shapes``, so that a Sequential of these layers called as a layer shows
``(None, None, None, 3)`` and a model made for the original size takes the resized
pictures in a ``fit`` of the graph (and refuses them eagerly, as Keras does). Trace events: the
``Layer.__call__`` spans of the base class.
"""
import numpy as np

from tracekeras.backend import static_shapes
from tracekeras.backend.tensor import Tensor, convert
from tracekeras.engine.base_layer import executing_eagerly
from tracekeras.layers.preprocessing.image_augmentation import BaseRandomLayer
from tracekeras.layers.preprocessing.image_preprocessing import (
    H_AXIS,
    W_AXIS,
    convert_inputs,
    resized,
)
from tracekeras.utils import image_utils


class RandomSize(BaseRandomLayer):
    """What RandomHeight and RandomWidth share; ``AXIS`` is the one they resize."""

    AXIS = H_AXIS
    LESSER = "lesser"     # Keras's two messages differ in this one word
    output_shape_from_rule = True

    def __init__(self, factor, interpolation="bilinear", seed=None, **kwargs):
        super().__init__(seed=seed, **kwargs)
        self.factor = factor
        if isinstance(factor, (tuple, list)):
            self.lower, self.upper = factor[0], factor[1]
        else:
            self.lower, self.upper = -factor, factor
        if self.upper < self.lower:
            raise ValueError(f"`factor` argument cannot have an upper bound {self.LESSER} "
                             f"than the lower bound. Received: factor={factor}")
        if self.lower < -1.0 or self.upper < -1.0:
            raise ValueError("`factor` argument must have values larger than -1. "
                             f"Received: factor={factor}")
        self.interpolation = interpolation
        self._interpolation_method = image_utils.get_interpolation(interpolation)
        self.seed = seed

    def call(self, inputs, training=True):
        inputs = convert_inputs(inputs, convert(inputs).dtype)
        self.make_generator(training)
        if not training:
            return inputs
        if not executing_eagerly():   # on placeholders: the size is drawn when the graph runs
            return self.with_static_shape(Tensor(inputs.value), inputs)
        scale = self._random_generator.random_uniform([], 1.0 + self.lower, 1.0 + self.upper)
        size = [inputs.shape[H_AXIS], inputs.shape[W_AXIS]]
        size[self.AXIS - H_AXIS] = int(scale * np.float32(size[self.AXIS - H_AXIS]))
        outputs = resized(convert_inputs(inputs, "float32"), tuple(size),
                          self._interpolation_method)
        outputs = convert_inputs(outputs, self.compute_dtype)
        if not static_shapes.in_a_function():
            return outputs
        return self.with_static_shape(outputs, inputs)

    def with_static_shape(self, outputs, inputs):
        """``outputs``, noted with the static shape Keras's graph gives them: the input's,
        the resized axis unknown (``backend.static_shapes``)."""
        static_shapes.set_static_shape(
            outputs, self.compute_output_shape(static_shapes.static_shape(inputs)))
        return outputs

    def compute_output_shape(self, input_shape):
        shape = list(input_shape)
        shape[self.AXIS] = None
        return tuple(shape)

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor, "interpolation": self.interpolation,
                       "seed": self.seed})
        return config


class RandomHeight(RandomSize):
    """``RandomHeight(factor, interpolation="bilinear", seed=None)``: ``factor=0.2`` makes
    the height 80 % to 120 % of the input's."""

    AXIS = H_AXIS


class RandomWidth(RandomSize):
    """``RandomWidth(factor, interpolation="bilinear", seed=None)``."""

    AXIS = W_AXIS
    LESSER = "less"
