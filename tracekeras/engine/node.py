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
import json

import numpy as np

from tracekeras.engine.keras_tensor import KerasHistory, KerasTensor
from tracekeras.utils.nest import flatten, is_nested, map_structure

_CONSTANT_VALUE = "_CONSTANT_VALUE"   # a first argument that is no KerasTensor (``2.0 - x``)


class Node:
    """``Node(layer, call_args, call_kwargs, outputs)``; ``Node(layer, outputs=t)`` for an input."""

    def __init__(self, layer, call_args=None, call_kwargs=None, outputs=None):
        self.layer = layer
        self.call_args = tuple(call_args) if call_args is not None else ()
        self.call_kwargs = dict(call_kwargs) if call_kwargs is not None else {}
        self.is_input = not self.call_args and not self.call_kwargs
        self.outputs = outputs
        # the keyword arguments in the order they were given (Keras's graph order), the
        # structures inside them flattened as ``tf.nest`` does
        flat_arguments = flatten(self.call_args) + flatten(list(self.call_kwargs.values()))
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

    def serialize(self, coordinates):
        """The call as a model config writes it (Keras's ``Node.serialize``).

        The first argument is the node's input: each KerasTensor in it becomes
        ``[layer name, node index, tensor index, kwargs]`` (``coordinates`` gives the
        first three), a constant ``["_CONSTANT_VALUE", -1, value, kwargs]``. Every other
        argument goes into ``kwargs`` by its name, a KerasTensor in it as
        ``[layer name, node index, tensor index]`` (MultiHeadAttention's ``value``, a mask).
        """
        from tracekeras.engine.base_layer import call_spec
        inputs, args = self.call_args[0], self.call_args[1:]
        names = call_spec(type(self.layer).call)[0]
        kwargs = dict(zip(names, args))
        kwargs.update(self.call_kwargs)

        def serialize_tensor(t):
            if isinstance(t, KerasTensor):
                return coordinates(t)
            if isinstance(t, np.ndarray) or hasattr(t, "numpy"):
                return np.asarray(t).tolist()
            return t
        kwargs = map_structure(serialize_tensor, kwargs)
        try:
            json.dumps(kwargs)
        except TypeError:
            raise TypeError(f"Layer {self.layer.name} was passed non-JSON-serializable "
                            f"arguments. Arguments had types: {map_structure(type, kwargs)}. "
                            "They cannot be serialized out when saving the model.") from None

        def serialize_first_arg_tensor(t):
            if isinstance(t, KerasTensor):
                return coordinates(t) + [kwargs]
            return [_CONSTANT_VALUE, -1, serialize_tensor(t), kwargs]
        def serialize_structure(x):
            if isinstance(x, (list, tuple)):
                return [serialize_structure(item) for item in x]
            if isinstance(x, dict):
                return {key: serialize_structure(value) for key, value in x.items()}
            return serialize_first_arg_tensor(x)
        data = serialize_structure(inputs)
        if not is_nested(inputs) and not getattr(self.layer,
                                                 "_preserve_input_structure_in_config", False):
            data = [data]
        return data

    @property
    def input_shapes(self):
        shapes = [int_shape(t) for t in self._keras_inputs]
        return shapes[0] if len(shapes) == 1 else shapes

    @property
    def output_shapes(self):
        flat = flatten(self.outputs)
        if len(flat) == 1:
            return int_shape(flat[0])
        # nested outputs keep their structure (a stack of cells' states: [out, [h, c], h2])
        return map_structure(int_shape, self.outputs)


def int_shape(tensor):
    """Keras's ``backend.int_shape``: the shape, None for an unknown rank (a summary then
    prints ``None``)."""
    return None if tensor.shape.rank is None else tensor.shape
