"""``keras.applications.imagenet_utils``: what every ImageNet model shares.

``obtain_input_shape`` checks or makes up a model's input shape (the default size when the
top is kept, ``(None, None, 3)`` when it is not; a warning for channels other than 1 or
3, errors for a size under the model's minimum or a shape ImageNet weights cannot take),
``check_weights`` refuses a ``weights`` argument or a class count ImageNet weights cannot
take, ``image_input`` and ``pooled`` make a model's input and its pooled end without a top,
``validate_activation`` refuses a top activation pretrained weights were not trained with,
``correct_pad`` gives the zero padding that centres a strided convolution (EfficientNet,
MobileNetV2), and ``preprocess_input`` scales NumPy images by one of Keras's three modes
(``caffe``: RGB to BGR, minus ImageNet's mean pixel; ``tf``: to [-1, 1]; ``torch``: to
[0, 1], then minus ImageNet's mean and over its deviation, channel by channel); a tensor
or a KerasTensor, in ``tf`` mode only (``preprocess_tensor``).
``decode_predictions`` needs ImageNet's class index, a download: it reads it from the
Keras cache like the weights.
No trace events (the model's layers trace themselves as they are built).
"""
import json
import os
import warnings

import numpy as np

from tracekeras import activations, backend
from tracekeras.utils.data_utils import get_file

CLASS_INDEX_PATH = ("https://storage.googleapis.com/download.tensorflow.org/data/"
                    "imagenet_class_index.json")
MODES = {"caffe": ([103.939, 116.779, 123.68], None),
         "torch": ([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])}


def preprocess_input(x, data_format=None, mode="caffe"):
    """Images (a NumPy array, 3D or a 4D batch) scaled as ImageNet models expect."""
    if mode not in {"caffe", "tf", "torch"}:
        raise ValueError("Expected mode to be one of `caffe`, `tf` or `torch`. "
                         f"Received: mode={mode}")
    if data_format is None:
        data_format = backend.image_data_format()
    elif data_format not in {"channels_first", "channels_last"}:
        raise ValueError("Expected data_format to be one of `channels_first` or "
                         f"`channels_last`. Received: data_format={data_format}")
    if not isinstance(x, np.ndarray):
        return preprocess_tensor(x, mode)
    if not issubclass(x.dtype.type, np.floating):
        x = x.astype(backend.floatx(), copy=False)
    if mode == "tf":
        x /= 127.5
        x -= 1.0
        return x
    if mode == "torch":
        x /= 255.0
    elif data_format == "channels_first":
        x = x[::-1, ...] if x.ndim == 3 else x[:, ::-1, ...]
    else:
        x = x[..., ::-1]
    mean, std = MODES[mode]
    axis = (0 if x.ndim == 3 else 1) if data_format == "channels_first" else x.ndim - 1
    shape = [1] * x.ndim
    shape[axis] = 3
    x -= np.asarray(mean, dtype=x.dtype).reshape(shape)
    if std is not None:
        x /= np.asarray(std, dtype=x.dtype).reshape(shape)
    return x


def preprocess_tensor(x, mode):
    """``preprocess_input`` of a tensor or a KerasTensor: in ``tf`` mode the two
    operators Keras applies, ``x / 127.5`` then ``- 1`` (on a KerasTensor they become the
    model's ``tf.math.truediv`` and ``tf.math.subtract`` layers); the other modes are
    NumPy only here."""
    from tracekeras.backend.tensor import Tensor
    from tracekeras.engine.keras_tensor import KerasTensor
    if mode == "tf" and isinstance(x, (Tensor, KerasTensor)):
        x /= 127.5
        x -= 1.0
        return x
    from tracekeras.shim.errors import PACKAGE, OperationNotImplementedByTracekeras, caller
    raise OperationNotImplementedByTracekeras(
        "tracekeras does not implement keras.applications.imagenet_utils."
        f"preprocess_input of a {type(x).__name__} in {mode!r} mode (used by "
        f"{caller(PACKAGE)}); "
        "give it a NumPy array")


def decode_predictions(preds, top=5):
    """``(class id, name, score)`` of each row's ``top`` classes, from ImageNet's index."""
    if len(preds.shape) != 2 or preds.shape[1] != 1000:
        raise ValueError("`decode_predictions` expects a batch of predictions (i.e. a 2D "
                         "array of shape (samples, 1000)). Found array with shape: "
                         f"{preds.shape}")
    path = get_file("imagenet_class_index.json", CLASS_INDEX_PATH, cache_subdir="models",
                    file_hash="c2c37ea517e94d9795004a39431a14cb")
    with open(path) as f:
        index = json.load(f)
    preds = np.asarray(preds)
    return [[tuple(index[str(i)]) + (pred[i],) for i in pred.argsort()[-top:][::-1]]
            for pred in preds]


def default_shape(input_shape, default_size, data_format, weights):
    """The shape a model takes when none is given (or when ImageNet weights fix it)."""
    if weights != "imagenet" and input_shape and len(input_shape) == 3:
        channels = input_shape[0] if data_format == "channels_first" else input_shape[-1]
        if channels not in {1, 3}:
            warnings.warn("This model usually expects 1 or 3 input channels. However, it "
                          f"was passed an input_shape with {channels} input channels.",
                          stacklevel=3)   # as Keras's: at the model's module
    else:
        channels = 3
    if data_format == "channels_first":
        return (channels, default_size, default_size)
    return (default_size, default_size, channels)


def check_input_shape(input_shape, min_size, data_format, weights):
    if len(input_shape) != 3:
        raise ValueError("`input_shape` must be a tuple of three integers.")
    first = data_format == "channels_first"
    channels = input_shape[0] if first else input_shape[-1]
    rows, cols = input_shape[1:] if first else input_shape[:2]
    if channels != 3 and weights == "imagenet":
        raise ValueError(f"The input must have 3 channels; Received `input_shape={input_shape}`")
    if (rows is not None and rows < min_size) or (cols is not None and cols < min_size):
        raise ValueError(f"Input size must be at least {min_size}x{min_size}; Received: "
                         f"input_shape={input_shape}")


def obtain_input_shape(input_shape, default_size, min_size, data_format, require_flatten,
                       weights=None):
    """The input shape a model is built for: ``input_shape`` checked, or its default."""
    default = default_shape(input_shape, default_size, data_format, weights)
    if weights == "imagenet" and require_flatten:
        if input_shape is not None and input_shape != default:
            raise ValueError("When setting `include_top=True` and loading `imagenet` "
                             f"weights, `input_shape` should be {default}.  Received: "
                             f"input_shape={input_shape}")
        return default
    if input_shape:
        check_input_shape(input_shape, min_size, data_format, weights)
    elif require_flatten:
        input_shape = default
    else:
        input_shape = (3, None, None) if data_format == "channels_first" else (None, None, 3)
    if require_flatten and None in input_shape:
        raise ValueError("If `include_top` is True, you should specify a static "
                         f"`input_shape`. Received: input_shape={input_shape}")
    return input_shape


def check_weights(weights, include_top, classes, received=False):
    """Keras's two refusals before any layer is made: ``weights`` neither ``None``,
    ``"imagenet"`` nor a file, and ImageNet weights with a top of other than 1000 classes
    (``received``: MobileNetV2's wording, which adds the value it received)."""
    if not (weights in {"imagenet", None} or os.path.exists(weights)):
        raise ValueError("The `weights` argument should be either `None` (random "
                         "initialization), `imagenet` (pre-training on ImageNet), or the "
                         "path to the weights file to be loaded."
                         + (f"  Received `weights={weights}`" if received else ""))
    if weights == "imagenet" and include_top and classes != 1000:
        raise ValueError('If using `weights` as `"imagenet"` with `include_top` as true, '
                         "`classes` should be 1000"
                         + (f". Received `classes={classes}`" if received else ""))


def image_input(input_tensor, input_shape, layers):
    """The model's input: a new ``Input`` of ``input_shape``, an ``Input`` around a tensor
    that is not a KerasTensor, or the KerasTensor given."""
    if input_tensor is None:
        return layers.Input(shape=input_shape)
    if not backend.is_keras_tensor(input_tensor):
        return layers.Input(tensor=input_tensor, shape=input_shape)
    return input_tensor


def pooled(x, pooling, layers, named=False):
    """Without a top: the feature maps averaged or maxed over space (``pooling``), or as
    they are; ``named``: the pooling layer is ``avg_pool`` or ``max_pool`` (EfficientNet's
    and ResNet's names)."""
    if pooling == "avg":
        return layers.GlobalAveragePooling2D(name="avg_pool" if named else None)(x)
    if pooling == "max":
        return layers.GlobalMaxPooling2D(name="max_pool" if named else None)(x)
    return x


def validate_activation(classifier_activation, weights):
    """Pretrained weights come with a softmax (or no) top activation: refuse any other."""
    if weights is None:
        return
    classifier_activation = activations.get(classifier_activation)
    if classifier_activation not in {activations.get("softmax"), activations.get(None)}:
        raise ValueError("Only `None` and `softmax` activations are allowed for the "
                         "`classifier_activation` argument when using pretrained weights, "
                         "with `include_top=True`; Received: "
                         f"classifier_activation={classifier_activation}")


def correct_pad(inputs, kernel_size):
    """The ``((top, bottom), (left, right))`` zero padding that centres a stride-2
    convolution of ``kernel_size`` on ``inputs``: half the kernel each side, one less
    before on an even side (and on a side of unknown size)."""
    axis = 2 if backend.image_data_format() == "channels_first" else 1
    input_size = backend.int_shape(inputs)[axis:axis + 2]
    if isinstance(kernel_size, int):
        kernel_size = (kernel_size, kernel_size)
    adjust = (1, 1) if input_size[0] is None else (1 - input_size[0] % 2,
                                                   1 - input_size[1] % 2)
    half = (kernel_size[0] // 2, kernel_size[1] // 2)
    return ((half[0] - adjust[0], half[0]), (half[1] - adjust[1], half[1]))
