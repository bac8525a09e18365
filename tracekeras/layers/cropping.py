"""Cropping1D, Cropping2D and Cropping3D: cut a border off the spatial axes
(``keras.layers.reshaping.cropping1d``, ``cropping2d``, ``cropping3d``).

What it owns: the three layers (``Cropping1D(cropping=(1, 1))``,
``Cropping2D(cropping=((0, 0), (0, 0)), data_format=None)``,
``Cropping3D(cropping=((1, 1), (1, 1), (1, 1)), data_format=None)``), the reading of
a border argument Keras shares with the zero-padding layers (``normalize_pairs``:
one int for every side, one int per axis, or one ``(before, after)`` pair per
axis, with Keras's messages), the crop itself (``backend.spatial.crop``, a slice),
Keras's check that 1-D and 2-D crops leave something, input spec ``ndim``,
``compute_output_shape`` and ``get_config``.

What it receives / hands on: ``(batch, *spatial, channels)`` (``(batch, channels,
*spatial)`` for ``channels_first``) -> the same with each spatial axis shortened by
its two crops.

Trace events: the ``Layer.__call__`` spans of the base class.
"""
from tracekeras.backend import spatial
from tracekeras.engine.base_layer import SYMBOLIC_CALLS, Layer
from tracekeras.engine.input_spec import InputSpec
from tracekeras.utils import conv_utils

ORDINALS = ("1st", "2nd", "3rd")


def forms_message(name, rank, value):
    """Keras's message for a border argument that is neither an int nor a sequence."""
    word = {"padding": "pad", "cropping": "crop"}[name]
    if rank == 2:
        forms = (f"a tuple of 2 ints (symmetric_height_{word}, symmetric_width_{word}), or a "
                 f"tuple of 2 tuples of 2 ints ((top_{word}, bottom_{word}), (left_{word}, "
                 f"right_{word}))")
    else:   # Keras's text names dim2 in the last pair
        forms = (f"a tuple of 3 ints (symmetric_dim1_{word}, symmetric_dim2_{word}, "
                 f"symmetric_dim3_{word}), or a tuple of 3 tuples of 2 ints ((left_dim1_{word}, "
                 f"right_dim1_{word}), (left_dim2_{word}, right_dim2_{word}), "
                 f"(left_dim3_{word}, right_dim2_{word}))")
    return f"`{name}` should be either an int, {forms}. Received: {value}."


def normalize_pairs(value, rank, name):
    """One ``(before, after)`` pair per spatial axis from an int, ``rank`` ints or
    ``rank`` pairs; ``name`` is ``"padding"`` or ``"cropping"``."""
    if isinstance(value, int):
        return ((value, value),) * rank
    if not hasattr(value, "__len__"):
        raise ValueError(forms_message(name, rank, value))
    if len(value) != rank:
        count = "two" if rank == 2 else str(rank)
        raise ValueError(f"`{name}` should have {count} elements. Received: {value}.")
    return tuple(conv_utils.normalize_tuple(entry, 2, f"{ORDINALS[i]} entry of {name}",
                                            allow_zero=True)
                 for i, entry in enumerate(value))


def spatial_slice(input_shape, data_format):
    """The positions of the spatial axes in a shape: after the channels or before them."""
    rank = len(input_shape)
    return slice(2, rank) if data_format == "channels_first" else slice(1, rank - 1)


def bordered_shape(input_shape, data_format, pairs, sign):
    """``input_shape`` with each spatial length changed by ``sign`` times its two borders
    (None stays None)."""
    shape = list(input_shape)
    where = spatial_slice(shape, data_format)
    shape[where] = [None if n is None else n + sign * (b + a)
                    for n, (b, a) in zip(shape[where], pairs)]
    return tuple(shape)


def all_axes(data_format, pairs):
    """The pairs of every axis of the input: none on the batch and channel axes."""
    if data_format == "channels_first":
        return ((0, 0), (0, 0)) + tuple(pairs)
    return ((0, 0),) + tuple(pairs) + ((0, 0),)


class Cropping(Layer):
    """The shared body of the three cropping layers (``rank`` spatial axes)."""

    rank = None
    too_much = None     # Keras's message when a crop leaves nothing (1-D and 2-D only)

    def __init__(self, cropping, data_format=None, **kwargs):
        data_format = conv_utils.normalize_data_format(data_format)
        cropping = self.normalize(cropping)
        super().__init__(**kwargs)
        self.cropping = cropping
        self.data_format = data_format
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def normalize(self, cropping):
        return normalize_pairs(cropping, self.rank, "cropping")

    def pairs(self):
        return self.cropping

    def call(self, inputs):
        lengths = tuple(inputs.shape)[spatial_slice(inputs.shape, self.data_format)]
        if self.too_much and any(n is not None and b + a >= n
                                 for n, (b, a) in zip(lengths, self.pairs())):
            shape = tuple(inputs.shape)
            if SYMBOLIC_CALLS[0]:     # a placeholder's batch: Keras's symbolic shape has None
                shape = (None,) + shape[1:]
            raise ValueError(f"{self.too_much} must be greater than the input shape. "
                             f"Received: inputs.shape={shape}, and cropping={self.cropping}")
        return spatial.crop(inputs, all_axes(self.data_format, self.pairs()))

    def compute_output_shape(self, input_shape):
        return bordered_shape(tuple(input_shape), self.data_format, self.pairs(), -1)

    def get_config(self):
        config = super().get_config()
        config.update({"cropping": self.cropping, "data_format": self.data_format})
        return config


class Cropping1D(Cropping):
    rank = 1
    too_much = "cropping parameter of Cropping layer"

    def __init__(self, cropping=(1, 1), **kwargs):
        super().__init__(cropping, **kwargs)

    def normalize(self, cropping):
        return conv_utils.normalize_tuple(cropping, 2, "cropping", allow_zero=True)

    def pairs(self):
        return (self.cropping,)

    def get_config(self):
        config = super().get_config()
        del config["data_format"]
        return config


class Cropping2D(Cropping):
    rank = 2
    too_much = "Argument `cropping`"

    def __init__(self, cropping=((0, 0), (0, 0)), data_format=None, **kwargs):
        super().__init__(cropping, data_format=data_format, **kwargs)


class Cropping3D(Cropping):
    rank = 3

    def __init__(self, cropping=((1, 1), (1, 1), (1, 1)), data_format=None, **kwargs):
        super().__init__(cropping, data_format=data_format, **kwargs)
