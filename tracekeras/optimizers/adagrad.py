"""``keras.optimizers.adagrad``: Adagrad.

What it owns: the Adagrad rule of tf_keras 2.21 (defaults learning_rate=0.001,
initial_accumulator_value=0.1, epsilon=1e-7):

    accumulator += g * g
    variable -= lr * g / sqrt(accumulator + epsilon)

in place, in float32. Slot "accumulator" per variable, filled with
``initial_accumulator_value``.
Trace events: ``keras.optimizers.adagrad.Adagrad.build`` (stage optimizer),
``keras.optimizers.adagrad.Adagrad.update_step`` (level full).
"""
import numpy as np

from tracekeras import tracing
from tracekeras.optimizers import optimizer


class Adagrad(optimizer.Optimizer):
    def __init__(self, learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 jit_compile=True, name="Adagrad", **kwargs):
        super().__init__(**optimizer.base_arguments(locals()), **kwargs)
        self._learning_rate = self._build_learning_rate(learning_rate)
        self.initial_accumulator_value = initial_accumulator_value
        self.epsilon = epsilon

    @tracing.traced(optimizer.STAGE,
                    args=optimizer.optimizer_args)
    def build(self, var_list):
        super().build(var_list)
        if getattr(self, "_built", False):
            return
        self._built = True
        self._accumulators = [
            self.add_variable_from_reference(
                var, "accumulator",
                initial_value=np.full(var.shape, self.initial_accumulator_value,
                                      dtype=var.value.dtype))
            for var in var_list]

    @tracing.traced(optimizer.STAGE,
                    args=optimizer.update_args, level="full")
    def update_step(self, grad, variable):
        """One Adagrad update of ``variable`` in place (see the module docstring)."""
        dtype = variable.value.dtype.type
        lr = self.lr_for(variable)
        accumulator = self._accumulators[self._index_dict[self._var_key(variable)]].value
        work, denominator = self.scratch(variable, 2)
        np.multiply(grad, grad, out=work)
        np.add(accumulator, work, out=accumulator)
        np.add(accumulator, dtype(self.epsilon), out=denominator)
        np.sqrt(denominator, out=denominator)
        np.multiply(grad, lr, out=work)
        np.divide(work, denominator, out=work)
        np.subtract(variable.value, work, out=variable.value)

    def get_config(self):
        config = super().get_config()
        config.update({"learning_rate": self._serialize_hyperparameter(self._learning_rate),
                       "initial_accumulator_value": self.initial_accumulator_value,
                       "epsilon": self.epsilon})
        return config
