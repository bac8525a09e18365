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


def assert_same_structure(nest1, nest2, check_types=True, expand_composites=False):
    """``tf.nest.assert_same_structure``: a ValueError when the nestings or element counts
    differ, a TypeError when ``check_types`` and a list meets a tuple (or dicts meet other
    kinds), each in TensorFlow's words."""
    problem = structure_difference(nest1, nest2, check_types)
    if problem is None:
        return
    kind, detail = problem
    raise kind("The two structures don't have the same nested structure.\n\n"
               f"First structure: {described(nest1)}\n\nSecond structure: {described(nest2)}"
               f"\n\nMore specifically: {detail}\nEntire first structure:\n{dots(nest1)}\n"
               f"Entire second structure:\n{dots(nest2)}")


def described(structure):
    return f"type={type(structure).__name__} str={structure}"


def dots(structure):
    """The structure's shape with each leaf a dot, as TensorFlow prints it."""
    if isinstance(structure, dict):
        return "{" + ", ".join(f"{k!r}: {dots(v)}" for k, v in structure.items()) + "}"
    if isinstance(structure, (list, tuple)):
        inner = ", ".join(dots(v) for v in structure)
        if isinstance(structure, list):
            return f"[{inner}]"
        return f"({inner},)" if len(structure) == 1 else f"({inner})"
    return "."


def structure_difference(a, b, check_types):
    """(error class, TensorFlow's 'More specifically' sentence), or None when alike."""
    if is_nested(a) != is_nested(b):
        seq, other = (a, b) if is_nested(a) else (b, a)
        return ValueError, (f'Substructure "{described(seq)}" is a sequence, while '
                            f'substructure "{described(other)}" is not')
    if not is_nested(a):
        return None
    if len(flatten(a)) != len(flatten(b)):
        return ValueError, ("The two structures don't have the same number of elements. "
                            f"First structure: {described(a)}. Second structure: {described(b)}")
    if check_types and type(a) is not type(b) and not (
            isinstance(a, dict) and isinstance(b, dict)):
        return TypeError, (f"The two namedtuples don't have the same sequence type. First "
                           f"structure {described(a)} has type {type(a).__name__}, while "
                           f"second structure {described(b)} has type {type(b).__name__}")
    if isinstance(a, dict):
        if sorted(a) != sorted(b):
            return ValueError, (f"The two dictionaries don't have the same set of keys. First "
                                f"structure has keys {list(a)}, while second structure has "
                                f"keys {list(b)}.")
        pairs = [(a[k], b[k]) for k in sorted(a)]
    else:
        if len(a) != len(b):
            return ValueError, (f"The two structures don't have the same number of elements. "
                                f"First structure: {described(a)}. Second structure: "
                                f"{described(b)}")
        pairs = list(zip(a, b))
    for x, y in pairs:
        found = structure_difference(x, y, check_types)
        if found is not None:
            return found
    return None
