"""``keras.optimizers.adamax``: Adamax, Adam with the infinity norm.

What it owns: the Adamax rule of tf_keras 2.21 (defaults learning_rate=0.001,
beta_1=0.9, beta_2=0.999, epsilon=1e-7), with t = iterations + 1:

    m += (g - m) * (1 - beta_1)
    u = max(beta_2 * u, |g|)
    variable -= (lr * m) / ((1 - beta_1**t) * (u + epsilon))

in place, in float32. Slots "m" and "u" per variable (interleaved).
Trace events: ``keras.optimizers.adamax.Adamax.build`` (stage optimizer),
``keras.optimizers.adamax.Adamax.update_step`` (level full).
"""
import numpy as np

from tracekeras import tracing
from tracekeras.optimizers import optimizer
from tracekeras.optimizers.adam import bias_corrections


class Adamax(optimizer.Optimizer):
    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 jit_compile=True, name="Adamax", **kwargs):
        super().__init__(**optimizer.base_arguments(locals()), **kwargs)
        self._learning_rate = self._build_learning_rate(learning_rate)
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon

    @tracing.traced(optimizer.STAGE,
                    args=optimizer.optimizer_args)
    def build(self, var_list):
        super().build(var_list)
        if getattr(self, "_built", False):
            return
        self._built = True
        self._m, self._u = [], []
        for var in var_list:
            self._m.append(self.add_variable_from_reference(var, "m"))
            self._u.append(self.add_variable_from_reference(var, "u"))

    @tracing.traced(optimizer.STAGE,
                    args=optimizer.update_args, level="full")
    def update_step(self, gradient, variable):
        """One Adamax update of ``variable`` in place (see the module docstring)."""
        dtype = variable.value.dtype.type
        lr = self.lr_for(variable)
        (beta_1_power,) = bias_corrections(self, variable, self.beta_1)
        index = self._index_dict[self._var_key(variable)]
        m, u = self._m[index].value, self._u[index].value
        work, denominator = self.scratch(variable, 2)
        np.subtract(gradient, m, out=work)
        np.multiply(work, dtype(1 - self.beta_1), out=work)
        np.add(m, work, out=m)
        np.multiply(u, dtype(self.beta_2), out=u)
        np.abs(gradient, out=work)
        np.maximum(u, work, out=u)
        np.add(u, dtype(self.epsilon), out=denominator)
        np.multiply(denominator, dtype(1) - beta_1_power, out=denominator)
        np.multiply(m, lr, out=work)
        np.divide(work, denominator, out=work)
        np.subtract(variable.value, work, out=variable.value)

    def _update_step_ops_without_gradient(self, variable, sliced):
        """For an IndexedSlices gradient (``sliced``): ``m.assign_add(-m * (1 - beta_1))``
        and ``u.assign(u * beta_2)``, before its rows are scattered in."""
        if not sliced:
            return
        index = self._index_dict[self._var_key(variable)]
        dtype = variable.value.dtype.type
        m, u = self._m[index], self._u[index]
        m.assign(m.value + -m.value * dtype(1 - self.beta_1))
        u.assign(u.value * dtype(self.beta_2))

    def get_config(self):
        config = super().get_config()
        config.update({"learning_rate": self._serialize_hyperparameter(self._learning_rate),
                       "beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon})
        return config
