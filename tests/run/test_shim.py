"""The import shim: what Keras imports resolve to under ``tracekeras run``, in-process.

A resolution table (Keras spelling -> the tracekeras object it must be),
the clear error for an API tracekeras does not implement (text, type, the
script line), and no leak: after the run ``sys.modules`` and ``sys.meta_path``
are as before.
"""
import sys
import types

import pytest

from tracekeras import shim

SHIMMED = ("tensorflow", "keras", "tf_keras")


def run_source(source, filename="script.py"):
    """Run ``source`` as a script under the shim; its globals."""
    scope = {"__name__": "__main__"}
    with shim.activated():
        exec(compile(source, filename, "exec"), scope)
    return scope


def tk(path):
    """The tracekeras object at dotted ``path`` (module.attr)."""
    import importlib
    module, _, attr = path.rpartition(".")
    return getattr(importlib.import_module(module), attr)


RESOLUTION = [
    ("import tensorflow as tf\nx = tf.keras.layers.Dense", "tracekeras.layers.Dense"),
    ("import tensorflow as tf\nx = tf.keras.models.Sequential", "tracekeras.models.Sequential"),
    ("import tensorflow as tf\nx = tf.keras.Sequential", "tracekeras.models.Sequential"),
    ("import tensorflow as tf\nx = tf.keras.Input", "tracekeras.layers.Input"),
    ("import tensorflow as tf\nx = tf.random.set_seed",
     "tracekeras.backend.random.set_global_seed"),
    ("import tensorflow as tf\nx = tf.compat.v1.disable_eager_execution",
     "tracekeras.compat.v1.disable_eager_execution"),
    ("import tensorflow as tf\nx = tf.compat.as_bytes", "tracekeras.compat.as_bytes"),
    ("import tensorflow as tf\nx = tf.compat.as_str", "tracekeras.compat.as_text"),
    ("import tensorflow as tf\nx = tf.data.Dataset", "tracekeras.data.Dataset"),
    ("import tensorflow as tf\nx = tf.data.experimental.AUTOTUNE", "tracekeras.data.AUTOTUNE"),
    ("import tensorflow as tf\nx = tf.GradientTape", "tracekeras.shim.tf_names.GradientTape"),
    ("import tensorflow as tf\nx = tf.nn.relu", "tracekeras.backend.nn.relu"),
    ("import tensorflow as tf\nx = tf.nn.sparse_softmax_cross_entropy_with_logits",
     "tracekeras.backend.nn.sparse_softmax_cross_entropy_with_logits"),
    ("import tensorflow as tf\nx = tf.reduce_mean", "tracekeras.backend.ops.reduce_mean"),
    ("import tensorflow as tf\nx = tf.concat", "tracekeras.backend.array_ops.concat"),
    ("import tensorflow as tf\nx = tf.math.log", "tracekeras.backend.ops.log"),
    ("import tensorflow as tf\nx = tf.math.sigmoid", "tracekeras.backend.nn.sigmoid"),
    ("import tensorflow as tf\nx = tf.math.softmax", "tracekeras.backend.nn.softmax"),
    ("import tensorflow as tf\nx = tf.math.log_softmax", "tracekeras.backend.nn.log_softmax"),
    ("import tensorflow as tf\nx = tf.keras.backend.clear_session",
     "tracekeras.backend.clear_session"),
    ("from tensorflow.keras import layers\nx = layers.Activation", "tracekeras.layers.Activation"),
    ("from tensorflow.keras import models\nx = models.Model", "tracekeras.models.Model"),
    ("from tensorflow.keras.models import Sequential as x", "tracekeras.models.Sequential"),
    ("from tensorflow.keras.layers import Input as x", "tracekeras.layers.Input"),
    ("from tensorflow.keras.datasets import mnist\nx = mnist.load_data",
     "tracekeras.datasets.mnist.load_data"),
    ("import keras\nx = keras.layers.Dense", "tracekeras.layers.Dense"),
    ("from keras import layers\nx = layers.Dense", "tracekeras.layers.Dense"),
    ("from keras.models import Sequential as x", "tracekeras.models.Sequential"),
    ("from keras.layers import Dense, Activation\nx = Activation", "tracekeras.layers.Activation"),
    ("from keras.optimizers import RMSprop as x", "tracekeras.optimizers.RMSprop"),
    ("from keras.optimizers.legacy import SGD as x", "tracekeras.optimizers.legacy.SGD"),
    ("from keras.datasets import mnist\nx = mnist.load_data",
     "tracekeras.datasets.mnist.load_data"),
    ("from keras.utils import to_categorical as x", "tracekeras.utils.np_utils.to_categorical"),
    ("from keras.utils import np_utils\nx = np_utils.to_categorical",
     "tracekeras.utils.np_utils.to_categorical"),
    ("import keras\nx = keras.utils.to_categorical", "tracekeras.utils.np_utils.to_categorical"),
    ("from tensorflow.keras.utils import FeatureSpace as x",
     "tracekeras.utils.feature_space.FeatureSpace"),
    ("from keras.layers import HashedCrossing as x", "tracekeras.layers.HashedCrossing"),
    ("from keras.callbacks import EarlyStopping as x", "tracekeras.callbacks.EarlyStopping"),
    ("from keras.callbacks import BackupAndRestore as x",
     "tracekeras.callbacks.BackupAndRestore"),
    ("from keras import backend as K\nx = K.clear_session", "tracekeras.backend.clear_session"),
    ("import keras.layers\nx = keras.layers.Dense", "tracekeras.layers.Dense"),
    ("from keras.engine.training import Model as x", "tracekeras.engine.training.Model"),
    ("import tf_keras\nx = tf_keras.layers.Dense", "tracekeras.layers.Dense"),
    ("import tensorflow as tf\nx = tf.signal.stft", "tracekeras.backend.signal_ops.stft"),
    ("import tensorflow as tf\nx = tf.audio.decode_wav", "tracekeras.backend.audio_ops.decode_wav"),
    ("import tensorflow as tf\nx = tf.keras.utils.audio_dataset_from_directory",
     "tracekeras.utils.audio_dataset.audio_dataset_from_directory"),
    ("from tf_keras.models import Sequential as x", "tracekeras.models.Sequential"),
    ("import tensorflow.keras.layers as L\nx = L.Dense", "tracekeras.layers.Dense"),
    # tf.initializers is tf.keras.initializers, as tf.losses and tf.metrics are
    ("import tensorflow as tf\nx = tf.initializers.zeros", "tracekeras.initializers.Zeros"),
    ("import tensorflow as tf\nx = tf.initializers.HeNormal", "tracekeras.initializers.HeNormal"),
    # Keras's lowercase spellings of the initializer classes
    ("from keras import initializers\nx = initializers.glorot_uniform",
     "tracekeras.initializers.GlorotUniform"),
    # K.function is the eager function, not tracekeras's module of the Keras 2.2 loop
    ("from tensorflow.keras import backend as K\nx = K.function",
     "tracekeras.backend.session_functions.function"),
    ("from keras.backend import function as x", "tracekeras.backend.session_functions.function"),
    ("import keras\nx = keras.backend.batch_dot", "tracekeras.backend.array_functions.batch_dot"),
    # tf.distribute's one-replica strategies and the word2vec tutorial's sampling tools
    ("import tensorflow as tf\nx = tf.distribute.MirroredStrategy",
     "tracekeras.distribute.mirrored_strategy.MirroredStrategy"),
    ("import tensorflow as tf\nx = tf.distribute.OneDeviceStrategy",
     "tracekeras.distribute.one_device_strategy.OneDeviceStrategy"),
    ("import tensorflow as tf\nx = tf.distribute.get_strategy",
     "tracekeras.distribute.distribution_strategy_context.get_strategy"),
    ("import tensorflow as tf\nx = tf.distribute.ReduceOp",
     "tracekeras.distribute.distribute_lib.ReduceOp"),
    ("import tensorflow as tf\nx = tf.nn.compute_average_loss",
     "tracekeras.distribute.nn_impl_distribute.compute_average_loss"),
    ("import tensorflow as tf\nx = tf.random.log_uniform_candidate_sampler",
     "tracekeras.backend.candidate_sampling_ops.log_uniform_candidate_sampler"),
    ("import tensorflow as tf\nx = tf.keras.preprocessing.sequence.skipgrams",
     "tracekeras.preprocessing.sequence.skipgrams"),
]


@pytest.mark.parametrize("source, target", RESOLUTION,
                         ids=[r[0].split("\n")[-1] for r in RESOLUTION])
def test_keras_spelling_resolves_to_the_tracekeras_object(source, target):
    assert run_source(source)["x"] is tk(target)


def test_tf_config_calls_are_harmless_and_answer_one_cpu():
    scope = run_source(
        "import tensorflow as tf\n"
        "gpus = tf.config.list_physical_devices('GPU')\n"
        "for gpu in gpus:\n"
        "    tf.config.experimental.set_memory_growth(gpu, True)\n"
        "cpus = tf.config.list_physical_devices('CPU')\n"
        "tf.config.threading.set_intra_op_parallelism_threads(1)\n"
        "tf.config.run_functions_eagerly(True)\n"
        "tf.compat.v1.logging.set_verbosity(tf.compat.v1.logging.ERROR)\n"
        "tf.get_logger().setLevel('ERROR')\n"
        "version = tf.__version__\n"
        "@tf.function\n"
        "def double(x):\n"
        "    return 2 * x\n"
        "doubled = double(21)\n")
    assert scope["gpus"] == []
    assert [d.device_type for d in scope["cpus"]] == ["CPU"]
    assert scope["version"] == "2.21.0"
    assert scope["doubled"] == 42


def test_tf_device_places_nothing_and_refuses_a_function_as_tensorflow_does():
    scope = run_source(
        "import tensorflow as tf\n"
        "with tf.device('GPU:0'):\n"
        "    inside = tf.reduce_sum(tf.ones((2, 3)))\n"
        "try:\n"
        "    tf.device(lambda op: 'CPU:0')\n"
        "except RuntimeError as exc:\n"
        "    refused = str(exc)\n")
    assert float(scope["inside"]) == 6.0
    assert scope["refused"] == "tf.device does not support functions."


def test_a_custom_training_loop_with_tf_names_learns():
    scope = run_source(
        "import numpy as np\nimport tensorflow as tf\n"
        "tf.keras.utils.set_random_seed(0)\n"   # tf.random.set_seed alone leaves the kernel
        "model = tf.keras.Sequential([tf.keras.layers.Dense(1)])\n"   # to Python's random
        "opt = tf.keras.optimizers.SGD(0.1)\n"
        "x = np.random.default_rng(0).random((32, 3)).astype('float32')\n"
        "y = x.sum(axis=1, keepdims=True)\n"
        "losses = []\n"
        "for step in range(20):\n"
        "    with tf.GradientTape() as tape:\n"
        "        loss = tf.reduce_mean(tf.square(model(x, training=True) - y))\n"
        "    grads = tape.gradient(loss, model.trainable_variables)\n"
        "    opt.apply_gradients(zip(grads, model.trainable_variables))\n"
        "    losses.append(float(loss))\n")
    first, last = scope["losses"][0], scope["losses"][-1]
    assert last < first / 10


def test_shim_modules_are_the_keras_names():
    scope = run_source("import tensorflow as tf\nimport keras\nfrom keras import layers")
    assert scope["tf"].__name__ == "tensorflow"
    assert scope["tf"].keras.__name__ == "tensorflow.keras"
    assert scope["keras"].__name__ == "keras" and scope["layers"].__name__ == "keras.layers"
    assert scope["keras"].__version__ == "2.21.0"


LAYERS = ("implemented layers: Activation, ActivityRegularization, Add, add, AdditiveAttention, "
          "AlphaDropout, Attention, Average, "
          "average, AveragePooling1D, AveragePooling2D, AveragePooling3D, AvgPool1D, AvgPool2D, "
          "AvgPool3D, BatchNormalization, Bidirectional, CategoryEncoding, CenterCrop, "
          "Concatenate, concatenate, Conv1D, Conv1DTranspose, Conv2D, Conv2DTranspose, Conv3D, "
          "Conv3DTranspose, ConvLSTM1D, ConvLSTM2D, ConvLSTM3D, Convolution1D, "
          "Convolution1DTranspose, Convolution2D, "
          "Convolution2DTranspose, Convolution3D, Convolution3DTranspose, Cropping1D, "
          "Cropping2D, Cropping3D, Dense, DepthwiseConv1D, DepthwiseConv2D, Discretization, Dot, "
          "dot, Dropout, EinsumDense, ELU, Embedding, Flatten, GaussianDropout, GaussianNoise, "
          "GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalAveragePooling3D, "
          "GlobalAvgPool1D, GlobalAvgPool2D, "
          "GlobalAvgPool3D, GlobalMaxPool1D, GlobalMaxPool2D, GlobalMaxPool3D, "
          "GlobalMaxPooling1D, GlobalMaxPooling2D, GlobalMaxPooling3D, GroupNormalization, GRU, "
          "GRUCell, HashedCrossing, Hashing, Identity, "
          "Input, InputLayer, InputSpec, IntegerLookup, Lambda, Layer, LayerNormalization, "
          "LeakyReLU, LSTM, LSTMCell, Masking, Maximum, maximum, MaxPool1D, MaxPool2D, "
          "MaxPool3D, MaxPooling1D, MaxPooling2D, MaxPooling3D, Minimum, minimum, "
          "MultiHeadAttention, Multiply, multiply, Normalization, Permute, PReLU, "
          "RandomBrightness, RandomContrast, RandomCrop, RandomFlip, RandomHeight, "
          "RandomRotation, RandomTranslation, RandomWidth, RandomZoom, ReLU, "
          "RepeatVector, Rescaling, Reshape, Resizing, RNN, SeparableConv1D, SeparableConv2D, "
          "SeparableConvolution1D, SeparableConvolution2D, SimpleRNN, SimpleRNNCell, Softmax, "
          "SpatialDropout1D, SpatialDropout2D, SpatialDropout3D, "
          "StackedRNNCells, StringLookup, Subtract, subtract, TextVectorization, "
          "ThresholdedReLU, TimeDistributed, UnitNormalization, UpSampling1D, UpSampling2D, "
          "UpSampling3D, Wrapper, ZeroPadding1D, "
          "ZeroPadding2D, ZeroPadding3D")


def test_from_import_of_a_missing_layer_names_it_and_the_script_line():
    with pytest.raises(ImportError) as caught:
        run_source("import numpy\n\nfrom keras.layers import Dense, LocallyConnected2D\n")
    assert str(caught.value) == (
        "tracekeras does not implement keras.layers.LocallyConnected2D (used by script.py "
        "line 3); " + LAYERS)
    assert isinstance(caught.value, shim.NotImplementedByTracekeras)


def test_attribute_of_a_missing_layer_is_an_attribute_error_with_the_same_text():
    with pytest.raises(AttributeError) as caught:
        run_source("import tensorflow as tf\n"
                   "layer = tf.keras.layers.LocallyConnected2D(32, 3)\n",
                   filename="/some/where/train.py")
    assert str(caught.value) == ("tracekeras does not implement "
                                 "tensorflow.keras.layers.LocallyConnected2D "
                                 "(used by train.py line 2); " + LAYERS)
    assert isinstance(caught.value, shim.AttributeNotImplementedByTracekeras)


def test_hasattr_answers_false_for_a_missing_api():
    scope = run_source("import keras\nanswers = (hasattr(keras.layers, 'LocallyConnected2D'), "
                       "hasattr(keras.layers, 'Dense'))")
    assert scope["answers"] == (False, True)


@pytest.mark.parametrize("source, expected", [
    ("from keras.applications import DenseNet121", "tracekeras does not implement "
     "keras.applications.DenseNet121 (used by script.py line 1); implemented in "
     "keras.applications: efficientnet, EfficientNetB0, EfficientNetB1, EfficientNetB2, "
     "EfficientNetB3, EfficientNetB4, EfficientNetB5, EfficientNetB6, EfficientNetB7, "
     "imagenet_utils, inception_v3, InceptionV3, mobilenet_v2, MobileNetV2, resnet, "
     "ResNet101, ResNet101V2, ResNet152, "
     "ResNet152V2, ResNet50, resnet50, ResNet50V2, resnet_v2, VGG16, vgg16, VGG19, vgg19, "
     "Xception, xception"),
    ("import keras.preprocessing.video", "tracekeras does not implement "
     "keras.preprocessing.video (used by script.py line 1); implemented in keras.preprocessing: "
     "image, image_dataset_from_directory, sequence, text, text_dataset_from_directory"),
    ("from keras.datasets import california_housing", "tracekeras does not implement "
     "keras.datasets.california_housing (used by script.py line 1); implemented datasets: "
     "boston_housing, cifar10, cifar100, digits, fashion_mnist, imdb, mnist, reuters"),
    ("from tensorflow.keras.optimizers import Lion", "tracekeras does not implement "
     "tensorflow.keras.optimizers.Lion (used by script.py line 1); implemented optimizers: "
     "Adadelta, Adagrad, Adam"),
    ("import tensorflow as tf\ntf.signal.idct", "tracekeras does not implement "
     "tensorflow.signal.idct (used by script.py line 2); implemented in tensorflow.signal: "
     "dct, fft, fft2d, fft3d, frame, hamming_window, hann_window, ifft, ifft2d, ifft3d, "
     "inverse_stft, inverse_stft_window_fn, irfft, linear_to_mel_weight_matrix, "
     "mfccs_from_log_mel_spectrograms, overlap_and_add, rfft, stft"),
    ("import tensorflow as tf\ntf.audio.decode_mp3", "tracekeras does not implement "
     "tensorflow.audio.decode_mp3 (used by script.py line 2); implemented in tensorflow.audio: "
     "decode_wav, encode_wav"),
    ("import tensorflow as tf\ntf.image.sobel_edges", "tracekeras does not implement "
     "tensorflow.image.sobel_edges (used by script.py line 2); implemented in "
     "tensorflow.image: adjust_brightness, adjust_contrast, adjust_hue, adjust_saturation, "
     "central_crop, convert_image_dtype, crop_to_bounding_box, decode_image, decode_jpeg, "
     "decode_png, encode_jpeg, extract_patches, flip_left_right, flip_up_down, grayscale_to_rgb, "
     "pad_to_bounding_box, psnr, "
     "random_brightness, random_contrast, random_crop, random_flip_left_right, "
     "random_flip_up_down, random_hue, random_saturation, resize, "
     "resize_image_with_crop_or_pad, resize_with_crop_or_pad, ResizeMethod, rgb_to_grayscale, "
     "rgb_to_yuv, "
     "rot90, stateless_random_brightness, stateless_random_contrast, stateless_random_crop, "
     "stateless_random_flip_left_right, stateless_random_flip_up_down, stateless_random_hue, "
     "stateless_random_saturation, transpose, yuv_to_rgb"),
    ("import tensorflow as tf\ntf.random.poisson", "tracekeras does not implement "
     "tensorflow.random.poisson (used by script.py line 2); implemented in "
     "tensorflow.random: categorical, create_rng_state, experimental, fold_in, gamma, "
     "Generator, get_global_generator, log_uniform_candidate_sampler, normal, "
     "set_global_generator, set_seed, shuffle, stateless_normal, stateless_truncated_normal, "
     "stateless_uniform, truncated_normal, uniform, uniform_candidate_sampler"),
])
def test_unimplemented_api_errors(source, expected):
    with pytest.raises((ImportError, AttributeError)) as caught:
        run_source(source)
    assert str(caught.value).startswith(expected)


def test_keras_namespace_lists_keras_modules_not_tracekeras_internals():
    with pytest.raises(ImportError) as caught:
        run_source("from keras import premade")
    listed = str(caught.value).split("implemented in keras: ")[1].split(", ")
    assert {"layers", "models", "optimizers", "losses", "metrics", "callbacks",
            "Sequential"} <= set(listed)
    assert not {"shim", "run", "cli", "tracing", "trace", "demo"} & set(listed)


def test_no_leak_and_earlier_modules_restored():
    before = types.ModuleType("keras")
    sys.modules["keras"] = before
    finders = list(sys.meta_path)
    try:
        scope = run_source("import keras\nimport tensorflow as tf\nfrom tf_keras import layers\n"
                           "import tensorflow.keras.models\nx = tf.keras.layers.Dense")
        assert scope["keras"] is not before
        assert sys.modules["keras"] is before
        assert [n for n in sys.modules if n.partition(".")[0] in SHIMMED] == ["keras"]
        assert sys.meta_path == finders
    finally:
        del sys.modules["keras"]


def test_no_leak_after_an_error():
    with pytest.raises(ImportError):
        run_source("import tensorflow as tf\nfrom keras.layers import LocallyConnected2D")
    assert [n for n in sys.modules if n.partition(".")[0] in SHIMMED] == []
    assert not any(isinstance(f, shim.KerasShimFinder) for f in sys.meta_path)


def test_without_the_shim_keras_is_not_tracekeras():
    try:
        import keras  # noqa: F401  (a real Keras may be installed; it must not be the shim)
    except ImportError:
        return
    assert not isinstance(sys.modules.get("keras"), shim.ShimModule)


def test_keras_constraints_resolve_to_tracekeras_s():
    scope = run_source("from keras import constraints\nimport tensorflow as tf\n"
                       "c = tf.keras.constraints.max_norm(2)\n"
                       "d = tf.keras.layers.Dense(2, kernel_constraint=constraints.NonNeg())")
    assert scope["constraints"].UnitNorm is tk("tracekeras.constraints.UnitNorm")
    assert isinstance(scope["c"], tk("tracekeras.constraints.MaxNorm"))
    assert isinstance(scope["d"].kernel_constraint, tk("tracekeras.constraints.NonNeg"))
