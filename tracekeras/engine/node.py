"""Node: one call of a layer on symbolic inputs, the edge set of the layer graph.

What it owns: ``Node`` (``keras.engine.node.Node``). A node remembers the
layer called, the arguments of the call (with the KerasTensors in them) and the
outputs. Creating a node appends it to ``layer._inbound_nodes``, appends it to
the ``_outbound_nodes`` of every layer whose output it consumes, and stamps its
outputs with ``_keras_history = (layer, node_index, tensor_index)``.

What it receives: a layer call from ``base_layer.Layer._functional_construction_call``
(or an ``InputLayer``'s placeholder, a node with no inputs: ``is_input``).

What it hands on: ``parent_nodes`` and ``keras_inputs`` for ``functional._build_map``;
``map_arguments`` for ``functional.Functional._run_internal_graph``, which swaps
each KerasTensor of the recorded call for the value computed for it.

Trace events: none.
"""
from tracekeras.engine.keras_tensor import KerasHistory, KerasTensor
from tracekeras.utils.nest import flatten, map_structure


class Node:
    """``Node(layer, call_args, call_kwargs, outputs)``; ``Node(layer, outputs=t)`` for an input."""

    def __init__(self, layer, call_args=None, call_kwargs=None, outputs=None):
        self.layer = layer
        self.call_args = tuple(call_args) if call_args is not None else ()
        self.call_kwargs = dict(call_kwargs) if call_kwargs is not None else {}
        self.is_input = not self.call_args and not self.call_kwargs
        self.outputs = outputs
        flat_arguments = flatten((self.call_args, self.call_kwargs))
        self._keras_inputs = [t for t in flat_arguments if isinstance(t, KerasTensor)]
        # The common case (one tensor, passed positionally) gets a fast path at run time.
        self._single_positional_tensor_passed = (
            not self.call_kwargs and len(self.call_args) == 1
            and isinstance(self.call_args[0], KerasTensor))
        self.flat_input_ids = [id(t) for t in self._keras_inputs]
        flat_outputs = flatten(outputs)
        self.flat_output_ids = [id(t) for t in flat_outputs]

        layer._inbound_nodes.append(self)
        for tensor in self._keras_inputs:
            tensor._keras_history.layer._outbound_nodes.append(self)
        node_index = len(layer._inbound_nodes) - 1
        for i, tensor in enumerate(flat_outputs):
            tensor._keras_history = KerasHistory(layer, node_index, i)

    @property
    def keras_inputs(self):
        return self._keras_inputs

    @property
    def parent_nodes(self):
        """The nodes that produced this node's inputs, in argument order."""
        nodes = []
        for tensor in self._keras_inputs:
            layer, node_index, _ = tensor._keras_history
            nodes.append(layer._inbound_nodes[node_index])
        return nodes

    @property
    def inbound_layers(self):
        if self.is_input:
            return []
        layers = [t._keras_history.layer for t in self._keras_inputs]
        return layers[0] if self._single_positional_tensor_passed else layers

    def iterate_inbound(self):
        """(layer, node_index, tensor_index, tensor) for each input of this call."""
        for tensor in self._keras_inputs:
            layer, node_index, tensor_index = tensor._keras_history
            yield layer, node_index, tensor_index, tensor

    def map_arguments(self, tensor_dict):
        """The call's ``(args, kwargs)`` with each KerasTensor replaced by its computed value."""
        if self._single_positional_tensor_passed:
            return (tensor_dict[self.flat_input_ids[0]],), {}

        def swap(x):
            return tensor_dict[id(x)] if isinstance(x, KerasTensor) else x
        return map_structure(swap, self.call_args), map_structure(swap, self.call_kwargs)

    @property
    def input_shapes(self):
        shapes = [t.shape for t in self._keras_inputs]
        return shapes[0] if len(shapes) == 1 else shapes

    @property
    def output_shapes(self):
        flat = flatten(self.outputs)
        if len(flat) == 1:
            return flat[0].shape
        # nested outputs keep their structure (a stack of cells' states: [out, [h, c], h2])
        return map_structure(lambda t: t.shape, self.outputs)
