"""``keras.optimizers.adadelta``: Adadelta.

What it owns: the Adadelta rule of tf_keras 2.21 (defaults learning_rate=0.001,
rho=0.95, epsilon=1e-7), with rms(x) = sqrt(x + epsilon):

    accumulated_grad = rho * accumulated_grad + (1 - rho) * g * g
    delta_var = -rms(accumulated_delta_var) * g / rms(accumulated_grad)
    accumulated_delta_var = rho * accumulated_delta_var + (1 - rho) * delta_var * delta_var
    variable += lr * delta_var

in place, in float32. Slots "accumulated_grad" and "accumulated_delta_var" per
variable (interleaved, as Keras creates them).
Trace events: ``keras.optimizers.adadelta.Adadelta.build`` (stage optimizer),
``keras.optimizers.adadelta.Adadelta.update_step`` (level full).
"""
import numpy as np

from tracekeras import tracing
from tracekeras.optimizers import optimizer


class Adadelta(optimizer.Optimizer):
    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-7, weight_decay=None,
                 clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False,
                 ema_momentum=0.99, ema_overwrite_frequency=None, jit_compile=True,
                 name="Adadelta", **kwargs):
        super().__init__(**optimizer.base_arguments(locals()), **kwargs)
        self._learning_rate = self._build_learning_rate(learning_rate)
        self.rho = rho
        self.epsilon = epsilon

    @tracing.traced(optimizer.STAGE,
                    args=optimizer.optimizer_args)
    def build(self, var_list):
        super().build(var_list)
        if getattr(self, "_built", False):
            return
        self._built = True
        self._accumulated_grads, self._accumulated_delta_vars = [], []
        for var in var_list:
            self._accumulated_grads.append(
                self.add_variable_from_reference(var, "accumulated_grad")
            )
            self._accumulated_delta_vars.append(
                self.add_variable_from_reference(var, "accumulated_delta_var")
            )

    @tracing.traced(optimizer.STAGE, args=optimizer.update_args, level="full")
    def update_step(self, grad, variable):
        """One Adadelta update of ``variable`` in place (see the module docstring)."""
        dtype = variable.value.dtype.type
        lr = self.lr_for(variable)
        rho, one_minus_rho, epsilon = dtype(self.rho), dtype(1 - self.rho), dtype(self.epsilon)
        index = self._index_dict[self._var_key(variable)]
        accumulated_grad = self._accumulated_grads[index].value
        accumulated_delta_var = self._accumulated_delta_vars[index].value
        work, delta_var = self.scratch(variable, 2)
        np.multiply(accumulated_grad, rho, out=accumulated_grad)
        np.multiply(grad, one_minus_rho, out=work)
        np.multiply(work, grad, out=work)
        np.add(accumulated_grad, work, out=accumulated_grad)
        np.add(accumulated_delta_var, epsilon, out=delta_var)
        np.sqrt(delta_var, out=delta_var)
        np.negative(delta_var, out=delta_var)
        np.multiply(delta_var, grad, out=delta_var)
        np.add(accumulated_grad, epsilon, out=work)
        np.sqrt(work, out=work)
        np.divide(delta_var, work, out=delta_var)
        np.multiply(accumulated_delta_var, rho, out=accumulated_delta_var)
        np.multiply(delta_var, one_minus_rho, out=work)
        np.multiply(work, delta_var, out=work)
        np.add(accumulated_delta_var, work, out=accumulated_delta_var)
        np.multiply(delta_var, lr, out=work)
        np.add(variable.value, work, out=variable.value)

    def _update_step_ops_without_gradient(self, variable, sliced):
        """For an IndexedSlices gradient (``sliced``):
        ``accumulated_grad.assign_add((rho - 1) * accumulated_grad)``, before its rows are
        scattered in."""
        if not sliced:
            return
        accumulated = self._accumulated_grads[self._index_dict[self._var_key(variable)]]
        dtype = variable.value.dtype.type
        accumulated.assign(accumulated.value + dtype(self.rho - 1) * accumulated.value)

    def get_config(self):
        config = super().get_config()
        config.update(
            {
                "learning_rate": self._serialize_hyperparameter(self._learning_rate),
                "rho": self.rho,
                "epsilon": self.epsilon,
            }
        )
        return config
