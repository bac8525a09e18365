"""Functional: a Model that is a graph of layer calls (``keras.engine.functional``).

What it owns: ``Functional`` (what ``Model(inputs, outputs)`` returns) and the
graph walk Keras does when one is made: ``_init_graph_network`` ->
``_map_graph_network`` -> ``_build_map`` -> ``_build_map_helper``. Keras's
``_build_map_helper`` recurses from each output back to the inputs; ours has the
same shape, written as a generator that ``yield``s where Keras calls itself, and
``utils.recursion.run_recursion`` runs it on an explicit stack, so a 10,000-layer
chain needs no Python recursion. Each call is a nested
``keras.engine.functional._build_map_helper`` span, in Keras's visit order,
with its recursion ``depth`` and ``visit`` number. Then ``_map_graph_network``
gives every node and layer a depth (0 at the outputs), orders the layers
(deepest first, ties in visit order), checks that every tensor can be computed
from the inputs ("Graph disconnected") and that layer names are unique. Inputs that a
layer made are first given new Inputs (``functional_utils.clone_graph_nodes``).

What it receives: input and output KerasTensors (their ``_keras_history``).

What it hands on: ``layers``, ``inputs``/``outputs``, ``input_names``/
``output_names``, ``_nodes_by_depth``; ``call`` -> ``_run_internal_graph`` runs
the layers depth by depth on NumPy arrays or Tensors.

Trace events: spans ``keras.engine.functional.Functional.__init__``,
``._init_graph_network`` (stage graph), ``keras.engine.functional._map_graph_network``,
``._build_map``, ``._build_map_helper`` (args layer, depth, visit);
``Functional.call`` and ``._run_internal_graph`` (stage layer); a ``G`` record
(graph snapshot) named ``keras.engine.functional.Functional._init_graph_network``.
The snapshot itself is assembled by ``graph_snapshot``.
``get_config``/``from_config`` write and replay the graph in Keras's config
format. The module is longer than 400 lines because it is Keras's functional.py:
one concept (making, running and describing a graph of layer calls).
"""
import collections
import itertools

from tracekeras import backend, tracing
from tracekeras.backend import ops
from tracekeras.engine import base_layer, functional_add_loss, functional_utils, training
from tracekeras.engine import input_layer as input_layer_module
from tracekeras.engine.base_layer import BUILT_IN, shape_list
from tracekeras.engine.input_spec import InputSpec
from tracekeras.engine.keras_tensor import KerasTensor
from tracekeras.engine.node import _CONSTANT_VALUE
from tracekeras.tracing import schema
from tracekeras.utils.layer_utils import count_params
from tracekeras.utils.nest import flatten, is_nested, pack_sequence_as
from tracekeras.utils.recursion import run_recursion

HELPER = "keras.engine.functional._build_map_helper"


def cls_args(self, *a, **k):
    return {"layer": self.name, "cls": type(self).__name__}


class Functional(training.Model):
    """``Functional(inputs, outputs, name=None, trainable=True)``."""

    @tracing.traced("build", args=lambda self, *a, **k: {"skip_init": bool(k.get("skip_init"))})
    def __init__(self, inputs, outputs, name=None, trainable=True, **kwargs):
        if kwargs.pop("skip_init", False):
            return   # Model.__new__ made this object; Python calls __init__ again
        for kwarg in kwargs:
            raise TypeError("Keyword argument not understood:", kwarg)
        training.Model.__init__(self, name=name, trainable=trainable)
        # Inputs that a layer made (not an ``Input``): new Inputs, and the nodes between
        # them and the outputs made again (functional_utils), as Keras does.
        flat_inputs = flatten(inputs)
        if all(map(functional_utils.is_keras_tensor, flat_inputs)) and not all(
                map(functional_utils.is_input_keras_tensor, flat_inputs)):
            inputs, outputs = functional_utils.clone_graph_nodes(inputs, outputs)
        self._init_graph_network(inputs, outputs)

    def _init_set_name(self, name, zero_based=True):
        cls_name = "Model" if type(self) is Functional else type(self).__name__
        self._name = name or backend.unique_object_name(base_layer.to_snake_case(cls_name),
                                                        zero_based=zero_based)

    @tracing.traced("graph", args=cls_args)
    def _init_graph_network(self, inputs, outputs):
        """Normalize inputs/outputs, check them, map the graph, set layers and names."""
        self._is_graph_network = True
        if isinstance(inputs, list) and len(flatten(inputs)) == 1:
            inputs = inputs[0]
        if isinstance(outputs, list) and len(flatten(outputs)) == 1:
            outputs = outputs[0]
        flat_inputs, flat_outputs = flatten(inputs), flatten(outputs)
        check_graph_inputs_and_outputs(self, flat_inputs, flat_outputs)
        nodes, nodes_by_depth, layers, layers_by_depth, visits = _map_graph_network(
            flat_inputs, flat_outputs)
        # Everything is checked: from here on the model changes.
        self._nested_inputs, self._nested_outputs = inputs, outputs
        self.inputs, self.outputs = flat_inputs, flat_outputs
        self._enable_dict_to_input_mapping = (
            not is_nested(inputs)
            or (isinstance(inputs, (list, tuple)) and not any(is_nested(t) for t in inputs))
            or (isinstance(inputs, dict) and not any(is_nested(t) for t in inputs.values())))
        self.built = True
        self._build_input_shape = [t.shape for t in flat_inputs]
        self._autocast = False
        self._input_layers = [t._keras_history.layer for t in flat_inputs]
        self._output_layers = [t._keras_history.layer for t in flat_outputs]
        self._input_coordinates = [tuple(t._keras_history) for t in flat_inputs]
        self._output_coordinates = [tuple(t._keras_history) for t in flat_outputs]
        self._network_nodes = nodes
        self._nodes_by_depth = nodes_by_depth
        self._self_tracked_trackables = layers
        self._set_output_names()
        self.input_names = [layer.name for layer in self._input_layers]
        self._feed_input_names = list(self.input_names)
        self._feed_input_shapes = [layer._batch_input_shape for layer in self._input_layers]
        if tracing.active():
            tracing.graph("keras.engine.functional.Functional._init_graph_network",
                          graph_snapshot(self, layers_by_depth, visits))

    def _set_output_names(self):
        """Output names are the output layers' names, made unique (``dense``, ``dense_1`` ...)."""
        uniquified, taken, counts = [], set(), {}
        for layer in self._output_layers:
            proposal = layer.name
            while proposal in taken:
                count = counts.get(layer.name, 1)
                proposal = f"{layer.name}_{count}"
                counts[layer.name] = count + 1
            taken.add(proposal)
            uniquified.append(proposal)
        self.output_names = uniquified

    def add_loss(self, losses, **kwargs):
        """A loss made of the model's symbolic tensors is computed by layers inserted into
        the graph (``functional_add_loss``, Keras's ``_graph_network_add_loss``); any
        other loss is kept as a layer keeps it."""
        values = list(losses) if isinstance(losses, (list, tuple)) else [losses]
        symbolic = [v for v in values if isinstance(v, KerasTensor)]
        if not symbolic:
            return super().add_loss(losses, **kwargs)
        for loss in symbolic:
            functional_add_loss.graph_network_add_loss(self, loss)
        rest = [v for v in values if not isinstance(v, KerasTensor)]
        if rest:
            super().add_loss(rest, **kwargs)

    # -- what a Functional model is made of -----------------------------------
    @property
    def layers(self):
        return list(self._flatten_layers(include_self=False, recursive=False))

    @property
    def weights(self):
        """Layer by layer (each layer's trainable then non-trainable), as Keras's Model does."""
        out = []
        for layer in self.layers:
            out.extend(layer.weights)
        return base_layer.dedup(out + self._own_weights(True) + self._own_weights(False))

    @property
    def input(self):
        return self._nested_inputs

    @property
    def output(self):
        return self._nested_outputs

    @property
    def input_shape(self):
        shapes = [t.shape for t in self.inputs]
        return shapes[0] if len(shapes) == 1 else shapes

    @property
    def output_shape(self):
        shapes = [t.shape for t in self.outputs]
        return shapes[0] if len(shapes) == 1 else shapes

    @property
    def input_spec(self):
        manual = self.__dict__.get("_manual_input_spec")
        if manual is not None or not getattr(self, "_is_graph_network", False):
            return manual
        nested = self._nested_inputs
        if isinstance(nested, (dict, list, tuple)) and len(nested) != len(self.inputs):
            return None
        if isinstance(nested, dict):
            return [InputSpec(shape=shape_with_no_batch_size(nested[name]),
                              allow_last_axis_squeeze=True, name=name) for name in sorted(nested)]
        return [InputSpec(shape=shape_with_no_batch_size(x), allow_last_axis_squeeze=True,
                          name=x._keras_history.layer.name) for x in self.inputs]

    @input_spec.setter
    def input_spec(self, value):
        self.__dict__["_manual_input_spec"] = value

    # -- running the graph ---------------------------------------------------------
    @tracing.traced("layer", args=cls_args)
    def call(self, inputs, training=None, mask=None):
        return self._run_internal_graph(inputs, training=training, mask=mask)

    @tracing.traced("layer",
                    args=lambda self, *a, **k: {"cls": type(self).__name__,
                                                "training": k.get("training")})
    def _run_internal_graph(self, inputs, training=None, mask=None):
        """Run each node, deepest first, on the values computed for its inputs."""
        values = self._flatten_to_reference_inputs(inputs)
        tensor_dict = {}
        for ref, value in zip(self.inputs, values):
            tensor_dict[id(ref)] = conform_to_reference_input(value, ref)
        for depth in sorted(self._nodes_by_depth, reverse=True):
            for node in self._nodes_by_depth[depth]:
                if node.is_input:
                    continue
                if any(t_id not in tensor_dict for t_id in node.flat_input_ids):
                    continue
                args, kwargs = node.map_arguments(tensor_dict)
                outputs = node.layer(*args, **kwargs)
                for x_id, y in zip(node.flat_output_ids, flatten(outputs)):
                    tensor_dict[x_id] = y
        output_tensors = []
        for x in self.outputs:
            if id(x) not in tensor_dict:
                raise ValueError(f"Could not compute output {x}")
            output_tensors.append(tensor_dict[id(x)])
        return pack_sequence_as(self._nested_outputs, output_tensors)

    def _flatten_to_reference_inputs(self, tensors):
        if self._enable_dict_to_input_mapping and isinstance(tensors, dict):
            refs = self._nested_inputs if is_nested(self._nested_inputs) else [self._nested_inputs]
            if isinstance(refs, dict):
                names = sorted(refs)
            else:
                names = [t._keras_history.layer.name for t in refs]
            try:
                return [tensors[n] for n in names]
            except KeyError:
                return flatten(tensors)
        return flatten(tensors)

    def compute_output_shape(self, input_shape):
        return self.output_shape

    # -- configs ---------------------------------------------------------------------
    def get_config(self):
        """Keras's functional config: every layer's config with its inbound nodes
        (``[[layer, node_index, tensor_index, kwargs], ...]`` per call) and the model's
        ``input_layers``/``output_layers`` as ``[layer, node_index, tensor_index]``."""
        return get_network_config(self)

    @classmethod
    def from_config(cls, config, custom_objects=None):
        """Make the layers again and call them as the config says (the graph is rebuilt)."""
        inputs, outputs = reconstruct_from_config(config, custom_objects)
        return cls(inputs=inputs, outputs=outputs, name=config.get("name"))


def graph_snapshot(model, layers_by_depth, visits):
    """The ``G`` record of ``Functional._init_graph_network``: what a layer-graph drawing
    needs, from the model alone (the agreed shape, see ``visualize.model_graph``)."""
    depth_of = {layer: depth for depth, layers in layers_by_depth.items() for layer in layers}
    nodes = model._network_nodes
    entries, edges = [], []
    for layer in model._self_tracked_trackables:
        node = next((n for n in layer._inbound_nodes if n in nodes), None)
        activation = getattr(layer, "activation", None)
        if activation is not None and not isinstance(activation, str):
            activation = getattr(activation, "__name__", type(activation).__name__)
        entries.append({
            "name": layer.name, "class": type(layer).__name__,
            "input_shape": shape_list(node.input_shapes) if node and not node.is_input
            else shape_list(node.output_shapes) if node else None,
            "output_shape": shape_list(node.output_shapes) if node else None,
            "dtype": layer.dtype, "params": count_params(layer.weights),
            "trainable": layer.trainable,
            "activation": activation, "depth": depth_of.get(layer),
            "visit": visits.get(layer), "built_in": BUILT_IN.get(layer)})
        calls = sum(1 for n in layer._inbound_nodes if n in nodes)
        if calls > 1:   # a shared layer: drawn once, with its number of calls
            entries[-1]["calls"] = calls
        edges.extend(schema.inbound_edges(layer, lambda of, i: of._inbound_nodes[i] in nodes))
    return {"model": model.name, "class": type(model).__name__,
            "inputs": [layer.name for layer in model._input_layers],
            "outputs": [layer.name for layer in model._output_layers],
            "layers": entries, "edges": edges}


def shape_with_no_batch_size(x):
    """An Input's shape with the batch unknown (None for an unknown rank: no check)."""
    if x.shape.rank is None:
        return None
    return (None,) + tuple(x.shape[1:]) if x.shape else ()


def conform_to_reference_input(value, ref):
    """Squeeze or expand a trailing 1 to match the Input's rank, and cast to its dtype."""
    if not isinstance(value, backend.Tensor):
        value = backend.convert(value)
    rank, ref_rank = value.ndim, ref.shape.rank
    if ref_rank is None:
        pass   # an Input of unknown rank takes any rank
    elif rank == ref_rank + 1 and value.shape[-1] == 1:
        value = ops.reshape(value, value.shape[:-1])
    elif rank == ref_rank - 1 and ref.shape[-1] == 1:
        value = ops.reshape(value, value.shape + (1,))
    if value.dtype != ref.dtype:
        value = ops.cast(value, ref.dtype)
    return value


def check_graph_inputs_and_outputs(model, inputs, outputs):
    """Keras's ``_validate_graph_inputs_and_outputs`` (raised before anything is set)."""
    cls_name = type(model).__name__
    if len({id(i) for i in inputs}) != len(inputs):
        raise ValueError("The list of inputs passed to the model contains the same input "
                         "multiple times. All inputs should only appear once."
                         f"Received inputs={inputs}")
    for x in inputs:
        if getattr(x, "_keras_history", None) is None:
            raise ValueError(f"Input tensors to a {cls_name} model must come from "
                             f"`tf.keras.Input`. Received inputs={x} (missing previous layer "
                             "metadata).")
    for x in outputs:
        if getattr(x, "_keras_history", None) is None:
            raise ValueError(f"Output tensors of a {cls_name} model must be the output of a "
                             f"TensorFlow `Layer` (thus holding past layer metadata). Found: {x}")


@tracing.traced("graph",
                args=lambda inputs, outputs: {"inputs": len(inputs), "outputs": len(outputs)},
                result=lambda r: {"layers": len(r[2]), "nodes": len(r[0])})
def _map_graph_network(inputs, outputs):
    """(network nodes, nodes by depth, layers in order, layers by depth, visit order).

    Keras returns the first four; the visit order (``layer_indices``) is handed on
    too so the graph snapshot can show it.
    """
    nodes_in_decreasing_depth, layer_indices = _build_map(outputs)
    network_nodes = set(nodes_in_decreasing_depth)
    nodes_depths, layers_depths = {}, {}
    for node in reversed(nodes_in_decreasing_depth):
        depth = nodes_depths.setdefault(node, 0)
        depth = max(depth, layers_depths.get(node.layer, 0))
        layers_depths[node.layer] = depth
        nodes_depths[node] = depth
        for parent in node.parent_nodes:
            nodes_depths[parent] = max(depth + 1, nodes_depths.get(parent, 0))
    for x in inputs:   # inputs not connected to the outputs still belong to the model
        layer = x._keras_history.layer
        if layer not in layers_depths:
            layers_depths[layer] = 0
            layer_indices[layer] = -1
            nodes_depths[layer._inbound_nodes[0]] = 0
            network_nodes.add(layer._inbound_nodes[0])
    nodes_by_depth = collections.defaultdict(list)
    for node, depth in nodes_depths.items():
        nodes_by_depth[depth].append(node)
    layers_by_depth = collections.defaultdict(list)
    for layer, depth in layers_depths.items():
        layers_by_depth[depth].append(layer)
    layers = []
    for depth in sorted(layers_by_depth, reverse=True):
        layers.extend(sorted(layers_by_depth[depth], key=lambda x: layer_indices[x]))
    check_computable(inputs, nodes_by_depth)
    names = collections.Counter(layer.name for layer in layers)
    for name, count in names.items():
        if count != 1:
            raise ValueError(f'The name "{name}" is used {count} times in the model. All layer '
                             "names should be unique.")
    return network_nodes, dict(nodes_by_depth), layers, dict(layers_by_depth), layer_indices


def check_computable(inputs, nodes_by_depth):
    """Every tensor a node needs must come from the inputs or an earlier node."""
    computable = {id(x) for x in inputs}
    reached = []
    for depth in sorted(nodes_by_depth, reverse=True):
        for node in nodes_by_depth[depth]:
            if node.is_input:
                continue   # an Input only counts if it is one of the model's inputs
            for x in node.keras_inputs:
                if id(x) not in computable:
                    raise ValueError(f"Graph disconnected: cannot obtain value for tensor "
                                     f'{x} at layer "{node.layer.name}". The following '
                                     "previous layers were accessed without issue: "
                                     f"{reached}")
            computable.update(node.flat_output_ids)
            reached.append(node.layer.name)


@tracing.traced("graph",
                args=lambda outputs: {"outputs": [t._keras_history.layer.name
                                                  for t in flatten(outputs)
                                                  if getattr(t, "_keras_history", None)]})
def _build_map(outputs):
    """Nodes from the inputs to the outputs (post-order) and each layer's first-visit index."""
    finished_nodes, nodes_in_progress = set(), set()
    nodes_in_decreasing_depth, layer_indices = [], {}
    visits = itertools.count()
    for output in flatten(outputs):
        run_recursion(_build_map_helper(output, finished_nodes, nodes_in_progress,
                                        nodes_in_decreasing_depth, layer_indices, visits))
    return nodes_in_decreasing_depth, layer_indices


def _build_map_helper(tensor, finished_nodes, nodes_in_progress, nodes_in_decreasing_depth,
                      layer_indices, visits, depth=0):
    """Keras's recursive helper: walk back from ``tensor`` to the inputs, depth first.

    Each ``yield`` is where Keras calls itself (``run_recursion`` runs the inner call, so
    no Python recursion). ``visits`` numbers the calls; ``depth`` is the recursion depth.
    """
    layer, node_index, _ = tensor._keras_history
    node = layer._inbound_nodes[node_index]
    with tracing.span(HELPER, "graph", layer=layer.name, depth=depth,
                      visit=next(visits)) as span:
        if node in finished_nodes:   # reached before through another path: walked already
            span.note(finished=True)
            return
        if node in nodes_in_progress:   # its own ancestor
            raise ValueError(f'Tensor {tensor} from layer "{layer.name}" is part of a cycle.')
        if layer not in layer_indices:   # first visit of this layer: its place in the order
            layer_indices[layer] = len(layer_indices)
        nodes_in_progress.add(node)
        if not node.is_input:
            for inbound in node.keras_inputs:
                yield _build_map_helper(inbound, finished_nodes, nodes_in_progress,
                                        nodes_in_decreasing_depth, layer_indices, visits,
                                        depth + 1)
        finished_nodes.add(node)
        nodes_in_progress.remove(node)
        nodes_in_decreasing_depth.append(node)


def _should_skip_first_node(layer):
    """Whether tf_keras numbers ``layer``'s calls from 1: a graph model built on its own
    ``Input`` has a node 0 there (the model's own graph) that a tracekeras model has not;
    the configs count as tf_keras does."""
    return bool(getattr(layer, "_is_graph_network", False))


def get_network_config(network):
    """Keras's ``get_network_config``; node indices count only this model's nodes.

    Each layer entry is the layer in the new form (``build_config`` included) with its
    ``name`` and ``inbound_nodes``; under ``use_legacy_config`` (the legacy ``.h5`` file),
    in the legacy form."""
    from tracekeras.saving import serialization_lib  # it imports the engine
    from tracekeras.utils import serialization as legacy_serialization
    use_legacy_config = getattr(network, "use_legacy_config", False)
    serialize_obj_fn = (legacy_serialization.serialize_keras_object if use_legacy_config
                        else serialization_lib.serialize_keras_object)
    kept = {}
    for layer in network.layers:
        count = int(_should_skip_first_node(layer))
        for index, node in enumerate(layer._inbound_nodes):
            if node in network._network_nodes:
                kept[(layer.name, index)] = count
                count += 1

    def coordinates(tensor):
        layer, node_index, tensor_index = tensor._keras_history
        return [layer.name, kept[(layer.name, node_index)], tensor_index]

    layer_configs = []
    for layer in network.layers:
        inbound = [node.serialize(coordinates) for node in layer._inbound_nodes
                   if node in network._network_nodes and not node.is_input]
        if use_legacy_config and isinstance(layer, Functional):
            layer.use_legacy_config = True
        try:
            layer_config = serialize_obj_fn(layer)
        finally:
            if use_legacy_config and isinstance(layer, Functional):
                del layer.use_legacy_config
        layer_config.update({"name": layer.name, "inbound_nodes": inbound})
        layer_configs.append(layer_config)

    def model_ends(tensors, nested):
        packed = pack_sequence_as(nested, [coordinates(t) for t in tensors])
        return packed if is_nested(nested) else [packed]
    return {"name": network.name, "trainable": network.trainable, "layers": layer_configs,
            "input_layers": model_ends(network.inputs, network._nested_inputs),
            "output_layers": model_ends(network.outputs, network._nested_outputs)}


def is_tensor_reference(data):
    """``[layer name, node index, tensor index]`` (and the call's kwargs after them, in a
    node's input): a tensor of the graph, as ``Node.serialize`` writes one."""
    return (isinstance(data, list) and len(data) in (3, 4) and isinstance(data[0], str)
            and isinstance(data[1], int) and isinstance(data[2], int))


def is_node_entry(data):
    """One entry of a serialized call's input: a tensor reference or a constant."""
    return is_tensor_reference(data) or (isinstance(data, list) and len(data) in (3, 4)
                                         and data[0] == _CONSTANT_VALUE)


def map_node_data(fn, data, is_entry=is_node_entry):
    """``fn`` on each entry of a serialized call's input (or on each tensor reference of
    its kwargs), the structure kept."""
    if is_entry(data):
        return fn(data)
    if isinstance(data, dict):
        return {key: map_node_data(fn, value, is_entry) for key, value in data.items()}
    if isinstance(data, list):
        return [map_node_data(fn, item, is_entry) for item in data]
    return data


def unnest_if_single_tensor(inputs):
    """Keras's ``unnest_if_single_tensor``: a one-tensor list is that tensor (not a dict)."""
    flat = flatten(inputs)
    return flat[0] if not isinstance(inputs, dict) and len(flat) == 1 else inputs


def process_node(layer, node_data, tensor_at):
    """(inputs, kwargs) of one recorded call of ``layer`` (Keras's ``process_node`` and
    ``_deserialize_keras_tensors``), or None while a tensor it takes is not made yet."""
    missing, kwargs = [], {}

    def tensor(entry):
        found = tensor_at(*entry[:3])
        if found is None:
            missing.append(entry)
        return found

    def input_of(entry):
        nonlocal kwargs
        if len(entry) == 4 and entry[3]:   # every tensor of the call carries the same kwargs
            kwargs = entry[3]
        return entry[2] if entry[0] == _CONSTANT_VALUE else tensor(entry)

    inputs = map_node_data(input_of, node_data)   # one entry: a structure kept (TFOpLambda)
    kwargs = map_node_data(tensor, kwargs, is_tensor_reference)
    if missing:
        return None
    if not getattr(layer, "_preserve_input_structure_in_config", False):
        inputs = unnest_if_single_tensor(inputs)
    return inputs, kwargs


def reconstruct_from_config(config, custom_objects=None):
    """(inputs, outputs) of a graph rebuilt from ``get_network_config``'s output.

    A layer's calls are replayed in order; a call waits until the calls it takes
    its inputs from exist (shared layers can be called at several depths).
    """
    from tracekeras import layers as layers_module
    from tracekeras.engine.sequential import Sequential
    from tracekeras.utils.serialization import deserialize_keras_object
    table = {name: getattr(layers_module, name) for name in layers_module.__all__}
    from tracekeras.saving import serialization_lib  # it imports the engine
    table.update(Functional=Functional, Sequential=Sequential, Model=Functional,
                 TFOpLambda=serialization_lib.private_layer("TFOpLambda"))
    created, pending = {}, []
    for data in config["layers"]:
        entry = {k: v for k, v in data.items() if k not in ("name", "inbound_nodes")}
        if "module" in entry:   # the new form: the class by its module, built from build_config
            layer = serialization_lib.deserialize_keras_object(entry, custom_objects)
        else:
            layer = deserialize_keras_object(entry, module_objects=table,
                                             custom_objects=custom_objects,
                                             printable_module_name="layer")
        created[data["name"]] = layer
        pending.append((layer, collections.deque(data["inbound_nodes"])))

    def tensor_at(name, node_index, tensor_index, *_):
        node_index -= int(_should_skip_first_node(created[name]))
        nodes = created[name]._inbound_nodes
        return flatten(nodes[node_index].outputs)[tensor_index] if node_index < len(nodes) else None

    while any(queue for _, queue in pending):
        progressed = False
        for layer, queue in pending:
            while queue:
                call = process_node(layer, queue[0], tensor_at)
                if call is None:
                    break
                inputs, kwargs = call
                layer(inputs, **kwargs)
                queue.popleft()
                progressed = True
        if not progressed:
            raise ValueError(f"Cannot rebuild the model from its config: the calls of "
                             f"{[layer.name for layer, q in pending if q]} wait on each other.")

    def ends(spec):
        if isinstance(spec, dict):
            return {key: ends(value) for key, value in spec.items()}
        if spec and isinstance(spec[0], list):
            return [ends(item) for item in spec]
        return tensor_at(*spec)
    return ends(config["input_layers"]), ends(config["output_layers"])


InputLayer = input_layer_module.InputLayer
