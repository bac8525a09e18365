"""``keras.optimizers.legacy.adam``: the legacy Adam (``keras.optimizers.legacy.Adam``).

What it owns: Adam as Keras 2.0-2.10 ran it (defaults learning_rate=0.001, beta_1=0.9,
beta_2=0.999, epsilon=1e-7, amsgrad=False). Slots: "m" for every variable, then "v" for
every variable, then (amsgrad) "vhat" for every variable. With t = iterations + 1 and lr
the (decayed) learning rate of the step, TensorFlow's ``ApplyAdam`` kernel in float32:

    alpha = lr * sqrt(1 - beta_2**t) / (1 - beta_1**t)
    m += (g - m) * (1 - beta_1)
    v += (g**2 - v) * (1 - beta_2)
    [amsgrad (``ApplyAdamWithAmsgrad``): vhat = max(vhat, v); v = vhat]
    variable -= (m * alpha) / (sqrt(v) + epsilon)

``set_weights`` accepts the weights of an optimizer that kept "vhat" without amsgrad
(Keras 1's Adam) and drops them. Trace events: those of ``optimizer_v2``.
"""
import numpy as np

from tracekeras.optimizers.legacy import optimizer_v2


class Adam(optimizer_v2.OptimizerV2):
    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 amsgrad=False, name="Adam", **kwargs):
        super().__init__(name, **kwargs)
        self._set_hyper("learning_rate", kwargs.get("lr", learning_rate))
        self._set_hyper("decay", self._initial_decay)
        self._set_hyper("beta_1", beta_1)
        self._set_hyper("beta_2", beta_2)
        self.epsilon = epsilon or 1e-7
        self.amsgrad = amsgrad

    def _create_slots(self, var_list):
        for var in var_list:
            self.add_slot(var, "m")
        for var in var_list:
            self.add_slot(var, "v")
        if self.amsgrad:
            for var in var_list:
                self.add_slot(var, "vhat")

    def _prepare_local(self, var_dtype, apply_state):
        super()._prepare_local(var_dtype, apply_state)
        dtype = np.dtype(var_dtype).type
        local_step = dtype(int(self.iterations.value) + 1)
        beta_1_t = self._get_hyper("beta_1", var_dtype)
        beta_2_t = self._get_hyper("beta_2", var_dtype)
        apply_state.update(beta_1_t=beta_1_t, beta_2_t=beta_2_t,
                            beta_1_power=np.power(beta_1_t, local_step),
                            beta_2_power=np.power(beta_2_t, local_step),
                            epsilon=dtype(self.epsilon))

    def _resource_apply_dense(self, grad, var, apply_state=None):
        coefficients = self.coefficients(var, apply_state)
        dtype = var.value.dtype.type
        one = dtype(1)
        alpha = (coefficients["lr_t"] * np.sqrt(one - coefficients["beta_2_power"])
                 / (one - coefficients["beta_1_power"]))
        m, v = self.get_slot(var, "m"), self.get_slot(var, "v")
        m.assign(m.value + (grad - m.value) * (one - coefficients["beta_1_t"]))
        v.assign(v.value + (np.square(grad) - v.value) * (one - coefficients["beta_2_t"]))
        denominator = v.value
        if self.amsgrad:
            vhat = self.get_slot(var, "vhat")
            vhat.assign(np.maximum(vhat.value, v.value))
            denominator = vhat.value
        var.assign(var.value - (m.value * alpha) / (np.sqrt(denominator)
                                                    + coefficients["epsilon"]))

    def set_weights(self, weights):
        params = self.weights
        # Keras 1's Adam kept vhat without amsgrad: 3 * variables + 1 weights
        num_vars = int((len(params) - 1) / 2)
        if len(weights) == 3 * num_vars + 1:
            weights = weights[:len(params)]
        super().set_weights(weights)

    def get_config(self):
        config = super().get_config()
        config.update({"learning_rate": self._serialize_hyperparameter("learning_rate"),
                       "decay": self._initial_decay,
                       "beta_1": self._serialize_hyperparameter("beta_1"),
                       "beta_2": self._serialize_hyperparameter("beta_2"),
                       "epsilon": self.epsilon, "amsgrad": self.amsgrad})
        return config
