"""RNN: a cell run over the time axis (``keras.layers.rnn.base_rnn.RNN``).

What it owns: ``RNN(cell, return_sequences=False, return_state=False, go_backwards=False,
stateful=False, unroll=False, time_major=False)``, the layer every recurrent layer is
(``SimpleRNN``, ``LSTM`` and ``GRU`` are an ``RNN`` around their cell; a list of cells
becomes a ``StackedRNNCells``):

* ``__call__`` takes ``initial_state=`` and ``constants=`` as Keras does: KerasTensor
  states and constants (the functional API) join the inputs as ``[inputs, *states,
  *constants]`` (``num_constants`` says how many end the list), so the model graph has an
  edge from the layers that made them; eager ones go to ``call`` as its
  ``initial_state`` and ``constants`` arguments. A cell whose ``call`` takes
  ``constants`` gets them at every step (``SimpleRNN``, ``LSTM``, ``GRU`` take none).
  An eager input that carries a mask (``Masking``) passes it to ``call(mask=...)`` unless
  a mask is given.
* ``build(input_shape)`` sets the input spec (any batch and time; with ``stateful`` the
  batch stays fixed), builds the cell with the step's input shape ``(batch, features)``
  inside the cell's name scope (so the weights are ``lstm/lstm_cell/kernel:0``) and the
  state specs; a stateful layer then makes its zero states (``stateful_rnn``).
* ``call(inputs, mask=None, training=None, initial_state=None, constants=None)`` empties the
  cells' dropout masks (each call draws new ones), runs ``backend.rnn.rnn`` with a step that
  calls the cell (the states flat for the loop, in ``state_size``'s structure for the cell),
  keeps the final states of a stateful layer, and returns the last output or the sequence,
  followed by the final states with ``return_state``. ``unroll`` is accepted (it needs a
  known number of timesteps, as in Keras) and runs the same loop: unrolling changes how
  TensorFlow builds its graph, not the numbers, except for a cell's own activity
  regularizer (``cell_regularization``: a loss per step, and without ``unroll`` Keras's
  extra first step).
* nested inputs, states and outputs (the guide's ``NestedCell``): a tuple of sequences of
  different ranks is one input per spec, and the cell is built with the tuple of their step
  shapes; a ``state_size`` or ``output_size`` may list ``tf.TensorShape``s (a state of any
  rank: zeros of ``(batch, *shape)``); a cell's nested outputs are stacked one by one and
  returned in its structure (``[outputs, *states]`` with ``return_state``).
* ``compute_output_shape``, ``compute_mask`` (the input's mask goes on with
  ``return_sequences``), ``get_initial_state`` (zeros), ``states``, ``reset_states``,
  configs.

What it receives: a cell (a layer with ``call(inputs, states)`` and ``state_size``, which
may be nested and hold ``TensorShape``s), or a list of cells; inputs, possibly a tuple.

What it hands on: Tensors; with ``return_sequences`` the output carries the input's mask.

Trace events: span ``keras.layers.rnn.base_rnn.RNN.build`` (stage build, with the layer
and input shape), the cell's build span inside it, and ``keras.backend.rnn`` at each call.
"""
import inspect

import numpy as np

from tracekeras import tracing
from tracekeras.backend import Tensor
from tracekeras.backend import rnn as backend_rnn
from tracekeras.engine import base_layer
from tracekeras.engine.base_layer import Layer, shape_list
from tracekeras.engine.input_spec import InputSpec
from tracekeras.layers.rnn import cell_regularization, rnn_utils, stateful_rnn
from tracekeras.layers.rnn.dropout_rnn_cell_mixin import DropoutRNNCellMixin
from tracekeras.layers.rnn.stacked_rnn_cells import StackedRNNCells
from tracekeras.utils.nest import flatten, is_nested, map_structure, pack_sequence_as

STATE_MISMATCH = ("An `initial_state` was passed that is not compatible with `cell.state_size`. "
                  "Received `state_spec`={}; however `cell.state_size` is {}")
UNROLL_UNKNOWN_TIME = (
    "Cannot unroll a RNN if the time dimension is undefined. \n- If using a Sequential "
    "model, specify the time dimension by passing an `input_shape` or `batch_input_shape` "
    "argument to your first layer. If your first layer is an Embedding, you can also use the "
    "`input_length` argument.\n- If using the functional API, specify the time dimension by "
    "passing a `shape` or `batch_shape` argument to your Input layer.")


def is_shape(shape):
    return not (is_nested(shape) and any(is_nested(s) for s in shape))


def flatten_shapes(shapes):
    """The shapes (tuples of dims) in a nested structure of shapes, in order."""
    if is_shape(shapes):
        return [tuple(shapes)]
    return [shape for s in shapes for shape in flatten_shapes(s)]


def map_shapes(fn, shapes):
    """``fn`` applied to each shape of a nested structure of shapes, the structure kept."""
    if is_shape(shapes):
        return fn(tuple(shapes))
    return type(shapes)(map_shapes(fn, s) for s in shapes)


def build_args(self, input_shape):
    return {"layer": self.name, "input_shape": shape_list(input_shape)}



class RNN(Layer):
    """``RNN(cell, return_sequences=False, return_state=False, go_backwards=False, ...)``."""

    UNROLL_UNKNOWN_TIME = UNROLL_UNKNOWN_TIME
    TAKES_CONSTANTS = True

    def __init__(self, cell, return_sequences=False, return_state=False, go_backwards=False,
                 stateful=False, unroll=False, time_major=False, **kwargs):
        if isinstance(cell, (list, tuple)):
            cell = StackedRNNCells(cell)
        if "call" not in dir(cell):
            raise ValueError("Argument `cell` should have a `call` method. "
                             f"The RNN was passed: cell={cell}")
        if "state_size" not in dir(cell):
            raise ValueError("The RNN cell should have a `state_size` attribute (tuple of "
                             f"integers, one integer per RNN state). Received: cell={cell}")
        if time_major:
            raise NotImplementedError("tracekeras's RNN layers have no `time_major=True` yet.")
        self.zero_output_for_mask = kwargs.pop("zero_output_for_mask", False)
        if "input_shape" not in kwargs and ("input_dim" in kwargs or "input_length" in kwargs):
            kwargs["input_shape"] = (kwargs.pop("input_length", None),
                                     kwargs.pop("input_dim", None))
        super().__init__(**kwargs)
        self.cell = cell
        self.return_sequences = return_sequences
        self.return_state = return_state
        self.go_backwards = go_backwards
        self.stateful = stateful
        self.unroll = unroll
        self.time_major = time_major
        self.supports_masking = True
        self.input_spec = None
        self.state_spec = None
        self.constants_spec = None
        self._num_constants = 0
        self._states = None

    # -- states ----------------------------------------------------------------------
    @property
    def state_sizes(self):
        """The cell's state sizes, flat (a stack of cells lists every cell's in turn)."""
        return flatten(self.cell.state_size)

    @property
    def states(self):
        """The states a stateful layer carries to its next call; otherwise (or before
        ``build``) ``state_size``'s structure with None for each state."""
        if self._states is None:
            return stateful_rnn.state_structure(self.cell.state_size)
        return self._states

    def reset_states(self, states=None):
        """Zeros (or the arrays ``states``) as the states of a stateful layer."""
        stateful_rnn.reset_states(self, states)

    def get_initial_state(self, inputs):
        inputs = flatten(inputs)[0]
        make = getattr(self.cell, "get_initial_state", None)
        if make is not None:
            state = make(inputs=None, batch_size=inputs.shape[0], dtype=inputs.dtype)
        else:
            state = rnn_utils.generate_zero_filled_state(inputs.shape[0], self.cell.state_size,
                                                         inputs.dtype)
        return list(state) if isinstance(state, (list, tuple)) else [state]

    # -- calling ---------------------------------------------------------------------
    def __call__(self, inputs, initial_state=None, constants=None, **kwargs):
        inputs, initial_state, constants = rnn_utils.standardize_args(
            inputs, initial_state, constants, self._num_constants)
        if initial_state is None and constants is None:
            return super().__call__(inputs, **kwargs)
        if constants is not None and not self.TAKES_CONSTANTS:
            raise TypeError(f"{type(self).__name__}.call() got an unexpected keyword "
                            "argument 'constants'")
        extra, specs = list(initial_state or []), []
        if constants is not None:
            self.constants_spec = [InputSpec(shape=tuple(c.shape)) for c in constants]
            self._num_constants = len(constants)
            extra += constants
        flags = {rnn_utils.is_keras_tensor(s) for s in extra}
        if len(flags) > 1:
            raise ValueError("The initial state or constants of an RNN layer cannot be "
                             "specified via a mix of TF-Keras tensors and non-Keras tensors "
                             '(a "Keras tensor" is a tensor that was returned by a TF-Keras '
                             "layer  or by `Input` during Functional model construction). "
                             f"Received: initial_state={initial_state}, constants={constants}")
        if flags == {True}:
            # They join the inputs, so the graph links them to the layers that made them.
            if initial_state is not None:
                self.state_spec = [InputSpec(shape=s.shape) for s in initial_state]
                specs += self.state_spec
            specs += self.constants_spec if constants is not None else []
            count = len(flatten(inputs))     # nested inputs: one spec each, then the states
            base = (list(self.input_spec[:count]) if self.built and self.input_spec
                    else [None] * count)
            self.input_spec = base + specs
            try:
                return super().__call__([inputs] + extra, **kwargs)
            finally:
                self.input_spec = self.input_spec[:-len(specs)]
        if initial_state is not None:
            kwargs["initial_state"] = initial_state
        if constants is not None:
            kwargs["constants"] = constants
        return super().__call__(inputs, **kwargs)


    def call(self, inputs, mask=None, training=None, initial_state=None, constants=None):
        inputs, initial_state, constants = self._process_inputs(inputs, initial_state,
                                                                constants)
        self._reset_dropout_masks()
        if mask is not None:
            mask = flatten(mask)[0]
        inputs, cell_step = self._cell_step(inputs, initial_state, training, constants)
        cell_step = cell_regularization.regularized_step(self.cell, cell_step)
        structure = self.states

        def step(step_inputs, flat_states):
            states = pack_sequence_as(structure, flat_states)
            output, new_states = cell_step(step_inputs, states)
            return output, flatten(new_states)

        if not self.unroll and cell_regularization.regularizes(self.cell):
            cell_regularization.run_time_zero(step, inputs, flatten(initial_state))

        # an LSTM cell's default steps on projected inputs may run as one op (the same numbers)
        sequence_kernel = getattr(self.cell, "sequence_kernel", None)
        lstm_kernel = (sequence_kernel() if sequence_kernel is not None and not constants
                       and getattr(type(self.cell).call, "projects_inputs", False)
                       and not cell_regularization.regularizes(self.cell)
                       and len(flatten(inputs)) == 1 else None)
        # ``unroll`` changes how TensorFlow builds the graph, not the numbers: one loop here.
        last_output, outputs, states = backend_rnn.rnn(
            step, inputs, flatten(initial_state), go_backwards=self.go_backwards, mask=mask,
            zero_output_for_mask=self.zero_output_for_mask,
            return_all_outputs=self.return_sequences, lstm_kernel=lstm_kernel)
        if self.stateful:
            stateful_rnn.keep_states(self, states)
        output = outputs if self.return_sequences else last_output
        if self.return_state:
            return [output] + list(pack_sequence_as(structure, states))
        return output

    def _reset_dropout_masks(self):
        """New dropout masks for this call (Keras's ``_maybe_reset_cell_dropout_mask``)."""
        cells = [self.cell] + list(getattr(self.cell, "cells", []))
        for cell in cells:
            if isinstance(cell, DropoutRNNCellMixin):
                cell.reset_dropout_mask()
                cell.reset_recurrent_dropout_mask()

    def _cell_step(self, inputs, initial_state, training, constants=None):
        """(inputs, step): the cell's ``call`` for one timestep (given ``constants=`` when
        there are constants), or for a built-in cell left as it is
        ``step(project_inputs(...))`` with the input half run once on the whole sequence
        (one matmul, not T; the same numbers).

        The cell's ``call`` runs directly: Keras goes through ``cell.__call__`` (for its
        name scope), which here would add a layer span at every timestep."""
        call = type(self.cell).call
        if constants:
            if "constants" not in inspect.signature(self.cell.call).parameters:
                raise ValueError(f"RNN cell {self.cell} does not support constants. "
                                 f"Received: constants={constants}")
        if constants or not getattr(call, "projects_inputs", False):
            kwargs = {"training": training} if base_layer.call_spec(call)[1] else {}
            if constants:
                kwargs["constants"] = constants
            return inputs, lambda step_inputs, states: self.cell.call(step_inputs, states,
                                                                      **kwargs)
        inputs, dp_mask, rec_dp_mask = self._dropout_masks(inputs, initial_state, training)
        inputs = self.cell.project_inputs(inputs, dp_mask)
        return inputs, lambda step_inputs, states: self.cell.step(step_inputs, states,
                                                                  rec_dp_mask)

    def _dropout_masks(self, inputs, initial_state, training):
        """This call's masks for a built-in cell, drawn for the first timestep's shapes."""
        first_step = Tensor(np.zeros((inputs.shape[0],) + tuple(inputs.shape[2:]),
                                     inputs.dtype))
        dp_mask, rec_dp_mask = self.cell.dropout_masks(first_step, initial_state[0], training)
        return inputs, dp_mask, rec_dp_mask

    def _process_inputs(self, inputs, initial_state, constants=None):
        if isinstance(inputs, list):
            end = len(inputs) - self._num_constants
            if self._num_constants:
                constants = list(inputs[end:])
            initial_state = list(inputs[1:end]) or initial_state
            inputs = inputs[0]
        if self.stateful:
            initial_state = stateful_rnn.initial_states(self, initial_state)
        elif initial_state is None:
            initial_state = self.get_initial_state(inputs)
        if len(initial_state) != len(self.states):
            raise ValueError(f"Layer {self.name} expects {len(self.states)} states, but it "
                             f"received {len(initial_state)} initial states. Input received: "
                             f"{initial_state}")
        return inputs, list(initial_state), constants

    # -- building ----------------------------------------------------------------------
    @tracing.traced("build", args=build_args)
    def build(self, input_shape):
        if isinstance(input_shape, list):
            input_shape = input_shape[0]
        # nested inputs (a tuple of sequences): one spec and one step shape per input
        nested = not is_shape(input_shape)
        shapes = [tuple(s) for s in (flatten_shapes(input_shape) if nested else [input_shape])]
        if self.unroll and shapes[0][1] is None:
            raise ValueError(self.UNROLL_UNKNOWN_TIME)
        specs = [InputSpec(shape=(shape[0] if self.stateful else None, None) + shape[2:])
                 for shape in shapes]
        if self.input_spec is not None:
            self.input_spec[:len(specs)] = specs
        else:
            self.input_spec = specs
        step_input_shape = map_shapes(lambda shape: (shape[0],) + shape[2:], input_shape)
        if isinstance(self.cell, Layer) and not self.cell.built:
            with base_layer.name_scope(self.cell.name):
                self.cell.build(step_input_shape)
                # built, with the shape kept for its build_config (Keras's cells call
                # Layer.build themselves)
                Layer.build(self.cell, step_input_shape)
        if self.state_spec is not None:
            self._validate_state_spec(self.state_sizes, self.state_spec)
        else:
            self.state_spec = [InputSpec(shape=(None,) + rnn_utils.state_shape(size))
                               for size in self.state_sizes]
        self.built = True
        if self.stateful:
            self.reset_states()

    @staticmethod
    def _validate_state_spec(cell_state_sizes, init_state_specs):
        error = ValueError(STATE_MISMATCH.format(init_state_specs, cell_state_sizes))
        if len(cell_state_sizes) != len(init_state_specs):
            raise error
        for spec, size in zip(init_state_specs, cell_state_sizes):
            shape = rnn_utils.state_shape(size)
            if spec.shape is None or tuple(spec.shape[1:]) not in (shape, (None,) * len(shape)):
                raise error

    def compute_output_shape(self, input_shape):
        if isinstance(input_shape, list):
            input_shape = input_shape[0]
        input_shape = flatten_shapes(input_shape)[0]
        batch, time_step = input_shape[0], input_shape[1]
        lead = (batch, time_step) if self.return_sequences else (batch,)
        output_size = getattr(self.cell, "output_size", None) or self.state_sizes[0]
        output_shape = map_structure(lambda size: lead + rnn_utils.state_shape(size),
                                     output_size)
        if is_nested(output_size):
            # A nested output keeps a structure like the call's (the outputs of a cell a
            # tuple, as the guide's cell returns them), as Keras's functional graph does, built
            # from the call; Keras's own compute_output_shape flattens it. The symbolic call
            # comes here when the time axis is unknown.
            output_shape = tuple(output_shape) if isinstance(output_size, list) else output_shape
        if self.return_state:
            return [output_shape] + [(batch,) + rnn_utils.state_shape(size)
                                     for size in self.state_sizes]
        return output_shape

    def compute_mask(self, inputs, mask):
        mask = flatten(mask)[0] if mask is not None else None
        output_mask = mask if self.return_sequences else None
        if self.return_state:
            return [output_mask] + [None for _ in self.states]
        return output_mask

    # -- configs -----------------------------------------------------------------------
    def get_config(self):
        config = super().get_config()
        config.update({"return_sequences": self.return_sequences,
                       "return_state": self.return_state, "go_backwards": self.go_backwards,
                       "stateful": self.stateful, "unroll": self.unroll,
                       "time_major": self.time_major})
        if self._num_constants:
            config["num_constants"] = self._num_constants
        if self.zero_output_for_mask:
            config["zero_output_for_mask"] = self.zero_output_for_mask
        config["cell"] = rnn_utils.serialize_layer(self.cell)
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        cell = rnn_utils.layer_from_config(config.pop("cell"), custom_objects)
        num_constants = config.pop("num_constants", 0)
        layer = cls(cell, **config)
        layer._num_constants = num_constants
        return layer
