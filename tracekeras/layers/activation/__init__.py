"""Activation layers (``keras.layers.activation``): one module per layer, as in Keras.

``Softmax`` (softmax), ``ReLU`` (relu), ``LeakyReLU`` (leaky_relu), ``ELU`` (elu),
``PReLU`` (prelu, the one with a weight) and ``ThresholdedReLU`` (thresholded_relu). Each
applies an element-wise function of ``tracekeras.activations``/``backend.nn``
(differentiable), keeps the input's shape and passes its mask on.
"""
from tracekeras.layers.activation.elu import ELU
from tracekeras.layers.activation.leaky_relu import LeakyReLU
from tracekeras.layers.activation.prelu import PReLU
from tracekeras.layers.activation.relu import ReLU
from tracekeras.layers.activation.softmax import Softmax
from tracekeras.layers.activation.thresholded_relu import ThresholdedReLU

__all__ = ["ELU", "LeakyReLU", "PReLU", "ReLU", "Softmax", "ThresholdedReLU"]
