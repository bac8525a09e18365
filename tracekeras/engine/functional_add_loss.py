"""A model's symbolic tensor given to ``add_loss``: Keras's ``AddLoss`` layer inserted into a
built functional graph (``Functional._graph_network_add_loss`` and ``_insert_layers``).

What it owns: ``AddLoss``, the layer whose call adds its input to the losses and hands it
on; ``graph_network_add_loss(model, symbolic_loss)``: the nodes and layers between the
model's inputs and the loss (``_map_graph_network`` of them, as Keras's
``_map_subgraph_network``), an ``AddLoss`` layer called on the loss, all inserted with
``insert_layers``, which appends the new layers to the model's layers and puts each new
node one depth below the lowest of its inputs' nodes already in the graph (so it runs
after them; a node waits while one of its inputs' nodes is still to be placed). From then
on each call of the model computes the loss and its ``AddLoss`` adds it, so ``fit``
minimizes it with the compiled loss (the book's variational autoencoder).

What it receives: a built Functional model and a KerasTensor made from its inputs.
What it hands on: the model, changed in place. Trace events: the ``_map_graph_network``
span and the layers' ``__call__`` spans.
"""
from tracekeras.engine.base_layer import Layer


class AddLoss(Layer):
    """``AddLoss(unconditional)``: adds its input to the losses and returns it."""

    def __init__(self, unconditional, **kwargs):
        kwargs["autocast"] = False
        super().__init__(**kwargs)
        self.unconditional = unconditional

    def call(self, inputs):
        self.add_loss(inputs)
        return inputs

    def get_config(self):
        config = super().get_config()
        config["unconditional"] = self.unconditional
        return config


def graph_network_add_loss(model, symbolic_loss):
    from tracekeras.engine.functional import _map_graph_network
    nodes, nodes_by_depth, layers, _, _ = _map_graph_network(model.inputs, [symbolic_loss])
    new_nodes = [node for depth in sorted(nodes_by_depth, reverse=True)
                 for node in nodes_by_depth[depth]]
    add_loss_layer = AddLoss(unconditional=False, dtype=symbolic_loss.dtype.name)
    add_loss_layer(symbolic_loss)
    insert_layers(model, layers + [add_loss_layer], new_nodes + add_loss_layer._inbound_nodes)


def insert_layers(model, layers, relevant_nodes):
    """Keras's ``Functional._insert_layers``: new layers after the model's, new nodes at
    depths below the nodes they read."""
    for layer in layers:
        if layer not in model._self_tracked_trackables:
            model._self_tracked_trackables.append(layer)
    node_to_depth = {node: depth for depth, nodes in model._nodes_by_depth.items()
                     for node in nodes}
    pending = [node for node in relevant_nodes if node not in node_to_depth]
    waiting = set(pending)
    tries = 0
    while pending:
        tries += 1
        if tries > 10000:
            raise ValueError("Layers could not be added due to missing dependencies.")
        node = pending.pop(0)
        depth = min_depth(node, node_to_depth, waiting)
        if depth is None:          # an input's node is still to be placed: later
            pending.append(node)
            continue
        node_to_depth[node] = depth
        waiting.discard(node)
        model._network_nodes.add(node)
        model._nodes_by_depth.setdefault(depth, []).append(node)


def min_depth(node, node_to_depth, waiting):
    """One below the lowest depth of the node's placed input nodes; None while one waits."""
    depth = 0
    for parent in node.parent_nodes:
        if parent in node_to_depth:
            depth = min(depth, node_to_depth[parent])
        elif parent in waiting:
            return None
    return depth - 1
