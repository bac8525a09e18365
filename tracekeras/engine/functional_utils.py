"""A Functional model from intermediate tensors (``keras.engine.functional_utils``).

What it owns: ``is_input_keras_tensor`` (whether a tensor comes straight from ``Input``),
``find_nodes_by_inputs_and_outputs`` (the nodes between the given inputs and outputs,
walked up from the outputs, breadth first, stopping at the inputs; an ``Input`` reached
that is not among them, or an input never reached, is an error) and
``clone_graph_nodes``: when ``Functional(inputs, outputs)`` is given inputs that some layer
made (``FeatureSpace.get_encoded_features()``), each such input gets a new ``Input`` of
its shape and dtype, and each node in between is made again on copies of its
KerasTensors, so that the new model starts at the new inputs while the old graph stays as
it was (Keras mimics calling the layers again).

What it receives: the nested inputs and outputs given to ``Functional``. What it hands
on: the same structures with the copies, for ``_init_graph_network``.

Trace events: none (``Input`` records its own span).
"""
from tracekeras.engine import input_layer as input_layer_module
from tracekeras.engine import node as node_module
from tracekeras.engine.keras_tensor import KerasTensor
from tracekeras.utils.nest import flatten, map_structure, pack_sequence_as

_KERAS_TENSOR_TYPE_CHECK_ERROR_MSG = (
    "Found unexpected instance while processing input tensors for keras functional model. "
    "Expecting KerasTensor which is from tf.keras.Input() or output from keras layer "
    "call(). Got: {}")


def is_keras_tensor(x):
    return isinstance(x, KerasTensor) and x._keras_history is not None


def is_input_keras_tensor(tensor):
    """Whether ``tensor`` comes straight from ``Input``."""
    if not is_keras_tensor(tensor):
        raise ValueError(_KERAS_TENSOR_TYPE_CHECK_ERROR_MSG.format(tensor))
    return tensor.node.is_input


def find_nodes_by_inputs_and_outputs(inputs, outputs):
    """The nodes between ``inputs`` and ``outputs``, found going up from the outputs."""
    start_keras_tensors, end_keras_tensors = flatten(outputs), flatten(inputs)
    for t in start_keras_tensors + end_keras_tensors:
        if not is_keras_tensor(t):
            raise ValueError(_KERAS_TENSOR_TYPE_CHECK_ERROR_MSG.format(t))
    end_ids = {id(kt) for kt in end_keras_tensors}
    end_ids_found = set()
    nodes_to_visit = [t.node for t in start_keras_tensors]
    nodes_in_graph, node_id_visited = [], set()
    while nodes_to_visit:
        node = nodes_to_visit.pop(0)
        if id(node) in node_id_visited:
            continue
        node_id_visited.add(id(node))
        nodes_in_graph.append(node)
        for kt in node.keras_inputs:
            if id(kt) in end_ids:   # one of the model's inputs: look no further up
                end_ids_found.add(id(kt))
                continue
            if kt.node.is_input:
                raise ValueError("Found input tensor cannot be reached given provided output "
                                 "tensors. Please make sure the tensor {} is included in the "
                                 "model inputs when building functional model.".format(kt))
            nodes_to_visit.append(kt.node)
    if end_ids != end_ids_found:
        unvisited = [kt for kt in end_keras_tensors if id(kt) not in end_ids_found]
        raise ValueError("Found unvisited input tensors that are disconnected from the "
                         f"outputs: {unvisited}")
    return nodes_in_graph


def _clone_keras_tensor(kt):
    return KerasTensor(kt.shape, kt.dtype, name=kt.name, layer_name=kt.layer_name,
                       sparse=kt.sparse)


def clone_keras_tensors(args, keras_tensor_mapping):
    """``args`` with each KerasTensor replaced by its copy (made now if it has none yet,
    with the original's history until its own node is made again)."""
    def clone(obj):
        if not is_keras_tensor(obj):
            return obj
        if id(obj) not in keras_tensor_mapping:
            cpy = _clone_keras_tensor(obj)
            cpy._keras_history = obj._keras_history
            keras_tensor_mapping[id(obj)] = cpy
        return keras_tensor_mapping[id(obj)]
    return map_structure(clone, args)


def clone_graph_nodes(inputs, outputs):
    """New ``Input``s for the intermediate ``inputs``, and the nodes between them and
    ``outputs`` made again on copies: ``(cloned inputs, cloned outputs)``."""
    nodes_to_clone = find_nodes_by_inputs_and_outputs(inputs, outputs)
    kt_id_mapping = {}
    cloned_inputs = []
    for kt_input in flatten(inputs):
        if kt_input.node.is_input:   # an Input's tensor is kept as it is
            cloned_input = kt_input
        else:
            cloned_input = input_layer_module.Input(tensor=_clone_keras_tensor(kt_input))
        cloned_inputs.append(cloned_input)
        kt_id_mapping[id(kt_input)] = cloned_input
    cloned_outputs = []
    for kt_output in flatten(outputs):
        cpy = _clone_keras_tensor(kt_output)
        cpy._keras_history = kt_output._keras_history   # until its node is made again
        cloned_outputs.append(cpy)
        kt_id_mapping[id(kt_output)] = cpy
    for node in nodes_to_clone:
        # the Node wires itself to its layer and stamps the copies of its outputs
        node_module.Node(node.layer,
                         call_args=clone_keras_tensors(node.call_args, kt_id_mapping),
                         call_kwargs=clone_keras_tensors(node.call_kwargs, kt_id_mapping),
                         outputs=clone_keras_tensors(node.outputs, kt_id_mapping))
    return (pack_sequence_as(inputs, cloned_inputs),
            pack_sequence_as(outputs, cloned_outputs))
