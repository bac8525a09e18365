"""ConvRNN: a convolutional cell run over the time axis (``keras.layers.rnn.base_conv_rnn``).

What it owns: ``ConvRNN(rank, cell, return_sequences=False, return_state=False,
go_backwards=False, stateful=False, unroll=False)``, the ``RNN`` whose every timestep is an
image (``rank`` 1, 2 or 3 spatial axes) rather than a vector: the input is
``(batch, time, *spatial, channels)`` (``(batch, time, channels, *spatial)`` for
``channels_first``) and each state is an image of ``filters`` channels. What changes from
``base_rnn.RNN``:

* the constructor refuses ``unroll=True`` and a list of cells, as Keras does (a TypeError);
  the input spec asks for ``rank + 3`` dimensions;
* ``build`` keeps the spatial dimensions in the input spec, builds the cell with one
  timestep's shape outside any name scope of the cell's (so the weights are
  ``conv_lstm2d/kernel:0``, as in Keras), and writes the state specs as images of any size;
* ``compute_output_shape``: each spatial axis through ``conv_output_length`` (the input
  convolution's padding, stride and dilation);
* ``get_initial_state``: zeros of the shape the input convolution gives one timestep
  (Keras convolves zeros with a zero kernel to find it; the numbers are the same);
* a stateful layer needs its batch size and its spatial sizes (Keras's message says both).

What it receives: a cell with ``filters``, ``kernel_size``, ``strides``, ``padding``,
``dilation_rate`` and ``data_format`` (``base_conv_lstm.ConvLSTMCell``).

What it hands on: the ``RNN``'s outputs: the last image or the sequence of them, then the
final states with ``return_state``.

Trace events: those of ``RNN`` (its build span, ``keras.backend.rnn`` at each call).
"""
import numpy as np

from tracekeras import tracing
from tracekeras.backend import Tensor
from tracekeras.engine.base_layer import Layer
from tracekeras.engine.input_spec import InputSpec
from tracekeras.layers.rnn import stateful_rnn
from tracekeras.layers.rnn.base_rnn import RNN, build_args
from tracekeras.utils import conv_utils

UNKNOWN_SIZES = (
    "If a RNN is stateful, it needs to know its batch size. Specify the batch size of your "
    "input tensors: \n- If using a Sequential model, specify the batch size by passing a "
    "`batch_input_shape` argument to your first layer.\n- If using the functional API, "
    "specify the time dimension by passing a `batch_shape` argument to your Input layer.\n"
    "The same thing goes for the number of rows and columns.")


class ConvRNN(RNN):
    """``ConvRNN(rank, cell, return_sequences=False, return_state=False, ...)``."""

    def __init__(self, rank, cell, return_sequences=False, return_state=False,
                 go_backwards=False, stateful=False, unroll=False, **kwargs):
        if unroll:
            raise TypeError("Unrolling is not possible with convolutional RNNs. "
                            f"Received: unroll={unroll}")
        if isinstance(cell, (list, tuple)):
            raise TypeError("It is not possible at the moment to stack convolutional cells. "
                            f"Only pass a single cell instance as the `cell` argument. "
                            f"Received: cell={cell}")
        super().__init__(cell, return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, unroll=unroll, **kwargs)
        self.rank = rank
        self.input_spec = [InputSpec(ndim=rank + 3)]

    # -- shapes ------------------------------------------------------------------------
    def spatial_axes(self):
        """Where the spatial axes of one timestep ``(batch, ...)`` are."""
        first = 2 if self.cell.data_format == "channels_first" else 1
        return list(range(first, first + self.rank))

    def output_spatial(self, step_shape):
        """The spatial sizes the input convolution gives a timestep of ``step_shape``."""
        cell = self.cell
        return tuple(conv_utils.conv_output_length(step_shape[axis], cell.kernel_size[i],
                                                   cell.padding, cell.strides[i],
                                                   cell.dilation_rate[i])
                     for i, axis in enumerate(self.spatial_axes()))

    def state_shape(self, batch, spatial):
        """One state's shape: ``(batch, *spatial, filters)`` or channels first."""
        if self.cell.data_format == "channels_first":
            return (batch, self.cell.filters) + tuple(spatial)
        return (batch,) + tuple(spatial) + (self.cell.filters,)

    def compute_output_shape(self, input_shape):
        if isinstance(input_shape, list):
            input_shape = input_shape[0]
        input_shape = tuple(input_shape)
        step_shape = (input_shape[0],) + input_shape[2:]
        state = self.state_shape(input_shape[0], self.output_spatial(step_shape))
        output = state[:1] + (input_shape[1],) + state[1:] if self.return_sequences else state
        if self.return_state:
            return [output, state, state]
        return output

    # -- building ----------------------------------------------------------------------
    @tracing.traced("build", args=build_args)
    def build(self, input_shape):
        if isinstance(input_shape, list):
            input_shape = input_shape[0]
        shape = tuple(input_shape)
        batch = shape[0] if self.stateful else None
        spec = InputSpec(shape=(batch, None) + shape[2:])
        if self.input_spec is not None and len(self.input_spec) > 1:
            self.input_spec[0] = spec
        else:
            self.input_spec = [spec]
        step_shape = (shape[0],) + shape[2:]
        if isinstance(self.cell, Layer) and not self.cell.built:
            self.cell.build(step_shape)
            Layer.build(self.cell, step_shape)
        if self.state_spec is None:
            spatial = (None,) * self.rank
            self.state_spec = [InputSpec(shape=self.state_shape(None, spatial))
                               for _ in self.state_sizes]
        self.built = True
        if self.stateful:
            self.reset_states()

    # -- states ------------------------------------------------------------------------
    def get_initial_state(self, inputs):
        shape = tuple(inputs.shape)
        step_shape = (shape[0],) + shape[2:]
        zeros = np.zeros(self.state_shape(shape[0], self.output_spatial(step_shape)),
                         dtype=inputs.dtype)
        return [Tensor(zeros.copy()) for _ in self.state_sizes]

    def reset_states(self, states=None):
        if not self.stateful:
            raise AttributeError("Layer must be stateful.")
        shape = self.input_spec[0].shape if self.input_spec else None
        if not shape or shape[0] is None or any(d is None for d in shape[2:]):
            raise ValueError(UNKNOWN_SIZES)
        if states is None:
            step_shape = (shape[0],) + tuple(shape[2:])
            self._states = [Tensor(np.zeros(self.state_shape(shape[0],
                                                              self.output_spatial(step_shape)),
                                            dtype=self.dtype or "float32"))
                            for _ in self.state_sizes]
            return
        stateful_rnn.reset_states(self, states)

    # -- configs -----------------------------------------------------------------------
    def get_config(self):
        config = super().get_config()
        cell_config = config.pop("cell")["config"]
        for name in ("name", "trainable", "dtype"):
            cell_config.pop(name, None)
        config.update(cell_config)
        return config
