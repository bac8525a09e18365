"""``keras.layers.experimental``: where Keras 2 first published its preprocessing layers,
and where it still publishes ``RandomFourierFeatures`` (``tracekeras.layers.kernelized``).

Owns nothing of its own: ``preprocessing`` holds the old names of the preprocessing
layers, each the very class ``tracekeras.layers`` offers (``keras.layers.experimental.
preprocessing.Rescaling is keras.layers.Rescaling`` in tf_keras 2.21 too). No trace events.
"""
from tracekeras.layers.experimental import preprocessing
from tracekeras.layers.kernelized import RandomFourierFeatures

__all__ = ["RandomFourierFeatures", "preprocessing"]
