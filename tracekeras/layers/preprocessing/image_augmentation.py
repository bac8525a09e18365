"""The random image augmentation layers (``keras.layers.preprocessing.image_preprocessing``).

What it owns: ``RandomFlip``, ``RandomRotation``, ``RandomZoom``, ``RandomTranslation``,
``RandomContrast`` and ``RandomCrop``, with Keras's arguments, checks, error messages and
configs. With ``training=False`` (``predict``, ``evaluate``, or said) each passes its
input through, cast to the layer's dtype, except ``RandomCrop``, which then resizes to
its size (``smart_resize``, as Keras). Called on its own, a layer trains (``training``
defaults to True in ``call``, as in Keras); inside a model it follows the model.

The draws are TensorFlow's, made as Keras makes them: each layer holds Keras's stateful
``RandomGenerator``, a ``tf.random.Generator`` made at the layer's first training call (a
model's symbolic one too, ``BaseRandomLayer.make_generator``, so the layers after it get
Keras's initial weights) from ``seed``, else the next seed of ``utils.set_random_seed``'s
generator, else Python's ``random``. A flip takes a seed per axis from it (``make_seeds``)
for ``tf.image.stateless_random_flip_left_right`` / ``up_down``; rotation, zoom and
translation draw ``uniform`` angles in ``factor * 2 pi``, zooms ``1 + factor`` per axis and
shifts ``factor * size`` per axis, one per image, then ``image_transform.transform``
moves the pixels as TensorFlow's kernel does; contrast takes a seed for
``tf.image.stateless_random_contrast`` (one factor for the batch, clipped to [0, 255]); a
crop draws two int32 numbers, its window's corner modulo the room left.

What it receives / hands on: a Tensor ``(h, w, c)`` or ``(n, h, w, c)`` -> a Tensor; a
transformed image is recorded as one op the tape does not follow. While a model is
built (placeholders) nothing is drawn.

Trace events: the ``Layer.__call__`` spans of the base class.
"""
import numpy as np

from tracekeras.backend import image_adjustments, image_orientation, ops, stateful_random_ops
from tracekeras.backend.tape import record
from tracekeras.engine.base_layer import Layer, executing_eagerly
from tracekeras.layers.preprocessing import image_transform
from tracekeras.layers.preprocessing.image_preprocessing import (
    H_AXIS,
    W_AXIS,
    convert_inputs,
    crop,
    resized,
    with_height_and_width,
)

HORIZONTAL, VERTICAL = "horizontal", "vertical"
INT32_MAX = 2**31 - 1
HORIZONTAL_AND_VERTICAL = "horizontal_and_vertical"


def bounds(factor):
    """``(lower, upper)`` of a factor given as a pair or as one number ``f`` (-f, f)."""
    if isinstance(factor, (tuple, list)):
        return factor[0], factor[1]
    return -factor, factor


class BaseRandomLayer(Layer):
    """Keras's ``BaseRandomLayer``: the generator a random layer draws from, and the switch
    between training (``augment``) and inference (the input, cast). ``rng_type`` (in Keras's
    configs), and so is ``force_generator``: Keras's augmentation layers all force the
    stateful ``RandomGenerator`` (a ``tf.random.Generator``), which every layer here
    holds."""

    def __init__(self, seed=None, force_generator=False, rng_type=None, **kwargs):
        super().__init__(**kwargs)
        self.seed = seed
        self._random_generator = stateful_random_ops.StatefulRandomGenerator(seed)

    def make_seed_for_stateless_op(self):
        """Keras's ``RandomGenerator.make_seed_for_stateless_op`` (stateful mode): a seed
        for the stateless ops, ``make_seeds()[:, 0]`` of the generator."""
        self._random_generator._maybe_init()
        return self._random_generator._generator.make_seeds().value[:, 0]

    def make_generator(self, training):
        """Keras makes its generator (taking a seed from ``utils.set_random_seed``'s
        generator when the layer has none) at the first call that would draw, on the
        symbolic inputs of a model being built too: the layers made after it take the next
        seeds, here as in Keras, whichever numbers the layer draws."""
        if training:
            self._random_generator._maybe_init()

    def call(self, inputs, training=True):
        inputs = convert_inputs(inputs, self.compute_dtype)
        self.make_generator(training)
        if not training or not executing_eagerly():
            return self.inference(inputs)
        return self.augment(inputs)

    def inference(self, inputs):
        return inputs

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.update({"rng_type": "stateful", "seed": self.seed})
        return config


class RandomFlip(BaseRandomLayer):
    """``RandomFlip(mode="horizontal_and_vertical", seed=None)``."""

    def __init__(self, mode=HORIZONTAL_AND_VERTICAL, seed=None, **kwargs):
        super().__init__(seed=seed, **kwargs)
        if mode not in (HORIZONTAL, VERTICAL, HORIZONTAL_AND_VERTICAL):
            raise ValueError(f"RandomFlip layer {self.name} received an unknown mode argument "
                             f"{mode}")
        self.mode = mode
        self.horizontal = mode in (HORIZONTAL, HORIZONTAL_AND_VERTICAL)
        self.vertical = mode in (VERTICAL, HORIZONTAL_AND_VERTICAL)

    def augment(self, inputs):
        outputs = inputs
        if self.horizontal:
            outputs = image_orientation.stateless_random_flip_left_right(
                outputs, seed=self.make_seed_for_stateless_op())
        if self.vertical:
            outputs = image_orientation.stateless_random_flip_up_down(
                outputs, seed=self.make_seed_for_stateless_op())
        return outputs

    def get_config(self):
        config = super().get_config()
        config.update({"mode": self.mode, "seed": self.seed})
        return config


class GeometricLayer(BaseRandomLayer):
    """The layers that move pixels with ``image_transform.transform``."""

    def __init__(self, fill_mode="reflect", interpolation="bilinear", seed=None,
                 fill_value=0.0, **kwargs):
        super().__init__(seed=seed, **kwargs)
        image_transform.check_fill_mode_and_interpolation(fill_mode, interpolation)
        self.fill_mode = fill_mode
        self.fill_value = fill_value
        self.interpolation = interpolation

    def augment(self, inputs):
        batch = inputs.value if inputs.ndim == 4 else inputs.value[None]
        matrices = self.matrices(len(batch), batch.shape[1], batch.shape[2])
        out = image_transform.transform(batch, matrices, fill_mode=self.fill_mode,
                                        fill_value=self.fill_value,
                                        interpolation=self.interpolation)
        return record("tf.raw_ops.ImageProjectiveTransformV3",
                      out if inputs.ndim == 4 else out[0], (), None)

    def uniform(self, low, high, size):
        return self._random_generator.random_uniform(size, low, high)

    def get_config(self):
        config = super().get_config()
        config.update({"fill_mode": self.fill_mode, "fill_value": self.fill_value,
                       "interpolation": self.interpolation, "seed": self.seed})
        return config


class RandomRotation(GeometricLayer):
    """``RandomRotation(factor, fill_mode="reflect", interpolation="bilinear", seed=None,
    fill_value=0.0)``: ``factor`` is a fraction of a full turn (0.1: up to 36 degrees)."""

    def __init__(self, factor, fill_mode="reflect", interpolation="bilinear", seed=None,
                 fill_value=0.0, **kwargs):
        super().__init__(fill_mode, interpolation, seed, fill_value, **kwargs)
        self.factor = factor
        self.lower, self.upper = bounds(factor)
        if self.upper < self.lower:
            raise ValueError("`factor` argument cannot have a negative value. Received: "
                             f"factor={factor}")

    def matrices(self, n, height, width):
        angles = self.uniform(self.lower * 2.0 * np.pi, self.upper * 2.0 * np.pi, [n])
        return image_transform.get_rotation_matrix(angles, height, width)

    def get_config(self):
        config = super().get_config()
        config["factor"] = self.factor
        return config


class RandomZoom(GeometricLayer):
    """``RandomZoom(height_factor, width_factor=None, ...)``: a positive factor zooms out,
    a negative one in; without ``width_factor`` both axes take the height's zoom."""

    def __init__(self, height_factor, width_factor=None, fill_mode="reflect",
                 interpolation="bilinear", seed=None, fill_value=0.0, **kwargs):
        self.height_factor = height_factor
        self.height_lower, self.height_upper = bounds(height_factor)
        if abs(self.height_lower) > 1.0 or abs(self.height_upper) > 1.0:
            raise ValueError("`height_factor` argument must have values between [-1, 1]. "
                             f"Received: height_factor={height_factor}")
        self.width_factor = width_factor
        if width_factor is not None:
            self.width_lower, self.width_upper = bounds(width_factor)
            if self.width_lower < -1.0 or self.width_upper < -1.0:
                raise ValueError("`width_factor` argument must have values larger than -1. "
                                 f"Received: width_factor={width_factor}")
        super().__init__(fill_mode, interpolation, seed, fill_value, **kwargs)

    def matrices(self, n, height, width):
        height_zoom = self.uniform(1.0 + self.height_lower, 1.0 + self.height_upper, (n, 1))
        width_zoom = height_zoom if self.width_factor is None else self.uniform(
            1.0 + self.width_lower, 1.0 + self.width_upper, (n, 1))
        zooms = np.concatenate([width_zoom, height_zoom], axis=1)
        return image_transform.get_zoom_matrix(zooms, height, width)

    def get_config(self):
        config = super().get_config()
        config.update({"height_factor": self.height_factor, "width_factor": self.width_factor})
        return config


class RandomTranslation(GeometricLayer):
    """``RandomTranslation(height_factor, width_factor, ...)``: shifts of up to a fraction of
    the image's height and width."""

    def __init__(self, height_factor, width_factor, fill_mode="reflect",
                 interpolation="bilinear", seed=None, fill_value=0.0, **kwargs):
        self.height_factor, self.width_factor = height_factor, width_factor
        self.height_lower, self.height_upper = bounds(height_factor)
        self.width_lower, self.width_upper = bounds(width_factor)
        check_translation("height_factor", height_factor, self.height_lower, self.height_upper)
        check_translation("width_factor", width_factor, self.width_lower, self.width_upper)
        super().__init__(fill_mode, interpolation, seed, fill_value, **kwargs)

    def matrices(self, n, height, width):
        dy = self.uniform(self.height_lower, self.height_upper, (n, 1)) * np.float32(height)
        dx = self.uniform(self.width_lower, self.width_upper, (n, 1)) * np.float32(width)
        return image_transform.get_translation_matrix(np.concatenate([dx, dy], axis=1))

    def get_config(self):
        config = super().get_config()
        config.update({"height_factor": self.height_factor, "width_factor": self.width_factor})
        return config


def check_translation(name, factor, lower, upper):
    if upper < lower:
        raise ValueError(f"`{name}` cannot have upper bound less than lower bound, got {factor}")
    if abs(lower) > 1.0 or abs(upper) > 1.0:
        if name == "height_factor":
            raise ValueError("`height_factor` argument must have values between [-1, 1]. "
                             f"Received: height_factor={factor}")
        raise ValueError(f"`width_factor` must have values between [-1, 1], got {factor}")


class RandomContrast(BaseRandomLayer):
    """``RandomContrast(factor, seed=None)``: one contrast factor in ``[1 - lower, 1 + upper]``
    per call (``factor`` alone: lower = upper = factor)."""

    def __init__(self, factor, seed=None, **kwargs):
        super().__init__(seed=seed, **kwargs)
        self.factor = factor
        if isinstance(factor, (tuple, list)):
            self.lower, self.upper = factor[0], factor[1]
        else:
            self.lower = self.upper = factor
        if self.lower < 0.0 or self.upper < 0.0 or self.lower > 1.0:
            raise ValueError("`factor` argument cannot have negative values or values greater "
                             f"than 1.Received: factor={factor}")

    def augment(self, inputs):
        output = image_adjustments.stateless_random_contrast(
            inputs, 1.0 - self.lower, 1.0 + self.upper, seed=self.make_seed_for_stateless_op())
        return ops.clip_by_value(output, 0, 255)

    def get_config(self):
        config = super().get_config()
        config.update({"factor": self.factor, "seed": self.seed})
        return config


class RandomCrop(BaseRandomLayer):
    """``RandomCrop(height, width, seed=None)``: a random window while training, else (or for
    an image smaller than the window) the image ``smart_resize``-d to the window's size."""

    def __init__(self, height, width, seed=None, **kwargs):
        super().__init__(seed=seed, **kwargs, autocast=False)
        self.height = height
        self.width = width

    def augment(self, inputs):
        h_diff = inputs.shape[H_AXIS] - self.height
        w_diff = inputs.shape[W_AXIS] - self.width
        if h_diff < 0 or w_diff < 0:
            return self.inference(inputs)
        rands = self._random_generator.random_uniform([2], 0, INT32_MAX, "int32")
        top, left = rands[0] % (h_diff + 1), rands[1] % (w_diff + 1)
        return crop(inputs, int(top), int(left), self.height, self.width)

    def inference(self, inputs):
        outputs = resized(inputs, (self.height, self.width), "bilinear", True)
        return convert_inputs(outputs, self.compute_dtype)

    def compute_output_shape(self, input_shape):
        return with_height_and_width(input_shape, self.height, self.width)

    def get_config(self):
        config = super().get_config()
        config.update({"height": self.height, "width": self.width, "seed": self.seed})
        return config
