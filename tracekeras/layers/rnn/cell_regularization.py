"""A cell's own ``activity_regularizer`` inside an RNN, as tf_keras 2.21 applies it.

Keras's RNN loop calls the cell through ``Layer.__call__`` at every timestep, so a cell
built with ``activity_regularizer=`` adds, at each step, ``regularizer(x) / batch size`` for
each of its flattened outputs: the output, then each new state (a ``SimpleRNNCell`` two
losses a step, an ``LSTMCell`` three). Without ``unroll``, ``keras.backend.rnn`` first runs
the step once on the first timestep of the inputs as given (not reversed by
``go_backwards``) with the initial states, to learn the output shapes; its losses count
too. In a ``StackedRNNCells`` each cell's regularizer sees that cell's own outputs.

Losses made inside the loop of a layer that is not unrolled live in TensorFlow's ``while``
loop, so a ``fit`` or ``evaluate`` run as a ``tf.function`` (the default, not
``run_eagerly=True``) cannot reach them: TensorFlow raises ``InaccessibleTensorError``
when the train function is traced, before any weight changes. tracekeras raises it at the
same point, from ``Model.compute_loss`` (``check_reachable``).

What it owns: ``regularized_step`` (a step that adds the cell's losses), ``run_time_zero``
(the extra first step) and ``check_reachable``. What it receives: the RNN's cell and
step function. What it hands on: losses added to the cells, as their ``__call__`` would.
Trace events: none.
"""
from tracekeras.backend import graph_capture
from tracekeras.utils.nest import flatten, map_structure


class InaccessibleTensorError(ValueError):
    """TensorFlow's error for a Tensor used outside the graph (a ``while`` loop) it was
    made in."""


def regularizes(cell):
    """Whether the cell, or a cell it stacks, has its own activity regularizer."""
    return any(getattr(each, "activity_regularizer", None) is not None
               for each in flatten([cell, getattr(cell, "cells", [])]))


def add_activity_losses(cell, step_inputs, outputs):
    """``cell.__call__``'s activity regularization of one call's ``outputs``."""
    if getattr(cell, "activity_regularizer", None) is not None:
        cell._handle_activity_regularization(step_inputs, outputs)


def regularized_step(cell, cell_step):
    """``cell_step`` followed by the cell's own activity losses of ``(output, new_states)``."""
    if getattr(cell, "activity_regularizer", None) is None:
        return cell_step

    def step(step_inputs, states):
        output, new_states = cell_step(step_inputs, states)
        add_activity_losses(cell, step_inputs, (output, new_states))
        return output, new_states
    return step


def run_time_zero(step, inputs, initial_states):
    """Keras's extra step on the first timestep (time axis 1), for its losses only."""
    step(map_structure(lambda x: x[:, 0], inputs), initial_states)


def check_reachable(model):
    """Refuse, in a train or test function Keras would trace, the losses an RNN that is not
    unrolled makes inside its loop (TensorFlow's error, raised before any update)."""
    if graph_capture.current() is None:
        return
    for layer in model._flatten_layers():
        cell = getattr(layer, "cell", None)
        if cell is not None and not getattr(layer, "unroll", True) and regularizes(cell):
            raise InaccessibleTensorError(
                "An activity regularization loss made inside the while loop of RNN layer "
                f"'{layer.name}' is out of scope and cannot be used here: TensorFlow builds "
                "that loop as a graph of its own, and the train function cannot reach a "
                "tensor made in it. tf_keras raises this InaccessibleTensorError when a cell "
                "with its own activity_regularizer runs in an RNN with unroll=False under "
                "fit or evaluate; compile with run_eagerly=True, or pass unroll=True to the "
                "RNN.")
