"""``keras.optimizers.adam``: Adam (and AMSGrad).

What it owns: the Adam rule of tf_keras 2.21 (defaults learning_rate=0.001,
beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False), with t = iterations + 1:

    alpha = lr * sqrt(1 - beta_2**t) / (1 - beta_1**t)
    m += (g - m) * (1 - beta_1)
    v += (g**2 - v) * (1 - beta_2)
    [amsgrad: vhat = max(vhat, v); v = vhat]
    variable -= (m * alpha) / (sqrt(v) + epsilon)

in place, in float32, in that order. Slots: "m" and "v" per variable
(interleaved as Keras creates them), then "vhat" per variable if amsgrad.
Trace events: ``keras.optimizers.adam.Adam.build`` (stage optimizer),
``keras.optimizers.adam.Adam.update_step`` (level full).
"""
import numpy as np

from tracekeras import tracing
from tracekeras.backend import parallel
from tracekeras.optimizers import optimizer


def bias_corrections(opt, variable, *betas):
    """``beta ** (iterations + 1)`` for each beta, in the variable's dtype."""
    dtype = variable.value.dtype.type
    local_step = dtype(int(opt.iterations.value) + 1)
    return [np.power(dtype(beta), local_step) for beta in betas]


def elementwise(run, value, gradient):
    """``run(part)`` over the whole of ``value`` (a variable's array; ``gradient`` the same
    shape): an elementwise update, so the rows of a large variable (an Embedding's table)
    are shared out among ``backend.parallel``'s threads in the training loops, each
    element's numbers the same whichever thread makes them."""
    if value.ndim == 0 or np.shape(gradient) != value.shape:
        run(Ellipsis)
        return
    parallel.rows(run, len(value), value.nbytes * 5)    # gradient, variable, slots, work


class Adam(optimizer.Optimizer):
    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 adaptive_epsilon=False, amsgrad=False, weight_decay=None, clipnorm=None,
                 clipvalue=None, global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, jit_compile=True, name="Adam", **kwargs):
        super().__init__(**optimizer.base_arguments(locals()), **kwargs)
        self._learning_rate = self._build_learning_rate(learning_rate)
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.adaptive_epsilon = adaptive_epsilon
        self.amsgrad = amsgrad

    @tracing.traced(optimizer.STAGE,
                    args=optimizer.optimizer_args)
    def build(self, var_list):
        super().build(var_list)
        if getattr(self, "_built", False):
            return
        self._built = True
        self._momentums, self._velocities = [], []
        for var in var_list:
            self._momentums.append(self.add_variable_from_reference(var, "m"))
            self._velocities.append(self.add_variable_from_reference(var, "v"))
        if self.amsgrad:
            self._velocity_hats = [self.add_variable_from_reference(v, "vhat") for v in var_list]

    @tracing.traced(optimizer.STAGE,
                    args=optimizer.update_args, level="full")
    def update_step(self, gradient, variable):
        """One Adam update of ``variable`` in place (see the module docstring)."""
        dtype = variable.value.dtype.type
        lr = self.lr_for(variable)
        beta_1_power, beta_2_power = bias_corrections(self, variable, self.beta_1, self.beta_2)
        alpha = lr * np.sqrt(dtype(1) - beta_2_power) / (dtype(1) - beta_1_power)
        epsilon_hat = dtype(self.epsilon)
        if self.adaptive_epsilon:
            epsilon_hat = dtype(self.epsilon) * np.sqrt(dtype(1) - beta_2_power)
        index = self._index_dict[self._var_key(variable)]
        slots = [self._momentums[index].value, self._velocities[index].value]
        if self.amsgrad:
            slots.append(self._velocity_hats[index].value)
        beta_1, beta_2 = dtype(1 - self.beta_1), dtype(1 - self.beta_2)

        def run(part):
            g, m, v = gradient[part], slots[0][part], slots[1][part]
            work, denominator = buffers[0][part], buffers[1][part]
            np.subtract(g, m, out=work)
            np.multiply(work, beta_1, out=work)
            np.add(m, work, out=m)
            np.square(g, out=work)
            np.subtract(work, v, out=work)
            np.multiply(work, beta_2, out=work)
            np.add(v, work, out=v)
            if self.amsgrad:
                v_hat = slots[2][part]
                np.maximum(v_hat, v, out=v_hat)
                v = v_hat
            np.sqrt(v, out=denominator)
            np.add(denominator, epsilon_hat, out=denominator)
            np.multiply(m, alpha, out=work)
            np.divide(work, denominator, out=work)
            np.subtract(variable.value[part], work, out=variable.value[part])
        buffers = self.scratch(variable, 2)
        gradient = np.asarray(gradient)
        elementwise(run, variable.value, gradient)

    def _update_step_ops_without_gradient(self, variable, sliced):
        """For an IndexedSlices gradient (``sliced``): ``m.assign_add(-m * (1 - beta_1))``
        and ``v.assign_add(-v * (1 - beta_2))``, before its rows are scattered in."""
        if not sliced:
            return
        index = self._index_dict[self._var_key(variable)]
        dtype = variable.value.dtype.type
        for slot, beta in ((self._momentums[index], self.beta_1),
                           (self._velocities[index], self.beta_2)):
            slot.assign(slot.value + -slot.value * dtype(1 - beta))

    def get_config(self):
        config = super().get_config()
        config.update({"learning_rate": self._serialize_hyperparameter(self._learning_rate),
                       "beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon,
                       "amsgrad": self.amsgrad})
        return config
