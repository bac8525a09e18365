"""Initializers: where a new weight's first values come from (``keras.initializers``).

What it owns: the Keras initializer classes with Keras's defaults (``Zeros``,
``Ones``, ``Constant(value=0)``, ``RandomNormal(mean=0.0, stddev=0.05)``,
``RandomUniform(minval=-0.05, maxval=0.05)``, ``TruncatedNormal(mean=0.0,
stddev=0.05)``, ``VarianceScaling(scale=1.0, mode="fan_in",
distribution="truncated_normal")`` and its named forms ``GlorotUniform``,
``GlorotNormal``, ``HeNormal``, ``HeUniform``, ``LecunNormal``, ``LecunUniform``,
``Identity``, ``Orthogonal``) and ``get`` (a name, a config dict, an instance or
a callable -> an initializer), which resolves names through
``deserialize_keras_object`` (Keras's "Unknown initializer" error).

What it receives: ``(shape, dtype)`` from ``Layer.add_weight``.

What it hands on: a NumPy array. A random initializer draws as tf_keras 2.21's do,
with TensorFlow's stateless ops and a seed fixed at its first call
(``backend.random.RandomGenerator``): the ``seed=`` given, else the next seed of
Keras's seed generator (``tracekeras.utils.set_random_seed``), else Python's
``random``. So a seeded program gets tf_keras's initial weights (uniform ones bit
for bit), and calling one unseeded instance twice repeats its values, with
Keras's warning.

Trace events: ``deserialize_keras_object`` spans when ``get`` resolves a name.
"""
import math
import warnings

import numpy as np

from tracekeras import backend
from tracekeras.saving import serialization_lib
from tracekeras.utils.serialization import deserialize_keras_object

__all__ = ["Constant", "GlorotNormal", "GlorotUniform", "HeNormal", "HeUniform", "Identity",
           "Initializer", "LecunNormal", "LecunUniform", "Ones", "Orthogonal", "RandomNormal",
           "RandomUniform", "TruncatedNormal", "VarianceScaling", "Zeros", "deserialize", "get",
           "serialize"]


def compute_fans(shape):
    """Keras's ``_compute_fans``: (fan_in, fan_out) of a weight shape."""
    if len(shape) < 1:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    if len(shape) == 2:
        return shape[0], shape[1]
    receptive_field = int(np.prod(shape[:-2]))
    return shape[-2] * receptive_field, shape[-1] * receptive_field


class Initializer:
    """Base class: ``initializer(shape, dtype=None) -> ndarray``."""

    def __call__(self, shape, dtype=None, **kwargs):
        raise NotImplementedError

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        config.pop("dtype", None)
        return cls(**config)


class RandomInitializer(Initializer):
    def __init__(self, seed=None):
        self.seed = seed
        self._random_generator = backend.random.RandomGenerator(seed)

    def _warn_reuse(self):
        """Keras warns when an unseeded instance is called again: it gives the same values."""
        if getattr(self, "_used", False):
            if self.seed is None:
                warnings.warn(f"The unseeded initializer {type(self).__name__} is called again "
                              "and returns the same values as before; give it a seed, or use a "
                              "new instance for each weight.", stacklevel=3)
        else:
            self._used = True

    def get_config(self):
        return {"seed": self.seed}


def float_dtype(dtype):
    dtype = np.dtype(dtype or backend.floatx())
    if dtype.kind != "f":
        raise ValueError(f"Expected `dtype` argument to be a floating point type. Received: "
                         f"dtype={dtype.name}")
    return dtype


class Zeros(Initializer):
    def __call__(self, shape, dtype=None, **kwargs):
        return np.zeros(shape, dtype=dtype or backend.floatx())


class Ones(Initializer):
    def __call__(self, shape, dtype=None, **kwargs):
        return np.ones(shape, dtype=dtype or backend.floatx())


class Constant(Initializer):
    def __init__(self, value=0):
        self.value = value

    def __call__(self, shape, dtype=None, **kwargs):
        return np.full(shape, self.value, dtype=dtype or backend.floatx())

    def get_config(self):
        return {"value": self.value}

    @classmethod
    def from_config(cls, config):
        """An array value comes back from its saved form (``{"class_name": "__numpy__"}``)."""
        config = dict(config)
        config.pop("dtype", None)
        if isinstance(config.get("value"), dict):
            config["value"] = serialization_lib.deserialize_keras_object(config["value"])
        return cls(**config)


class RandomNormal(RandomInitializer):
    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        super().__init__(seed)
        self.mean, self.stddev = mean, stddev

    def __call__(self, shape, dtype=None, **kwargs):
        dtype = float_dtype(dtype)
        self._warn_reuse()
        return self._random_generator.random_normal(shape, self.mean, self.stddev, dtype)

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed}


class RandomUniform(RandomInitializer):
    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        super().__init__(seed)
        self.minval, self.maxval = minval, maxval

    def __call__(self, shape, dtype=None, **kwargs):
        dtype = np.dtype(dtype or backend.floatx())
        if dtype.kind not in "iuf":
            raise ValueError(f"Expected float or integer dtype, got {dtype.name}.")
        self._warn_reuse()
        return self._random_generator.random_uniform(shape, self.minval, self.maxval, dtype)

    def get_config(self):
        return {"minval": self.minval, "maxval": self.maxval, "seed": self.seed}


class TruncatedNormal(RandomInitializer):
    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        super().__init__(seed)
        self.mean, self.stddev = mean, stddev

    def __call__(self, shape, dtype=None, **kwargs):
        dtype = float_dtype(dtype)
        self._warn_reuse()
        return self._random_generator.truncated_normal(shape, self.mean, self.stddev, dtype)

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed}


class VarianceScaling(RandomInitializer):
    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None):
        if scale <= 0.0:
            raise ValueError(f"`scale` must be positive float. Received: scale={scale}.")
        allowed = {"fan_in", "fan_out", "fan_avg"}
        if mode not in allowed:
            raise ValueError(f"Invalid `mode` argument: {mode}. Please use one of the "
                             f"{allowed}.")
        distribution = distribution.lower()
        if distribution == "normal":
            distribution = "truncated_normal"
        allowed = {"uniform", "truncated_normal", "untruncated_normal"}
        if distribution not in allowed:
            raise ValueError(f"Invalid `distribution` argument: {distribution}.Allowed "
                             f"distributions: {allowed}.")
        super().__init__(seed)
        self.scale, self.mode, self.distribution = scale, mode, distribution

    def __call__(self, shape, dtype=None, **kwargs):
        dtype = float_dtype(dtype)
        self._warn_reuse()
        fan_in, fan_out = compute_fans(tuple(shape))
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2.0}[self.mode]
        scale = self.scale / max(1.0, n)
        draw = self._random_generator
        if self.distribution == "truncated_normal":
            # 0.879... is the stddev of a unit normal truncated to [-2, 2].
            stddev = math.sqrt(scale) / 0.87962566103423978
            return draw.truncated_normal(shape, 0.0, stddev, dtype)
        if self.distribution == "untruncated_normal":
            return draw.random_normal(shape, 0.0, math.sqrt(scale), dtype)
        limit = math.sqrt(3.0 * scale)
        return draw.random_uniform(shape, -limit, limit, dtype)

    def get_config(self):
        return {"scale": self.scale, "mode": self.mode, "distribution": self.distribution,
                "seed": self.seed}


def named_variance_scaling(class_name, scale, mode, distribution):
    def __init__(self, seed=None):
        VarianceScaling.__init__(self, scale=scale, mode=mode, distribution=distribution,
                                 seed=seed)

    def get_config(self):
        return {"seed": self.seed}
    return type(class_name, (VarianceScaling,), {"__init__": __init__, "get_config": get_config,
                                                 "__module__": __name__,
                                                 "__qualname__": class_name})


GlorotUniform = named_variance_scaling("GlorotUniform", 1.0, "fan_avg", "uniform")
GlorotNormal = named_variance_scaling("GlorotNormal", 1.0, "fan_avg", "truncated_normal")
HeNormal = named_variance_scaling("HeNormal", 2.0, "fan_in", "truncated_normal")
HeUniform = named_variance_scaling("HeUniform", 2.0, "fan_in", "uniform")
LecunNormal = named_variance_scaling("LecunNormal", 1.0, "fan_in", "truncated_normal")
LecunUniform = named_variance_scaling("LecunUniform", 1.0, "fan_in", "uniform")


class Identity(Initializer):
    def __init__(self, gain=1.0):
        self.gain = gain

    def __call__(self, shape, dtype=None, **kwargs):
        if len(shape) != 2:
            raise ValueError("Identity matrix initializer can only be used for 2D matrices. "
                             f"Received: shape={shape} of rank {len(shape)}.")
        return (self.gain * np.eye(*shape)).astype(float_dtype(dtype))

    def get_config(self):
        return {"gain": self.gain}


class Orthogonal(RandomInitializer):
    def __init__(self, gain=1.0, seed=None):
        super().__init__(seed)
        self.gain = gain

    def __call__(self, shape, dtype=None, **kwargs):
        if len(shape) < 2:
            raise ValueError("The tensor to initialize must be at least two-dimensional. "
                             f"Received: shape={shape} of rank {len(shape)}.")
        dtype = float_dtype(dtype)
        self._warn_reuse()
        rows = int(np.prod(shape[:-1]))
        cols = shape[-1]
        flat = self._random_generator.random_normal((max(rows, cols), min(rows, cols)),
                                                    dtype=dtype)
        q, r = np.linalg.qr(flat)
        q *= np.sign(np.diag(r))
        if rows < cols:
            q = q.T
        return (dtype.type(self.gain) * q.reshape(shape)).astype(dtype)

    def get_config(self):
        return {"gain": self.gain, "seed": self.seed}


ALL_OBJECTS = {cls.__name__: cls for cls in (
    Constant, GlorotNormal, GlorotUniform, HeNormal, HeUniform, Identity, LecunNormal,
    LecunUniform, Ones, Orthogonal, RandomNormal, RandomUniform, TruncatedNormal,
    VarianceScaling, Zeros)}
# Keras's lowercase spellings of the classes, public as the classes are
# (``keras.initializers.zeros`` is ``Zeros``)
constant, identity, ones, orthogonal, zeros = Constant, Identity, Ones, Orthogonal, Zeros
glorot_normal, glorot_uniform, he_normal, he_uniform = (GlorotNormal, GlorotUniform, HeNormal,
                                                        HeUniform)
lecun_normal, lecun_uniform, random_normal, random_uniform = (LecunNormal, LecunUniform,
                                                              RandomNormal, RandomUniform)
truncated_normal, variance_scaling = TruncatedNormal, VarianceScaling

ALL_OBJECTS.update({"constant": Constant, "glorot_normal": GlorotNormal,
                    "glorot_uniform": GlorotUniform, "he_normal": HeNormal,
                    "he_uniform": HeUniform, "identity": Identity, "lecun_normal": LecunNormal,
                    "lecun_uniform": LecunUniform, "ones": Ones, "orthogonal": Orthogonal,
                    "random_normal": RandomNormal, "random_uniform": RandomUniform,
                    "truncated_normal": TruncatedNormal, "variance_scaling": VarianceScaling,
                    "zeros": Zeros, "zero": Zeros, "one": Ones, "uniform": RandomUniform,
                    "normal": RandomNormal})


def serialize(initializer):
    """``{"module": "keras.initializers", "class_name", "config", "registered_name"}``."""
    return serialization_lib.serialize_keras_object(initializer)


def deserialize(config, custom_objects=None):
    return deserialize_keras_object(config, module_objects=ALL_OBJECTS,
                                    custom_objects=custom_objects,
                                    printable_module_name="initializer")


def get(identifier):
    """An initializer for a name (``"glorot_uniform"``), a config dict, an instance or a
    callable."""
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, str):
        obj = deserialize(identifier)
        return obj() if isinstance(obj, type) else obj
    if callable(identifier):
        return identifier() if isinstance(identifier, type) else identifier
    raise ValueError(f"Could not interpret initializer identifier: {identifier}")
