"""``model.summary()``'s table and parameter counts (``keras.utils.layer_utils``).

What it owns: ``print_summary`` (the table tf_keras 2.21 prints: 65 columns and
three fields for a sequential-like model, 98 columns and a "Connected to" field
for a graph; long fields wrap inside their column, breaking after "),", "],",
"}," or "',"; then "Total params: 407050 (1.55 MB)" lines), ``count_params``,
``weight_memory_size``, ``readable_memory_size`` and
``get_layer_index_bound_by_layer_name`` (``layer_range``).

What it receives: a built model (``Model.summary`` checks that).

What it hands on: lines to ``print_fn`` (``print`` by default).

Trace events: none.
"""
import re

import numpy as np


def count_params(weights):
    """The number of scalars in the (distinct) weights."""
    unique = {id(w): w for w in weights}.values()
    return int(sum(int(np.prod(known(w.shape), dtype=np.int64)) for w in unique
                   if hasattr(w, "shape")))


def known(shape):
    """A weight's shape with an unknown size counted as 0 (Keras's count of a ``(2, None)``
    weight is 0)."""
    return [0 if d is None else d for d in shape]


def weight_memory_size(weights):
    """Bytes the (distinct) weights take."""
    unique = {id(w): w for w in weights}.values()
    return int(sum(int(np.prod(known(w.shape), dtype=np.int64)) * np.dtype(w.dtype).itemsize
                   for w in unique if hasattr(w, "shape")))


def readable_memory_size(size):
    """``1628200`` -> ``"1.55 MB"``; below 1024 bytes ``"0.00 Byte"`` style."""
    for unit in ("Byte", "KB", "MB", "GB", "TB", "PB"):
        if size / 1024 < 1:
            return f"{size:.2f} {unit}"
        size /= 1024
    return f"{size:.2f} PB"


def get_layer_index_bound_by_layer_name(model, layer_range=None):
    """``[first, last + 1]`` of the layers whose names match ``layer_range`` (regexes)."""
    if layer_range is None:
        return [0, len(model.layers)]
    if len(layer_range) != 2:
        raise ValueError("layer_range must be a list or tuple of length 2. Received: "
                         f"layer_range = {layer_range} of length {len(layer_range)}")
    if not isinstance(layer_range[0], str) or not isinstance(layer_range[1], str):
        raise ValueError(f"layer_range should contain string type only. Received: {layer_range}")
    lower = [i for i, layer in enumerate(model.layers) if re.match(layer_range[0], layer.name)]
    upper = [i for i, layer in enumerate(model.layers) if re.match(layer_range[1], layer.name)]
    if not lower or not upper:
        raise ValueError("Passed layer_names do not match the layer names in the model. "
                         f"Received: {layer_range}")
    if min(lower) > max(upper):
        return [min(upper), max(lower) + 1]
    return [min(lower), max(upper) + 1]


def is_sequential_like(model):
    """Keras's test: one node per depth, each with one input, and no shared layers."""
    if type(model).__name__ == "Sequential" or not getattr(model, "_is_graph_network", False):
        return True
    nodes = []
    for group in model._nodes_by_depth.values():
        if len(group) > 1 or (len(group) == 1 and len(group[0].keras_inputs) > 1):
            return False
        nodes += group
    for layer in model.layers:
        if sum(1 for node in layer._inbound_nodes if node in nodes) > 1:
            return False
    return True


def format_row(fields, positions, nested_level=0):
    """The lines of one table row: each field cut to its column, the rest on later lines."""
    left = [str(x) for x in fields]
    lines = []
    while any(left):
        line = ""
        for col in range(len(left)):
            start = positions[col - 1] if col > 0 else 0
            last = col == len(positions) - 1
            space = 0 if last else 2
            cutoff = positions[col] - start - space - (0 if last else 1)
            if col == 0:
                cutoff -= nested_level
            piece = left[col][:cutoff]
            breaks = [piece.find(x) + len(x) for x in ("),", "},", "],", "',") if x in piece]
            if breaks:
                cutoff = min(breaks)
                piece = piece[:cutoff]
            if col == 0:
                line += "|" * nested_level + " "
            line += piece + " " * space
            left[col] = left[col][cutoff:]
            if nested_level and last:
                line += " " * (positions[col] - len(line) - nested_level)
            else:
                line += " " * (positions[col] - len(line))
        lines.append(line + "|" * nested_level)
    return lines


def layer_fields(layer, connections, relevant_nodes, show_trainable):
    try:
        output_shape = layer.output_shape
    except AttributeError:
        output_shape = "multiple"
    if not layer.built and not getattr(layer, "_is_graph_network", False):
        params = "0 (unused)"
    else:
        params = layer.count_params()
    fields = [f"{layer.name} ({type(layer).__name__})", output_shape, params]
    if connections:
        inbound = []
        for node in layer._inbound_nodes:
            if relevant_nodes and node not in relevant_nodes:
                continue
            for tensor in node.keras_inputs:
                inbound_layer, node_index, tensor_index = tensor._keras_history
                inbound.append(f"{inbound_layer.name}[{node_index}][{tensor_index}]")
        fields.append(inbound)
    if show_trainable:
        fields.append("Y" if layer.trainable else "N")
    return fields


def print_summary(model, line_length=None, positions=None, print_fn=None, expand_nested=False,
                  show_trainable=False, layer_range=None):
    """Print Keras's summary table of ``model`` (see the module docstring for the layout)."""
    print_fn = print_fn or print
    sequential_like = is_sequential_like(model)
    if sequential_like:
        line_length = line_length or 65
        positions = list(positions or [0.45, 0.85, 1.0])
        header = ["Layer (type)", "Output Shape", "Param #"]
        relevant_nodes = []
    else:
        line_length = line_length or 98
        positions = list(positions or [0.3, 0.6, 0.70, 1.0])
        header = ["Layer (type)", "Output Shape", "Param #", "Connected to"]
        relevant_nodes = [n for group in model._nodes_by_depth.values() for n in group]
    if positions[-1] <= 1:
        positions = [int(line_length * p) for p in positions]
    if show_trainable:
        line_length += 11
        positions.append(line_length)
        header.append("Trainable")
    bounds = get_layer_index_bound_by_layer_name(model, layer_range)

    def emit(fields, level=0):
        for line in format_row(fields, positions, level):
            print_fn(line)

    def print_layer(layer, level=0, is_nested_last=False):
        emit(layer_fields(layer, not sequential_like, relevant_nodes, show_trainable), level)
        if expand_nested and getattr(layer, "layers", None):
            print_fn("|" * (level + 1) + "¯" * (line_length - 2 * level - 2) + "|" * (level + 1))
            nested = layer.layers
            for i, sub in enumerate(nested):
                print_layer(sub, level + 1, i == len(nested) - 1)
            print_fn("|" * level + "¯" * (line_length - 2 * level) + "|" * level)
            # Keras reuses this flag in its loop: no blank line after a block
            is_nested_last = True
        if not is_nested_last:
            print_fn("|" * level + " " * (line_length - 2 * level) + "|" * level)

    print_fn(f'Model: "{model.name}"')
    print_fn("_" * line_length)
    emit(header)
    print_fn("=" * line_length)
    for layer in model.layers[bounds[0]:bounds[1]]:
        print_layer(layer)
    print_fn("=" * line_length)
    print_totals(model, print_fn)
    print_fn("_" * line_length)


def print_totals(model, print_fn):
    """``Total params: 407050 (1.55 MB)`` and the trainable / non-trainable lines."""
    trainable, non_trainable = model.trainable_weights, model.non_trainable_weights
    trainable_count, non_trainable_count = count_params(trainable), count_params(non_trainable)
    trainable_size, non_trainable_size = (weight_memory_size(trainable),
                                          weight_memory_size(non_trainable))
    print_fn(f"Total params: {trainable_count + non_trainable_count} "
             f"({readable_memory_size(trainable_size + non_trainable_size)})")
    print_fn(f"Trainable params: {trainable_count} ({readable_memory_size(trainable_size)})")
    print_fn(f"Non-trainable params: {non_trainable_count} "
             f"({readable_memory_size(non_trainable_size)})")
