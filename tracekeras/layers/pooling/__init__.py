"""Pooling layers (``keras.layers.pooling``): window pooling and global pooling, 1-D and 2-D."""
from tracekeras.layers.pooling.average_pooling import (
                                                       AveragePooling1D,
                                                       AveragePooling2D,
                                                       AvgPool1D,
                                                       AvgPool2D,
)
from tracekeras.layers.pooling.global_pooling import (
                                                       GlobalAveragePooling1D,
                                                       GlobalAveragePooling2D,
                                                       GlobalAvgPool1D,
                                                       GlobalAvgPool2D,
                                                       GlobalMaxPool1D,
                                                       GlobalMaxPool2D,
                                                       GlobalMaxPooling1D,
                                                       GlobalMaxPooling2D,
)
from tracekeras.layers.pooling.max_pooling import MaxPool1D, MaxPool2D, MaxPooling1D, MaxPooling2D

__all__ = ["AveragePooling1D", "AveragePooling2D", "AvgPool1D", "AvgPool2D",
           "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalAvgPool1D",
           "GlobalAvgPool2D", "GlobalMaxPool1D", "GlobalMaxPool2D", "GlobalMaxPooling1D",
           "GlobalMaxPooling2D", "MaxPool1D", "MaxPool2D", "MaxPooling1D", "MaxPooling2D"]
