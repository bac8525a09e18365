"""``keras.optimizers.sgd``: gradient descent with optional (Nesterov) momentum.

What it owns: the SGD rule of tf_keras 2.21 (defaults learning_rate=0.01,
momentum=0.0, nesterov=False); a slot "m" per variable is always created:

    m = -g * lr + m * momentum
    nesterov: variable += -g * lr + m * momentum
    else:     variable += m

computed in place in float32 (one reused scratch array per variable).
Trace events: ``keras.optimizers.sgd.SGD.build`` (stage optimizer),
``keras.optimizers.sgd.SGD.update_step`` (level full).
"""
import numpy as np

from tracekeras import tracing
from tracekeras.optimizers import optimizer


class SGD(optimizer.Optimizer):
    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False, weight_decay=None,
                 clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False,
                 ema_momentum=0.99, ema_overwrite_frequency=None, jit_compile=True, name="SGD",
                 **kwargs):
        if isinstance(momentum, (int, float)) and (momentum < 0 or momentum > 1):
            raise ValueError("`momentum` must be between [0, 1].")
        super().__init__(**optimizer.base_arguments(locals()), **kwargs)
        self._learning_rate = self._build_learning_rate(learning_rate)
        self.momentum = momentum
        self.nesterov = nesterov

    @tracing.traced(optimizer.STAGE,
                    args=optimizer.optimizer_args)
    def build(self, var_list):
        super().build(var_list)
        if getattr(self, "_built", False):
            return
        self.momentums = [self.add_variable_from_reference(v, "m") for v in var_list]
        self._built = True

    @tracing.traced(optimizer.STAGE,
                    args=optimizer.update_args, level="full")
    def update_step(self, gradient, variable):
        """One SGD update of ``variable`` in place (see the module docstring)."""
        dtype = variable.value.dtype.type
        neg_lr = -self.lr_for(variable)
        momentum = dtype(self.momentum)
        m = self.momentums[self._index_dict[self._var_key(variable)]].value
        buffers = self.scratch(variable, 2 if self.nesterov else 1)
        step = buffers[0]
        np.multiply(gradient, neg_lr, out=step)        # -g * lr
        np.multiply(m, momentum, out=m)
        np.add(step, m, out=m)                          # m = -g * lr + m * momentum
        if self.nesterov:
            work = buffers[1]
            np.multiply(m, momentum, out=work)
            np.add(step, work, out=step)                # -g * lr + m * momentum
            np.add(variable.value, step, out=variable.value)
        else:
            np.add(variable.value, m, out=variable.value)

    def _update_step_ops_without_gradient(self, variable, sliced):
        """For an IndexedSlices gradient (``sliced``): ``m.assign(m * momentum)``, before the
        gradient's rows are scattered in."""
        if not sliced:
            return
        m = self.momentums[self._index_dict[self._var_key(variable)]]
        m.assign(m.value * m.value.dtype.type(self.momentum))

    def get_config(self):
        config = super().get_config()
        config.update({"learning_rate": self._serialize_hyperparameter(self._learning_rate),
                       "momentum": self.momentum, "nesterov": self.nesterov})
        return config
