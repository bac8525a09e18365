"""Convolution layers (``keras.layers.convolutional``): the ``Conv`` base and its kinds."""
from tracekeras.layers.convolutional.base_conv import Conv
from tracekeras.layers.convolutional.base_depthwise_conv import DepthwiseConv1D, DepthwiseConv2D
from tracekeras.layers.convolutional.base_separable_conv import (
                                                                 SeparableConv1D,
                                                                 SeparableConv2D,
                                                                 SeparableConvolution1D,
                                                                 SeparableConvolution2D,
)
from tracekeras.layers.convolutional.conv1d import Conv1D, Convolution1D
from tracekeras.layers.convolutional.conv1d_transpose import Conv1DTranspose, Convolution1DTranspose
from tracekeras.layers.convolutional.conv2d import Conv2D, Convolution2D
from tracekeras.layers.convolutional.conv2d_transpose import Conv2DTranspose, Convolution2DTranspose
from tracekeras.layers.convolutional.conv3d import Conv3D, Convolution3D
from tracekeras.layers.convolutional.conv3d_transpose import (
                                                              Conv3DTranspose,
                                                              Convolution3DTranspose,
)

__all__ = ["Conv", "Conv1D", "Conv1DTranspose", "Conv2D", "Conv2DTranspose", "Conv3D",
           "Conv3DTranspose", "Convolution1D", "Convolution1DTranspose", "Convolution2D",
           "Convolution2DTranspose", "Convolution3D", "Convolution3DTranspose",
           "DepthwiseConv1D", "DepthwiseConv2D", "SeparableConv1D", "SeparableConv2D",
           "SeparableConvolution1D", "SeparableConvolution2D"]
