"""Regularization layers (``keras.layers.regularization``): ``Dropout`` (dropout),
``AlphaDropout`` (alpha_dropout), ``GaussianNoise`` (gaussian_noise), ``GaussianDropout``
(gaussian_dropout), ``ActivityRegularization`` (activity_regularization),
``SpatialDropout1D``, ``SpatialDropout2D`` and ``SpatialDropout3D`` (spatial_dropout)."""
from tracekeras.layers.regularization.activity_regularization import ActivityRegularization
from tracekeras.layers.regularization.alpha_dropout import AlphaDropout
from tracekeras.layers.regularization.dropout import Dropout
from tracekeras.layers.regularization.gaussian_dropout import GaussianDropout
from tracekeras.layers.regularization.gaussian_noise import GaussianNoise
from tracekeras.layers.regularization.spatial_dropout import (
    SpatialDropout1D,
    SpatialDropout2D,
    SpatialDropout3D,
)

__all__ = ["ActivityRegularization", "AlphaDropout", "Dropout", "GaussianDropout",
           "GaussianNoise", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D"]
