"""What ``tensorflow``, ``keras`` and ``tf_keras`` resolve to under ``tracekeras run``.

What it owns: the table of namespaces the import shim (``tracekeras.shim``)
serves. A :class:`Namespace` names the tracekeras module whose attributes it
offers (``target``), the word used in the "implemented ..." list of an error
(``kind``; by default "in <its dotted name>"), its explicit sub-namespaces (``children``) and values of its own
(``extras``; a :class:`Lazy` is imported on first use) and the target's
names it does not offer (``hidden``). A name not listed as a
child is still a sub-namespace when the target package has a submodule of that
name (``keras.engine.training`` -> ``tracekeras.engine.training``).

The ``tensorflow`` root offers only what Keras scripts commonly touch:
``tf.keras``, ``tf.random.set_seed``, ``tf.compat.v1`` (``disable_eager_execution``
switches tracekeras to the Keras 2.2 loop; ``logging`` is a no-op),
``tf.data`` (``Dataset``, ``AUTOTUNE``), ``tf.config`` (device queries answer
"one CPU", settings are accepted and ignored: NumPy has no devices, and BLAS
threads are set elsewhere), ``tf.GradientTape``, ``tf.Variable``,
``tf.constant``, dtype names, the differentiable ops of ``tracekeras.backend``
under their TensorFlow names (``tf.reduce_mean``, ``tf.matmul``, ``tf.math.*``,
``tf.nn.relu``, ``tf.nn.softmax``, the fused crossentropies ...), ``tf.function`` (runs the function as written,
eagerly) and ``tf.get_logger``. Anything else is reported by the shim as not
implemented. No trace events.
"""
import collections
import importlib
import logging

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


def answer(value):
    def query(*args, **kwargs):
        return value
    query.__doc__ = f"Always {value!r} in tracekeras."
    return query


def function(func=None, **options):
    """``tf.function``: tracekeras runs the Python function as written (eagerly)."""
    if func is None:
        return lambda f: f
    return func


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

# differentiable ops of tracekeras.backend under their TensorFlow names (for custom loops)
OPS = ("abs", "add", "cast", "clip_by_value", "divide", "exp", "gather", "matmul", "maximum",
       "minimum", "multiply", "negative", "reduce_mean", "reduce_sum", "reshape", "sqrt",
       "square", "stop_gradient", "subtract", "where")
MATH = ("abs", "add", "divide", "exp", "log", "maximum", "minimum", "multiply", "negative",
        "reduce_mean", "reduce_sum", "sqrt", "square", "subtract")
NN = ("elu", "leaky_relu", "log_softmax", "relu", "selu", "sigmoid", "sigmoid_cross_entropy_with_logits",
      "softmax", "softmax_cross_entropy_with_logits", "softplus", "softsign",
      "sparse_softmax_cross_entropy_with_logits", "tanh")


def backend_functions(module, names):
    return {name: Lazy(f"tracekeras.backend.{module}", name) for name in names}


OPTIMIZERS = Namespace("tracekeras.optimizers", kind="optimizers")

# tracekeras's own modules and entry points that are not part of Keras's namespace
NOT_KERAS = ("cli", "compat", "data", "demo", "load", "run", "shim", "trace", "trace_from_environment",
             "tracing")

KERAS = Namespace("tracekeras", extras={"__version__": KERAS_VERSION}, hidden=NOT_KERAS, children={
    "optimizers": Namespace("tracekeras.optimizers", kind="optimizers", children={
        "legacy": OPTIMIZERS, "experimental": OPTIMIZERS,
        "schedules": Namespace("tracekeras.optimizers.schedules", kind="schedules")}),
    "utils": Namespace("tracekeras.utils", kind="utilities"),
})

TENSORFLOW = Namespace(extras={
    "__version__": KERAS_VERSION,
    "GradientTape": Lazy("tracekeras.backend", "GradientTape"),
    "Variable": Lazy("tracekeras.backend", "Variable"),
    "constant": Lazy("tracekeras.backend", "convert"),
    "convert_to_tensor": Lazy("tracekeras.backend", "convert"),
    "executing_eagerly": Lazy("tracekeras.compat.v1", "executing_eagerly"),
    "function": function,
    "get_logger": lambda: logging.getLogger("tensorflow"),
    **backend_functions("ops", OPS),
    "concat": Lazy("tracekeras.backend.ops", "concatenate"),
    **{name: name for name in ("float16", "float32", "float64", "int32", "int64", "uint8",
                               "bool", "string")},
}, children={
    "keras": KERAS,
    "random": Namespace(extras={
        "set_seed": Lazy("tracekeras.utils", "set_random_seed")}),
    "compat": Namespace(children={
        "v1": Namespace("tracekeras.compat.v1",
                        children={"logging": LOGGING}),
    }),
    "data": Namespace("tracekeras.data", children={
        "experimental": Namespace(extras={
            "AUTOTUNE": Lazy("tracekeras.data", "AUTOTUNE")}),
    }),
    "config": CONFIG,
    "math": Namespace(extras={**backend_functions("ops", MATH),
                              **backend_functions("nn", ("sigmoid", "tanh", "softplus"))}),
    "nn": Namespace(extras=backend_functions("nn", NN)),
})

# sub-namespaces found in a target package, named in errors by their own name
# ("implemented layers: ..."); any other is named by its path ("implemented in keras.engine: ...")
NOUNS = ("activations", "callbacks", "constraints", "datasets", "initializers", "layers",
         "losses", "metrics", "models", "optimizers", "regularizers", "schedules")

ROOTS = {"tensorflow": TENSORFLOW, "keras": KERAS, "tf_keras": KERAS}
