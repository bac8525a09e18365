"""Write the tf_idf weights real tf_keras 2.21 learns on the corpora of
``tf_idf_weight_cases.py``, to the bit.

Run with the TensorFlow venv (tests never import TensorFlow)::

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/layers/make_tf_idf_weight_fixtures.py

Keras computes ``log(1 + num_documents / (1 + document_counts))`` in float64 (int64
tensors divide to float64), casts to float32, and gives the OOV slot the float32
``reduce_mean`` of the token weights. For each TextVectorization case (adapted on
``TEXTS``, ``batch_size=4``) and each IntegerLookup case (adapted on its documents,
``batch_size=64``) it stores the vocabulary and the idf weights (float32).

Output: ``data/tf_idf_weights.npz`` (``<case>.vocabulary`` and ``<case>.idf_weights``).
"""
import os

import numpy as np
import tf_keras as keras
from tf_idf_weight_cases import INTEGER_CASES, TEXT_CASES, TEXTS, documents  # this folder

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "data", "tf_idf_weights.npz")


def main():
    arrays = {}
    for name, config in TEXT_CASES.items():
        keras.backend.clear_session()
        layer = keras.layers.TextVectorization(output_mode="tf_idf", **config)
        layer.adapt(TEXTS, batch_size=4)
        arrays[f"{name}.vocabulary"] = np.array(layer.get_vocabulary())
        arrays[f"{name}.idf_weights"] = layer._lookup_layer.idf_weights.numpy()
    for name, recipe in INTEGER_CASES.items():
        keras.backend.clear_session()
        layer = keras.layers.IntegerLookup(output_mode="tf_idf")
        layer.adapt(documents(*recipe), batch_size=64)
        arrays[f"{name}.vocabulary"] = np.array(layer.get_vocabulary(), np.int64)
        arrays[f"{name}.idf_weights"] = layer.idf_weights.numpy()
    for key, value in arrays.items():
        assert key.endswith(".vocabulary") or value.dtype == np.float32, key
    np.savez_compressed(OUT, **arrays)


if __name__ == "__main__":
    main()
