"""The ``keras.backend`` functions checked against tf_keras 2.21
(``make_keras_function_fixtures.py`` records them, ``test_keras_functions.py`` checks them).

Each case is a function of ``K`` (``keras.backend`` of either engine) returning a value or
a structure of values; the inputs are NumPy arrays fixed here. ``ERRORS``: calls whose
error (type and message) is recorded.
"""
import contextlib
import importlib
import io
import os
import re
import sys
import tempfile
import warnings

import numpy as np

X = (np.arange(24, dtype="float32").reshape(2, 3, 4) - 11.0) / 4.0
M = (np.arange(12, dtype="float32").reshape(3, 4) - 5.0) / 3.0
P = np.array([[0.1, 0.7, 0.2], [0.3, 0.3, 0.4]], "float32")
T = np.array([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]], "float32")
B = np.array([[True, False, True], [False, False, True]])
W = (np.arange(20, dtype="float32").reshape(4, 5) - 9.0) / 7.0
V = (np.arange(30, dtype="float32").reshape(2, 3, 5) - 13.0) / 9.0


def wave(*shape, step=1.7):
    """Values without ties (max pooling's gradient goes to one place) of a shape."""
    return np.sin(np.arange(int(np.prod(shape)), dtype="float32") * step).reshape(shape)


SEQ = wave(2, 7, 3)              # (batch, steps, channels)
IMG = wave(2, 4, 5, 3)           # (batch, rows, cols, channels)
VOL = wave(1, 4, 4, 3, 2)        # (batch, depth, rows, cols, channels)
K1 = wave(3, 3, 2, step=0.9)     # conv1d kernel (k, in, out)
K2 = wave(3, 3, 3, 2, step=0.9)  # conv2d kernel (kh, kw, in, out); a transposed
# convolution's (kh, kw, out, in) is K2T, a depthwise kernel (kh, kw, in, multiplier) is K2
K2T = wave(3, 3, 2, 3, step=0.9)
K3 = wave(2, 2, 2, 2, 3, step=0.9)
PK = wave(1, 1, 3, 4, step=0.4)  # separable_conv2d's pointwise kernel
BN = wave(2, 3, 4, 5, step=1.3) * 2.0 + 0.5     # batch normalization's inputs
MEAN5, VAR5 = wave(5, step=0.8) * 0.3, np.abs(wave(5, step=0.6)) + 0.2
BETA5, GAMMA5 = wave(5, step=0.5), wave(5, step=0.35) + 1.0



def c(K, array):
    """``array`` as a constant of its own dtype (Keras's functions take tensors)."""
    return K.constant(array, dtype=array.dtype.name)

CASES = {
    "mean": lambda K: K.mean(c(K, X), axis=1),
    "mean_bool": lambda K: K.mean(c(K, B)),
    "sum": lambda K: K.sum(c(K, X), axis=-1, keepdims=True),
    "max": lambda K: K.max(c(K, X), axis=2),
    "min": lambda K: K.min(c(K, M), axis=0, keepdims=True),
    "prod": lambda K: K.prod(c(K, M), axis=1),
    "std": lambda K: K.std(c(K, X), axis=1),
    "var": lambda K: K.var(c(K, M)),
    "std_bool": lambda K: K.std(c(K, B), axis=1),
    "any": lambda K: K.any(c(K, M), axis=0),
    "all": lambda K: K.all(c(K, B), axis=1),
    "argmax": lambda K: K.argmax(c(K, X)),
    "argmin": lambda K: K.argmin(c(K, M), axis=0),
    "cumsum": lambda K: K.cumsum(c(K, M), axis=1),
    "square": lambda K: K.square(c(K, M)),
    "sqrt": lambda K: K.sqrt(c(K, M)),
    "exp": lambda K: K.exp(c(K, M)),
    "log": lambda K: K.log(c(K, P)),
    "abs": lambda K: K.abs(c(K, M)),
    "pow": lambda K: K.pow(c(K, M), 3),
    "round": lambda K: K.round(c(K, M) * 2.0),
    "sign": lambda K: K.sign(c(K, M)),
    "sin": lambda K: K.sin(c(K, M)),
    "cos": lambda K: K.cos(c(K, M)),
    "clip": lambda K: K.clip(c(K, M), -0.5, 0.75),
    "clip_reversed": lambda K: K.clip(c(K, M), 0.5, -1.0),
    "clip_none": lambda K: K.clip(c(K, M), None, 0.25),
    "maximum": lambda K: K.maximum(c(K, M), 0.1),
    "minimum": lambda K: K.minimum(c(K, M), c(K, M)[::-1]),
    "equal": lambda K: K.equal(c(K, M), c(K, M)[:, ::-1]),
    "not_equal": lambda K: K.not_equal(c(K, M), c(K, M)[:, ::-1]),
    "greater": lambda K: K.greater(c(K, M), 0.0),
    "greater_equal": lambda K: K.greater_equal(c(K, M), c(K, M)[::-1]),
    "less": lambda K: K.less(c(K, M), 0.0),
    "less_equal": lambda K: K.less_equal(c(K, M), c(K, M)[::-1]),
    "cast": lambda K: K.cast(c(K, M) * 3.0, "int32"),
    "switch_scalar": lambda K: K.switch(K.greater(K.sum(c(K, M)), 0.0), c(K, M), -c(K, M)),
    "switch_tensor": lambda K: K.switch(K.greater(c(K, M), 0.0), c(K, M), c(K, M) * 0.5),
    "switch_rank2_over_3": lambda K: K.switch(K.greater(c(K, X)[:, :, 0], 0.0), c(K, X), -c(K, X)),
    "shape": lambda K: K.shape(c(K, X)),
    "int_shape": lambda K: list(K.int_shape(K.constant(c(K, X)))),
    "ndim": lambda K: K.ndim(K.constant(c(K, X))),
    "dtype": lambda K: K.dtype(K.constant(c(K, M))),
    "count_params": lambda K: int(K.count_params(K.variable(c(K, W)))),
    "reshape": lambda K: K.reshape(c(K, X), (4, 6)),
    "batch_flatten": lambda K: K.batch_flatten(c(K, X)),
    "flatten": lambda K: K.flatten(c(K, M)),
    "expand_dims": lambda K: K.expand_dims(c(K, M)),
    "expand_dims_0": lambda K: K.expand_dims(c(K, M), 0),
    "squeeze": lambda K: K.squeeze(c(K, M)[:, :1], 1),
    "concatenate": lambda K: K.concatenate([c(K, M), c(K, M) * 2.0], axis=-1),
    "stack": lambda K: K.stack([c(K, M), c(K, M) * 2.0], axis=1),
    "tile": lambda K: K.tile(c(K, M), (2, 1)),
    "repeat": lambda K: K.repeat(c(K, M), 2),
    "repeat_elements": lambda K: K.repeat_elements(c(K, M), 2, axis=1),
    "reverse": lambda K: K.reverse(c(K, X), [0, 2]),
    "reverse_int": lambda K: K.reverse(c(K, M), 1),
    "permute_dimensions": lambda K: K.permute_dimensions(c(K, X), (2, 0, 1)),
    "transpose": lambda K: K.transpose(c(K, M)),
    "gather": lambda K: K.gather(c(K, M), [2, 0]),
    "one_hot": lambda K: K.one_hot(K.constant([0, 2, 1], dtype="int32"), 3),
    "arange": lambda K: K.arange(5),
    "arange_float": lambda K: K.arange(1, 4, 0.5, dtype="float32"),
    "arange_negative": lambda K: K.arange(-3),
    "ones_like": lambda K: K.ones_like(c(K, M)),
    "zeros_like": lambda K: K.zeros_like(c(K, M), dtype="int32"),
    "constant": lambda K: K.constant([[1, 2], [3, 4]]),
    "cast_to_floatx": lambda K: K.cast_to_floatx([1, 2, 3]),
    "variable": lambda K: K.variable([[1, 2], [3, 4]]),
    "ones": lambda K: K.ones((2, 3)),
    "zeros": lambda K: K.zeros((2,), dtype="int32"),
    "eye": lambda K: K.eye(3),
    "dot": lambda K: K.dot(c(K, M), c(K, W)),
    "dot_3d": lambda K: K.dot(c(K, X), c(K, W)),
    "dot_3d_3d": lambda K: K.dot(c(K, M), c(K, np.stack([W, W * 2.0]))),
    "batch_dot": lambda K: K.batch_dot(c(K, X), c(K, V[:, :, :4].transpose(0, 2, 1))),
    "batch_dot_axes": lambda K: K.batch_dot(c(K, X), c(K, V), axes=(1, 1)),
    "batch_dot_2d": lambda K: K.batch_dot(c(K, M)[:2], c(K, M)[1:]),
    "l2_normalize": lambda K: K.l2_normalize(c(K, M), axis=1),
    "l2_normalize_all": lambda K: K.l2_normalize(c(K, M)),
    "relu": lambda K: K.relu(c(K, M)),
    "relu_alpha": lambda K: K.relu(c(K, M), alpha=0.1),
    "relu_max": lambda K: K.relu(c(K, M), max_value=1.0),
    "relu_threshold": lambda K: K.relu(c(K, M), alpha=0.2, max_value=1.5, threshold=0.5),
    "elu": lambda K: K.elu(c(K, M), alpha=0.5),
    "sigmoid": lambda K: K.sigmoid(c(K, M)),
    "tanh": lambda K: K.tanh(c(K, M)),
    "softplus": lambda K: K.softplus(c(K, M)),
    "softsign": lambda K: K.softsign(c(K, M)),
    "hard_sigmoid": lambda K: K.hard_sigmoid(c(K, M) * 3.0),
    "softmax": lambda K: K.softmax(c(K, M)),
    "softmax_axis0": lambda K: K.softmax(c(K, M), axis=0),
    "binary_crossentropy": lambda K: K.binary_crossentropy(c(K, T), c(K, P)),
    "binary_crossentropy_logits": lambda K: K.binary_crossentropy(c(K, T), c(K, M)[:2, :3],
                                                                  from_logits=True),
    "categorical_crossentropy": lambda K: K.categorical_crossentropy(c(K, T), c(K, P)),
    "categorical_crossentropy_logits": lambda K: K.categorical_crossentropy(
        c(K, T), c(K, M)[:2, :3], from_logits=True),
    "sparse_categorical_crossentropy": lambda K: K.sparse_categorical_crossentropy(
        K.constant([1, 2], dtype="int32"), c(K, P)),
    "bias_add": lambda K: K.bias_add(c(K, X), K.constant([1.0, 2.0, 3.0, 4.0])),
    "bias_add_first": lambda K: K.bias_add(c(K, X), K.constant([1.0, 2.0, 3.0]),
                                           data_format="channels_first"),
    "stop_gradient": lambda K: K.stop_gradient(c(K, M)),
    "epsilon": lambda K: K.epsilon(),
    "floatx": lambda K: K.floatx(),
    "image_data_format": lambda K: K.image_data_format(),
    "learning_phase": lambda K: K.learning_phase(),
    "in_train_phase": lambda K: K.in_train_phase(c(K, M), -c(K, M)),
    "in_train_phase_true": lambda K: K.in_train_phase(lambda: c(K, M) * 2.0, c(K, M),
                                                      training=True),
    "in_test_phase": lambda K: K.in_test_phase(c(K, M), -c(K, M)),
    "get_value": lambda K: K.get_value(K.variable(c(K, M))),
    "batch_get_value": lambda K: K.batch_get_value([K.variable(c(K, M)), K.variable(c(K, W))]),
    "set_value": lambda K: set_then_get(K, K.set_value),
    "batch_set_value": lambda K: set_then_get(K, lambda v, x: K.batch_set_value([(v, x)])),
    "update_add": lambda K: K.get_value(K.update_add(K.variable(c(K, M)), c(K, M))),
    "update_sub": lambda K: K.get_value(K.update_sub(K.variable(c(K, M)), c(K, M) * 2.0)),
    "update": lambda K: K.get_value(K.update(K.variable(c(K, M)), c(K, M) * 3.0)),
    "is_keras_tensor": lambda K: [K.is_keras_tensor(K.placeholder(shape=(2, 3))),
                                  K.is_keras_tensor(K.constant(c(K, M)))],
    "placeholder": lambda K: [repr(K.placeholder(shape=(None, 3)))[:-2].rsplit("_", 1)[0],
                              K.int_shape(K.placeholder(ndim=2))],
    "function": lambda K: keras_function(K),
    "dropout": lambda K: seeded_dropout(K),
    "truncated_normal": lambda K: K.truncated_normal((3, 4), 1.0, 2.0, seed=11),
    "random_normal_variable": lambda K: K.random_normal_variable((2, 3), 0.5, 2.0, seed=12),
    "random_uniform_variable": lambda K: K.random_uniform_variable((2, 3), -1.0, 3.0,
                                                                   seed=13),
    "moving_average_update": lambda K: K.get_value(K.moving_average_update(
        K.variable(c(K, M)), c(K, M) * 3.0, 0.9)),
    "in_top_k": lambda K: K.in_top_k(c(K, np.array([[0.1, 0.5, 0.5, 0.2], [0.3, 0.2, 0.1,
                                                                           0.4],
                                                     [1.0, np.inf, 0.0, 0.0]], "float32")),
                                     K.constant([2, 0, 0], dtype="int32"), 1),
    "in_top_k_2": lambda K: K.in_top_k(c(K, P), K.constant([0, 2], dtype="int32"), 2),
    "eval": lambda K: K.eval(K.variable(c(K, M))),
    "is_sparse": lambda K: K.is_sparse(c(K, M)),
    "to_dense": lambda K: K.to_dense(c(K, M)),
    "backend": lambda K: K.backend(),
    "random_bernoulli": lambda K: K.random_bernoulli((3, 5), p=0.3, seed=21),
    "temporal_padding": lambda K: K.temporal_padding(c(K, X), (2, 1)),
    "spatial_2d_padding": lambda K: K.spatial_2d_padding(K.reshape(c(K, X), (1, 2, 3, 4))),
    "spatial_2d_padding_first": lambda K: K.spatial_2d_padding(
        K.reshape(c(K, X), (1, 2, 3, 4)), ((0, 1), (2, 0)), data_format="channels_first"),
    "spatial_3d_padding": lambda K: K.spatial_3d_padding(K.reshape(c(K, X), (1, 2, 3, 2, 2)),
                                                         ((1, 0), (0, 1), (1, 1))),
}


CONV_CASES = {
    "conv1d": lambda K: K.conv1d(c(K, SEQ), c(K, K1)),
    "conv1d_same_strided": lambda K: K.conv1d(c(K, SEQ), c(K, K1), strides=2, padding="same"),
    "conv1d_causal_dilated": lambda K: K.conv1d(c(K, SEQ), c(K, K1), padding="causal",
                                                dilation_rate=2),
    "conv1d_first": lambda K: K.conv1d(c(K, SEQ.transpose(0, 2, 1)), c(K, K1),
                                       data_format="channels_first"),
    "conv2d": lambda K: K.conv2d(c(K, IMG), c(K, K2)),
    "conv2d_same_strided": lambda K: K.conv2d(c(K, IMG), c(K, K2), strides=(2, 2),
                                              padding="same"),
    "conv2d_dilated": lambda K: K.conv2d(c(K, IMG), c(K, K2), padding="same",
                                         dilation_rate=(2, 1)),
    "conv2d_first": lambda K: K.conv2d(c(K, IMG.transpose(0, 3, 1, 2)), c(K, K2),
                                       strides=(1, 2), padding="same",
                                       data_format="channels_first"),
    "conv3d": lambda K: K.conv3d(c(K, VOL), c(K, K3), strides=(1, 2, 1)),
    "conv3d_first": lambda K: K.conv3d(c(K, VOL.transpose(0, 4, 1, 2, 3)), c(K, K3),
                                       padding="same", data_format="channels_first"),
    "conv2d_transpose": lambda K: K.conv2d_transpose(c(K, IMG), c(K, K2T), (2, 8, 10, 2),
                                                     strides=(2, 2), padding="same"),
    "conv2d_transpose_valid": lambda K: K.conv2d_transpose(c(K, IMG), c(K, K2T),
                                                           (2, 9, 11, 2), strides=(2, 2)),
    "conv2d_transpose_first": lambda K: K.conv2d_transpose(
        c(K, IMG.transpose(0, 3, 1, 2)), c(K, K2T), (None, 2, 6, 7),
        data_format="channels_first"),
    "conv2d_transpose_dilated": lambda K: K.conv2d_transpose(
        c(K, IMG[:, :, :4]), c(K, K2T), (2, 4, 4, 2), padding="same", dilation_rate=(2, 2)),
    "depthwise_conv2d": lambda K: K.depthwise_conv2d(c(K, IMG), c(K, K2)),
    "depthwise_conv2d_same_strided": lambda K: K.depthwise_conv2d(
        c(K, IMG), c(K, K2), strides=(2, 2), padding="same"),
    "depthwise_conv2d_dilated_first": lambda K: K.depthwise_conv2d(
        c(K, IMG.transpose(0, 3, 1, 2)), c(K, K2), padding="same", dilation_rate=(2, 2),
        data_format="channels_first"),
    "separable_conv2d": lambda K: K.separable_conv2d(c(K, IMG), c(K, K2[..., :1]), c(K, PK)),
    "separable_conv2d_first": lambda K: K.separable_conv2d(
        c(K, IMG.transpose(0, 3, 1, 2)), c(K, K2[..., :1]), c(K, PK), strides=(2, 2),
        padding="same", data_format="channels_first"),
    "pool2d": lambda K: K.pool2d(c(K, IMG), (2, 2), strides=(2, 2)),
    "pool2d_avg_same": lambda K: K.pool2d(c(K, IMG), (3, 3), strides=(2, 2), padding="same",
                                          pool_mode="avg"),
    "pool2d_first": lambda K: K.pool2d(c(K, IMG.transpose(0, 3, 1, 2)), (2, 3),
                                       padding="same", data_format="channels_first"),
    "pool2d_avg": lambda K: K.pool2d(c(K, IMG), (2, 2), pool_mode="avg"),
    "pool3d": lambda K: K.pool3d(c(K, VOL), (2, 2, 2), strides=(2, 1, 1)),
    "pool3d_avg_first": lambda K: K.pool3d(c(K, VOL.transpose(0, 4, 1, 2, 3)), (2, 3, 2),
                                           padding="same", data_format="channels_first",
                                           pool_mode="avg"),
    "local_conv1d": lambda K: K.local_conv1d(c(K, SEQ), c(K, wave(3, 9, 4, step=0.3)), (3,),
                                             (2,)),
    "local_conv1d_first": lambda K: K.local_conv1d(c(K, SEQ.transpose(0, 2, 1)),
                                                   c(K, wave(5, 9, 4, step=0.3)), (3,), (1,),
                                                   data_format="channels_first"),
    "local_conv2d": lambda K: K.local_conv2d(c(K, IMG), c(K, wave(4, 12, 2, step=0.3)),
                                             (2, 2), (2, 2), (2, 2)),
    "local_conv2d_first": lambda K: K.local_conv2d(
        c(K, IMG.transpose(0, 3, 1, 2)), c(K, wave(6, 27, 2, step=0.3)), (3, 3), (1, 1),
        (2, 3), data_format="channels_first"),
    "resize_images": lambda K: K.resize_images(c(K, IMG), 2, 3, "channels_last"),
    "resize_images_bilinear_first": lambda K: K.resize_images(
        c(K, IMG.transpose(0, 3, 1, 2)), 2, 2, "channels_first", interpolation="bilinear"),
    "resize_images_bicubic": lambda K: K.resize_images(c(K, IMG), 2, 2, "channels_last",
                                                       interpolation="bicubic"),
    "resize_images_int": lambda K: K.resize_images(K.constant([[[[1], [2]], [[3], [4]]]],
                                                              dtype="int32"),
                                                   2, 1, "channels_last"),
    "resize_volumes": lambda K: K.resize_volumes(c(K, VOL), 2, 1, 2, "channels_last"),
    "resize_volumes_first": lambda K: K.resize_volumes(c(K, VOL), 1, 2, 1, "channels_first"),
}
CASES.update(CONV_CASES)


BN_CASES = {
    "batch_normalization_3d": lambda K: K.batch_normalization(
        c(K, BN[0]), c(K, MEAN5), c(K, VAR5), c(K, BETA5), c(K, GAMMA5)),
    "batch_normalization_2d_none": lambda K: K.batch_normalization(
        c(K, BN[0, 0]), c(K, MEAN5), c(K, VAR5), None, None, epsilon=0.01),
    "batch_normalization_4d": lambda K: K.batch_normalization(
        c(K, BN), c(K, MEAN5), c(K, VAR5 * 1e-5), c(K, BETA5), c(K, GAMMA5), epsilon=1e-8),
    "batch_normalization_4d_broadcast": lambda K: K.batch_normalization(
        c(K, BN), c(K, MEAN5.reshape(1, 1, 1, 5)), c(K, VAR5.reshape(1, 1, 1, 5)), None,
        None, axis=3),
    "batch_normalization_4d_first": lambda K: K.batch_normalization(
        c(K, BN), c(K, MEAN5[:3]), c(K, VAR5[:3]), c(K, BETA5[:3]), c(K, GAMMA5[:3]),
        axis=1),
    "batch_normalization_4d_axis2": lambda K: K.batch_normalization(
        c(K, BN), c(K, MEAN5), c(K, VAR5), c(K, BETA5), c(K, GAMMA5), axis=2),
    "normalize_batch_in_training_fused": lambda K: K.normalize_batch_in_training(
        c(K, BN), c(K, GAMMA5), c(K, BETA5), [0, 1, 2]),
    "normalize_batch_in_training_fused_none": lambda K: K.normalize_batch_in_training(
        c(K, BN), None, None, (0, 1, 2), epsilon=1e-6),
    "normalize_batch_in_training_first": lambda K: K.normalize_batch_in_training(
        c(K, BN), c(K, GAMMA5[:3]), None, [0, 2, 3]),
    "normalize_batch_in_training_4d_other": lambda K: K.normalize_batch_in_training(
        c(K, BN), None, c(K, BETA5[:4]), [0, 1, 3]),
    "normalize_batch_in_training_regular": lambda K: K.normalize_batch_in_training(
        c(K, BN[0]), c(K, GAMMA5), c(K, BETA5), [0, 1]),
    "normalize_batch_in_training_regular_2d": lambda K: K.normalize_batch_in_training(
        c(K, M), None, None, [0], epsilon=0.1),
    "normalize_batch_in_training_broadcast": lambda K: K.normalize_batch_in_training(
        c(K, BN[0]), c(K, GAMMA5[:4]), c(K, BETA5[:4]), [0, 2]),
}
CASES.update(BN_CASES)
# each output a sum of 10 to 30 float32 products (or the fused batch normalization's moments,
# which oneDNN's kernel sums in its own order), added in another order than TensorFlow's
# kernels add them: the two agree to 1e-6 (absolute) rather than the default 1e-7
SUMMED_ATOL = 1e-6
SUMMED_CASES = set(CONV_CASES) | {"normalize_batch_in_training_fused",
                                  "normalize_batch_in_training_fused_none"}


def engine(K):
    """The engine ``K`` belongs to (``tf_keras`` or ``tracekeras``), for its layers."""
    return importlib.import_module(K.__name__.split(".")[0])


def printed(action):
    """What ``action`` writes to standard output: Python's ``sys.stdout`` and the process's
    file descriptor 1 (where TensorFlow's print kernel writes)."""
    sys.stdout.flush()
    saved = os.dup(1)
    with tempfile.TemporaryFile() as raw, contextlib.redirect_stdout(io.StringIO()) as text:
        os.dup2(raw.fileno(), 1)
        try:
            action()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
        raw.seek(0)
        return text.getvalue() + raw.read().decode()


def warned(action):
    """``[action(), [[category, message] of each warning it gave]]``."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = action()
    return [result, [[w.category.__name__, str(w.message)] for w in caught]]


def learning_phases(K):
    """The learning phase set, scoped, seen by a layer called without ``training`` (a
    BatchNormalization: batch statistics in training), and forgotten by clear_session."""
    seen = [K.learning_phase()]
    K.set_learning_phase(1)
    seen.append(K.learning_phase())
    with K.learning_phase_scope(0):
        seen.append(K.learning_phase())
    seen.append(K.learning_phase())
    layer = engine(K).layers.BatchNormalization()
    seen.append(layer(c(K, BN[0, 0])))
    with K.learning_phase_scope(0):
        seen.append(layer(c(K, BN[0, 0])))
        seen.append(K.in_train_phase(c(K, M), -c(K, M)))
    seen.append(K.in_train_phase(c(K, M), -c(K, M)))
    K.clear_session()
    seen.append(K.learning_phase())
    return seen


def image_data_formats(K):
    """``channels_first`` set: what reads it (functions and layers given no data_format)."""
    seen = [K.image_data_format()]
    K.set_image_data_format("channels_first")
    try:
        seen += [K.image_data_format(), K.conv2d(c(K, IMG.transpose(0, 3, 1, 2)), c(K, K2)),
                 K.pool2d(c(K, IMG.transpose(0, 3, 1, 2)), (2, 2)),
                 K.bias_add(c(K, X), K.constant([1.0, 2.0, 3.0])),
                 engine(K).layers.Flatten()(c(K, IMG))]
    finally:
        K.set_image_data_format("channels_last")
    seen.append(K.image_data_format())
    return seen


def name_scopes(K):
    with K.name_scope("block") as outer:
        v = K.variable(1.0, name="v")
        with K.name_scope("inner") as inner:
            layer = engine(K).layers.Dense(2)
            layer(c(K, M))
            w = K.variable(2.0)
        with K.name_scope("") as root:
            u = K.variable(3.0, name="u")
    return [outer, inner, root, v.name, w.name, u.name, [x.name for x in layer.weights]]


def print_and_return(K):
    """Whether ``K.print_tensor`` hands back ``x`` itself, and what it printed."""
    x, out = c(K, M), []
    text = printed(lambda: out.append(K.print_tensor(x, "M")))
    return [out[0] is x, text]


def set_order_free(action):
    """``action()``'s ValueError with each ``{...}`` set in its message sorted: Python
    prints a set of strings in an order that changes from process to process."""
    try:
        action()
    except ValueError as exc:
        raise ValueError(re.sub(r"\{[^}]*\}", lambda m: "{" + ", ".join(sorted(
            m.group(0)[1:-1].split(", "))) + "}", str(exc))) from None


REST_CASES = {
    "cumprod": lambda K: K.cumprod(c(K, M), axis=1),
    "cumprod_0": lambda K: K.cumprod(c(K, X)),
    "map_fn": lambda K: K.map_fn(lambda t: K.sum(t * t), c(K, M)),
    "map_fn_rows": lambda K: K.map_fn(lambda t: t * 2.0 + 1.0, c(K, X), dtype="float32"),
    "foldl": lambda K: K.foldl(lambda a, t: a * 0.5 + t, c(K, M)),
    "foldl_initializer": lambda K: K.foldl(lambda a, t: a + K.sum(t), c(K, M),
                                           initializer=K.constant(1.0)),
    "foldr": lambda K: K.foldr(lambda a, t: a * 0.5 + t, c(K, M)),
    "foldr_initializer": lambda K: K.foldr(lambda a, t: a * 2.0 - t, c(K, X),
                                           initializer=K.constant(np.ones((3, 4), "float32"))),
    "name_scope": name_scopes,
    "print_tensor": lambda K: printed(lambda: K.print_tensor(
        K.constant([[1.0, 2.5], [1 / 3, 1e-7]]), message="x =")),
    "print_tensor_summarize": lambda K: printed(lambda: [
        K.print_tensor(c(K, X)), K.print_tensor(c(K, X), "one", summarize=1),
        K.print_tensor(K.constant(np.arange(40.0).reshape(5, 8)), "all", summarize=-1),
        K.print_tensor(K.constant(7, dtype="int32"), "int"),
        K.print_tensor(K.variable([1.5, -2.0]), "variable"),
        K.print_tensor(c(K, B), "bool"),
        K.print_tensor(K.constant([1 / 3, 2e20], dtype="float64"), "double"),
        K.print_tensor(np.arange(3.0), "array")]),
    "print_tensor_returns_x": lambda K: print_and_return(K),
    "learning_phase_scope": lambda K: warned(lambda: learning_phases(K)),
    "set_image_data_format": image_data_formats,
    "manual_variable_initialization": lambda K: [
        K.manual_variable_initialization(True), K.get_value(K.variable(c(K, M))),
        K.manual_variable_initialization(False)],
    "binary_focal_crossentropy": lambda K: K.binary_focal_crossentropy(c(K, T), c(K, P)),
    "binary_focal_crossentropy_balanced_logits": lambda K: K.binary_focal_crossentropy(
        c(K, T), c(K, M)[:2, :3], apply_class_balancing=True, alpha=0.4, gamma=1.5,
        from_logits=True),
    "categorical_focal_crossentropy": lambda K: K.categorical_focal_crossentropy(c(K, T),
                                                                                 c(K, P)),
    "categorical_focal_crossentropy_logits": lambda K: K.categorical_focal_crossentropy(
        c(K, T), c(K, M)[:2, :3], alpha=0.5, gamma=3.0, from_logits=True),
    "categorical_focal_crossentropy_axis0": lambda K: K.categorical_focal_crossentropy(
        c(K, T), c(K, P), axis=0),
    "categorical_focal_crossentropy_alpha_list": lambda K: K.categorical_focal_crossentropy(
        c(K, T), c(K, P) * 2.0, alpha=[0.2, 0.3, 0.5]),
}
CASES.update(REST_CASES)


def set_then_get(K, setter):
    variable = K.variable(M)
    setter(variable, M * 5.0)
    return K.get_value(variable)


def keras_function(K):
    """``K.function`` of an Input through Dense's twin: a product with a fixed matrix."""
    inputs = K.placeholder(shape=(None, 4))
    outputs = K.dot(inputs, K.constant(W))
    return K.function([inputs], [outputs])([M])


def seeded_dropout(K):
    np.random.seed(5)
    return [K.dropout(K.ones_like(c(K, M)), 0.5), K.dropout(c(K, M), 0.25, seed=7)]


ERRORS = {
    "gradients": lambda K: K.gradients(K.sum(K.constant(c(K, M))), [K.constant(c(K, M))]),
    "softmax_1d": lambda K: K.softmax(K.constant([1.0, 2.0, 3.0])),
    "batch_dot_axis0": lambda K: K.batch_dot(c(K, X), c(K, V), axes=(0, 0)),
    "batch_dot_rank1": lambda K: K.batch_dot(K.constant([1.0, 2.0, 3.0]), c(K, M)),
    "batch_dot_sizes": lambda K: K.batch_dot(c(K, X), c(K, V), axes=(2, 2)),
    "is_keras_tensor_float": lambda K: K.is_keras_tensor(1.0),
    "switch_rank": lambda K: K.switch(K.greater(c(K, X), 0.0), c(K, M), c(K, M)),
    "conv1d_padding": lambda K: K.conv1d(c(K, SEQ), c(K, K1), padding="full"),
    "conv1d_strides_dilation": lambda K: K.conv1d(c(K, SEQ), c(K, K1), strides=2,
                                                  dilation_rate=2),
    "conv2d_data_format": lambda K: K.conv2d(c(K, IMG), c(K, K2), data_format="NHWC"),
    "conv2d_strides_dilation": lambda K: K.conv2d(c(K, IMG), c(K, K2), strides=(2, 1),
                                                  dilation_rate=(1, 2)),
    "conv3d_padding": lambda K: K.conv3d(c(K, VOL), c(K, K3), padding="SAME"),
    "conv2d_transpose_dilations": lambda K: K.conv2d_transpose(
        c(K, IMG), c(K, K2T), (2, 8, 9, 2), dilation_rate=(2, 1)),
    "conv2d_transpose_data_format": lambda K: K.conv2d_transpose(
        c(K, IMG), c(K, K2T), (2, 6, 7, 2), data_format="channels_middle"),
    "depthwise_conv2d_padding": lambda K: K.depthwise_conv2d(c(K, IMG), c(K, K2),
                                                             padding="causal"),
    "separable_conv2d_strides": lambda K: K.separable_conv2d(c(K, IMG), c(K, K2[..., :1]),
                                                             c(K, PK), strides=(1,)),
    "pool2d_pool_size": lambda K: K.pool2d(c(K, IMG), (2,)),
    "pool2d_strides": lambda K: K.pool2d(c(K, IMG), (2, 2), strides=(2, 2, 2)),
    "pool2d_pool_mode": lambda K: K.pool2d(c(K, IMG), (2, 2), pool_mode="sum"),
    "pool2d_padding_first": lambda K: K.pool2d(c(K, IMG), (2, 2), padding="full",
                                               pool_mode="sum"),
    "pool2d_data_format": lambda K: K.pool2d(c(K, IMG), (2,), data_format="NCHW"),
    "pool3d_pool_mode": lambda K: K.pool3d(c(K, VOL), (2, 2, 2), pool_mode="min"),
    "local_conv2d_data_format": lambda K: K.local_conv2d(
        c(K, IMG), c(K, wave(4, 12, 2)), (2, 2), (2, 2), (2, 2), data_format="NHWC"),
    "resize_images_data_format": lambda K: K.resize_images(c(K, IMG), 2, 2, "NHWC"),
    "resize_images_interpolation": lambda K: K.resize_images(c(K, IMG), 2, 2, "channels_last",
                                                             interpolation="cubic"),
    "resize_volumes_data_format": lambda K: K.resize_volumes(c(K, VOL), 2, 2, 2, None),
    "batch_normalization_first_none": lambda K: K.batch_normalization(
        c(K, BN), c(K, MEAN5[:3]), c(K, VAR5[:3]), None, None, axis=1),
    "set_learning_phase": lambda K: K.set_learning_phase(2),
    "learning_phase_scope": lambda K: K.learning_phase_scope(-1).__enter__(),
    "set_image_data_format": lambda K: set_order_free(lambda: K.set_image_data_format("NHWC")),
    "name_scope": lambda K: K.name_scope(3).__enter__(),
    "categorical_focal_crossentropy_shapes": lambda K: K.categorical_focal_crossentropy(
        c(K, T), c(K, M)),
    "map_fn_scalar": lambda K: K.map_fn(lambda t: t, K.constant(1.0)),
}

# the gradient of the sum of each expression with respect to the variable ``v`` (holding M,
# whose 0 sits on the kinks of sqrt, log|x| and maximum: TensorFlow's choices there, inf and
# nan included, are checked too)
GRADIENTS = {
    "mean": lambda K, v: K.mean(K.square(v), axis=1),
    "sum": lambda K, v: K.sum(v * v * v, axis=0),
    "max": lambda K, v: K.max(v, axis=1),
    "min": lambda K, v: K.min(v, axis=0),
    "prod": lambda K, v: K.prod(v, axis=1),
    "std": lambda K, v: K.std(v, axis=1),
    "var": lambda K, v: K.var(v),
    "sqrt": lambda K, v: K.sqrt(v),
    "exp": lambda K, v: K.exp(v),
    "log": lambda K, v: K.log(K.abs(v)),
    "pow": lambda K, v: K.pow(v, 3),
    "clip": lambda K, v: K.clip(v, -0.6, 0.7),
    "maximum": lambda K, v: K.maximum(v, 0.1),
    "switch": lambda K, v: K.switch(K.greater(v, 0.0), v * 2.0, v * v),
    "dot": lambda K, v: K.dot(v, K.constant(W)),
    "batch_dot": lambda K, v: K.batch_dot(K.reshape(v, (3, 2, 2)),
                                          K.reshape(v, (3, 2, 2))),
    "relu_threshold": lambda K, v: K.relu(v, alpha=0.2, max_value=1.5, threshold=0.6),
    "elu": lambda K, v: K.elu(v, alpha=0.5),
    "hard_sigmoid": lambda K, v: K.hard_sigmoid(v),
    "softmax": lambda K, v: K.softmax(v) * K.constant(W[:3, :4]),
    "l2_normalize": lambda K, v: K.l2_normalize(v, axis=1) * K.constant(W[:3, :4]),
    "binary_crossentropy": lambda K, v: K.binary_crossentropy(K.constant(M > 0, dtype="float32"),
                                                              K.sigmoid(v) * 0.9 + 0.05),
    "categorical_crossentropy": lambda K, v: K.categorical_crossentropy(
        K.constant(np.eye(3, 4, dtype="float32")), K.softmax(v)),
    "bias_add": lambda K, v: K.square(K.bias_add(v, K.constant([1.0, 2.0, 3.0, 4.0]))),
    "repeat_elements": lambda K, v: K.repeat_elements(v, 2, axis=1) * K.constant(
        np.arange(24, dtype="float32").reshape(3, 8)),
    "reverse": lambda K, v: K.reverse(v, 1) * K.constant(W[:3, :4]),
    "gather": lambda K, v: K.gather(v, [2, 0, 2]) * 3.0,
    "temporal_padding": lambda K, v: K.temporal_padding(K.reshape(v, (1, 3, 4)), (1, 2)) * 2.0,
    "concatenate_stack": lambda K, v: K.concatenate([K.stack([v, v * v]),
                                                     K.stack([v * 2.0, v])]) * 1.5,
}


def weighted(K, x):
    """``x`` times fixed weights of its shape, so that each output's gradient differs."""
    return x * K.constant(wave(*K.int_shape(x), step=0.7))


# the convolutions take ``v`` (M, 12 values) as their input and their kernel at once
CONV_GRADIENTS = {
    "conv1d_causal": lambda K, v: weighted(K, K.conv1d(
        K.reshape(v, (1, 12, 1)), K.reshape(v, (3, 1, 4)), padding="causal",
        dilation_rate=2)),
    "conv2d": lambda K, v: weighted(K, K.conv2d(K.reshape(v, (1, 3, 4, 1)),
                                                K.reshape(v, (2, 2, 1, 3)), padding="same")),
    "conv2d_first_strided": lambda K, v: weighted(K, K.conv2d(
        K.reshape(v, (1, 1, 3, 4)), K.reshape(v, (2, 3, 1, 2)), strides=(1, 2),
        data_format="channels_first")),
    "conv3d": lambda K, v: weighted(K, K.conv3d(K.reshape(v, (1, 2, 3, 2, 1)),
                                                K.reshape(v, (2, 2, 1, 1, 3)))),
    "conv2d_transpose": lambda K, v: weighted(K, K.conv2d_transpose(
        K.reshape(v, (1, 2, 2, 3)), K.reshape(v, (2, 2, 1, 3)), (1, 4, 4, 1),
        strides=(2, 2), padding="same")),
    "depthwise_conv2d": lambda K, v: weighted(K, K.depthwise_conv2d(
        K.reshape(v, (1, 2, 2, 3)), K.reshape(v, (2, 2, 3, 1)), padding="same")),
    "separable_conv2d": lambda K, v: weighted(K, K.separable_conv2d(
        K.reshape(v, (1, 2, 2, 3)), K.reshape(v, (2, 2, 3, 1)), K.constant(PK[..., :2]),
        padding="same")),
    "pool2d": lambda K, v: weighted(K, K.pool2d(K.reshape(v, (1, 3, 4, 1)), (2, 2))),
    "pool2d_avg_first": lambda K, v: weighted(K, K.pool2d(
        K.reshape(v, (1, 1, 3, 4)), (2, 2), strides=(2, 2), padding="same",
        data_format="channels_first", pool_mode="avg")),
    "pool3d": lambda K, v: weighted(K, K.pool3d(K.reshape(v, (1, 2, 3, 2, 1)), (1, 2, 2))),
    "local_conv2d": lambda K, v: weighted(K, K.local_conv2d(
        K.reshape(v, (1, 3, 4, 1)), K.constant(wave(6, 4, 2, step=0.3)), (2, 2), (1, 1),
        (2, 3))),
    "resize_images_bilinear": lambda K, v: weighted(K, K.resize_images(
        K.reshape(v, (1, 3, 4, 1)), 2, 2, "channels_last", interpolation="bilinear")),
    "resize_images_nearest_first": lambda K, v: weighted(K, K.resize_images(
        K.reshape(v, (1, 1, 3, 4)), 3, 2, "channels_first")),
    "resize_volumes": lambda K, v: weighted(K, K.resize_volumes(
        K.reshape(v, (1, 2, 3, 2, 1)), 2, 1, 2, "channels_last")),
}
GRADIENTS.update(CONV_GRADIENTS)


def with_moments(K, outputs):
    """``normalize_batch_in_training``'s three outputs in one sum: the fused form passes no
    gradient back through its mean and variance, the others do."""
    normed, mean, var = outputs
    return weighted(K, normed) + K.sum(mean * 0.5) + K.sum(var * 0.25)


BN_GRADIENTS = {
    # fused: no gradient reaches the mean given (taken from v)
    "batch_normalization_4d": lambda K, v: weighted(K, K.batch_normalization(
        K.reshape(v, (1, 2, 2, 3)), K.mean(v, axis=0)[:3], K.constant(VAR5[:3]),
        K.constant(BETA5[:3]), K.reshape(v, (12,))[4:7], axis=-1)),
    "batch_normalization_2d": lambda K, v: weighted(K, K.batch_normalization(
        v, K.mean(v, axis=0), K.var(v, axis=0), None, K.constant(GAMMA5[:4]))),
    "normalize_batch_in_training_fused": lambda K, v: with_moments(
        K, K.normalize_batch_in_training(K.reshape(v, (2, 2, 1, 3)),
                                         K.constant(GAMMA5[:3]), None, [0, 1, 2])),
    "normalize_batch_in_training_regular": lambda K, v: with_moments(
        K, K.normalize_batch_in_training(v, K.constant(GAMMA5[:4]), K.constant(BETA5[:4]),
                                         [0])),
    "normalize_batch_in_training_broadcast": lambda K, v: with_moments(
        K, K.normalize_batch_in_training(K.reshape(v, (2, 3, 2)), K.constant(GAMMA5[:3]),
                                         None, [0, 2])),
}
GRADIENTS.update(BN_GRADIENTS)
GRADIENTS.update({
    "cumprod": lambda K, v: weighted(K, K.cumprod(v, axis=1)),   # v holds a 0: div_no_nan
    "map_fn": lambda K, v: K.map_fn(lambda t: t * t * K.constant(W[0, :4]), v),
    "foldl": lambda K, v: K.foldl(lambda a, t: a * t + t, v),
    "foldr": lambda K, v: K.foldr(lambda a, t: a * t - t * 0.5, v,
                                  initializer=K.constant(W[1, :4])),
    "binary_focal_crossentropy": lambda K, v: K.binary_focal_crossentropy(
        K.constant(M > 0, dtype="float32"), K.sigmoid(v) * 0.9 + 0.05,
        apply_class_balancing=True),
    "binary_focal_crossentropy_logits": lambda K, v: K.binary_focal_crossentropy(
        K.constant(M > 0, dtype="float32"), v, gamma=3.0, from_logits=True),
    "categorical_focal_crossentropy": lambda K, v: K.categorical_focal_crossentropy(
        K.constant(np.eye(3, 4, dtype="float32")), K.softmax(v)),
    "categorical_focal_crossentropy_probabilities": lambda K, v: K.categorical_focal_crossentropy(
        K.constant(np.eye(3, 4, dtype="float32")), K.sigmoid(v) * 0.8 + 0.1, alpha=0.7),
})
SUMMED_GRADIENTS = set(CONV_GRADIENTS)
