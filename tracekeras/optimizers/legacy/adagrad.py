"""``keras.optimizers.legacy.adagrad``: the legacy Adagrad (``keras.optimizers.legacy.Adagrad``).

What it owns: Adagrad as Keras 2.0-2.10 ran it (defaults learning_rate=0.001,
initial_accumulator_value=0.1, epsilon=1e-7). Slot: "accumulator" per variable, filled
with initial_accumulator_value. With lr the (decayed) learning rate, TensorFlow's
``ApplyAdagradV2`` kernel in float32:

    accumulator += g**2
    variable -= g * lr / (sqrt(accumulator) + epsilon)

Trace events: those of ``optimizer_v2``.
"""
import numpy as np

from tracekeras.optimizers.legacy import optimizer_v2


class Adagrad(optimizer_v2.OptimizerV2):
    def __init__(self, learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7,
                 name="Adagrad", **kwargs):
        if initial_accumulator_value < 0.0:
            raise ValueError("initial_accumulator_value must be non-negative: "
                             f"{initial_accumulator_value}")
        epsilon = epsilon or 1e-7
        super().__init__(name, **kwargs)
        self._set_hyper("learning_rate", kwargs.get("lr", learning_rate))
        self._set_hyper("decay", self._initial_decay)
        self._initial_accumulator_value = initial_accumulator_value
        self.epsilon = epsilon

    def _create_slots(self, var_list):
        for var in var_list:
            self.add_slot(var, "accumulator", self._initial_accumulator_value)

    def _prepare_local(self, var_dtype, apply_state):
        super()._prepare_local(var_dtype, apply_state)
        apply_state["epsilon"] = np.dtype(var_dtype).type(self.epsilon)

    def _resource_apply_dense(self, grad, var, apply_state=None):
        coefficients = self.coefficients(var, apply_state)
        accumulator = self.get_slot(var, "accumulator")
        accumulator.assign(accumulator.value + np.square(grad))
        var.assign(var.value - grad * coefficients["lr_t"]
                   / (np.sqrt(accumulator.value) + coefficients["epsilon"]))

    def get_config(self):
        config = super().get_config()
        config.update({"learning_rate": self._serialize_hyperparameter("learning_rate"),
                       "decay": self._initial_decay,
                       "initial_accumulator_value": self._initial_accumulator_value,
                       "epsilon": self.epsilon})
        return config
