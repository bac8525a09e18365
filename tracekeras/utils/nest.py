"""``tf.nest`` on Python containers: the one structure walk of tracekeras.

What it owns: flattening and rebuilding nested tuples, lists and dicts the way
``tf.nest`` does (dict values in sorted key order, ``None`` a leaf).
It receives structures from everywhere: user data (``x``, ``(x, y,
sample_weight)``, dicts of arrays) in the data pipeline, layer inputs and
outputs in the engine, loss and metric specs in ``compile``, gradient sources
on the tape. It hands on flat lists or rebuilt structures. No trace events.
"""


def is_nested(structure):
    return isinstance(structure, (list, tuple, dict))


def flatten(structure):
    """The leaves of ``structure``, depth first; dict values in sorted key order."""
    if isinstance(structure, dict):
        return [leaf for key in sorted(structure) for leaf in flatten(structure[key])]
    if isinstance(structure, (list, tuple)):
        return [leaf for item in structure for leaf in flatten(item)]
    return [structure]


def pack_sequence_as(structure, flat_sequence):
    """Rebuild ``structure`` with the leaves taken in order from ``flat_sequence``."""
    leaves = iter(flat_sequence)
    packed = _pack(structure, leaves)
    rest = list(leaves)
    if rest:
        raise ValueError(f"The flat sequence has {len(rest)} more elements than the structure "
                         f"{structure!r} has leaves.")
    return packed


def _pack(structure, leaves):
    if isinstance(structure, dict):
        rebuilt = {key: _pack(structure[key], leaves) for key in sorted(structure)}
        return type(structure)((key, rebuilt[key]) for key in structure)
    if isinstance(structure, (list, tuple)):
        items = [_pack(item, leaves) for item in structure]
        if isinstance(structure, tuple) and hasattr(structure, "_fields"):
            return type(structure)(*items)
        return type(structure)(items)
    try:
        return next(leaves)
    except StopIteration:
        raise ValueError(f"The flat sequence has fewer elements than the structure has "
                         f"leaves: {structure!r}") from None


def map_structure(fn, *structures):
    """``fn`` applied leaf by leaf over structures of the same shape."""
    if len(structures) == 1:
        return map_one(fn, structures[0])
    first = structures[0]
    flats = [flatten(s) for s in structures]
    if any(len(f) != len(flats[0]) for f in flats):
        raise ValueError("The structures don't have the same number of elements: "
                         + ", ".join(str(len(f)) for f in flats))
    return pack_sequence_as(first, [fn(*leaves) for leaves in zip(*flats)])


def map_one(fn, structure):
    """``map_structure`` over one structure: a direct walk (layer calls use it every step)."""
    if isinstance(structure, dict):
        return type(structure)((key, map_one(fn, value)) for key, value in structure.items())
    if isinstance(structure, (list, tuple)):
        items = [map_one(fn, item) for item in structure]
        return type(structure)(*items) if hasattr(structure, "_fields") else type(structure)(items)
    return fn(structure)


def list_to_tuple(structure):
    """Lists become tuples at every level (``tf.__internal__.nest.list_to_tuple``)."""
    if isinstance(structure, dict):
        return type(structure)((k, list_to_tuple(v)) for k, v in structure.items())
    if isinstance(structure, (list, tuple)) and not hasattr(structure, "_fields"):
        return tuple(list_to_tuple(v) for v in structure)
    return structure
