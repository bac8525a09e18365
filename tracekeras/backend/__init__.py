"""tracekeras.backend: the NumPy backend (``keras.backend`` on TensorFlow, here on NumPy).

``Tensor`` and ``Variable`` hold values; ``GradientTape`` differentiates; ``ops``
and ``nn`` are the differentiable operations the engine uses, ``math_ops`` and
``array_ops`` the rest of the ``tf`` a script reaches for (``random`` also draws
``tf.random``'s tensors); ``config`` holds floatx, epsilon
and the layer-name counters that ``clear_session`` resets; ``mean``, ``sum``,
``batch_flatten`` and the other tensor functions of ``keras.backend`` are in
``tensor_functions`` (and ``array_``, ``nn_``, ``session_functions``); its convolutions in
``conv_functions``, pooling and resizing in ``pooling_functions``, batch normalization in
``normalization_functions``, ``map_fn``/``foldl``/``foldr`` in ``functional_functions``,
``print_tensor`` in ``tensor_printing``; ``static_shapes`` notes the shape a graph knows of
a tensor where it knows less than the value shows (a resized width).
"""
from . import function as function_module  # noqa: F401 - loaded before K.function takes its name
from . import nn, ops, random
from .array_functions import (
    arange,
    batch_dot,
    cast_to_floatx,
    constant,
    count_params,
    dot,
    dtype,
    expand_dims,
    eye,
    flatten,
    gather,
    int_shape,
    ndim,
    one_hot,
    ones,
    ones_like,
    random_bernoulli,
    random_binomial,
    random_normal_variable,
    random_uniform_variable,
    repeat,
    repeat_elements,
    reverse,
    spatial_2d_padding,
    spatial_3d_padding,
    squeeze,
    stack,
    temporal_padding,
    tile,
    truncated_normal,
    variable,
    zeros,
    zeros_like,
)
from .config import (
    clear_session,
    epsilon,
    floatx,
    get_uid,
    image_data_format,
    manual_variable_initialization,
    set_epsilon,
    set_floatx,
    set_image_data_format,
    standardize_dtype,
    unique_object_name,
)
from .conv_functions import (
    conv1d,
    conv2d,
    conv2d_transpose,
    conv3d,
    depthwise_conv2d,
    local_conv1d,
    local_conv2d,
    separable_conv2d,
)
from .ctc import ctc_batch_cost, ctc_label_dense_to_sparse
from .ctc_decoding import ctc_decode
from .functional_functions import foldl, foldr, map_fn
from .nn_functions import (
    bias_add,
    binary_crossentropy,
    binary_focal_crossentropy,
    categorical_crossentropy,
    categorical_focal_crossentropy,
    dropout,
    elu,
    hard_sigmoid,
    in_top_k,
    l2_normalize,
    relu,
    sigmoid,
    softmax,
    softplus,
    softsign,
    sparse_categorical_crossentropy,
    stop_gradient,
    tanh,
)
from .normalization_functions import batch_normalization, normalize_batch_in_training
from .pooling_functions import pool2d, pool3d, resize_images, resize_volumes
from .session_functions import (
    backend,
    batch_get_value,
    batch_set_value,
    eval,
    function,
    gradients,
    in_test_phase,
    in_train_phase,
    is_keras_tensor,
    is_sparse,
    learning_phase,
    learning_phase_scope,
    moving_average_update,
    name_scope,
    placeholder,
    reset_uids,
    set_learning_phase,
    to_dense,
    update,
    update_add,
    update_sub,
)
from .tape import GradientTape
from .tensor import Tensor, Variable, convert
from .tensor_functions import (
    abs,
    all,
    any,
    argmax,
    argmin,
    batch_flatten,
    cast,
    clip,
    concatenate,
    cos,
    cumprod,
    cumsum,
    equal,
    exp,
    greater,
    greater_equal,
    less,
    less_equal,
    log,
    max,
    maximum,
    mean,
    min,
    minimum,
    not_equal,
    permute_dimensions,
    pow,
    prod,
    reshape,
    round,
    shape,
    sign,
    sin,
    sqrt,
    square,
    std,
    sum,
    switch,
    transpose,
    var,
)
from .tensor_printing import print_tensor


def get_value(x):
    """keras.backend.get_value: a NumPy copy of a Variable or Tensor (a number stays a number)."""
    if isinstance(x, Variable):
        return x.numpy()
    if isinstance(x, Tensor):
        return x.value.copy()
    return x


def set_value(x, value):
    """keras.backend.set_value: assign in place."""
    x.assign(value)


def random_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    """keras.backend.random_normal: ``tf.random.normal`` in floatx unless told otherwise;
    without a seed, the op seed is drawn from NumPy's global generator, as in Keras."""
    return random.normal_draw(shape, mean, stddev, dtype or floatx(), random.keras_op_seed(seed),
                              True)


def random_uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    """keras.backend.random_uniform: ``tf.random.uniform`` in floatx unless told otherwise;
    without a seed, the op seed is drawn from NumPy's global generator, as in Keras."""
    return random.uniform_draw(shape, minval, maxval, dtype or floatx(),
                               random.keras_op_seed(seed), True)


__all__ = ["GradientTape", "Tensor", "Variable", "batch_flatten", "clear_session", "concatenate",
           "convert", "epsilon", "exp", "floatx", "get_uid", "get_value", "mean", "nn",
           "not_equal", "ops", "permute_dimensions", "random", "random_normal",
           "random_uniform", "reshape", "set_epsilon", "set_floatx", "set_value", "shape",
           "square", "standardize_dtype", "sum", "transpose", "unique_object_name"]
__all__ += [  # the other keras.backend functions (tensor_, array_, nn_, session_functions)
    "abs", "all", "any", "arange", "argmax", "argmin", "batch_dot", "batch_get_value",
    "batch_set_value", "bias_add", "binary_crossentropy", "cast", "cast_to_floatx",
    "categorical_crossentropy", "clip", "constant", "cos", "count_params", "cumsum", "dot",
    "dropout", "dtype", "elu", "equal", "expand_dims", "eye", "flatten", "function", "gather",
    "gradients", "greater", "greater_equal", "hard_sigmoid",
    "in_test_phase", "in_train_phase", "int_shape", "is_keras_tensor", "l2_normalize",
    "learning_phase", "less", "less_equal", "log", "max", "maximum", "min", "minimum", "ndim",
    "one_hot", "ones", "ones_like", "placeholder", "pow", "prod", "relu", "repeat",
    "repeat_elements", "reverse", "round", "sigmoid", "sign", "sin", "softmax", "softplus",
    "softsign", "sparse_categorical_crossentropy", "sqrt", "squeeze", "stack", "std",
    "stop_gradient", "switch", "tanh", "tile", "update", "update_add", "update_sub", "var",
    "variable", "zeros", "zeros_like", "backend", "eval", "in_top_k", "is_sparse",
    "moving_average_update", "random_normal_variable", "random_uniform_variable",
    "reset_uids", "to_dense", "truncated_normal", "random_bernoulli", "random_binomial",
    "spatial_2d_padding", "spatial_3d_padding", "temporal_padding",
    "ctc_batch_cost", "ctc_decode", "ctc_label_dense_to_sparse",
]
__all__ += [  # the convolution, pooling and resizing functions (conv_, pooling_functions)
    "conv1d", "conv2d", "conv2d_transpose", "conv3d", "depthwise_conv2d", "local_conv1d",
    "local_conv2d", "separable_conv2d", "pool2d", "pool3d", "resize_images", "resize_volumes",
    "batch_normalization", "normalize_batch_in_training",
]
__all__ += [  # the session-era settings and scopes, and the rest (config, session_,
    # tensor_, nn_, functional_functions, tensor_printing)
    "cumprod", "foldl", "foldr", "image_data_format", "learning_phase_scope",
    "manual_variable_initialization", "map_fn", "name_scope", "print_tensor",
    "set_image_data_format", "set_learning_phase", "binary_focal_crossentropy",
    "categorical_focal_crossentropy",
]

# one BLAS thread outside the training loops, where the products are a batch's or an
# example's (threads.py's docstring); the loops decide for themselves inside
from . import threads  # noqa: E402

threads.limit_outside_loops()

# the ``tensorflow`` logger prints "WARNING:tensorflow:..." as TensorFlow's does
from tracekeras.utils import tf_logging  # noqa: E402

tf_logging.install()
