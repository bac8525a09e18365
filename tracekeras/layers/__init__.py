"""tracekeras.layers: the layers a Keras user imports from ``keras.layers``.

``Input``/``InputLayer`` (engine.input_layer), ``Layer`` and ``InputSpec`` (engine),
``Dense``, ``Flatten``, ``Reshape``, ``Permute``; the activation layers (``Softmax``,
``ReLU``, ``LeakyReLU``, ``ELU``, ``PReLU``, ``ThresholdedReLU``), the core layers
(``Activation``, ``EinsumDense``, ``Embedding``, ``Identity``, ``Lambda``), ``MultiHeadAttention``,
``Attention``, ``AdditiveAttention``, ``RepeatVector``, ``BatchNormalization``,
``LayerNormalization``, ``GroupNormalization``, ``UnitNormalization``, ``Dropout``,
``SpatialDropout1D``/``2D``/``3D``, ``AlphaDropout``, ``GaussianNoise``,
``GaussianDropout``, ``ActivityRegularization``, the preprocessing layers ``Rescaling``,
``Resizing``, ``CenterCrop``, the random image augmentations (``RandomFlip``,
``RandomRotation``, ``RandomZoom``, ``RandomTranslation``, ``RandomContrast``,
``RandomCrop``, ``RandomBrightness``, ``RandomHeight``, ``RandomWidth``), ``Normalization``,
``TextVectorization``, ``StringLookup``, ``IntegerLookup``, ``CategoryEncoding``,
``Hashing``, ``HashedCrossing`` and ``Discretization``, and the merge layers (``Add``, ``Subtract``,
``Multiply``, ``Average``, ``Maximum``, ``Minimum``, ``Concatenate``, ``Dot``) with their
functional forms (``add``, ``concatenate`` ...); the convolution and pooling layers, 1-D to
3-D, channels last or first (``Conv1D``, ``Conv2D``, ``Conv3D``, ``Conv2DTranspose``,
``DepthwiseConv2D``, ``SeparableConv2D``, ``MaxPooling2D``, ``GlobalAveragePooling3D``,
``Cropping2D``, ``UpSampling2D``, ``ZeroPadding3D``, ... and Keras's aliases such as
``Convolution2D``, ``MaxPool2D``, ``GlobalAvgPool2D``); the recurrent layers (``SimpleRNN``,
``LSTM``, ``GRU``, their cells, the ``RNN`` wrapper, ``Bidirectional``, ``TimeDistributed``)
and ``Masking``. Models find a layer class by its name in ``__all__`` when they are rebuilt
from a config."""
from tracekeras.engine.base_layer import Layer
from tracekeras.engine.input_layer import Input, InputLayer
from tracekeras.engine.input_spec import InputSpec
from tracekeras.layers.activation import ELU, LeakyReLU, PReLU, ReLU, Softmax, ThresholdedReLU
from tracekeras.layers.attention import AdditiveAttention, Attention, MultiHeadAttention
from tracekeras.layers.convolutional import (
                                             Conv1D,
                                             Conv1DTranspose,
                                             Conv2D,
                                             Conv2DTranspose,
                                             Conv3D,
                                             Conv3DTranspose,
                                             Convolution1D,
                                             Convolution1DTranspose,
                                             Convolution2D,
                                             Convolution2DTranspose,
                                             Convolution3D,
                                             Convolution3DTranspose,
                                             DepthwiseConv1D,
                                             DepthwiseConv2D,
                                             SeparableConv1D,
                                             SeparableConv2D,
                                             SeparableConvolution1D,
                                             SeparableConvolution2D,
)
from tracekeras.layers.core import Activation, EinsumDense, Embedding, Identity, Lambda
from tracekeras.layers.cropping import Cropping1D, Cropping2D, Cropping3D
from tracekeras.layers.dense import Dense
from tracekeras.layers.masking import Masking
from tracekeras.layers.merging import (
                                             Add,
                                             Average,
                                             Concatenate,
                                             Dot,
                                             Maximum,
                                             Minimum,
                                             Multiply,
                                             Subtract,
                                             add,
                                             average,
                                             concatenate,
                                             dot,
                                             maximum,
                                             minimum,
                                             multiply,
                                             subtract,
)
from tracekeras.layers.normalization import (
    BatchNormalization,
    GroupNormalization,
    LayerNormalization,
    UnitNormalization,
)
from tracekeras.layers.permute import Permute
from tracekeras.layers.pooling import (
                                             AveragePooling1D,
                                             AveragePooling2D,
                                             AveragePooling3D,
                                             AvgPool1D,
                                             AvgPool2D,
                                             AvgPool3D,
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
                                             MaxPool1D,
                                             MaxPool2D,
                                             MaxPool3D,
                                             MaxPooling1D,
                                             MaxPooling2D,
                                             MaxPooling3D,
)
from tracekeras.layers.preprocessing.category_encoding import CategoryEncoding
from tracekeras.layers.preprocessing.discretization import Discretization
from tracekeras.layers.preprocessing.hashed_crossing import HashedCrossing
from tracekeras.layers.preprocessing.hashing import Hashing
from tracekeras.layers.preprocessing.image_augmentation import (
                                             RandomContrast,
                                             RandomCrop,
                                             RandomFlip,
                                             RandomRotation,
                                             RandomTranslation,
                                             RandomZoom,
)
from tracekeras.layers.preprocessing.image_preprocessing import CenterCrop, Rescaling, Resizing
from tracekeras.layers.preprocessing.integer_lookup import IntegerLookup
from tracekeras.layers.preprocessing.normalization import Normalization
from tracekeras.layers.preprocessing.random_brightness import RandomBrightness
from tracekeras.layers.preprocessing.random_resize import RandomHeight, RandomWidth
from tracekeras.layers.preprocessing.string_lookup import StringLookup
from tracekeras.layers.preprocessing.text_vectorization import TextVectorization
from tracekeras.layers.regularization import (
    ActivityRegularization,
    AlphaDropout,
    Dropout,
    GaussianDropout,
    GaussianNoise,
    SpatialDropout1D,
    SpatialDropout2D,
    SpatialDropout3D,
)
from tracekeras.layers.repeat_vector import RepeatVector
from tracekeras.layers.reshaping import Flatten, Reshape
from tracekeras.layers.rnn import (
                                             GRU,
                                             LSTM,
                                             RNN,
                                             Bidirectional,
                                             ConvLSTM1D,
                                             ConvLSTM2D,
                                             ConvLSTM3D,
                                             GRUCell,
                                             LSTMCell,
                                             SimpleRNN,
                                             SimpleRNNCell,
                                             StackedRNNCells,
                                             TimeDistributed,
                                             Wrapper,
)
from tracekeras.layers.serialization import deserialize, serialize  # noqa: F401 - not classes
from tracekeras.layers.up_sampling import UpSampling1D, UpSampling3D
from tracekeras.layers.up_sampling2d import UpSampling2D
from tracekeras.layers.zero_padding import ZeroPadding1D, ZeroPadding3D
from tracekeras.layers.zero_padding2d import ZeroPadding2D

__all__ = ["Dense", "Flatten", "Input", "InputLayer", "InputSpec", "Layer", "Reshape"]

__all__ += [  # activation, core, merging, normalization, preprocessing, regularization
    "Activation", "ActivityRegularization", "Add", "AdditiveAttention", "AlphaDropout",
    "Attention", "Average", "BatchNormalization",
    "Concatenate", "Dot", "Dropout", "ELU", "GaussianDropout", "GaussianNoise",
    "EinsumDense", "Embedding", "Lambda", "LayerNormalization", "LeakyReLU", "Maximum",
    "Minimum", "Multiply", "MultiHeadAttention", "Normalization", "PReLU", "ReLU",
    "RepeatVector", "Rescaling", "Softmax", "Subtract",
    "TextVectorization", "StringLookup", "IntegerLookup", "CategoryEncoding", "Hashing",
    "Discretization", "HashedCrossing", "Identity",
    "CenterCrop", "RandomContrast", "RandomCrop", "RandomFlip", "RandomRotation",
    "RandomTranslation", "RandomZoom", "Resizing",
    "add", "average", "concatenate", "dot", "maximum", "minimum", "multiply", "subtract",
]

__all__ += [  # convolution
    "Conv1D", "Conv1DTranspose", "Conv2D", "Conv2DTranspose", "Conv3D", "Conv3DTranspose",
    "Convolution1D", "Convolution1DTranspose", "Convolution2D", "Convolution2DTranspose",
    "Convolution3D", "Convolution3DTranspose",
    "DepthwiseConv1D", "DepthwiseConv2D", "SeparableConv1D", "SeparableConv2D",
    "SeparableConvolution1D", "SeparableConvolution2D",
]

__all__ += [  # pooling
    "AveragePooling1D", "AveragePooling2D", "AveragePooling3D", "AvgPool1D", "AvgPool2D",
    "AvgPool3D", "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalAveragePooling3D",
    "GlobalAvgPool1D", "GlobalAvgPool2D", "GlobalAvgPool3D", "GlobalMaxPool1D",
    "GlobalMaxPool2D", "GlobalMaxPool3D", "GlobalMaxPooling1D", "GlobalMaxPooling2D",
    "GlobalMaxPooling3D", "MaxPool1D", "MaxPool2D", "MaxPool3D", "MaxPooling1D",
    "MaxPooling2D", "MaxPooling3D",
]

__all__ += [  # cropping, padding, up-sampling
    "Cropping1D", "Cropping2D", "Cropping3D", "UpSampling1D", "UpSampling2D", "UpSampling3D",
    "ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D",
]

__all__ += [  # recurrent layers and masking
    "Bidirectional", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D", "GRU", "GRUCell", "LSTM",
    "LSTMCell", "Masking", "RNN", "SimpleRNN",
    "SimpleRNNCell", "StackedRNNCells", "TimeDistributed", "Wrapper",
]

__all__ += [  # permutation, spatial dropout, group and unit normalization, more augmentation
    "GroupNormalization", "Permute", "RandomBrightness", "RandomHeight", "RandomWidth",
    "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "ThresholdedReLU",
    "UnitNormalization",
]

from tracekeras.layers import experimental  # noqa: E402,F401 - it reads the names above
