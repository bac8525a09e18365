"""``keras.optimizers.nadam``: Nadam, Adam with Nesterov momentum.

What it owns: the Nadam rule of tf_keras 2.21 (defaults learning_rate=0.001,
beta_1=0.9, beta_2=0.999, epsilon=1e-7), in float32 with t = iterations + 1:

    u_t = beta_1 * (1 - 0.5 * 0.96**t);  u_t1 = beta_1 * (1 - 0.5 * 0.96**(t+1))
    u_product_t = u_product * u_t  (once per step; cached for the step's other variables)
    m += (g - m) * (1 - beta_1);  v += (g**2 - v) * (1 - beta_2)
    m_hat = u_t1 * m / (1 - u_product_t * u_t1) + (1 - u_t) * g / (1 - u_product_t)
    variable -= (m_hat * lr) / (sqrt(v / (1 - beta_2**t)) + epsilon)

Slots "m" and "v" per variable (interleaved) plus the ``_u_product`` Variable.
Trace events: ``keras.optimizers.nadam.Nadam.build`` (stage optimizer),
``keras.optimizers.nadam.Nadam.update_step`` (level full).
"""
import numpy as np

from tracekeras import tracing
from tracekeras.backend import Variable, graph_capture
from tracekeras.optimizers import optimizer


class Nadam(optimizer.Optimizer):
    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 jit_compile=True, name="Nadam", **kwargs):
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
        self._momentums, self._velocities = [], []
        self._u_product = Variable(1.0, name="Variable", dtype=var_list[0].value.dtype,
                                   trainable=False)
        self._u_product_counter = 1
        for var in var_list:
            self._momentums.append(self.add_variable_from_reference(var, "m"))
            self._velocities.append(self.add_variable_from_reference(var, "v"))

    def u_product_for_step(self, u_t, variable):
        """Keras's cached product of the u_t: advanced once per step, by the first variable.

        Keras decides with ``_u_product_counter == iterations + 2``, a Python int
        against a step count. Run eagerly, the int is read now and the branch
        that advances the product counts it up, so one variable per step
        advances it. In a traced train function the int was read while tracing:
        each variable's update saw its own value (the counter went up once per
        variable and trace), so nearly every variable advances the product at
        every step, and tf_keras's numbers differ between the two modes.
        """
        counter = self.u_product_counter_seen_by(variable)
        if counter == int(self.iterations.value) + 2:
            return self._u_product.value[()]
        u_product_t = self._u_product.value[()] * u_t
        self._u_product.assign(u_product_t)
        if graph_capture.current() is None:
            self._u_product_counter += 1
        return u_product_t

    def u_product_counter_seen_by(self, variable):
        """``_u_product_counter`` as this variable's update reads it (see above)."""
        graph = graph_capture.current()
        if graph is None:
            return self._u_product_counter
        key = (id(self), "_u_product_counter")
        if key not in graph.captured:   # the first call: the traces happen now
            count, traces = len(self._index_dict), graph.traces()
            graph.captured[key] = self._u_product_counter + (traces - 1) * count
            self._u_product_counter += traces * count
        return graph.captured[key] + self._index_dict[self._var_key(variable)]

    @tracing.traced(optimizer.STAGE,
                    args=optimizer.update_args, level="full")
    def update_step(self, gradient, variable):
        """One Nadam update of ``variable`` in place (see the module docstring)."""
        dtype = variable.value.dtype.type
        lr = self.lr_for(variable)
        step = int(self.iterations.value)
        local_step, next_step = dtype(step + 1), dtype(step + 2)
        decay, beta_1, beta_2 = dtype(0.96), dtype(self.beta_1), dtype(self.beta_2)
        one, half = dtype(1.0), dtype(0.5)
        u_t = beta_1 * (one - half * np.power(decay, local_step))
        u_t_1 = beta_1 * (one - half * np.power(decay, next_step))
        u_product_t = self.u_product_for_step(u_t, variable)
        u_product_t_1 = u_product_t * u_t_1
        beta_2_power = np.power(beta_2, local_step)
        index = self._index_dict[self._var_key(variable)]
        m, v = self._momentums[index].value, self._velocities[index].value
        work, m_hat = self.scratch(variable, 2)
        np.subtract(gradient, m, out=work)
        np.multiply(work, one - beta_1, out=work)
        np.add(m, work, out=m)
        np.square(gradient, out=work)
        np.subtract(work, v, out=work)
        np.multiply(work, one - beta_2, out=work)
        np.add(v, work, out=v)
        np.multiply(m, u_t_1, out=m_hat)
        np.divide(m_hat, one - u_product_t_1, out=m_hat)
        np.multiply(gradient, one - u_t, out=work)
        np.divide(work, one - u_product_t, out=work)
        np.add(m_hat, work, out=m_hat)
        np.divide(v, one - beta_2_power, out=work)
        np.sqrt(work, out=work)
        np.add(work, dtype(self.epsilon), out=work)
        np.multiply(m_hat, lr, out=m_hat)
        np.divide(m_hat, work, out=m_hat)
        np.subtract(variable.value, m_hat, out=variable.value)

    def _update_step_ops_without_gradient(self, variable, sliced):
        """The cond on ``_u_product_counter`` (it reads only ``iterations``, so it may advance
        ``_u_product``); for an IndexedSlices gradient also ``m.assign_add(-m * (1 -
        beta_1))`` and ``v.assign_add(-v * (1 - beta_2))``, the betas cast to the
        variable's dtype first."""
        dtype = variable.value.dtype.type
        local_step, beta_1 = dtype(int(self.iterations.value) + 1), dtype(self.beta_1)
        u_t = beta_1 * (dtype(1.0) - dtype(0.5) * np.power(dtype(0.96), local_step))
        self.u_product_for_step(u_t, variable)
        if not sliced:
            return
        index = self._index_dict[self._var_key(variable)]
        for slot, beta in ((self._momentums[index], self.beta_1),
                           (self._velocities[index], self.beta_2)):
            slot.assign(slot.value + -slot.value * (dtype(1) - dtype(beta)))

    def get_config(self):
        config = super().get_config()
        config.update({"learning_rate": self._serialize_hyperparameter(self._learning_rate),
                       "beta_1": self.beta_1, "beta_2": self.beta_2, "epsilon": self.epsilon})
        return config
