"""``keras.mixed_precision``: layers that compute in float16 and keep float32 variables.

``Policy``, ``set_global_policy`` and ``global_policy`` (:mod:`.policy`), the
``AutoCastVariable`` a mixed layer's weights are (:mod:`.autocast_variable`) and
``LossScaleOptimizer``, which scales the loss so that float16 gradients do not underflow
(:mod:`tracekeras.optimizers.loss_scale_optimizer`; ``Model.compile`` wraps the
optimizer in one under ``mixed_float16``). The layer side (the ``dtype`` argument, input
casting, ``dtype_policy``/``compute_dtype``/``variable_dtype``) is in
:mod:`tracekeras.engine.base_layer`.
"""
from .policy import Policy, global_policy, set_global_policy


def __getattr__(name):
    # LossScaleOptimizer is the optimizers package's (which the layer base needs not load)
    if name == "LossScaleOptimizer":
        from tracekeras.optimizers.loss_scale_optimizer import LossScaleOptimizer
        return LossScaleOptimizer
    raise AttributeError(f"module 'tracekeras.mixed_precision' has no attribute {name!r}")


__all__ = ["LossScaleOptimizer", "Policy", "global_policy", "set_global_policy"]
