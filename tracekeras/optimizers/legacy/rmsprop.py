"""``keras.optimizers.legacy.rmsprop``: the legacy RMSprop (``keras.optimizers.legacy.RMSprop``).

What it owns: RMSprop as Keras 2.0-2.10 ran it (defaults learning_rate=0.001, rho=0.9,
momentum=0.0, epsilon=1e-7, centered=False). Slots: "rms" for every variable, then
"momentum" (momentum > 0), then "mg" (centered). With lr the (decayed) learning rate, in
float32. Without momentum (Keras's own ops; epsilon outside the root):

    rms = rho * rms + (1 - rho) * g**2
    [centered: mg = rho * mg + (1 - rho) * g; denominator = rms - mg**2]
    variable = variable - lr * g / (sqrt(denominator) + epsilon)

with momentum, TensorFlow's ``ApplyRMSProp``/``ApplyCenteredRMSProp`` kernels (epsilon
inside the root):

    rms += (g**2 - rms) * (1 - rho)
    [centered: mg += (g - mg) * (1 - rho); denominator = (rms - mg**2) + epsilon]
    mom = mom * momentum + (g * lr) / sqrt(denominator)     (else rms + epsilon)
    variable -= mom

Trace events: those of ``optimizer_v2``.
"""
import numpy as np

from tracekeras.optimizers.legacy import optimizer_v2


class RMSprop(optimizer_v2.OptimizerV2):
    def __init__(self, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7,
                 centered=False, name="RMSprop", **kwargs):
        super().__init__(name, **kwargs)
        self._set_hyper("learning_rate", kwargs.get("lr", learning_rate))
        self._set_hyper("decay", self._initial_decay)
        self._set_hyper("rho", rho)
        self._momentum = callable(momentum) or momentum > 0
        if isinstance(momentum, (int, float)) and (momentum < 0 or momentum > 1):
            raise ValueError("`momentum` must be between [0, 1]. Received: "
                             f"momentum={momentum} (of type {type(momentum)}).")
        self._set_hyper("momentum", momentum)
        self.epsilon = epsilon or 1e-7
        self.centered = centered

    def _create_slots(self, var_list):
        for var in var_list:
            self.add_slot(var, "rms")
        if self._momentum:
            for var in var_list:
                self.add_slot(var, "momentum")
        if self.centered:
            for var in var_list:
                self.add_slot(var, "mg")

    def _prepare_local(self, var_dtype, apply_state):
        super()._prepare_local(var_dtype, apply_state)
        rho = self._get_hyper("rho", var_dtype)
        apply_state.update(epsilon=np.dtype(var_dtype).type(self.epsilon), rho=rho,
                            momentum=self._get_hyper("momentum", var_dtype),
                            one_minus_rho=np.dtype(var_dtype).type(1.0) - rho)

    def _resource_apply_dense(self, grad, var, apply_state=None):
        coefficients = self.coefficients(var, apply_state)
        lr, rho = coefficients["lr_t"], coefficients["rho"]
        one_minus_rho, epsilon = coefficients["one_minus_rho"], coefficients["epsilon"]
        rms = self.get_slot(var, "rms")
        if self._momentum:
            mom = self.get_slot(var, "momentum")
            rms.assign(rms.value + (np.square(grad) - rms.value) * one_minus_rho)
            if self.centered:
                mg = self.get_slot(var, "mg")
                mg.assign(mg.value + (grad - mg.value) * one_minus_rho)
                denominator = (rms.value - np.square(mg.value)) + epsilon
            else:
                denominator = rms.value + epsilon
            mom.assign(mom.value * coefficients["momentum"]
                       + (grad * lr) / np.sqrt(denominator))
            var.assign(var.value - mom.value)
            return
        rms.assign(rho * rms.value + one_minus_rho * np.square(grad))
        denominator = rms.value
        if self.centered:
            mg = self.get_slot(var, "mg")
            mg.assign(rho * mg.value + one_minus_rho * grad)
            denominator = rms.value - np.square(mg.value)
        var.assign(var.value - lr * grad / (np.sqrt(denominator) + epsilon))

    def get_config(self):
        config = super().get_config()
        config.update({"learning_rate": self._serialize_hyperparameter("learning_rate"),
                       "decay": self._initial_decay,
                       "rho": self._serialize_hyperparameter("rho"),
                       "momentum": self._serialize_hyperparameter("momentum"),
                       "epsilon": self.epsilon, "centered": self.centered})
        return config
