"""StackedRNNCells: cells run one on top of the other as one cell
(``keras.layers.rnn.stacked_rnn_cells.StackedRNNCells``).

What it owns: ``StackedRNNCells(cells)`` (what ``RNN([cell1, cell2])`` makes of a list):
``state_size`` is the tuple of the cells' state sizes, ``output_size`` the last cell's;
``build(input_shape)`` builds each cell in its own name scope with the output shape of the
cell below (``rnn/stacked_rnn_cells/lstm_cell/kernel:0``, then
``rnn/stacked_rnn_cells/lstm_cell_1/kernel:0``); ``call(inputs, states, training)`` cuts the
flat states into each cell's, runs the cells bottom to top at one timestep (each cell's
output is the next one's input) and returns the top output with every cell's new states;
``get_initial_state`` (each cell's), ``get_config``/``from_config`` (``{"cells": [...]}``).

What it receives: cells (anything with ``call`` and ``state_size``), one timestep from
``base_rnn.RNN.call``.

What it hands on: ``(output, new_states)``, the states in ``state_size``'s structure.

Trace events: span ``keras.layers.rnn.stacked_rnn_cells.StackedRNNCells.build`` (stage
build) with the cells' builds inside.
"""
from tracekeras import tracing
from tracekeras.engine import base_layer
from tracekeras.engine.base_layer import Layer, shape_list
from tracekeras.layers.rnn import cell_regularization, rnn_utils
from tracekeras.utils.nest import flatten, is_nested, pack_sequence_as


def build_args(self, input_shape):
    return {"layer": self.name, "input_shape": shape_list(tuple(input_shape))}


def cell_output_size(cell):
    if getattr(cell, "output_size", None) is not None:
        return cell.output_size
    size = cell.state_size
    return size[0] if isinstance(size, (list, tuple)) else size


class StackedRNNCells(Layer):
    """``StackedRNNCells(cells)``."""

    def __init__(self, cells, **kwargs):
        for cell in cells:
            if "call" not in dir(cell):
                raise ValueError("All cells must have a `call` method. Received cell without "
                                 f"a `call` method: {cell}")
            if "state_size" not in dir(cell):
                raise ValueError("All cells must have a `state_size` attribute. Received "
                                 f"cell without a `state_size`: {cell}")
        if kwargs.pop("reverse_state_order", False):
            raise NotImplementedError("tracekeras's StackedRNNCells has no "
                                      "`reverse_state_order=True`.")
        self.cells = list(cells)
        super().__init__(**kwargs)

    @property
    def state_size(self):
        return tuple(cell.state_size for cell in self.cells)

    @property
    def output_size(self):
        return cell_output_size(self.cells[-1])

    def get_initial_state(self, inputs=None, batch_size=None, dtype=None):
        states = []
        for cell in self.cells:
            make = getattr(cell, "get_initial_state", None)
            if make is not None:
                states.append(make(inputs=inputs, batch_size=batch_size, dtype=dtype))
            else:
                if inputs is not None:
                    batch_size, dtype = inputs.shape[0], inputs.dtype
                zeros = rnn_utils.generate_zero_filled_state(batch_size, cell.state_size, dtype)
                states.append(zeros if is_nested(cell.state_size) else zeros[0])
        return tuple(states)

    def call(self, inputs, states, training=None):
        nested_states = pack_sequence_as(self.state_size, flatten(states))
        new_states = []
        for cell, cell_states in zip(self.cells, nested_states):
            cell_states = cell_states if is_nested(cell_states) else [cell_states]
            kwargs = {"training": training} if base_layer.call_spec(type(cell).call)[1] else {}
            # the cell's call itself: through __call__ each timestep would be a layer span
            cell_inputs = inputs
            inputs, cell_states = cell.call(inputs, cell_states, **kwargs)
            cell_regularization.add_activity_losses(cell, cell_inputs, (inputs, cell_states))
            new_states.append(cell_states)
        return inputs, pack_sequence_as(self.state_size, flatten(new_states))

    @tracing.traced("build", args=build_args)
    def build(self, input_shape):
        if isinstance(input_shape, list):
            input_shape = input_shape[0]
        input_shape = tuple(input_shape)
        for cell in self.cells:
            if isinstance(cell, Layer) and not cell.built:
                with base_layer.name_scope(cell.name):
                    cell.build(input_shape)
                    Layer.build(cell, input_shape)   # built, the shape kept for build_config
            input_shape = (input_shape[0], cell_output_size(cell))
        self.built = True

    def get_config(self):
        config = super().get_config()
        config["cells"] = [rnn_utils.serialize_layer(cell) for cell in self.cells]
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        cells = [rnn_utils.layer_from_config(c, custom_objects) for c in config.pop("cells")]
        return cls(cells, **config)
