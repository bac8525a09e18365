"""The tracekeras weights file: used where Keras would write a TF checkpoint.

``saving_api`` sends a path here when it has no ``.keras``, ``.h5``, ``.hdf5`` or
``.weights.h5`` suffix (Keras would write a TensorFlow checkpoint, or for
``model.save`` a SavedModel folder, neither of which NumPy can write).

Owns: the file format, its atomic writing, and the checks that a file fits
the model before any weight changes. Receives a model (anything with
``layers``, each with ``name`` and ``trainable_weights``/``non_trainable_weights``
or ``weights``; a model without ``layers`` counts as one layer) and a path;
hands on the weight values, assigned in place (``Variable.assign``).
It plays the part of Keras's legacy HDF5 weights format
(``keras.saving.legacy.hdf5_format``): the same layer-by-layer layout, the
same loading rules and messages.

The format (version 1) is a ZIP archive, readable by ``numpy.load`` as an
``.npz`` file:

- ``tracekeras_weights.json`` (the first member), a JSON manifest::

      {"format": "tracekeras-weights", "version": 1, "tracekeras": "<version>",
       "model": {"name": "sequential", "class_name": "Sequential"},
       "layers": [{"name": "dense", "class_name": "Dense",
                   "weights": [{"name": "dense/kernel:0", "key": "layer_0000/weight_0000",
                                "shape": [784, 512], "dtype": "float32",
                                "trainable": true}, ...]}, ...],
       "config": {...}}            # only with include_config (ModelCheckpoint)

- ``<key>.npy`` per weight: the value in NumPy's ``.npy`` format (bytes
  round-trip exactly; no pickles are written or read).
- with the config (``model.save``), ``assets/<path>/...``: the files of objects with
  ``save_assets`` (a lookup layer's ``vocabulary.txt``), laid out as in a ``.keras``
  archive (``saving_lib.write_assets``) and read back after the weights.

Every layer is listed, those without weights too (as Keras's HDF5 file does);
a weight's order in its layer is Keras's: trainable weights, then
non-trainable ones.

Writing: to exactly the path given (any suffix; nothing is appended), through
a temporary file in the same directory that is flushed, ``fsync``-ed and then
``os.replace``-d over the target, so a crash leaves the old file or the new
one, never half of one, and no temporary file. ``overwrite=False`` with an
existing file raises ``FileExistsError`` (Keras would ask on the terminal).

Loading (Keras's rules): by order (``by_name=False``), the layers with weights
in the file and in the model must agree in count ("Layer count mismatch when
loading weights from file. Model expected 2 layers, found 3 saved layers."),
then per layer the weight count, then each declared shape (a ``.npy`` header; no
data is read before every shape fits), then each dtype; ``by_name=True`` matches
layers by name, and ``skip_mismatch=True`` (only with ``by_name``) skips, with a warning, a
layer whose weight count differs or a single weight whose shape differs. Every check runs before
the first
weight is assigned (Keras checks shapes only when loading by name; it
assigns in order otherwise, and TensorFlow's assign refuses a wrong shape: its
message is kept). A file in another format (not a ZIP, a ZIP without the
manifest, a Keras ``.h5``) is refused with a ``ValueError`` naming the path.

Trace events (stage "weights"): ``keras.saving.legacy.save.save_weights``,
``keras.saving.legacy.save.load_weights`` (the Keras functions that write and
read a TF checkpoint; end args: weights loaded, the layers or weights skipped).
"""
import json
import logging
import os
import zipfile

import numpy as np

from tracekeras import __version__, tracing
from tracekeras.saving import file_checks, saving_lib
from tracekeras.tracing.jsonl import atomic_file

FORMAT = "tracekeras-weights"
VERSION = 1
MANIFEST = "tracekeras_weights.json"
HDF5_SIGNATURE = file_checks.HDF5_SIGNATURE
logger = logging.getLogger("tracekeras")


def layers_of(model):
    layers = getattr(model, "layers", None)
    return list(layers) if layers is not None else [model]


def layer_weights(layer):
    """A layer's weights in Keras's saving order: trainable, then non-trainable."""
    if hasattr(layer, "trainable_weights") and hasattr(layer, "non_trainable_weights"):
        return list(layer.trainable_weights) + list(layer.non_trainable_weights)
    return list(getattr(layer, "weights", []))


def weight_value(weight):
    value = weight.numpy() if hasattr(weight, "numpy") else getattr(weight, "value", weight)
    return np.asarray(value)


def trainable_names(layer):
    return {id(w) for w in getattr(layer, "trainable_weights", layer_weights(layer))}


def manifest_for(model, include_config):
    layers, arrays = [], {}
    for i, layer in enumerate(layers_of(model)):
        entries, trainable = [], trainable_names(layer)
        for j, weight in enumerate(layer_weights(layer)):
            value = weight_value(weight)
            key = f"layer_{i:04d}/weight_{j:04d}"
            arrays[key] = value
            entries.append({"name": str(getattr(weight, "name", key)), "key": key,
                            "shape": list(value.shape), "dtype": str(value.dtype),
                            "trainable": id(weight) in trainable})
        layers.append({"name": layer.name, "class_name": type(layer).__name__,
                       "weights": entries})
    manifest = {"format": FORMAT, "version": VERSION, "tracekeras": tracekeras_version(),
                "model": {"name": getattr(model, "name", None),
                          "class_name": type(model).__name__},
                "layers": layers}
    if include_config and callable(getattr(model, "get_config", None)):
        manifest["config"] = model.get_config()
    return manifest, arrays


def tracekeras_version():
    try:
        return __version__
    except ImportError:
        return None


def write_archive(fileobj, manifest, arrays, model=None):
    """The archive; with ``model`` (``model.save``) also its objects' ``assets/`` files."""
    with zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_STORED) as zf:
        zf.writestr(MANIFEST, json.dumps(manifest, indent=1, default=str))
        for key, value in arrays.items():
            with zf.open(key + ".npy", "w", force_zip64=True) as member:
                np.lib.format.write_array(member, np.asarray(value),
                                          allow_pickle=False)
        if model is not None:
            saving_lib.write_assets(model, zf)


@tracing.traced("weights", name="keras.saving.legacy.save.save_weights",
                args=lambda model, filepath, overwrite=True, include_config=False: {
                    "filepath": os.fspath(filepath), "overwrite": overwrite})
def save_weights(model, filepath, overwrite=True, include_config=False):
    """Write every weight of ``model`` to ``filepath`` (exactly that path), atomically."""
    filepath = os.fspath(filepath)
    if os.path.isdir(filepath):
        raise IsADirectoryError(f"Cannot save weights to {filepath!r}: it is a directory. "
                                "Expected a file path.")
    if not overwrite and os.path.exists(filepath):
        raise FileExistsError(f"Cannot save weights to {filepath!r}: the file exists and "
                              "overwrite=False. Pass overwrite=True to replace it.")
    manifest, arrays = manifest_for(model, include_config)
    with atomic_file(filepath, "wb", durable=True) as f:
        write_archive(f, manifest, arrays, model if include_config else None)
    tracing.note(layers=len(manifest["layers"]), weights=len(arrays))


def not_ours(filepath, found):
    return ValueError(f"Unable to load weights from {filepath!r}: {found}. Expected a "
                      f"tracekeras weights file (a ZIP archive whose {MANIFEST!r} manifest has "
                      f"format {FORMAT!r}), as written by Model.save_weights.")


def read_manifest(zf, filepath):
    if MANIFEST not in zf.namelist():
        raise not_ours(filepath, f"it is a ZIP archive without a {MANIFEST!r} manifest")
    data = file_checks.read_member(zf, MANIFEST, file_checks.MAX_JSON_BYTES, filepath)
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        raise not_ours(filepath, f"its manifest is not valid JSON ({e})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        found = manifest.get("format") if isinstance(manifest, dict) else None
        raise not_ours(filepath, f"its manifest has format {found!r}")
    if not isinstance(manifest.get("version"), int) or manifest["version"] > VERSION:
        raise ValueError(f"Unable to load weights from {filepath!r}: format version "
                         f"{manifest.get('version')!r} is newer than this tracekeras reads "
                         f"(up to {VERSION}).")
    check_manifest(manifest, filepath)
    return manifest


def check_manifest(manifest, filepath):
    """The manifest's structure, before any of it is used: ``layers`` a list of layers,
    each with a ``name`` and a list of ``weights``, each with a ``key``."""
    def bad(path, expected, found):
        text = repr(found)
        return file_checks.bad_file(
            filepath, f"the manifest {MANIFEST!r} is malformed at {path!r}: expected "
                      f"{expected}, found {type(found).__name__} {text[:40]}"
                      f"{'...' if len(text) > 40 else ''}.")
    layers = manifest.get("layers")
    if not isinstance(layers, list):
        raise bad("layers", "a list of layers", layers)
    for i, layer in enumerate(layers):
        if not isinstance(layer, dict) or not isinstance(layer.get("name"), str):
            raise bad(f"layers/{i}", "a dict with a 'name'", layer)
        if not isinstance(layer.get("weights"), list):
            raise bad(f"layers/{i}/weights", "a list of weights", layer.get("weights"))
        for j, entry in enumerate(layer["weights"]):
            if not isinstance(entry, dict) or not isinstance(entry.get("key"), str):
                raise bad(f"layers/{i}/weights/{j}", "a dict with a 'key'", entry)


def saved_model_config(manifest, filepath):
    """``{"class_name", "config"}`` of the model a manifest holds (``model.save``), checked
    before it is deserialized; None when it holds none (``save_weights``)."""
    if "config" not in manifest:
        return None
    model = manifest.get("model")
    class_name = model.get("class_name") if isinstance(model, dict) else None
    config = {"class_name": class_name, "config": manifest["config"]}
    file_checks.check_model_config(config, filepath, MANIFEST)
    return config


def open_weights_file(filepath):
    """The open archive and its manifest; refuses anything not written by ``save_weights``."""
    if not os.path.exists(filepath):
        raise FileNotFoundError(f"Unable to load weights from {filepath!r}: no such file.")
    if os.path.isdir(filepath):
        raise not_ours(filepath, "it is a directory (a TensorFlow checkpoint or SavedModel?)")
    with open(filepath, "rb") as f:
        head = f.read(8)
    if head == HDF5_SIGNATURE:
        raise not_ours(filepath, "it is an HDF5 file (the Keras .h5 format)")
    if not zipfile.is_zipfile(filepath):
        raise not_ours(filepath, "it is not a ZIP archive")
    zf = file_checks.open_zip(filepath)
    try:
        return zf, read_manifest(zf, filepath)
    except BaseException:
        zf.close()
        raise


def read_values(zf, saved_layer, filepath):
    """The layer's saved arrays as ``SavedArray`` (headers read, data not yet)."""
    return [file_checks.npy_array(zf, entry["key"] + ".npy", filepath,
                                  f"{saved_layer['name']}/{entry['key']}")
            for entry in saved_layer["weights"]]


def shape_of(weight):
    shape = getattr(weight, "shape", None)
    return tuple(shape) if shape is not None else weight_value(weight).shape


def pairs_by_order(model, saved, read):
    """Keras's ``load_weights_from_hdf5_group``: layers with weights, matched in order.

    ``saved`` lists ``{"name", "weights"}`` per saved layer; ``read(entry)`` gives its values.
    """
    filtered_layers = [layer for layer in layers_of(model) if layer_weights(layer)]
    saved = [s for s in saved if s["weights"]]
    if len(saved) != len(filtered_layers):
        raise ValueError("Layer count mismatch when loading weights from file. Model expected "
                         f"{len(filtered_layers)} layers, found {len(saved)} saved layers.")
    pairs = []
    for k, (layer, entry) in enumerate(zip(filtered_layers, saved)):
        symbolic, values = layer_weights(layer), read(entry)
        if len(values) != len(symbolic):
            raise ValueError(f"Weight count mismatch for layer #{k} (named {layer.name} in the "
                             f"current model, {entry['name']} in the save file). Layer expects "
                             f"{len(symbolic)} weight(s). Received {len(values)} saved "
                             "weight(s)")
        for weight, value in zip(symbolic, values):
            if shape_of(weight) != value.shape:
                raise ValueError(f"Cannot assign value to variable ' {weight.name}': Shape "
                                 f"mismatch.The variable shape {shape_of(weight)}, and the "
                                 f"assigned value shape {value.shape} are incompatible.")
            pairs.append((weight, value))
    return pairs, []


def pairs_by_name(model, saved, read, skip_mismatch):
    """Keras's ``load_weights_from_hdf5_group_by_name``: layers matched by name.

    With ``skip_mismatch`` a layer whose weight count differs is skipped whole, a
    weight whose shape differs is skipped alone (its layer's other weights load).
    """
    index = {}
    for layer in layers_of(model):
        if layer.name:
            index.setdefault(layer.name, []).append(layer)
    pairs, skipped = [], []
    for k, entry in enumerate(saved):
        for layer in index.get(entry["name"], []):
            symbolic, values = layer_weights(layer), read(entry)
            if len(values) != len(symbolic):
                counts = (f"Layer expects {len(symbolic)} weight(s). Received {len(values)} "
                          "saved weight(s)")
                if not skip_mismatch:
                    raise ValueError(f"Weight count mismatch for layer #{k} (named "
                                     f"{layer.name}). " + counts)
                logger.warning(f"Skipping loading of weights for layer #{k} (named "
                               f"{layer.name}) due to mismatch in number of weights. " + counts)
                skipped.append(layer.name)
                continue
            for weight, value in zip(symbolic, values):
                if shape_of(weight) == value.shape:
                    pairs.append((weight, value))
                    continue
                detail = (f"for weight {weight.name}. Weight expects shape {shape_of(weight)}. "
                          f"Received saved weight with shape {value.shape}")
                if not skip_mismatch:
                    raise ValueError(f"Shape mismatch in layer #{k} (named {layer.name}) "
                                     + detail)
                logger.warning(f"Skipping loading weights for layer #{k} (named {layer.name}) "
                               "due to mismatch in shape " + detail)
                skipped.append(str(weight.name))
    return pairs, skipped


@tracing.traced("weights", name="keras.saving.legacy.save.load_weights",
                args=lambda model, filepath, skip_mismatch=False, by_name=False: {
                    "filepath": os.fspath(filepath), "by_name": by_name,
                    "skip_mismatch": skip_mismatch})
def load_weights(model, filepath, skip_mismatch=False, by_name=False):
    """Assign the weights saved in ``filepath`` to ``model``; all checks before any change."""
    filepath = os.fspath(filepath)
    if skip_mismatch and not by_name:
        raise ValueError("When calling model.load_weights, skip_mismatch can only be set to "
                         "True when by_name is True.")
    zf, manifest = open_weights_file(filepath)
    with file_checks.reading(filepath), zf:
        def read(entry):
            return read_values(zf, entry, filepath)
        if by_name:
            pairs, skipped = pairs_by_name(model, manifest["layers"], read, skip_mismatch)
        else:
            pairs, skipped = pairs_by_order(model, manifest["layers"], read)
        pairs = file_checks.materialize(pairs, filepath)
    file_checks.assign_all(pairs)
    tracing.note(weights_loaded=len(pairs), skipped=skipped)


__all__ = ["FORMAT", "MANIFEST", "VERSION", "load_weights", "save_weights"]
