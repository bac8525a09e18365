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

What it hands on: a NumPy array. Random draws come from
``backend.random.generator()`` (``tracekeras.utils.set_random_seed`` makes them
repeat); an initializer given ``seed=`` draws from its own generator.

Trace events: ``deserialize_keras_object`` spans when ``get`` resolves a name.
"""
import math

import numpy as np

from tracekeras import backend
from tracekeras.utils.serialization import deserialize_keras_object, serialize_keras_object

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
        self.rng = np.random.default_rng(seed) if seed is not None else None

    def generator(self):
        return self.rng if self.rng is not None else backend.random.generator()

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


class RandomNormal(RandomInitializer):
    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        super().__init__(seed)
        self.mean, self.stddev = mean, stddev

    def __call__(self, shape, dtype=None, **kwargs):
        dtype = float_dtype(dtype)
        return self.generator().normal(self.mean, self.stddev, size=shape).astype(dtype)

    def get_config(self):
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed}


class RandomUniform(RandomInitializer):
    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        super().__init__(seed)
        self.minval, self.maxval = minval, maxval

    def __call__(self, shape, dtype=None, **kwargs):
        dtype = np.dtype(dtype or backend.floatx())
        if dtype.kind in "iu":
            return self.generator().integers(self.minval, self.maxval, size=shape).astype(dtype)
        return self.generator().uniform(self.minval, self.maxval, size=shape).astype(dtype)

    def get_config(self):
        return {"minval": self.minval, "maxval": self.maxval, "seed": self.seed}


def truncated_normal(rng, mean, stddev, shape):
    """Normal draws, redrawn until within two standard deviations (tf.random.truncated_normal)."""
    values = rng.standard_normal(size=shape)
    outside = np.abs(values) > 2
    while outside.any():
        values[outside] = rng.standard_normal(size=int(outside.sum()))
        outside = np.abs(values) > 2
    return mean + stddev * values


class TruncatedNormal(RandomInitializer):
    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        super().__init__(seed)
        self.mean, self.stddev = mean, stddev

    def __call__(self, shape, dtype=None, **kwargs):
        dtype = float_dtype(dtype)
        return truncated_normal(self.generator(), self.mean, self.stddev, shape).astype(dtype)

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
        fan_in, fan_out = compute_fans(tuple(shape))
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2.0}[self.mode]
        scale = self.scale / max(1.0, n)
        rng = self.generator()
        if self.distribution == "truncated_normal":
            # 0.879... is the stddev of a unit normal truncated to [-2, 2].
            stddev = math.sqrt(scale) / 0.87962566103423978
            values = truncated_normal(rng, 0.0, stddev, shape)
        elif self.distribution == "untruncated_normal":
            values = rng.normal(0.0, math.sqrt(scale), size=shape)
        else:
            limit = math.sqrt(3.0 * scale)
            values = rng.uniform(-limit, limit, size=shape)
        return values.astype(dtype)

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
        rows = int(np.prod(shape[:-1]))
        cols = shape[-1]
        flat = self.generator().normal(size=(max(rows, cols), min(rows, cols)))
        q, r = np.linalg.qr(flat)
        q *= np.sign(np.diag(r))
        if rows < cols:
            q = q.T
        return (self.gain * q.reshape(shape)).astype(float_dtype(dtype))

    def get_config(self):
        return {"gain": self.gain, "seed": self.seed}


ALL_OBJECTS = {cls.__name__: cls for cls in (
    Constant, GlorotNormal, GlorotUniform, HeNormal, HeUniform, Identity, LecunNormal,
    LecunUniform, Ones, Orthogonal, RandomNormal, RandomUniform, TruncatedNormal,
    VarianceScaling, Zeros)}
ALL_OBJECTS.update({"constant": Constant, "glorot_normal": GlorotNormal,
                    "glorot_uniform": GlorotUniform, "he_normal": HeNormal,
                    "he_uniform": HeUniform, "identity": Identity, "lecun_normal": LecunNormal,
                    "lecun_uniform": LecunUniform, "ones": Ones, "orthogonal": Orthogonal,
                    "random_normal": RandomNormal, "random_uniform": RandomUniform,
                    "truncated_normal": TruncatedNormal, "variance_scaling": VarianceScaling,
                    "zeros": Zeros, "zero": Zeros, "one": Ones, "uniform": RandomUniform,
                    "normal": RandomNormal})


def serialize(initializer):
    return serialize_keras_object(initializer)


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
