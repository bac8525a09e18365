"""``keras.mixed_precision.policy``: the dtype policy of a layer, and the global one.

What it owns: ``Policy`` (a name; the dtype a layer computes in, ``compute_dtype``, and
the dtype its variables are kept in, ``variable_dtype``): ``"mixed_float16"`` computes
in float16 with float32 variables, ``"mixed_bfloat16"`` in bfloat16 with float32
variables, the name of a dtype (``"float32"``, ``"float16"``, ``"float64"``, ``"int32"``
...) uses that dtype for both, and ``"_infer"`` leaves both to the first input (Keras 1).
``set_global_policy`` / ``global_policy``: the policy a layer made without ``dtype=``
takes (unset: a policy named after ``backend.floatx()``); ``serialize`` /
``deserialize``: a policy in a layer's config (a plain dtype policy as its name, a mixed
one as ``{"module": "keras.mixed_precision", "class_name": "Policy", ...}``), and
``policy_of_dtype_argument``, what a layer's ``dtype=`` argument becomes (Keras's
``Layer._set_dtype_policy``).

Setting a mixed global policy logs, once per process, TensorFlow's device check warning
(``Mixed precision compatibility check``): tracekeras computes on the CPU, which has
no fast float16.

What it receives: names, dtypes, Policies and configs from user code and from
``Layer.__init__``. What it hands on: Policies to layers (``engine.base_layer``) and the
global policy's name to ``Model.compile`` (which wraps the optimizer in a
``LossScaleOptimizer`` for ``mixed_float16``). No trace events of its own: ``compile``
notes the policy it acted on.
"""
import logging

from tracekeras.backend import array_ops
from tracekeras.backend import config as backend_config

MIXED = {"mixed_float16": ("float16", "float32"), "mixed_bfloat16": ("bfloat16", "float32")}
# TensorFlow's spellings of dtypes that NumPy spells otherwise (or not at all)
TF_DTYPE_NAMES = {"float": "float32", "double": "float64", "half": "float16",
                  "bfloat16": "bfloat16", "string": "string"}
GLOBAL_POLICY = [None]     # set_global_policy's policy; None: follow backend.floatx()
DEVICE_CHECK_LOGGED = [False]

DEVICE_CHECK_WARNING = (
    "Mixed precision compatibility check ({policy}): WARNING\n"
    "The dtype policy {policy} may run slowly because this machine does not have a GPU. "
    "Only Nvidia GPUs with compute capability of at least 7.0 run quickly with {policy}.\n"
    "If you will use compatible GPU(s) not attached to this host, e.g. by running a "
    "multi-worker model, you can ignore this warning. This message will only be logged once")
FLOATING = ("float16", "bfloat16", "float32", "float64")


def is_dtype_object(value):
    """A ``tf.DType`` (tracekeras's ``tf.float16`` is a ``str`` subclass named DType)."""
    return type(value).__name__ == "DType"


def dtype_name(value):
    """TensorFlow's name of a dtype given as a name, a NumPy dtype or type, or a DType;
    None when TensorFlow would not take it as a dtype."""
    if isinstance(value, str) and value in TF_DTYPE_NAMES:
        return TF_DTYPE_NAMES[value]
    try:   # a name, a NumPy dtype or type, a DType or TensorFlow's enum number
        dtype = array_ops.numpy_dtype(value)
    except (TypeError, ValueError):
        return None
    if dtype is None:
        return None
    return "string" if dtype.kind == "O" else dtype.name


class Policy:
    """``Policy(name)``: a dtype policy, e.g. ``Policy("mixed_float16")``."""

    def __init__(self, name):
        if is_dtype_object(name):
            raise TypeError("'name' must be a string, not a DType. Instead, pass DType.name. "
                            f"Received: name={name.name}")
        if not isinstance(name, str):
            raise TypeError(f"'name' must be a string, but got: {name}")
        self._name = name
        self._compute_dtype, self._variable_dtype = self._parse_name(name)

    @staticmethod
    def _parse_name(name):
        """(compute dtype, variable dtype) of a policy name."""
        if name.endswith("_float32_vars"):
            raise ValueError("Policies ending in '_float32_vars' have been removed from "
                             f"TensorFlow. Got policy name: '{name}'")
        if name in MIXED:
            return MIXED[name]
        if name == "_infer":
            return None, None
        dtype = dtype_name(name)
        if dtype is None:
            raise ValueError(f"Cannot convert value {name} to a mixed precision Policy. Valid "
                             "policies include 'mixed_float16', 'mixed_bfloat16', and the name "
                             "of any dtype such as 'float32'.")
        return dtype, dtype

    @property
    def name(self):
        return self._name

    @property
    def compute_dtype(self):
        """The dtype of a layer's computations (and of its floating inputs, cast to it)."""
        return self._compute_dtype

    @property
    def variable_dtype(self):
        """The dtype a layer's variables are created in."""
        return self._variable_dtype

    def __repr__(self):
        return f'<Policy "{self._name}">'

    def get_config(self):
        return {"name": self._name}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        config.pop("loss_scale", None)   # written by TensorFlow 2.3's policies
        return cls(**config)


def is_mixed(policy):
    return policy is not None and policy.compute_dtype != policy.variable_dtype


def global_policy():
    """The policy of layers made without ``dtype=``: the one ``set_global_policy`` set, or a
    policy named after ``backend.floatx()``."""
    if GLOBAL_POLICY[0] is None:
        return Policy(backend_config.floatx())
    return GLOBAL_POLICY[0]


def set_global_policy(policy):
    """Make ``policy`` (a Policy or a name; None: back to floatx) the global policy."""
    if policy is not None and not isinstance(policy, Policy):
        policy = Policy(policy)
    if is_mixed(policy):
        log_device_compatibility_check(policy.name)
    if policy is not None and policy.compute_dtype is not None \
            and policy.compute_dtype not in FLOATING:
        raise ValueError("set_global_policy can only be used to set the global policy to "
                         'floating-point policies, such as "float32" and "mixed_float16", '
                         f"but got policy: {policy.name}")
    GLOBAL_POLICY[0] = policy


def log_device_compatibility_check(policy_name):
    """TensorFlow's warning that ``mixed_float16`` runs slowly without a GPU, logged once a
    process (``mixed_bfloat16`` logs nothing on a CPU)."""
    if DEVICE_CHECK_LOGGED[0] or policy_name != "mixed_float16":
        return
    DEVICE_CHECK_LOGGED[0] = True
    logging.getLogger("tensorflow").warning(DEVICE_CHECK_WARNING.format(policy=policy_name))


def policy_equivalent_to_dtype(policy):
    """A plain Policy named after a dtype (or ``_infer``): serialized as that name."""
    return type(policy) is Policy and list(policy.get_config()) == ["name"] and (
        policy.name == "_infer" or dtype_name(policy.name) is not None)


def serialize(policy):
    """A policy as a layer's config holds it."""
    if policy_equivalent_to_dtype(policy):
        return None if policy.name == "_infer" else policy.name
    return {"module": "keras.mixed_precision", "class_name": type(policy).__name__,
            "config": policy.get_config(), "registered_name": None}


def deserialize(config, custom_objects=None):
    """A policy from what ``serialize`` wrote (a dtype name, None, or a Policy dict)."""
    if isinstance(config, str) and dtype_name(config) is not None:
        return Policy(config)
    if config is None:
        return Policy("_infer")
    if not isinstance(config, dict) or "class_name" not in config:
        raise ValueError(f"Could not interpret serialized policy: {config}")
    class_name = config["class_name"]
    classes = {"Policy": Policy, "PolicyV1": Policy, "FloatDTypePolicy": Policy}
    classes.update(custom_objects or {})
    if class_name not in classes:
        raise ValueError(f"Unknown policy: {class_name}. Please ensure you are using a "
                         "`keras.utils.custom_object_scope` and that this object is included "
                         "in the scope. See https://www.tensorflow.org/guide/keras/save_and_"
                         "serialize#registering_the_custom_object for details.")
    return classes[class_name].from_config(config.get("config", {}))


def policy_of_dtype_argument(dtype):
    """What a layer's ``dtype=`` argument becomes: a Policy as given, a config dict
    deserialized, a mixed policy's name, any dtype as the policy of its name, and nothing
    as the global policy."""
    if isinstance(dtype, Policy):
        return dtype
    if isinstance(dtype, dict):
        return deserialize(dtype)
    if isinstance(dtype, str) and dtype in MIXED:
        return Policy(dtype)
    if dtype is not None and not (isinstance(dtype, str) and not dtype):
        name = dtype_name(dtype.name if is_dtype_object(dtype) else dtype)
        if name is None:
            raise TypeError(f"Cannot convert the argument `type_value`: {dtype!r} to a "
                            "TensorFlow DType.")
        return Policy(name)
    return global_policy()


def bfloat16_refused(policy, layer_class):
    """The one-line "does not implement" error for a layer whose policy uses bfloat16."""
    # imported only when refusing: the layer base needs no shim
    from tracekeras.shim.errors import PACKAGE, OperationNotImplementedByTracekeras, caller
    return OperationNotImplementedByTracekeras(
        f"tracekeras does not implement the bfloat16 dtype (policy {policy.name!r} of a "
        f"{layer_class} layer, used by {caller(PACKAGE)}): NumPy has no bfloat16; "
        "'mixed_float16' and 'float16' compute in NumPy's float16")
