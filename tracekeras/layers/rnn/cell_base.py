"""What every built-in recurrent cell shares (in Keras each cell writes it out, and
``keras.layers.rnn.dropout_rnn_cell_mixin`` adds their dropout masks).

What it owns: ``RecurrentCell``, the base of ``SimpleRNNCell``, ``LSTMCell`` and
``GRUCell``: the constructor arguments every cell takes (units, activations, initializers,
``dropout`` and ``recurrent_dropout`` clipped to [0, 1]; the kernel, recurrent kernel and
bias regularizers and constraints, resolved by ``regularizers.get`` and ``constraints.get``;
an activity regularizer is refused with a clear error), the three ``add_weight`` calls of a
cell's ``build`` (``kernel``, ``recurrent_kernel``, ``bias``), ``get_initial_state`` (zeros)
and ``get_config``. A cell's ``call(inputs, states, training)`` takes its dropout masks
(``dropout_masks``: one per gate, drawn at the first timestep of a call, see
``dropout_rnn_cell_mixin``) and is ``step(project_inputs(inputs, dp_mask), states,
rec_dp_mask)``: ``project_inputs`` is the input half (``inputs @ kernel + bias``, the inputs
masked first), which ``RNN`` runs once on the whole sequence (one matmul for every timestep
instead of one per step), and ``step`` the recurrent half each cell defines.
With ``implementation=1`` (which a non-zero ``recurrent_dropout`` forces, as in Keras) each
gate has its own input mask; with 2 the first mask serves every gate.

And ``CellLayer``, the ``RNN`` subclass that ``SimpleRNN``/``LSTM``/``GRU`` are: it makes its
cell named ``<kind>_cell`` and reads the cell's settings as attributes (``layer.units`` is
``layer.cell.units``, as Keras's properties give them).

What it receives: constructor arguments; the step's input shape at build time.

What it hands on: Variables named ``<cell>/kernel:0`` inside the enclosing name scope.

Trace events: the ``add_weight`` spans of the base layer (each cell traces its own build).
"""
import numpy as np

from tracekeras import activations, constraints, initializers, regularizers
from tracekeras.backend import Tensor, ops
from tracekeras.engine.base_layer import Layer
from tracekeras.engine.input_spec import InputSpec
from tracekeras.layers.rnn import rnn_utils
from tracekeras.layers.rnn.base_rnn import RNN
from tracekeras.layers.rnn.dropout_rnn_cell_mixin import DropoutRNNCellMixin

CELL_SETTINGS = ("units", "activation", "recurrent_activation", "use_bias", "kernel_initializer",
                 "recurrent_initializer", "bias_initializer", "unit_forget_bias", "dropout",
                 "recurrent_dropout", "implementation", "reset_after")
REGULARIZERS = ("kernel_regularizer", "recurrent_regularizer", "bias_regularizer")
CONSTRAINTS = ("kernel_constraint", "recurrent_constraint", "bias_constraint")


class RecurrentCell(DropoutRNNCellMixin, Layer):
    """The settings and weights every built-in cell has."""

    GATES = 1          # how many blocks of ``units`` columns the kernels have (and masks)
    OWN_CONFIG = ()    # the config keys a kind of cell adds

    def __init__(self, units, activation="tanh", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", dropout=0.0, recurrent_dropout=0.0, **kwargs):
        units = rnn_utils.check_units(units)
        weight_regularizers = {name: regularizers.get(kwargs.pop(name, None))
                               for name in REGULARIZERS}
        weight_constraints = {name: constraints.get(kwargs.pop(name, None))
                              for name in CONSTRAINTS}
        super().__init__(**kwargs)
        self.kernel_regularizer = weight_regularizers["kernel_regularizer"]
        self.recurrent_regularizer = weight_regularizers["recurrent_regularizer"]
        self.bias_regularizer = weight_regularizers["bias_regularizer"]
        self.kernel_constraint = weight_constraints["kernel_constraint"]
        self.recurrent_constraint = weight_constraints["recurrent_constraint"]
        self.bias_constraint = weight_constraints["bias_constraint"]
        self.dropout = min(1.0, max(0.0, dropout))
        self.recurrent_dropout = min(1.0, max(0.0, recurrent_dropout))
        self.units = units
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.state_size = units
        self.output_size = units
        self.kernel = self.recurrent_kernel = self.bias = None

    def add_kernels(self, input_shape, bias_shape, bias_initializer):
        """The three weights of a cell's ``build``, in Keras's order and with its names."""
        input_dim = int(input_shape[-1])
        width = self.units * self.GATES
        self.kernel = self.add_weight(shape=(input_dim, width), name="kernel",
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        self.recurrent_kernel = self.add_weight(shape=(self.units, width),
                                                name="recurrent_kernel",
                                                initializer=self.recurrent_initializer,
                                                regularizer=self.recurrent_regularizer,
                                                constraint=self.recurrent_constraint)
        if self.use_bias:
            self.bias = self.add_weight(shape=bias_shape, name="bias",
                                        initializer=bias_initializer,
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint)
        self.built = True

    def input_bias(self):
        return self.bias if self.use_bias else None

    def project_inputs(self, inputs, dp_mask=None):
        """``inputs @ kernel + bias``, for one timestep or a whole sequence at once; a
        timestep's dropout masks (one per gate) are spread over the time axis then."""
        masks = self.input_masks(dp_mask)
        if masks is None:
            projected = ops.matmul(inputs, self.kernel)
        elif len(masks) == 1:
            projected = ops.matmul(ops.multiply(inputs, over_time(masks[0], inputs)),
                                   self.kernel)
        else:
            kernels = split_columns(self.kernel, len(masks))
            projected = ops.concatenate(
                [ops.matmul(ops.multiply(inputs, over_time(mask, inputs)), kernel)
                 for mask, kernel in zip(masks, kernels)], axis=-1)
        bias = self.input_bias()
        return ops.bias_add(projected, bias) if bias is not None else projected

    def input_masks(self, dp_mask):
        """The masks ``project_inputs`` applies: None, one for every gate, or one per gate."""
        if dp_mask is None or not 0.0 < self.dropout < 1.0:
            return None
        if not isinstance(dp_mask, list):
            return [dp_mask]
        return dp_mask if getattr(self, "implementation", 2) == 1 else dp_mask[:1]

    def recurrent_masks(self, rec_dp_mask):
        """The per-gate masks of the previous output (gated cells, ``implementation=1``)."""
        if rec_dp_mask is None or not 0.0 < self.recurrent_dropout < 1.0:
            return None
        return rec_dp_mask if getattr(self, "implementation", 2) == 1 else None

    def masked_recurrent_matmul(self, h_tm1, masks, kernel=None):
        """``concat_k((h_tm1 * mask_k) @ recurrent_kernel_k)``: one masked matmul per gate."""
        kernels = split_columns(self.recurrent_kernel if kernel is None else kernel, len(masks))
        return ops.concatenate([ops.matmul(ops.multiply(h_tm1, mask), k)
                                for mask, k in zip(masks, kernels)], axis=-1)

    def dropout_masks(self, inputs, h_tm1, training):
        """This call's ``(dp_mask, rec_dp_mask)``: drawn at the first timestep, then cached."""
        return (self.get_dropout_mask_for_cell(inputs, training, count=self.GATES),
                self.get_recurrent_dropout_mask_for_cell(h_tm1, training, count=self.GATES))

    def call(self, inputs, states, training=None):
        h_tm1 = states[0] if isinstance(states, (list, tuple)) else states
        dp_mask, rec_dp_mask = self.dropout_masks(inputs, h_tm1, training)
        return self.step(self.project_inputs(inputs, dp_mask), states, rec_dp_mask)

    call.projects_inputs = True   # RNN may run project_inputs on the whole sequence

    def step(self, projected, states, rec_dp_mask=None):
        """One timestep from the projected inputs and the previous states (each cell's own)."""
        raise NotImplementedError

    def get_initial_state(self, inputs=None, batch_size=None, dtype=None):
        if inputs is not None:
            batch_size, dtype = inputs.shape[0], inputs.dtype
        states = rnn_utils.generate_zero_filled_state(batch_size, self.state_size,
                                                      dtype or self.dtype)
        return states if isinstance(self.state_size, (list, tuple)) else states[0]

    def get_config(self):
        config = super().get_config()
        config.update({"units": self.units,
                       "activation": activations.serialize(self.activation)})
        for name in self.OWN_CONFIG:
            value = getattr(self, name)
            config[name] = activations.serialize(value) if name.endswith("activation") else value
        config.update({
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "recurrent_initializer": initializers.serialize(self.recurrent_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer)})
        config.update({name: regularizers.serialize(getattr(self, name)) for name in REGULARIZERS})
        config.update({name: constraints.serialize(getattr(self, name)) for name in CONSTRAINTS})
        config.update({"dropout": self.dropout, "recurrent_dropout": self.recurrent_dropout})
        return config


def over_time(mask, inputs):
    """A ``(batch, features)`` mask made to broadcast over ``(batch, time, features)``."""
    if len(inputs.shape) == 3 and len(mask.shape) == 2:
        return Tensor(np.expand_dims(mask.value, 1))
    return mask


def split_columns(kernel, blocks):
    """A gate's columns of a kernel each (``tf.split(kernel, blocks, axis=1)``)."""
    width = kernel.shape[-1] // blocks
    return [kernel[:, k * width:(k + 1) * width] for k in range(blocks)]


class CellLayer(DropoutRNNCellMixin, RNN):
    """An ``RNN`` around a cell it makes itself (``SimpleRNN``, ``LSTM``, ``GRU``)."""

    CELL = None        # the cell class
    CELL_NAME = None   # Keras names the cell of every such layer alike: ``lstm_cell``

    def __init__(self, units, return_sequences=False, return_state=False, go_backwards=False,
                 stateful=False, unroll=False, time_major=False, cell_kwargs=None, **kwargs):
        kwargs["activity_regularizer"] = regularizers.get(kwargs.get("activity_regularizer"))
        cell = self.CELL(units, dtype=kwargs.get("dtype"),
                         trainable=kwargs.get("trainable", True), name=self.CELL_NAME,
                         **cell_kwargs)
        super().__init__(cell, return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, unroll=unroll,
                         time_major=time_major, **kwargs)
        self.input_spec = [InputSpec(ndim=3)]
        self.state_spec = [InputSpec(shape=(None, size)) for size in self.state_sizes]

    # Keras's LSTM and GRU take a fused (cuDNN-compatible) road when their settings allow it.
    FUSED_ROAD = False
    # their ``call`` has no ``constants`` argument (RNN's has)
    TAKES_CONSTANTS = False
    # their own call runs the backend loop, which says it its way (SimpleRNN's is RNN's)
    UNROLL_UNKNOWN_TIME = "Unrolling requires a fixed number of timesteps."

    def could_use_gpu_kernel(self):
        cell = self.cell
        return (self.FUSED_ROAD and cell.activation is activations.tanh
                and cell.recurrent_activation is activations.sigmoid
                and cell.recurrent_dropout == 0 and not self.unroll and cell.use_bias
                and getattr(cell, "reset_after", True))

    def _dropout_masks(self, inputs, initial_state, training):
        """On the fused road the layer draws one input mask over the whole sequence (a new
        one at every timestep) and the cell runs without masks; otherwise ``RNN``'s."""
        if not self.could_use_gpu_kernel():
            return super()._dropout_masks(inputs, initial_state, training)
        self.reset_dropout_mask()
        dp_mask = self.get_dropout_mask_for_cell(inputs, training, count=self.cell.GATES)
        if dp_mask is not None:
            inputs = ops.multiply(inputs, dp_mask[0])
        return inputs, None, None

    def __getattr__(self, name):
        # ``layer.units``, ``layer.activation``, ...: the cell's settings, as Keras's
        # properties give them (only reached when the layer has no such attribute).
        cell = self.__dict__.get("cell")
        if (name in CELL_SETTINGS + REGULARIZERS + CONSTRAINTS and cell is not None
                and name in vars(cell)):
            return getattr(cell, name)
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def get_config(self):
        config = super().get_config()
        cell_config = config.pop("cell")["config"]
        for name in ("name", "trainable", "dtype"):
            cell_config.pop(name, None)
        config.update(cell_config)
        config["activity_regularizer"] = regularizers.serialize(self.activity_regularizer)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        return cls(**config)
