"""Write data/packing_and_ordinal.json from real tf_keras 2.21: ``keras.utils.to_ordinal``
and ``keras.utils.pack_x_y_sample_weight`` / ``unpack_x_y_sample_weight``.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/utils/make_packing_and_ordinal_fixtures.py

:func:`packing_cases` takes a ``keras.utils`` (real, or tracekeras's) and describes what the
packing functions give; the test runs it on tracekeras's.
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data",
                   "packing_and_ordinal.json")

ORDINAL = [([2, 0, 1, 3], None, "float32"), ([[1], [4], [0]], 6, "float32"),
           ([[0, 2], [1, 1]], None, "int32"), ([3], 5, "float64")]


def shape_of(value):
    """What a packed or unpacked item is: its kind and, for an array, its shape."""
    if value is None:
        return None
    if isinstance(value, tuple):
        return {"tuple": [shape_of(v) for v in value]}
    return {"array": list(np.shape(value))}


def packing_cases(utils):
    x, y, w = np.zeros((4, 2)), np.ones((4,)), np.full((4,), 0.5)
    packs = {"x": (x,), "x_y": (x, y), "x_y_w": (x, y, w), "x_none_w": (x, None, w),
             "tuple_x": ((x, x),)}
    unpacks = {"array": x, "one": (x,), "two": (x, y), "three": (x, y, w), "list": [x, y]}
    out = {"pack": {k: shape_of(utils.pack_x_y_sample_weight(*v)) for k, v in packs.items()},
           "unpack": {k: shape_of(utils.unpack_x_y_sample_weight(v))
                      for k, v in unpacks.items()}}
    try:
        utils.unpack_x_y_sample_weight((x, y, w, w))
    except ValueError as e:
        out["four_items"] = type(e).__name__
    return out


if __name__ == "__main__":
    import tf_keras as keras
    ordinal = [{"y": y, "num_classes": n, "dtype": d,
                "out": keras.utils.to_ordinal(y, num_classes=n, dtype=d).tolist(),
                "out_dtype": keras.utils.to_ordinal(y, num_classes=n, dtype=d).dtype.name}
               for y, n, d in ORDINAL]
    with open(OUT, "w") as f:
        json.dump({"source": f"tf_keras {keras.__version__}", "ordinal": ordinal,
                   "packing": packing_cases(keras.utils)}, f, indent=1)
