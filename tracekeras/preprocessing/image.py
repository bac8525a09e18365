"""``keras.preprocessing.image``: ``ImageDataGenerator``, its iterators and transforms, and
the image helpers of ``keras.utils`` under their old names.

``ImageDataGenerator`` (``image_data_generator``), ``Iterator``, ``NumpyArrayIterator``,
``DirectoryIterator`` (``image_iterators``), ``apply_affine_transform``,
``apply_channel_shift`` and ``apply_brightness_shift`` (``affine_transform``),
``random_rotation``, ``random_shift``, ``random_shear``, ``random_zoom``,
``random_channel_shift`` and ``random_brightness`` (``random_transforms``); ``load_img``,
``img_to_array``, ``array_to_img``, ``save_img`` and ``smart_resize``
(``tracekeras.utils.image_utils``).
"""
from tracekeras.utils.image_utils import (
    array_to_img,
    img_to_array,
    load_img,
    save_img,
    smart_resize,
)

from .affine_transform import (
    apply_affine_transform,
    apply_brightness_shift,
    apply_channel_shift,
)
from .image_data_generator import ImageDataGenerator
from .image_iterators import DirectoryIterator, Iterator, NumpyArrayIterator
from .random_transforms import (
    random_brightness,
    random_channel_shift,
    random_rotation,
    random_shear,
    random_shift,
    random_zoom,
)

__all__ = ["DirectoryIterator", "ImageDataGenerator", "Iterator", "NumpyArrayIterator",
           "apply_affine_transform", "apply_brightness_shift", "apply_channel_shift",
           "array_to_img", "img_to_array", "load_img", "random_brightness",
           "random_channel_shift", "random_rotation", "random_shear", "random_shift",
           "random_zoom", "save_img", "smart_resize"]
