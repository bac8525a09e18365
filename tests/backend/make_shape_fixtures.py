"""TensorFlow 2.21's answers about a tensor's shape (``tensor.shape``, ``get_shape()``, a
KerasTensor's): its text, ``as_list``, ``rank``, ``ndims``, ``num_elements``,
``is_fully_defined``, slicing, indexing, equality with a list, ``is_compatible_with``.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python \\
        tests/backend/make_shape_fixtures.py

Output: ``data/tf_shapes.json``, read by ``test_shape_tuple.py``.
"""
import json
import os

import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))


def answers(shape):
    return {"str": str(shape), "as_list": shape.as_list(), "rank": shape.rank,
            "ndims": shape.ndims, "num_elements": shape.num_elements(),
            "is_fully_defined": shape.is_fully_defined(), "slice": shape[1:].as_list(),
            "index": shape[-1], "equals_list": shape == shape.as_list(),
            "compatible": shape.is_compatible_with([None] * len(shape)),
            "incompatible": shape.is_compatible_with([7] * len(shape)), "len": len(shape)}


def main():
    eager, symbolic = tf.zeros((2, 3)), tf.keras.Input((5, 4))
    facts = {"eager": answers(eager.shape), "eager get_shape": answers(eager.get_shape()),
             "symbolic": answers(symbolic.shape),
             "symbolic get_shape": answers(symbolic.get_shape())}
    with open(os.path.join(HERE, "data", "tf_shapes.json"), "w", encoding="utf-8") as f:
        json.dump({"tensorflow": tf.__version__, "shapes": facts}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
