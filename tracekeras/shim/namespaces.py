"""What ``tensorflow``, ``keras`` and ``tf_keras`` resolve to under ``tracekeras run``.

What it owns: the table of namespaces the import shim (``tracekeras.shim``)
serves. A :class:`Namespace` names the tracekeras module whose attributes it
offers (``target``), the word used in the "implemented ..." list of an error
(``kind``; by default "in <its dotted name>"), its explicit sub-namespaces (``children``) and
values of its own
(``extras``; a :class:`Lazy` is imported on first use) and the target's
names it does not offer (``hidden``). A name not listed as a
child is still a sub-namespace when the target package has a submodule of that
name (``keras.engine.training`` -> ``tracekeras.engine.training``).

The ``tensorflow`` root offers only what Keras scripts commonly touch:
``tf.keras``, ``tf.random.set_seed``, ``tf.compat.as_bytes``/``as_text``,
``tf.compat.v1`` (``disable_eager_execution`` switches tracekeras to the Keras 2.2
loop; ``logging`` is a no-op; ``keras.initializers`` holds TensorFlow 1's seeded
``RandomNormal``/``RandomUniform``/``TruncatedNormal``),
``tf.data`` (``Dataset``, ``AUTOTUNE``), ``tf.config`` (device queries answer
"one CPU", settings are accepted and ignored: NumPy has no devices, and BLAS
threads are set elsewhere), ``tf.GradientTape``, ``tf.Variable``,
``tf.constant``, ``tf.TensorShape`` (:mod:`tracekeras.shim.tensor_shape`), ``tf.einsum``,
``tf.tensordot``, ``tf.image`` (``resize`` and ``extract_patches``, in
:mod:`tracekeras.backend.spatial`; ``convert_image_dtype`` and the bounding-box crop and
pad, in :mod:`tracekeras.backend.image_boxes`; ``decode_png``; flips and quarter turns,
crops to a size, brightness, contrast, saturation and hue, fixed, random and stateless, and
grayscale, in ``image_orientation``, ``image_crops``, ``image_adjustments`` and
``image_colors``; ``rgb_to_yuv``, ``yuv_to_rgb`` and ``psnr``, in
:mod:`tracekeras.backend.image_yuv`), ``tf.io`` (``decode_csv``; ``read_file`` and
``decode_png``, in :mod:`tracekeras.backend.image_files`), ``tf.pad``, ``tf.edit_distance``,
``tf.random.experimental.stateless_split``, ``tf.random.Generator``
(:mod:`tracekeras.backend.stateful_random_ops`), ``tf.nn.depth_to_space`` and
``space_to_depth`` (:mod:`tracekeras.backend.depth_space`),
``tf.nest`` (``flatten``, ``pack_sequence_as``, ``map_structure``, ``is_nested``), dtypes,
``tf.version``, ``tf.newaxis``, the differentiable ops of
``tracekeras.backend`` under their TensorFlow names (``tf.reduce_mean``, ``tf.matmul``,
``tf.ones``, ``tf.one_hot``, ``tf.math.*``, ``tf.random.uniform``, ``tf.nn.relu``,
``tf.nn.softmax``, the fused crossentropies, ``tf.nn.ctc_greedy_decoder`` ...), ``tf.strings``
(:mod:`tracekeras.backend.string_ops`), ``tf.signal`` (framing, windows, real FFTs, ``stft``,
``inverse_stft``: :mod:`tracekeras.backend.signal_ops`; the mel matrix, ``dct``, MFCCs:
``mel_ops``; the complex ``fft``, ``fft2d``, ``fft3d`` and their inverses:
``complex_ops``, which also gives ``tf.math.real``, ``imag`` and ``conj``), ``tf.audio``
(``decode_wav``, ``encode_wav``: ``audio_ops``),
``tf.RaggedTensor``, ``tf.SparseTensor`` and
``tf.sparse.to_dense`` and ``from_dense``, ``tf.device`` (a context that places nothing),
``tf.function`` (runs the function as written, eagerly: :mod:`tracekeras.shim.tf_names`)
and ``tf.get_logger``. Also: ``tf.cond``, ``tf.while_loop``, ``tf.switch_case``
(:mod:`tracekeras.backend.control_flow_ops`), ``tf.TensorArray``
(:mod:`tracekeras.backend.tensor_array_ops`), ``tf.py_function``, ``tf.numpy_function``
(:mod:`tracekeras.backend.script_ops`), ``tf.custom_gradient``, ``tf.gather_nd`` and the
scatters (:mod:`tracekeras.backend.nd_indexing`), ``tf.boolean_mask``, ``tf.unique``,
``tf.searchsorted``, ``tf.math.bincount``, ``tf.nn.embedding_lookup``
(:mod:`tracekeras.backend.array_selection`), ``tf.io.gfile`` and ``tf.io.write_file``
(:mod:`tracekeras.backend.gfile`), ``tf.train.Checkpoint``, ``CheckpointManager`` and
``latest_checkpoint`` (:mod:`tracekeras.saving.checkpoint`), ``tf.distribute``
(``MirroredStrategy`` and ``OneDeviceStrategy`` of one replica, ``get_strategy`` and the
context questions, ``ReduceOp``: :mod:`tracekeras.distribute`) with
``tf.nn.compute_average_loss`` and ``scale_regularization_loss``, and
``tf.random.log_uniform_candidate_sampler`` and ``uniform_candidate_sampler``
(:mod:`tracekeras.backend.candidate_sampling_ops`), ``tf.debugging`` and the ``tf.Assert``,
``tf.assert_equal``, ``assert_greater``, ``assert_less``, ``assert_rank`` aliases
(:mod:`tracekeras.backend.check_ops`). Anything else is reported by the shim
as not implemented. No trace events.
"""
import collections
import contextlib
import importlib
import logging

from . import tf_names

KERAS_VERSION = "2.21.0"  # the tf_keras release whose API tracekeras follows


class Lazy:
    """``getattr(import_module(module), attr)``, resolved on first use."""

    def __init__(self, module, attr):
        self.module, self.attr = module, attr

    def resolve(self):
        # on first use, by design: the shim's tables name modules the script may never touch
        return getattr(importlib.import_module(self.module), self.attr)


class Namespace:
    def __init__(self, target=None, kind=None, children=None, extras=None, hidden=()):
        self.target = target
        self.kind = kind
        self.children = children or {}
        self.extras = extras or {}
        self.hidden = frozenset(hidden)


def ignored(*args, **kwargs):
    """A setting NumPy has no use for: accepted, changes nothing."""
    return None


PhysicalDevice = collections.namedtuple("PhysicalDevice", "name device_type")
LogicalDevice = collections.namedtuple("LogicalDevice", "name device_type")
CPU = PhysicalDevice("/physical_device:CPU:0", "CPU")


def list_physical_devices(device_type=None):
    """tracekeras computes on the CPU only: one CPU device, no GPU or TPU."""
    return [CPU] if device_type in (None, "CPU") else []


def list_logical_devices(device_type=None):
    return [LogicalDevice("/device:CPU:0", "CPU")] if device_type in (None, "CPU") else []


def get_visible_devices(device_type=None):
    return list_physical_devices(device_type)


def device(device_name):
    """``tf.device``: a context in which ops would be placed on ``device_name``. tracekeras
    computes on the CPU only, so it places nothing and changes nothing."""
    if callable(device_name):
        raise RuntimeError("tf.device does not support functions.")
    return contextlib.nullcontext()


def answer(value):
    def query(*args, **kwargs):
        return value
    query.__doc__ = f"Always {value!r} in tracekeras."
    return query


CONFIG = Namespace(extras={
    "list_physical_devices": list_physical_devices,
    "list_logical_devices": list_logical_devices,
    "get_visible_devices": get_visible_devices,
    "set_visible_devices": ignored,
    "set_logical_device_configuration": ignored,
    "run_functions_eagerly": ignored,
    "functions_run_eagerly": answer(True),
    "set_soft_device_placement": ignored,
    "get_soft_device_placement": answer(True),
}, children={
    "experimental": Namespace(extras={
        "list_physical_devices": list_physical_devices,
        "list_logical_devices": list_logical_devices,
        "get_visible_devices": get_visible_devices,
        "set_visible_devices": ignored,
        "set_memory_growth": ignored,
        "get_memory_growth": answer(False),
        "set_virtual_device_configuration": ignored,
        "enable_op_determinism": ignored,
        "enable_tensor_float_32_execution": ignored,
    }),
    "threading": Namespace(extras={
        "set_intra_op_parallelism_threads": ignored,
        "set_inter_op_parallelism_threads": ignored,
        "get_intra_op_parallelism_threads": answer(0),
        "get_inter_op_parallelism_threads": answer(0),
    }),
    "optimizer": Namespace(extras={
        "set_jit": ignored, "get_jit": answer(""), "set_experimental_options": ignored,
    }),
})

LOGGING = Namespace(extras={
    "set_verbosity": ignored, "get_verbosity": answer(logging.WARNING),
    "DEBUG": logging.DEBUG, "INFO": logging.INFO, "WARN": logging.WARNING,
    "ERROR": logging.ERROR, "FATAL": logging.FATAL,
})

# the differentiable ops of tracekeras.backend under their TensorFlow names: the top-level
# ``tf.<name>`` and the ``tf.math.<name>`` TensorFlow 2.21 offers (checked against it)
OPS = ("abs", "add", "cast", "clip_by_value", "divide", "exp", "gather", "maximum",
       "minimum", "multiply", "negative", "reduce_mean", "reduce_sum", "reshape", "sqrt",
       "square", "stop_gradient", "subtract", "where")
MATH_OPS = ("abs", "add", "divide", "exp", "log", "maximum", "minimum", "multiply", "negative",
            "reduce_mean", "reduce_sum", "sqrt", "square", "subtract")
TOP_MATH = ("add_n", "argmax", "argmin", "cos", "cumsum", "equal", "floor", "greater",
            "greater_equal", "less", "less_equal", "logical_and", "logical_not", "logical_or",
            "not_equal", "pow", "reduce_all", "reduce_any", "reduce_logsumexp", "reduce_max",
            "reduce_min", "reduce_prod", "round", "sign", "sin")
MATH_ONLY = ("ceil", "confusion_matrix", "count_nonzero", "divide_no_nan", "floordiv", "floormod",
             "is_finite", "is_inf", "is_nan", "l2_normalize", "log1p", "logical_xor", "reciprocal",
             "reduce_std", "reduce_variance", "rsqrt", "squared_difference", "top_k")
SEGMENT_OPS = ("segment_max", "segment_mean", "segment_min", "segment_sum",
               "unsorted_segment_max", "unsorted_segment_mean", "unsorted_segment_min",
               "unsorted_segment_sqrt_n", "unsorted_segment_sum")
ARRAY = ("argsort", "broadcast_to", "constant", "convert_to_tensor", "expand_dims", "eye",
         "fill", "identity", "linspace", "norm", "one_hot", "ones", "ones_like", "range", "rank",
         "repeat", "shape", "size", "sort", "split", "squeeze", "stack", "tensordot", "tile",
         "transpose", "unstack", "zeros", "zeros_like")
STRINGS = ("as_string", "bytes_split", "join", "length", "lower", "reduce_join", "regex_full_match",
           "regex_replace", "split", "strip", "substr", "to_number", "unicode_split", "upper")
GFILE = ("GFile", "copy", "exists", "glob", "isdir", "join", "listdir", "makedirs", "mkdir",
         "remove", "rename", "rmtree", "stat", "walk")
NEST = ("assert_same_structure", "flatten", "is_nested", "map_structure", "pack_sequence_as")
RANDOM = ("categorical", "gamma", "normal", "shuffle", "stateless_normal",
          "stateless_truncated_normal", "stateless_uniform", "truncated_normal", "uniform")
GENERATOR = ("Generator", "create_rng_state", "get_global_generator", "set_global_generator")
IMAGE_ORIENTATION = ("flip_left_right", "flip_up_down", "random_flip_left_right",
                     "random_flip_up_down", "rot90", "stateless_random_flip_left_right",
                     "stateless_random_flip_up_down", "transpose")
IMAGE_CROPS = ("central_crop", "random_crop", "resize_with_crop_or_pad", "stateless_random_crop")
IMAGE_ADJUSTMENTS = ("adjust_brightness", "adjust_contrast", "random_brightness",
                     "random_contrast", "stateless_random_brightness",
                     "stateless_random_contrast")
IMAGE_COLORS = ("adjust_hue", "adjust_saturation", "grayscale_to_rgb", "random_hue",
                "random_saturation", "rgb_to_grayscale", "stateless_random_hue",
                "stateless_random_saturation")
NN = ("elu", "leaky_relu", "log_softmax", "relu", "selu", "sigmoid",
      "sigmoid_cross_entropy_with_logits", "softmax", "softmax_cross_entropy_with_logits",
      "softplus", "softsign",
      "sparse_softmax_cross_entropy_with_logits", "tanh")

SIGNAL = ("frame", "hamming_window", "hann_window", "inverse_stft", "inverse_stft_window_fn",
          "irfft", "overlap_and_add", "rfft", "stft")
FOURIER = ("fft", "fft2d", "fft3d", "ifft", "ifft2d", "ifft3d")
MEL = ("dct", "linear_to_mel_weight_matrix", "mfccs_from_log_mel_spectrograms")
DEBUGGING = ("Assert", "assert_all_finite", "assert_equal", "assert_greater",
             "assert_greater_equal", "assert_integer", "assert_less", "assert_less_equal",
             "assert_near", "assert_negative", "assert_non_negative", "assert_non_positive",
             "assert_none_equal", "assert_positive", "assert_rank", "assert_rank_at_least",
             "assert_rank_in", "assert_scalar", "assert_shapes", "assert_type", "check_numerics",
             "disable_check_numerics", "enable_check_numerics", "get_log_device_placement",
             "is_numeric_tensor", "set_log_device_placement")


def backend_functions(module, names):
    return {name: Lazy(f"tracekeras.backend.{module}", name) for name in names}


OPTIMIZERS = Namespace("tracekeras.optimizers", kind="optimizers")

# tracekeras's own modules and entry points that are not part of Keras's namespace
NOT_KERAS = ("cli", "compat", "data", "demo", "load", "run", "shim", "trace",
             "trace_from_environment", "tracing")

KERAS = Namespace("tracekeras", extras={"__version__": KERAS_VERSION}, hidden=NOT_KERAS, children={
    # K.function is the function, not tracekeras's module backend.function (the 2.2 loop's)
    "backend": Namespace("tracekeras.backend", extras={
        "function": Lazy("tracekeras.backend.session_functions", "function"),
        # K.rnn is the function, not tracekeras's module backend.rnn (the RNN layers' ops)
        "rnn": Lazy("tracekeras.backend.recurrent_functions", "rnn")}),
    "optimizers": Namespace("tracekeras.optimizers", kind="optimizers", children={
        "legacy": Namespace("tracekeras.optimizers.legacy", kind="optimizers"),
        "experimental": OPTIMIZERS,
        "schedules": Namespace("tracekeras.optimizers.schedules", kind="schedules")}),
    "utils": Namespace("tracekeras.utils", kind="utilities", children={
        # keras.utils.experimental.DatasetCreator, Keras's spelling of the same class
        "experimental": Namespace(extras={
            "DatasetCreator": Lazy("tracekeras.data.dataset_creator", "DatasetCreator")})}),
})

# tf.distribute: strategies of one replica (tracekeras.distribute)
DISTRIBUTE = Namespace(extras={
    **{name: Lazy("tracekeras.distribute.distribution_strategy_context", name) for name in (
        "get_strategy", "has_strategy", "in_cross_replica_context", "get_replica_context",
        "get_cross_replica_context")},
    **{name: Lazy("tracekeras.distribute.distribute_lib", name) for name in (
        "ReduceOp", "ReplicaContext", "Strategy", "StrategyExtended")},
    "MirroredStrategy": Lazy("tracekeras.distribute.mirrored_strategy", "MirroredStrategy"),
    "OneDeviceStrategy": Lazy("tracekeras.distribute.one_device_strategy",
                              "OneDeviceStrategy"),
    "InputContext": Lazy("tracekeras.data.dataset_creator", "InputContext")}, children={
    "cluster_resolver": Namespace(extras={
        "TPUClusterResolver": Lazy("tracekeras.distribute.cluster_resolver",
                                   "TPUClusterResolver")})})

TENSORFLOW = Namespace(extras={
    "__version__": tf_names.TF_VERSION,
    "GradientTape": Lazy("tracekeras.shim.tf_names", "GradientTape"),
    "UnconnectedGradients": Lazy("tracekeras.shim.tf_names", "UnconnectedGradients"),
    "Module": Lazy("tracekeras.backend.module", "Module"),
    "Variable": Lazy("tracekeras.backend", "Variable"),
    "Tensor": Lazy("tracekeras.backend", "Tensor"),
    "TensorSpec": Lazy("tracekeras.data", "TensorSpec"),
    "TensorShape": Lazy("tracekeras.shim.tensor_shape", "TensorShape"),
    "einsum": Lazy("tracekeras.backend.einsum", "einsum"),
    "complex": Lazy("tracekeras.backend.complex_ops", "complex"),
    "RaggedTensor": Lazy("tracekeras.backend.ragged_tensor", "RaggedTensor"),
    "SparseTensor": Lazy("tracekeras.backend.sparse_tensor", "SparseTensor"),
    "executing_eagerly": Lazy("tracekeras.compat.v1", "executing_eagerly"),
    "function": tf_names.function,
    "get_logger": lambda: logging.getLogger("tensorflow"),
    "device": device,
    "newaxis": None,
    "DType": tf_names.DType,
    "as_dtype": tf_names.as_dtype,
    **backend_functions("ops", OPS),
    "matmul": Lazy("tracekeras.backend.ops", "linalg_matmul"),
    **backend_functions("math_ops", TOP_MATH + ("clip_by_global_norm", "clip_by_norm")),
    **backend_functions("array_ops", ARRAY),
    **backend_functions("nn", ("sigmoid", "tanh")),
    "concat": Lazy("tracekeras.backend.array_ops", "concat"),
    **backend_functions("init_ops_v2", ("constant_initializer", "ones_initializer",
                                        "zeros_initializer")),
    **backend_functions("control_flow_ops", ("cond", "switch_case", "while_loop")),
    **backend_functions("check_ops", ("Assert", "assert_equal", "assert_greater", "assert_less",
                                      "assert_rank")),
    **backend_functions("script_ops", ("numpy_function", "py_function")),
    "custom_gradient": Lazy("tracekeras.backend.custom_gradient", "custom_gradient"),
    "TensorArray": Lazy("tracekeras.backend.tensor_array_ops", "TensorArray"),
    **backend_functions("nd_indexing", ("gather_nd", "scatter_nd", "tensor_scatter_nd_add",
                                        "tensor_scatter_nd_sub", "tensor_scatter_nd_update")),
    **backend_functions("array_selection", ("boolean_mask", "searchsorted", "unique",
                                            "unique_with_counts")),
    "pad": Lazy("tracekeras.backend.spatial", "pad"),
    "edit_distance": Lazy("tracekeras.backend.edit_distance", "edit_distance"),
    "truediv": Lazy("tracekeras.backend.ops", "divide"),
    # TensorFlow's own initializer, the same arguments and config as Keras's RandomNormal
    "random_normal_initializer": Lazy("tracekeras.initializers", "RandomNormal"),
    "random_uniform_initializer": Lazy("tracekeras.backend.init_ops_v2", "RandomUniform"),
    **tf_names.DTYPES,
}, children={
    "version": Namespace(extras=dict(tf_names.VERSION)),
    "dtypes": Namespace(extras={**tf_names.DTYPES, "DType": tf_names.DType,
                                "as_dtype": tf_names.as_dtype,
                                "complex": Lazy("tracekeras.backend.complex_ops", "complex")}),
    "keras": KERAS,
    # TensorFlow's own aliases of Keras namespaces (tf.metrics is tf.keras.metrics)
    "metrics": Namespace("tracekeras.metrics", kind="metrics"),
    "losses": Namespace("tracekeras.losses", kind="losses"),
    "initializers": Namespace("tracekeras.initializers", kind="initializers"),
    "optimizers": KERAS.children["optimizers"],
    "random": Namespace(extras={
        "set_seed": Lazy("tracekeras.backend.random", "set_global_seed"),
        "fold_in": Lazy("tracekeras.backend.stateless_random_ops", "fold_in"),
        **backend_functions("candidate_sampling_ops", ("log_uniform_candidate_sampler",
                                                       "uniform_candidate_sampler")),
        **backend_functions("stateful_random_ops", GENERATOR),
        **backend_functions("random", RANDOM)}, children={
        "experimental": Namespace(extras={
            "stateless_split": Lazy("tracekeras.backend.stateless_random_ops", "split"),
            "stateless_fold_in": Lazy("tracekeras.backend.stateless_random_ops", "fold_in"),
            **backend_functions("stateful_random_ops", GENERATOR)})}),
    "compat": Namespace(extras={name: Lazy("tracekeras.compat", name)
                                for name in ("as_bytes", "as_text", "as_str")}, children={
        "v1": Namespace("tracekeras.compat.v1",
                        children={"logging": LOGGING, "keras": Namespace(children={
                            "initializers": Namespace(
                                "tracekeras.initializers.initializers_v1")})}),
    }),
    "data": Namespace("tracekeras.data", children={
        "experimental": Namespace(extras={
            "AUTOTUNE": Lazy("tracekeras.data", "AUTOTUNE"),
            "make_csv_dataset": Lazy("tracekeras.data.csv_dataset", "make_csv_dataset"),
            "cardinality": Lazy("tracekeras.data.dataset", "cardinality"),
            "Counter": Lazy("tracekeras.data", "Counter"),
            "assert_cardinality": Lazy("tracekeras.data", "assert_cardinality"),
            **{name: Lazy("tracekeras.data.grouping", f"experimental_{name}") for name in (
                "scan", "group_by_window", "bucket_by_sequence_length",
                "choose_from_datasets")},
            "sample_from_datasets": Lazy("tracekeras.data.sampling",
                                         "experimental_sample_from_datasets"),
            **{name: Lazy("tracekeras.data.filtering", f"experimental_{name}") for name in (
                "get_single_element", "take_while", "unique", "ignore_errors")},
            "rejection_resample": Lazy("tracekeras.data.resampling",
                                       "experimental_rejection_resample"),
            **{name: Lazy("tracekeras.data.options", name) for name in (
                "AutoShardPolicy", "AutotuneAlgorithm", "AutotuneOptions", "DistributeOptions",
                "ExternalStatePolicy", "OptimizationOptions", "ThreadingOptions")},
            "CsvDataset": Lazy("tracekeras.data.csv_dataset", "CsvDataset"),
            "save": Lazy("tracekeras.data.snapshot", "experimental_save"),
            "load": Lazy("tracekeras.data.snapshot", "load"),
            "snapshot": Lazy("tracekeras.data.snapshot", "experimental_snapshot"),
            "INFINITE_CARDINALITY": Lazy("tracekeras.data", "INFINITE_CARDINALITY"),
            "UNKNOWN_CARDINALITY": Lazy("tracekeras.data", "UNKNOWN_CARDINALITY")}),
    }),
    "config": CONFIG,
    "train": Namespace(extras={
        **{name: Lazy("tracekeras.saving.checkpoint", name) for name in (
            "Checkpoint", "list_variables")},
        **{name: Lazy("tracekeras.saving.checkpoint_management", name) for name in (
            "CheckpointManager", "get_checkpoint_state", "latest_checkpoint")},
        **{name: Lazy("tracekeras.data.example_proto", name) for name in (
            "BytesList", "Example", "Feature", "Features", "FloatList", "Int64List")}}),
    "nest": Namespace(extras={name: Lazy("tracekeras.utils.nest", name) for name in NEST}),
    "image": Namespace(extras={
        **backend_functions("image_boxes", ("convert_image_dtype", "crop_to_bounding_box",
                                            "pad_to_bounding_box")),
        **backend_functions("image_orientation", IMAGE_ORIENTATION),
        **backend_functions("image_crops", IMAGE_CROPS),
        **backend_functions("image_adjustments", IMAGE_ADJUSTMENTS),
        **backend_functions("image_colors", IMAGE_COLORS),
        "resize_image_with_crop_or_pad": Lazy("tracekeras.backend.image_crops",
                                              "resize_with_crop_or_pad"),
        **backend_functions("image_yuv", ("psnr", "rgb_to_yuv", "yuv_to_rgb")),
        "extract_patches": Lazy("tracekeras.backend.spatial", "extract_patches"),
        "decode_png": Lazy("tracekeras.backend.image_files", "decode_png"),
        **backend_functions("image_codecs", ("decode_jpeg", "encode_jpeg")),
        "decode_image": Lazy("tracekeras.backend.image_decoding", "decode_image"),
        "resize": Lazy("tracekeras.backend.spatial", "resize"),
        "ResizeMethod": Lazy("tracekeras.backend.spatial", "ResizeMethod")}),
    "strings": Namespace(extras=backend_functions("string_ops", STRINGS)),
    "sparse": Namespace(extras={
        "SparseTensor": Lazy("tracekeras.backend.sparse_tensor", "SparseTensor"),
        "to_dense": Lazy("tracekeras.backend.sparse_tensor", "to_dense"),
        "from_dense": Lazy("tracekeras.backend.sparse_tensor", "from_dense")}),
    "io": Namespace(extras={"decode_csv": Lazy("tracekeras.backend.parsing_ops", "decode_csv"),
                            **backend_functions("image_files", ("read_file", "decode_png")),
                            **backend_functions("image_codecs", ("decode_jpeg", "encode_jpeg")),
                            "decode_image": Lazy("tracekeras.backend.image_decoding",
                                                 "decode_image"),
                            "write_file": Lazy("tracekeras.backend.gfile", "write_file"),
                            "TFRecordWriter": Lazy("tracekeras.data.tf_record", "TFRecordWriter"),
                            "TFRecordOptions": Lazy("tracekeras.data.tf_record",
                                                    "TFRecordOptions"),
                            **backend_functions("example_parsing", (
                                "FixedLenFeature", "VarLenFeature", "parse_single_example"))},
                    children={"gfile": Namespace(extras=backend_functions("gfile", GFILE))}),
    "lookup": Namespace(extras={name: Lazy("tracekeras.backend.lookup_ops", name) for name in (
        "KeyValueTensorInitializer", "StaticHashTable", "StaticVocabularyTable")}),
    "errors": Namespace(extras={
        "InvalidArgumentError": Lazy("tracekeras.backend.op_errors", "InvalidArgumentError"),
        "UnimplementedError": Lazy("tracekeras.backend.op_errors", "UnimplementedError"),
        "DataLossError": Lazy("tracekeras.data.padding", "DataLossError"),
        **backend_functions("op_errors", ("AlreadyExistsError", "FailedPreconditionError",
                                          "NotFoundError", "OpError", "OutOfRangeError",
                                          "UnknownError"))}),
    "linalg": Namespace(extras={
        "matmul": Lazy("tracekeras.backend.ops", "linalg_matmul"),
        "global_norm": Lazy("tracekeras.backend.math_ops", "global_norm"),
        "eye": Lazy("tracekeras.backend.array_ops", "eye"),
        "tensordot": Lazy("tracekeras.backend.array_ops", "tensordot"),
        "matrix_transpose": Lazy("tracekeras.backend.array_ops", "matrix_transpose"),
        "norm": Lazy("tracekeras.backend.array_ops", "norm"),
        "l2_normalize": Lazy("tracekeras.backend.math_ops", "l2_normalize")}),
    "math": Namespace(extras={**backend_functions("ops", MATH_OPS),
                              **backend_functions("math_ops", TOP_MATH + MATH_ONLY),
                              "truediv": Lazy("tracekeras.backend.ops", "divide"),
                              **backend_functions("nn", ("sigmoid", "tanh", "softplus", "softmax",
                                                         "log_softmax", "softsign")),
                              **backend_functions("error_function", ("erf", "erfc")),
                              **backend_functions("segment_ops", SEGMENT_OPS),
                              **backend_functions("array_selection", ("bincount",)),
                              **backend_functions("complex_ops", ("conj", "imag", "real"))}),
    "signal": Namespace(extras={**backend_functions("signal_ops", SIGNAL),
                                **backend_functions("complex_ops", FOURIER),
                                **backend_functions("mel_ops", MEL)}),
    "audio": Namespace(extras=backend_functions("audio_ops", ("decode_wav", "encode_wav"))),
    "ragged": Namespace(extras={"constant": Lazy("tracekeras.backend.ragged_tensor",
                                                 "constant")}),
    "distribute": DISTRIBUTE,
    "debugging": Namespace(extras=backend_functions("check_ops", DEBUGGING)),
    "nn": Namespace(extras={**backend_functions("nn", NN),
                            **{name: Lazy("tracekeras.distribute.nn_impl_distribute", name)
                               for name in ("compute_average_loss",
                                            "scale_regularization_loss")},
                            "gelu": Lazy("tracekeras.backend.error_function", "gelu"),
                            **backend_functions("math_ops", ("l2_normalize", "moments")),
                            **backend_functions("nn_ops", ("conv2d", "max_pool", "avg_pool",
                                                            "avg_pool2d")),
                            **backend_functions("depth_space", ("depth_to_space",
                                                                "space_to_depth")),
                            "max_pool2d": Lazy("tracekeras.backend.nn_ops", "max_pool"),
                            "ctc_greedy_decoder": Lazy("tracekeras.backend.ctc_decoding",
                                                       "ctc_greedy_decoder"),
                            "embedding_lookup": Lazy("tracekeras.backend.array_selection",
                                                     "embedding_lookup")}),
})

# sub-namespaces found in a target package, named in errors by their own name
# ("implemented layers: ..."); any other is named by its path ("implemented in keras.engine: ...")
NOUNS = ("activations", "callbacks", "constraints", "datasets", "initializers", "layers",
         "losses", "metrics", "models", "optimizers", "regularizers", "schedules")

ROOTS = {"tensorflow": TENSORFLOW, "keras": KERAS, "tf_keras": KERAS}
