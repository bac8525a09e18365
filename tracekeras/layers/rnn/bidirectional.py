"""Bidirectional: a recurrent layer run forwards and backwards, merged
(``keras.layers.rnn.bidirectional.Bidirectional``).

What it owns: ``Bidirectional(layer, merge_mode="concat", backward_layer=None)``: two
copies of the layer made from its config (``forward_<name>`` and, with ``go_backwards``
flipped, ``backward_<name>``; or the given ``backward_layer``), built in their own name
scopes (``bidirectional/forward_lstm/lstm_cell/kernel:0``), Keras's checks (a layer, a
known merge mode, opposite directions, the same ``return_sequences``/``return_state``);
``call`` runs both on the inputs (each with half the initial states, if any), reverses the
backward sequence in time and merges with ``concat``/``sum``/``mul``/``ave`` or returns
both (``None``); with ``return_state`` the forward then backward states follow;
``reset_states`` resets both copies of a stateful layer. With
``return_sequences``, masked timesteps give zeros (Keras forces ``zero_output_for_mask``).

What it receives: ``(batch, time, features)`` Tensors, a mask, ``initial_state=``.

What it hands on: the merged Tensor (or a list), carrying the mask with ``return_sequences``.

Trace events: span ``keras.layers.rnn.bidirectional.Bidirectional.build`` (stage build)
with both layers' builds inside; the two layers' ``__call__`` spans.
"""
from tracekeras import tracing
from tracekeras.backend import ops
from tracekeras.backend import rnn as backend_rnn
from tracekeras.engine import base_layer
from tracekeras.engine.input_spec import InputSpec
from tracekeras.layers.rnn import rnn_utils
from tracekeras.layers.rnn.base_rnn import build_args
from tracekeras.layers.rnn.base_wrapper import Wrapper

MERGE_MODES = ("sum", "mul", "ave", "concat", None)


class Bidirectional(Wrapper):
    """``Bidirectional(layer, merge_mode="concat", weights=None, backward_layer=None)``."""

    def __init__(self, layer, merge_mode="concat", weights=None, backward_layer=None, **kwargs):
        if not isinstance(layer, base_layer.Layer):
            raise ValueError("Please initialize `Bidirectional` layer with a "
                             f"`tf.keras.layers.Layer` instance. Received: {layer}")
        if backward_layer is not None and not isinstance(backward_layer, base_layer.Layer):
            raise ValueError("`backward_layer` need to be a `tf.keras.layers.Layer` "
                             f"instance. Received: {backward_layer}")
        if merge_mode not in MERGE_MODES:
            raise ValueError(f"Invalid merge mode. Received: {merge_mode}. Merge mode should "
                             'be one of {"sum", "mul", "ave", "concat", None}')
        super().__init__(layer, **kwargs)
        self.forward_layer = self._recreate_layer_from_config(layer)
        if backward_layer is None:
            self.backward_layer = self._recreate_layer_from_config(layer, go_backwards=True)
        else:
            self.backward_layer = backward_layer
            self._backward_layer_config = rnn_utils.serialize_layer(backward_layer)
        self.forward_layer._name = "forward_" + self.forward_layer.name
        self.backward_layer._name = "backward_" + self.backward_layer.name
        self._verify_layer_config()
        for rnn in (self.forward_layer, self.backward_layer):
            if getattr(rnn, "zero_output_for_mask", None) is not None:
                rnn.zero_output_for_mask = rnn.return_sequences
        self.merge_mode = merge_mode
        if weights:
            half = len(weights) // 2
            self.forward_layer._initial_weights = weights[:half]
            self.backward_layer._initial_weights = weights[half:]
        self.stateful = layer.stateful
        self.return_sequences = layer.return_sequences
        self.return_state = layer.return_state
        self.supports_masking = True
        self.input_spec = layer.input_spec
        self._num_constants = 0

    def _direct_sublayers(self):
        # The two copies run; the layer given is only their pattern (Keras does not track it).
        return [self.forward_layer, self.backward_layer]

    def _verify_layer_config(self):
        forward, backward = self.forward_layer, self.backward_layer
        if forward.go_backwards == backward.go_backwards:
            raise ValueError("Forward layer and backward layer should have different "
                             "`go_backwards` value.forward_layer.go_backwards = "
                             f"{forward.go_backwards},backward_layer.go_backwards = "
                             f"{backward.go_backwards}")
        for attribute in ("stateful", "return_sequences", "return_state"):
            forward_value, backward_value = getattr(forward, attribute), getattr(backward,
                                                                                 attribute)
            if forward_value != backward_value:
                raise ValueError("Forward layer and backward layer are expected to have the "
                                 f'same value for attribute "{attribute}", got '
                                 f'"{forward_value}" for forward layer and "{backward_value}" '
                                 "for backward layer")

    @staticmethod
    def _recreate_layer_from_config(layer, go_backwards=False):
        config = layer.get_config()
        if go_backwards:
            config["go_backwards"] = not config["go_backwards"]
        cell = getattr(layer, "cell", None)
        custom_objects = {type(cell).__name__: type(cell)} if cell is not None else None
        if "cell" in config:
            return type(layer).from_config(config, custom_objects=custom_objects)
        return type(layer).from_config(config)

    @tracing.traced("build", args=build_args)
    def build(self, input_shape):
        for rnn in (self.forward_layer, self.backward_layer):
            with base_layer.name_scope(rnn.name):
                rnn.build(input_shape)
            if rnn._initial_weights is not None:
                weights, rnn._initial_weights = rnn._initial_weights, None
                rnn.set_weights(weights)
        self.built = True

    def compute_output_shape(self, input_shape):
        output_shape = self.forward_layer.compute_output_shape(input_shape)
        state_shape = None
        if self.return_state:
            state_shape = list(output_shape[1:])
            output_shape = output_shape[0]
        output_shape = tuple(output_shape)
        if self.merge_mode == "concat":
            output_shape = output_shape[:-1] + (output_shape[-1] * 2,)
        elif self.merge_mode is None:
            output_shape = [output_shape, output_shape]
        if self.return_state:
            if self.merge_mode is None:
                return output_shape + state_shape + state_shape
            return [output_shape] + state_shape + state_shape
        return output_shape

    def __call__(self, inputs, initial_state=None, constants=None, **kwargs):
        inputs, initial_state, constants = rnn_utils.standardize_args(
            inputs, initial_state, constants, self._num_constants)
        if initial_state is None and constants is None:
            return super().__call__(inputs, **kwargs)
        if initial_state is not None and len(initial_state) % 2:
            raise ValueError("When passing `initial_state` to a Bidirectional RNN, the state "
                             "should be a list containing the states of the underlying RNNs. "
                             f"Received: {initial_state}")
        extra = list(initial_state or [])
        if constants is not None:
            self._num_constants = len(constants)
            self.forward_layer._num_constants = self.backward_layer._num_constants = len(
                constants)
            extra += constants
        if not rnn_utils.is_keras_tensor(extra[0]):
            if initial_state is not None:
                kwargs["initial_state"] = initial_state
            if constants is not None:
                kwargs["constants"] = constants
            return super().__call__(inputs, **kwargs)
        # KerasTensors join the inputs: [inputs, *states, *constants]
        original_spec = self.input_spec
        self.input_spec = [None] + [InputSpec(shape=tuple(s.shape)) for s in extra]
        try:
            return super().__call__([inputs] + extra, **kwargs)
        finally:
            self.input_spec = original_spec

    def call(self, inputs, training=None, mask=None, initial_state=None, constants=None):
        kwargs = {"mask": mask}
        if base_layer.call_spec(type(self.forward_layer).call)[1]:
            kwargs["training"] = training
        forward_state = backward_state = None
        if isinstance(inputs, list) and len(inputs) > 1:
            end = len(inputs) - self._num_constants
            if self._num_constants:
                constants = inputs[end:]
            initial_state, inputs = (inputs[1:end] or None), inputs[0]
        if constants is not None and getattr(self.forward_layer, "TAKES_CONSTANTS", True):
            kwargs["constants"] = constants     # both copies read the same constants
        if initial_state is not None:
            half = len(initial_state) // 2
            forward_state, backward_state = initial_state[:half], initial_state[half:]
        y = self.forward_layer(inputs, initial_state=forward_state, **kwargs)
        y_rev = self.backward_layer(inputs, initial_state=backward_state, **kwargs)
        states = []
        if self.return_state:
            states = list(y[1:]) + list(y_rev[1:])
            y, y_rev = y[0], y_rev[0]
        if self.return_sequences:
            y_rev = backend_rnn.reverse(y_rev, 1)
        output = merge(self.merge_mode, y, y_rev)
        if self.return_state:
            return (output if self.merge_mode is None else [output]) + states
        return output

    def reset_states(self, states=None):
        """Both copies' states (a stateful layer's); ``states`` is forward's then backward's."""
        if not self.stateful:
            raise AttributeError("Layer must be stateful.")
        if states is None:
            self.forward_layer.reset_states()
            self.backward_layer.reset_states()
            return
        half = len(states) // 2
        self.forward_layer.reset_states(states[:half])
        self.backward_layer.reset_states(states[half:])

    def compute_mask(self, inputs, mask):
        mask = mask[0] if isinstance(mask, list) else mask
        if self.return_sequences:
            output_mask = [mask, mask] if not self.merge_mode else mask
        else:
            output_mask = [None, None] if not self.merge_mode else None
        if self.return_state:
            state_mask = [None] * (2 * len(self.forward_layer.states))
            return (output_mask if isinstance(output_mask, list) else [output_mask]) + state_mask
        return output_mask

    def get_config(self):
        config = super().get_config()
        config["merge_mode"] = self.merge_mode
        if self._num_constants:
            config["num_constants"] = self._num_constants
        if hasattr(self, "_backward_layer_config"):
            config["backward_layer"] = self._backward_layer_config
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        num_constants = config.pop("num_constants", 0)
        backward = config.pop("backward_layer", None)
        if backward is not None:
            config["backward_layer"] = rnn_utils.layer_from_config(backward, custom_objects)
        layer = super().from_config(config, custom_objects)
        layer._num_constants = num_constants
        return layer


def merge(mode, y, y_rev):
    if mode == "concat":
        return ops.concatenate([y, y_rev], axis=-1)
    if mode == "sum":
        return ops.add(y, y_rev)
    if mode == "ave":
        return ops.divide(ops.add(y, y_rev), 2.0)
    if mode == "mul":
        return ops.multiply(y, y_rev)
    return [y, y_rev]
