"""``keras.preprocessing.image``: the image helpers of ``keras.utils`` under their old names.

``load_img``, ``img_to_array``, ``array_to_img``, ``save_img`` and ``smart_resize``
(all in ``tracekeras.utils.image_utils``).
"""
from tracekeras.utils.image_utils import (
    array_to_img,
    img_to_array,
    load_img,
    save_img,
    smart_resize,
)

__all__ = ["array_to_img", "img_to_array", "load_img", "save_img", "smart_resize"]
