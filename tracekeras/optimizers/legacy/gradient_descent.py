"""``keras.optimizers.legacy.gradient_descent``: the legacy SGD (``keras.optimizers.legacy.SGD``).

What it owns: SGD as Keras 2.0-2.10 ran it (defaults learning_rate=0.01, momentum=0.0,
nesterov=False). Without momentum there is no slot and the step is TensorFlow's
``ApplyGradientDescent``; with momentum > 0, a slot "momentum" per variable and
``ApplyKerasMomentum``, with lr the (decayed) learning rate of the step:

    accum = accum * momentum - g * lr
    nesterov: variable += accum * momentum - g * lr
    else:     variable += accum

in float32. Trace events: those of ``optimizer_v2`` (stage optimizer).
"""
from tracekeras.optimizers.legacy import optimizer_v2


class SGD(optimizer_v2.OptimizerV2):
    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False, name="SGD", **kwargs):
        super().__init__(name, **kwargs)
        self._set_hyper("learning_rate", kwargs.get("lr", learning_rate))
        self._set_hyper("decay", self._initial_decay)
        self._momentum = callable(momentum) or momentum > 0
        if isinstance(momentum, (int, float)) and (momentum < 0 or momentum > 1):
            raise ValueError("`momentum` must be between [0, 1]. Received: "
                             f"momentum={momentum} (of type {type(momentum)}).")
        self._set_hyper("momentum", momentum)
        self.nesterov = nesterov

    def _create_slots(self, var_list):
        if self._momentum:
            for var in var_list:
                self.add_slot(var, "momentum")

    def _prepare_local(self, var_dtype, apply_state):
        super()._prepare_local(var_dtype, apply_state)
        apply_state["momentum"] = self._get_hyper("momentum", var_dtype)

    def _resource_apply_dense(self, grad, var, apply_state=None):
        coefficients = self.coefficients(var, apply_state)
        lr = coefficients["lr_t"]
        value = var.value
        if not self._momentum:
            var.assign(value - grad * lr)
            return
        momentum = coefficients["momentum"]
        accum = self.get_slot(var, "momentum")
        step = grad * lr
        accum.assign(accum.value * momentum - step)
        if self.nesterov:
            var.assign(value + (accum.value * momentum - step))
        else:
            var.assign(value + accum.value)

    def get_config(self):
        config = super().get_config()
        config.update({"learning_rate": self._serialize_hyperparameter("learning_rate"),
                       "decay": self._initial_decay,
                       "momentum": self._serialize_hyperparameter("momentum"),
                       "nesterov": self.nesterov})
        return config
