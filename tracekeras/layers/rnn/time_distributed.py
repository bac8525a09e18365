"""TimeDistributed: one layer applied to every timestep
(``keras.layers.rnn.time_distributed.TimeDistributed``).

What it owns: ``TimeDistributed(layer)``: ``build`` checks the input has a time axis
(at least 3 dimensions), pins the features (any batch and time) and builds the wrapped
layer with the shape of one timestep ``(batch, ...)``; ``call`` folds the time axis into
the batch (``(batch * time, ...)``, Keras's reshape road for built-in layers), calls the
wrapped layer once and unfolds the result to ``(batch, time, ...)``.

What it receives: ``(batch, time, ...)`` Tensors; the mask passes through unchanged.

What it hands on: a Tensor (carrying the input's mask, as Keras's ``compute_mask`` gives it).

Trace events: span ``keras.layers.rnn.time_distributed.TimeDistributed.build`` (stage
build) with the wrapped layer's build inside; the wrapped layer's ``__call__`` span.
"""
from tracekeras import tracing
from tracekeras.backend import Tensor, ops
from tracekeras.engine import base_layer
from tracekeras.engine.input_spec import InputSpec
from tracekeras.layers.rnn.base_rnn import build_args
from tracekeras.layers.rnn.base_wrapper import Wrapper


class TimeDistributed(Wrapper):
    """``TimeDistributed(layer)``."""

    def __init__(self, layer, **kwargs):
        if not isinstance(layer, base_layer.Layer):
            raise ValueError("Please initialize `TimeDistributed` layer with a "
                             f"`tf.keras.layers.Layer` instance. Received: {layer}")
        super().__init__(layer, **kwargs)
        self.supports_masking = True

    @tracing.traced("build", args=build_args)
    def build(self, input_shape):
        input_shape = tuple(input_shape)
        if len(input_shape) < 3:
            raise ValueError("`TimeDistributed` Layer should be passed an `input_shape ` with "
                             f"at least 3 dimensions, received: {input_shape}")
        self.input_spec = InputSpec(shape=(None, None) + input_shape[2:])
        super().build((input_shape[0],) + input_shape[2:])

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        inner = tuple(self.layer.compute_output_shape((input_shape[0],) + input_shape[2:]))
        return (inner[0], input_shape[1]) + inner[1:]

    def call(self, inputs, training=None, mask=None):
        kwargs = {}
        if base_layer.call_spec(type(self.layer).call)[1]:
            kwargs["training"] = training
        batch, time = inputs.shape[0], inputs.shape[1]
        folded = ops.reshape(inputs, (batch * time,) + tuple(inputs.shape[2:]))
        y = self.layer(folded, **kwargs)
        outputs = ops.reshape(y, (batch, time) + tuple(y.shape[1:]))
        mask = mask if mask is not None else getattr(inputs, "keras_mask", None)
        if mask is not None and isinstance(outputs, Tensor):
            outputs.keras_mask = mask
        return outputs

    def compute_mask(self, inputs, mask=None):
        return mask
