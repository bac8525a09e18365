"""``keras.optimizers.rmsprop``: RMSprop, the seed's optimizer.

What it owns: the RMSprop rule of tf_keras 2.21 (defaults learning_rate=0.001,
rho=0.9, momentum=0.0, epsilon=1e-7, centered=False, ema_overwrite_frequency=100):

    velocity = rho * velocity + (1 - rho) * g**2
    [centered: average_gradient = rho * average_gradient + (1 - rho) * g;
               denominator = velocity - average_gradient**2 + epsilon]
    denominator = velocity + epsilon
    increment = lr * g * rsqrt(denominator)
    [momentum > 0: momentum = momentum_coef * momentum + increment; variable -= momentum]
    variable -= increment

computed in place in float32 in that order (one reused scratch array per variable,
two when centered; ``g * rsqrt(d)`` as ``g / sqrt(d)``, equal up to float32 rounding).
Slots, created lazily by ``build``: "velocity" per variable, then "momentum"
(if momentum > 0), then "average_gradient" (if centered).
Trace events: ``keras.optimizers.rmsprop.RMSprop.build`` (stage optimizer),
``keras.optimizers.rmsprop.RMSprop.update_step`` (level full).
"""
import numpy as np

from tracekeras import tracing
from tracekeras.optimizers import optimizer


class RMSprop(optimizer.Optimizer):
    def __init__(self, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=100,
                 jit_compile=True, name="RMSprop", **kwargs):
        super().__init__(**optimizer.base_arguments(locals()), **kwargs)
        self._learning_rate = self._build_learning_rate(learning_rate)
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
        self.centered = centered

    @tracing.traced(optimizer.STAGE,
                    args=optimizer.optimizer_args)
    def build(self, var_list):
        super().build(var_list)
        if getattr(self, "_built", False):
            return
        self._built = True
        self._velocities = [self.add_variable_from_reference(v, "velocity") for v in var_list]
        self._momentums = []
        if self.momentum > 0:
            self._momentums = [self.add_variable_from_reference(v, "momentum") for v in var_list]
        self._average_gradients = []
        if self.centered:
            self._average_gradients = [self.add_variable_from_reference(v, "average_gradient")
                                       for v in var_list]

    @tracing.traced(optimizer.STAGE,
                    args=optimizer.update_args, level="full")
    def update_step(self, gradient, variable):
        """One RMSprop update of ``variable`` in place (see the module docstring).

        The plain rule needs one scratch array (the centered one a second): fewer passes
        over memory than one array per intermediate, which matters for large kernels.
        """
        dtype = variable.value.dtype.type
        lr = self.lr_for(variable)
        index = self._index_dict[self._var_key(variable)]
        velocity = self._velocities[index].value
        rho = dtype(self.rho)
        one_minus_rho = dtype(1 - self.rho)
        work, *extra = self.scratch(variable, 2 if self.centered else 1)
        np.multiply(velocity, rho, out=velocity)
        np.square(gradient, out=work)
        np.multiply(work, one_minus_rho, out=work)
        np.add(velocity, work, out=velocity)
        if self.centered:
            average_grad = self._average_gradients[index].value
            np.multiply(average_grad, rho, out=average_grad)
            np.multiply(gradient, one_minus_rho, out=work)
            np.add(average_grad, work, out=average_grad)
            np.square(average_grad, out=extra[0])
            np.subtract(velocity, extra[0], out=work)
            np.add(work, dtype(self.epsilon), out=work)
        else:
            np.add(velocity, dtype(self.epsilon), out=work)   # work = denominator
        np.sqrt(work, out=work)
        np.divide(gradient, work, out=work)                   # g * rsqrt(denominator)
        np.multiply(work, lr, out=work)                       # increment
        if self.momentum > 0:
            momentum = self._momentums[index].value
            np.multiply(momentum, dtype(self.momentum), out=momentum)
            np.add(momentum, work, out=momentum)
            np.subtract(variable.value, momentum, out=variable.value)
        else:
            np.subtract(variable.value, work, out=variable.value)

    def _update_step_ops_without_gradient(self, variable, sliced):
        """For an IndexedSlices gradient (``sliced``): ``velocity.assign(rho * velocity)``,
        ``average_grad.assign(rho * average_grad)`` (centered) and
        ``momentum.assign(momentum_coef * momentum)`` (momentum > 0), the slots decayed
        before the gradient's rows are added."""
        if not sliced:
            return
        index = self._index_dict[self._var_key(variable)]
        dtype = variable.value.dtype.type
        decays = [(self._velocities[index], self.rho)]
        if self.centered:
            decays.append((self._average_gradients[index], self.rho))
        if self.momentum > 0:
            decays.append((self._momentums[index], self.momentum))
        for slot, factor in decays:
            slot.assign(dtype(factor) * slot.value)

    def get_config(self):
        config = super().get_config()
        config.update({"learning_rate": self._serialize_hyperparameter(self._learning_rate),
                       "rho": self.rho, "momentum": self.momentum, "epsilon": self.epsilon,
                       "centered": self.centered})
        return config
