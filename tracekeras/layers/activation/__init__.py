"""Activation layers (``keras.layers.activation``): one module per layer, as in Keras.

``Softmax`` (softmax), ``ReLU`` (relu), ``LeakyReLU`` (leaky_relu), ``ELU`` (elu)
and ``PReLU`` (prelu, the one with a weight). Each applies an element-wise
function of ``tracekeras.activations``/``backend.nn`` (differentiable), keeps the
input's shape and passes its mask on.
"""
from tracekeras.layers.activation.elu import ELU
from tracekeras.layers.activation.leaky_relu import LeakyReLU
from tracekeras.layers.activation.prelu import PReLU
from tracekeras.layers.activation.relu import ReLU
from tracekeras.layers.activation.softmax import Softmax

__all__ = ["ELU", "LeakyReLU", "PReLU", "ReLU", "Softmax"]
