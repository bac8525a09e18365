"""``keras.optimizers.schedules.learning_rate_schedule``: a learning rate that follows the step.

What it owns: ``LearningRateSchedule`` (the base: ``__call__(step)``,
``get_config``/``from_config``) and the decays Keras ships: ExponentialDecay,
PiecewiseConstantDecay, PolynomialDecay, InverseTimeDecay, CosineDecay;
``serialize``/``deserialize``.
What it receives: the optimizer's ``iterations`` (an int64 Variable or a number).
What it hands on: the learning rate for that step, a float32 NumPy scalar,
computed in float32 in the order TensorFlow does (``initial_learning_rate`` is
converted to float32 and every other number is cast to it).
The optimizer calls the schedule once per ``apply_gradients``
(``_compute_current_learning_rate``) and keeps the value in a Variable.
Trace events: none (the optimizer's spans record the learning rate).
"""
import math

import numpy as np

from tracekeras.utils import serialization

F32 = np.float32


def step_value(step, dtype):
    """The step as a scalar of ``dtype`` (``tf.cast(step, dtype)``)."""
    value = getattr(step, "value", step)
    return np.asarray(value).astype(dtype)[()]


class LearningRateSchedule:
    """The base: a serialisable callable ``step -> learning rate``."""

    def __call__(self, step):
        raise NotImplementedError(
            f"Learning rate schedule '{type(self).__name__}' must override `__call__(self, step)`.")

    def get_config(self):
        raise NotImplementedError(
            f"Learning rate schedule '{type(self).__name__}' must override `get_config()` "
            "in order to be serializable.")

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class ExponentialDecay(LearningRateSchedule):
    """``initial_learning_rate * decay_rate ** (step / decay_steps)`` (floored when staircase)."""

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False,
                 name=None):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name

    def __call__(self, step):
        initial = F32(self.initial_learning_rate)
        p = step_value(step, F32) / F32(self.decay_steps)
        if self.staircase:
            p = np.floor(p)
        return initial * np.power(F32(self.decay_rate), p)

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "decay_rate": self.decay_rate,
                "staircase": self.staircase, "name": self.name}


class PiecewiseConstantDecay(LearningRateSchedule):
    """``values[0]`` while ``step <= boundaries[0]``, ..., ``values[-1]`` after the last."""

    def __init__(self, boundaries, values, name=None):
        if len(boundaries) != len(values) - 1:
            raise ValueError(
                "The length of boundaries should be 1 less than the length of values. "
                f"Received: boundaries={boundaries} of length {len(boundaries)}, and "
                f"values={values} of length {len(values)}.")
        self.boundaries = boundaries
        self.values = values
        self.name = name

    def __call__(self, step):
        x = step_value(step, np.float64)
        value = self.values[-1]
        for boundary, candidate in zip(self.boundaries, self.values):
            if x <= boundary:
                value = candidate
                break
        return np.asarray(value, dtype=F32 if isinstance(value, float) else None)[()]

    def get_config(self):
        return {"boundaries": self.boundaries, "values": self.values, "name": self.name}


class PolynomialDecay(LearningRateSchedule):
    """``(initial - end) * (1 - step / decay_steps) ** power + end`` (cycling if asked)."""

    def __init__(self, initial_learning_rate, decay_steps, end_learning_rate=0.0001, power=1.0,
                 cycle=False, name=None):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.end_learning_rate = end_learning_rate
        self.power = power
        self.cycle = cycle
        self.name = name

    def __call__(self, step):
        initial = F32(self.initial_learning_rate)
        end = F32(self.end_learning_rate)
        step = step_value(step, F32)
        decay_steps = F32(self.decay_steps)
        if self.cycle:
            multiplier = F32(1.0) if step == 0 else np.ceil(step / decay_steps)
            decay_steps = decay_steps * multiplier
        else:
            step = min(step, decay_steps)
        p = step / decay_steps
        return (initial - end) * np.power(F32(1) - p, F32(self.power)) + end

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "end_learning_rate": self.end_learning_rate,
                "power": self.power, "cycle": self.cycle, "name": self.name}


class InverseTimeDecay(LearningRateSchedule):
    """``initial_learning_rate / (1 + decay_rate * step / decay_steps)``."""

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False,
                 name=None):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name

    def __call__(self, step):
        initial = F32(self.initial_learning_rate)
        p = step_value(step, F32) / F32(self.decay_steps)
        if self.staircase:
            p = np.floor(p)
        return initial / (F32(1) + F32(self.decay_rate) * p)

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "decay_rate": self.decay_rate,
                "staircase": self.staircase, "name": self.name}


class CosineDecay(LearningRateSchedule):
    """Half a cosine from the initial rate down to ``alpha * initial`` (after an optional
    warmup)."""

    def __init__(self, initial_learning_rate, decay_steps, alpha=0.0, name=None,
                 warmup_target=None, warmup_steps=0):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.alpha = alpha
        self.name = name
        self.warmup_steps = warmup_steps
        self.warmup_target = warmup_target

    def decay_function(self, step, decay_steps, decay_from_lr):
        completed_fraction = step / decay_steps
        cosine_decayed = F32(0.5) * (F32(1.0) + np.cos(F32(math.pi) * completed_fraction))
        decayed = F32(1 - self.alpha) * cosine_decayed + F32(self.alpha)
        return decay_from_lr * decayed

    def __call__(self, step):
        initial = F32(self.initial_learning_rate)
        decay_steps = F32(self.decay_steps)
        step = step_value(step, F32)
        if self.warmup_target is None:
            return self.decay_function(min(step, decay_steps), decay_steps, initial)
        target = F32(self.warmup_target)
        warmup_steps = F32(self.warmup_steps)
        step = min(step, decay_steps + warmup_steps)
        if step < warmup_steps:
            return (target - initial) * (step / warmup_steps) + initial
        return self.decay_function(step - warmup_steps, decay_steps, target)

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "alpha": self.alpha, "name": self.name,
                "warmup_target": self.warmup_target, "warmup_steps": self.warmup_steps}


ALL_SCHEDULES = {cls.__name__: cls for cls in (
    LearningRateSchedule, ExponentialDecay, PiecewiseConstantDecay, PolynomialDecay,
    InverseTimeDecay, CosineDecay)}


def serialize(learning_rate_schedule):
    """Keras 2.11+'s format: ``{"module", "class_name", "config", "registered_name"}``."""
    cls = type(learning_rate_schedule)
    builtin = ALL_SCHEDULES.get(cls.__name__) is cls
    return {"module": "keras.optimizers.schedules" if builtin else None,
            "class_name": cls.__name__, "config": learning_rate_schedule.get_config(),
            "registered_name": None if builtin else cls.__name__}


def deserialize(config, custom_objects=None):
    """A schedule from ``{"class_name": ..., "config": ...}`` (``Unknown decay: ...`` otherwise)."""
    return serialization.deserialize_keras_object(
        config, module_objects=ALL_SCHEDULES, custom_objects=custom_objects,
        printable_module_name="decay")
