"""``keras.optimizers.ftrl``: Follow The Regularized Leader.

What it owns: the FTRL rule of tf_keras 2.21 (defaults learning_rate=0.001,
learning_rate_power=-0.5, initial_accumulator_value=0.1, l1/l2/l2-shrinkage
strengths 0.0, beta=0.0), in float32, with p = -learning_rate_power:

    l2 = l2_regularization_strength + beta / (2 * lr)
    grad_to_use = g + 2 * l2_shrinkage * variable
    new_accum = accum + g**2
    linear += grad_to_use - (new_accum**p - accum**p) / lr * variable
    quadratic = new_accum**p / lr + 2 * l2
    variable = (clip(linear, -l1, l1) - linear) / quadratic
    accum = new_accum

Slots "accumulator" (filled with initial_accumulator_value) and "linear" per
variable (interleaved).
Trace events: ``keras.optimizers.ftrl.Ftrl.build`` (stage optimizer),
``keras.optimizers.ftrl.Ftrl.update_step`` (level full).
"""
import numpy as np

from tracekeras import tracing
from tracekeras.optimizers import optimizer

CHECKS = (("initial_accumulator_value", "needs to be positive or zero", lambda x: x < 0.0),
          ("learning_rate_power", "needs to be negative or zero", lambda x: x > 0.0),
          ("l1_regularization_strength", "needs to be positive or zero", lambda x: x < 0.0),
          ("l2_regularization_strength", "needs to be positive or zero", lambda x: x < 0.0),
          ("l2_shrinkage_regularization_strength", "needs to be positive or zero",
           lambda x: x < 0.0))


class Ftrl(optimizer.Optimizer):
    def __init__(self, learning_rate=0.001, learning_rate_power=-0.5,
                 initial_accumulator_value=0.1, l1_regularization_strength=0.0,
                 l2_regularization_strength=0.0, l2_shrinkage_regularization_strength=0.0,
                 beta=0.0, weight_decay=None, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, jit_compile=True, name="Ftrl", **kwargs):
        given = locals()
        for key, rule, bad in CHECKS:
            if bad(given[key]):
                raise ValueError(f"`{key}` {rule}. Received: {key}={given[key]}.")
        super().__init__(**optimizer.base_arguments(locals()), **kwargs)
        self._learning_rate = self._build_learning_rate(learning_rate)
        self.learning_rate_power = learning_rate_power
        self.initial_accumulator_value = initial_accumulator_value
        self.l1_regularization_strength = l1_regularization_strength
        self.l2_regularization_strength = l2_regularization_strength
        self.l2_shrinkage_regularization_strength = l2_shrinkage_regularization_strength
        self.beta = beta

    @tracing.traced(optimizer.STAGE,
                    args=optimizer.optimizer_args)
    def build(self, var_list):
        super().build(var_list)
        if getattr(self, "_built", False):
            return
        self._accumulators, self._linears = [], []
        for var in var_list:
            self._accumulators.append(self.add_variable_from_reference(
                var, "accumulator",
                initial_value=np.full(var.shape, self.initial_accumulator_value,
                                      dtype=var.value.dtype)))
            self._linears.append(self.add_variable_from_reference(var, "linear"))
        self._built = True

    @tracing.traced(optimizer.STAGE,
                    args=optimizer.update_args, level="full")
    def update_step(self, gradient, variable):
        """One FTRL update of ``variable`` in place (see the module docstring)."""
        dtype = variable.value.dtype.type
        lr = self.lr_for(variable)
        index = self._index_dict[self._var_key(variable)]
        accum, linear = self._accumulators[index], self._linears[index]
        power = dtype(-self.learning_rate_power)
        l2_reg = dtype(self.l2_regularization_strength) + dtype(self.beta) / (dtype(2.0) * lr)
        var = variable.value
        grad_to_use = gradient + dtype(2 * self.l2_shrinkage_regularization_strength) * var
        new_accum = accum.value + np.square(gradient)
        new_accum_power = np.power(new_accum, power)
        linear.assign_add(grad_to_use - (new_accum_power - np.power(accum.value, power)) / lr * var)
        quadratic = new_accum_power / lr + dtype(2) * l2_reg
        l1 = dtype(self.l1_regularization_strength)
        linear_clipped = np.clip(linear.value, -l1, l1)
        variable.assign((linear_clipped - linear.value) / quadratic)
        accum.assign(new_accum)

    def get_config(self):
        config = super().get_config()
        config.update({
            "learning_rate": self._serialize_hyperparameter(self._learning_rate),
            "learning_rate_power": self.learning_rate_power,
            "initial_accumulator_value": self.initial_accumulator_value,
            "l1_regularization_strength": self.l1_regularization_strength,
            "l2_regularization_strength": self.l2_regularization_strength,
            "l2_shrinkage_regularization_strength": self.l2_shrinkage_regularization_strength,
            "beta": self.beta})
        return config
