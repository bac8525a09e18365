"""Regularization layers (``keras.layers.regularization``): ``Dropout`` (dropout),
``AlphaDropout`` (alpha_dropout), ``GaussianNoise`` (gaussian_noise), ``GaussianDropout``
(gaussian_dropout), ``ActivityRegularization`` (activity_regularization)."""
from tracekeras.layers.regularization.activity_regularization import ActivityRegularization
from tracekeras.layers.regularization.alpha_dropout import AlphaDropout
from tracekeras.layers.regularization.dropout import Dropout
from tracekeras.layers.regularization.gaussian_dropout import GaussianDropout
from tracekeras.layers.regularization.gaussian_noise import GaussianNoise

__all__ = ["ActivityRegularization", "AlphaDropout", "Dropout", "GaussianDropout",
           "GaussianNoise"]
