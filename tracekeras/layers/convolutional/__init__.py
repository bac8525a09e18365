"""Convolution layers (``keras.layers.convolutional``): the ``Conv`` base and its kinds."""
from tracekeras.layers.convolutional.base_conv import Conv
from tracekeras.layers.convolutional.conv1d import Conv1D, Convolution1D
from tracekeras.layers.convolutional.conv2d import Conv2D, Convolution2D
from tracekeras.layers.convolutional.conv2d_transpose import Conv2DTranspose, Convolution2DTranspose

__all__ = ["Conv", "Conv1D", "Conv2D", "Conv2DTranspose", "Convolution1D", "Convolution2D",
           "Convolution2DTranspose"]
