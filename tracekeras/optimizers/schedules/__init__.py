"""``keras.optimizers.schedules``: learning rates that change with the step (see
learning_rate_schedule)."""
from .learning_rate_schedule import (
                                     CosineDecay,
                                     ExponentialDecay,
                                     InverseTimeDecay,
                                     LearningRateSchedule,
                                     PiecewiseConstantDecay,
                                     PolynomialDecay,
                                     deserialize,
                                     serialize,
)

__all__ = ["CosineDecay", "ExponentialDecay", "InverseTimeDecay", "LearningRateSchedule",
           "PiecewiseConstantDecay", "PolynomialDecay", "deserialize", "serialize"]
