"""``class_weight`` -> sample weights (Keras's ``_make_class_weight_map_fn``).

What it owns: the check of the ``class_weight`` dict (keys 0..n-1), the map
function ``DataHandler`` applies to every batch (``(x, y[, sw])`` ->
``(x, y, sw * class_weight[class of y])``) and the single-output check made
before any batch is drawn. No trace events (``DataHandler.__init__`` records
that class weights were given).
"""
import numpy as np

from tracekeras.engine.data_adapters.structure import unpack_x_y_sample_weight
from tracekeras.utils import nest


def check_single_output(adapter):
    """Class weights need one target array; say so before any batch is drawn."""
    adapter = getattr(adapter, "_internal_adapter", adapter)
    inputs = getattr(adapter, "_inputs", None)
    if inputs is not None:
        _, y, _ = unpack_x_y_sample_weight(inputs)
        if nest.is_nested(y):
            raise ValueError("`class_weight` is only supported for Models with a single output.")


def _make_class_weight_map_fn(class_weight):
    """A ``Dataset.map`` function turning ``class_weight`` into sample weights.

    Keys must be the class ids 0..n-1. A class is read from ``y`` as Keras does:
    the argmax of one-hot rows, else the rounded label.
    """
    if not hasattr(class_weight, "keys"):   # tf_keras: AttributeError from ``.keys()``
        raise AttributeError("Expected `class_weight` to be a dict mapping class indices (0 to "
                             "one less than the number of classes) to weights. Received: "
                             f"class_weight={class_weight!r} of type "
                             f"{type(class_weight).__name__}, which has no attribute 'keys'.")
    class_ids = list(sorted(class_weight.keys()))
    if class_ids != list(range(len(class_ids))):
        raise ValueError("Expected `class_weight` to be a dict with keys from 0 to one less "
                         f"than the number of classes, found {class_weight}")
    try:
        class_weight_array = np.asarray([class_weight[int(c)] for c in class_ids], np.float32)
    except (TypeError, ValueError):   # tf_keras: ValueError from convert_to_tensor
        raise ValueError("Expected the values of `class_weight` to be numbers (the weight of "
                         f"each class). Received: class_weight={class_weight!r}") from None

    def _class_weights_map_fn(*data):
        x, y, sw = unpack_x_y_sample_weight(data)
        if nest.is_nested(y):
            raise ValueError("`class_weight` is only supported for Models with a single output.")
        if y is None:
            raise ValueError("`class_weight` needs targets: the data has no `y`.")
        y = np.asarray(y)
        if y.ndim >= 2:
            y_classes = (np.argmax(y, axis=-1) if y.shape[-1] > 1
                         else np.round(np.squeeze(y, axis=-1)).astype(np.int64))
        else:
            y_classes = np.round(y).astype(np.int64)
        bad = (y_classes < 0) | (y_classes >= len(class_weight_array))
        if np.any(bad):
            raise ValueError(f"Class {int(y_classes[bad].flat[0])} found in the targets has no "
                             f"entry in `class_weight` (classes 0 to "
                             f"{len(class_weight_array) - 1}).")
        cw = class_weight_array[y_classes]
        if sw is not None:
            sw = np.asarray(sw)
            cw = cw.astype(sw.dtype)
            sw = sw.reshape(sw.shape + (1,) * (cw.ndim - sw.ndim)) * cw
        else:
            sw = cw
        return x, y, sw

    return _class_weights_map_fn
