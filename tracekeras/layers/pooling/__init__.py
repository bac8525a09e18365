"""Pooling layers (``keras.layers.pooling``): window pooling and global pooling, 1-D to 3-D."""
from tracekeras.layers.pooling.average_pooling import (
                                                       AveragePooling1D,
                                                       AveragePooling2D,
                                                       AveragePooling3D,
                                                       AvgPool1D,
                                                       AvgPool2D,
                                                       AvgPool3D,
)
from tracekeras.layers.pooling.global_pooling import (
                                                       GlobalAveragePooling1D,
                                                       GlobalAveragePooling2D,
                                                       GlobalAveragePooling3D,
                                                       GlobalAvgPool1D,
                                                       GlobalAvgPool2D,
                                                       GlobalAvgPool3D,
                                                       GlobalMaxPool1D,
                                                       GlobalMaxPool2D,
                                                       GlobalMaxPool3D,
                                                       GlobalMaxPooling1D,
                                                       GlobalMaxPooling2D,
                                                       GlobalMaxPooling3D,
)
from tracekeras.layers.pooling.max_pooling import (
                                                       MaxPool1D,
                                                       MaxPool2D,
                                                       MaxPool3D,
                                                       MaxPooling1D,
                                                       MaxPooling2D,
                                                       MaxPooling3D,
)

__all__ = ["AveragePooling1D", "AveragePooling2D", "AveragePooling3D", "AvgPool1D", "AvgPool2D",
           "AvgPool3D", "GlobalAveragePooling1D", "GlobalAveragePooling2D",
           "GlobalAveragePooling3D", "GlobalAvgPool1D", "GlobalAvgPool2D", "GlobalAvgPool3D",
           "GlobalMaxPool1D", "GlobalMaxPool2D", "GlobalMaxPool3D", "GlobalMaxPooling1D",
           "GlobalMaxPooling2D", "GlobalMaxPooling3D", "MaxPool1D", "MaxPool2D", "MaxPool3D",
           "MaxPooling1D", "MaxPooling2D", "MaxPooling3D"]
