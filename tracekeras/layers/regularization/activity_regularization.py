"""ActivityRegularization: a layer that passes its input on and adds an L1/L2 penalty of it
to the losses (``keras.layers.regularization.activity_regularization``).

What it owns: ``ActivityRegularization(l1=0.0, l2=0.0)``, the base layer's
``activity_regularizer`` set to ``regularizers.L1L2(l1, l2)``: after each call the base
class adds the penalty of the output (``l1 * sum(|x|) + l2 * sum(x**2)``, divided by the
batch size) to the layer's losses, which ``fit`` adds to the loss it minimizes.

What it receives: Tensors. What it hands on: its input unchanged, and its mask.

Trace events: the ``Layer.__call__`` spans of the base class.
"""
from tracekeras import regularizers
from tracekeras.engine.base_layer import Layer


class ActivityRegularization(Layer):
    def __init__(self, l1=0.0, l2=0.0, **kwargs):
        super().__init__(activity_regularizer=regularizers.L1L2(l1=l1, l2=l2), **kwargs)
        self.supports_masking = True
        self.l1 = l1
        self.l2 = l2

    def call(self, inputs):
        return inputs

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        config = super().get_config()
        config.pop("activity_regularizer", None)
        config.update({"l1": self.l1, "l2": self.l2})
        return config
