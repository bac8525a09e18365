"""Keras's legacy HDF5 weights file (``.h5``): ``keras.saving.legacy.hdf5_format``.

Owns: the layout ``Model.save_weights("w.h5")`` writes in tf_keras 2.21 and
``load_weights`` reads: root attributes ``layer_names`` (every layer of
``model.layers``, in order), ``backend`` and ``keras_version``; one group per
layer (in name order) with a ``weight_names`` attribute (``"dense/kernel:0"``
...) and a dataset per weight at that name (so ``dense/dense/kernel:0``); a
``top_level_model_weights`` group for the model's own weights. A layer's
weights are its trainable then non-trainable ones. Attributes too large for
an HDF5 object header are split into ``layer_names0``, ``layer_names1``, ...

Loading follows Keras's rules (``weights_format.pairs_by_order`` /
``pairs_by_name``, shared with tracekeras's own weights file): by order the layers
with weights must agree in count, then the weight counts and shapes; by name
(``by_name=True``) layers are matched by name and ``skip_mismatch`` skips what
does not fit. Every check runs before the first weight changes: counts and
each dataset's declared shape before any data is read, dtypes (numeric, of the
variable's kind, a standard HDF5 number type) before the first read, and
every read before the first assignment (``file_checks``); a damaged file is a
``BadWeightsFile`` (``ValueError``) naming the file and the dataset.

``save_model_to_hdf5``/``load_model_from_hdf5``: the legacy whole-model ``.h5``
file: ``model_config`` and ``model_weights``; for a compiled model (unless
``include_optimizer=False``) also ``training_config`` (``saving_utils``) and the
optimizer's variables in an ``optimizer_weights`` group (``weight_names`` in the order of
``optimizer.variables``). Loading with ``compile=True`` compiles the model from
``training_config``, builds the optimizer and sets its variables, as tf_keras does (an
optimizer state of other shapes leaves a fresh optimizer, with a warning).

Trace events: none of its own (``saving_api`` traces the call).
"""
import io
import json
import logging
import os

import h5py
import numpy as np

from tracekeras.saving import file_checks, saving_utils, weights_format
from tracekeras.shim.namespaces import KERAS_VERSION
from tracekeras.tracing.jsonl import atomic_file

HDF5_OBJECT_HEADER_LIMIT = 64512
logger = logging.getLogger("tracekeras")


def save_attributes_to_hdf5_group(group, name, data):
    """``group.attrs[name] = data``, split into numbered chunks when too large."""
    too_large = [x for x in data if len(x) > HDF5_OBJECT_HEADER_LIMIT]
    if too_large:
        raise RuntimeError("The following attributes cannot be saved to HDF5 file because "
                           f"they are larger than {HDF5_OBJECT_HEADER_LIMIT} bytes: {too_large}")
    data_npy = np.asarray(data)
    num_chunks = 1
    chunks = np.array_split(data_npy, num_chunks)
    while any(x.nbytes > HDF5_OBJECT_HEADER_LIMIT for x in chunks):
        num_chunks += 1
        chunks = np.array_split(data_npy, num_chunks)
    if num_chunks == 1:
        group.attrs[name] = data_npy
        return
    for chunk_id, chunk in enumerate(chunks):
        group.attrs[f"{name}{chunk_id}"] = chunk


def load_attributes_from_hdf5_group(group, name):
    def decoded(values):
        return [v.decode("utf8") if hasattr(v, "decode") else str(v) for v in values]
    if name in group.attrs:
        return decoded(group.attrs[name])
    data, chunk_id = [], 0
    while f"{name}{chunk_id}" in group.attrs:
        data.extend(decoded(group.attrs[f"{name}{chunk_id}"]))
        chunk_id += 1
    return data


def save_subset_weights_to_hdf5_group(group, weights):
    names = [str(w.name).encode("utf8") for w in weights]
    save_attributes_to_hdf5_group(group, "weight_names", names)
    for name, weight in zip(names, weights):
        value = weights_format.weight_value(weight)
        dataset = group.create_dataset(name, value.shape, dtype=value.dtype)
        dataset[()] = value


def holds_vocabulary_weight(layer):
    """Whether tf_keras would give ``layer`` a weight that is no variable: a lookup layer
    made without a vocabulary (an adaptable StringLookup, IntegerLookup or
    TextVectorization) keeps its vocabulary as one (its ``VocabWeightHandler``)."""
    from tracekeras.layers.preprocessing.index_lookup import IndexLookup
    sublayers = layer._flatten_layers() if hasattr(layer, "_flatten_layers") else [layer]
    return [sub for sub in sublayers
            if isinstance(sub, IndexLookup) and sub.input_vocabulary is None]


def check_legacy_weights(model):
    """Keras's ``_legacy_weights`` check for every layer, before any file is written or any
    weight changes: the ``.h5`` layout holds variables only."""
    for layer in weights_format.layers_of(model):
        lookups = holds_vocabulary_weight(layer)
        if lookups:
            handlers = ", ".join(f"<VocabWeightHandler of {sub.name!r}>" for sub in lookups)
            raise NotImplementedError(
                "Save or restore weights that is not an instance of `tf.Variable` is not "
                "supported in h5, use `save_format='tf'` instead. Received a model or layer "
                f"{type(layer).__name__} with weights [{handlers}] (tracekeras: save to a "
                "`.keras` file, which keeps the vocabulary)")


def save_weights_to_hdf5_group(f, model):
    """Keras's layout: ``layer_names``, one group per layer, ``top_level_model_weights``."""
    check_legacy_weights(model)
    layers = weights_format.layers_of(model)
    save_attributes_to_hdf5_group(f, "layer_names", [layer.name.encode("utf8")
                                                     for layer in layers])
    f.attrs["backend"] = b"tensorflow"
    f.attrs["keras_version"] = KERAS_VERSION.encode("utf8")
    for layer in sorted(layers, key=lambda x: x.name):
        save_subset_weights_to_hdf5_group(f.create_group(layer.name),
                                          weights_format.layer_weights(layer))
    own = list(getattr(model, "_trainable_weights", [])) + list(
        getattr(model, "_non_trainable_weights", []))
    save_subset_weights_to_hdf5_group(f.create_group("top_level_model_weights"), own)


def save_weights(model, filepath, overwrite=True):
    """Write ``model``'s weights in the legacy HDF5 layout to ``filepath``, atomically."""
    if not overwrite and os.path.exists(filepath):
        raise FileExistsError(f"Cannot save weights to {filepath!r}: the file exists and "
                              "overwrite=False. Pass overwrite=True to replace it.")
    buffer = io.BytesIO()
    with h5py.File(buffer, "w") as f:
        save_weights_to_hdf5_group(f, model)
    with atomic_file(filepath, "wb", durable=True) as out:
        out.write(buffer.getvalue())


def saved_layers(f, filepath):
    """The file's layers as ``[{"name", "weights": [weight names]}]``, in ``layer_names`` order."""
    layers = []
    try:
        for name in load_attributes_from_hdf5_group(f, "layer_names"):
            if name not in f or not isinstance(f[name], h5py.Group):
                raise file_checks.MissingMember(
                    f"The weights file {filepath!r} lists layer {name!r} in `layer_names` but "
                    "has no group for it: the file is damaged.")
            layers.append({"name": name,
                           "weights": load_attributes_from_hdf5_group(f[name], "weight_names")})
    except (OSError, RuntimeError, TypeError, KeyError, UnicodeDecodeError) as e:
        if isinstance(e, file_checks.BadWeightsFile):
            raise
        raise file_checks.bad_file(filepath, f"its layer and weight names cannot be read "
                                             f"({type(e).__name__}: {e}).") from None
    return layers


def load_weights(model, filepath, skip_mismatch=False, by_name=False):
    """Assign the weights of a legacy HDF5 file to ``model``; all checks before any change.

    Counts and declared shapes are checked (Keras's rules) before any dataset is
    read, dtypes before the first is read, and every dataset is read before the
    first weight is assigned.
    """
    if skip_mismatch and not by_name:
        raise ValueError("When calling model.load_weights, skip_mismatch can only be set to "
                         "True when by_name is True.")
    check_legacy_weights(model)
    data = file_checks.read_hdf5_bytes(filepath, ".h5")
    with file_checks.reading(filepath), file_checks.open_h5(data, filepath) as root:
        f = root
        if "layer_names" not in f.attrs and "model_weights" in f:
            f = f["model_weights"]
        if "layer_names" not in f.attrs and "layer_names0" not in f.attrs:
            raise file_checks.bad_file(filepath, "this HDF5 file has no `layer_names` "
                                                 "attribute. Expected a file written by "
                                                 "`save_weights` to a `.h5` path (a "
                                                 "`.weights.h5` path holds the other layout).")

        def read(entry):
            group = f[entry["name"]]
            return [file_checks.h5_array(group, name, filepath, f"{entry['name']}/{name}")
                    for name in entry["weights"]]
        saved = saved_layers(f, filepath)
        if by_name:
            pairs, skipped = weights_format.pairs_by_name(model, saved, read, skip_mismatch)
        else:
            pairs, skipped = weights_format.pairs_by_order(model, saved, read)
        pairs = file_checks.materialize(pairs, filepath)
    file_checks.assign_all(pairs)
    for layer in model._flatten_layers():   # state made from the loaded weights, as Keras's
        layer.finalize_state()               # (a Normalization's mean and variance)
    return len(pairs), skipped


def save_model_to_hdf5(model, filepath, overwrite=True, include_optimizer=True):
    """Keras's legacy whole-model ``.h5`` file: root attributes ``model_config``
    (``{"class_name", "config"}`` as JSON), ``keras_version``, ``backend``, the weights in
    the ``model_weights`` group (the layout above) and, for a compiled model saved with its
    optimizer, ``training_config`` and the ``optimizer_weights`` group."""
    from tracekeras.saving import serialization_lib  # it imports the engine
    if not overwrite and os.path.exists(filepath):
        raise FileExistsError(f"Cannot save the model to {filepath!r}: the file exists and "
                              "overwrite=False. Pass overwrite=True to replace it.")
    check_legacy_weights(model)
    model.use_legacy_config = True   # tf_keras writes this file's layers in the legacy form
    try:
        entry = {"class_name": type(model).__name__,
                 "config": serialization_lib.serialize_keras_object(model.get_config())}
    finally:
        del model.use_legacy_config
    with_optimizer = (include_optimizer and getattr(model, "_is_compiled", False)
                      and getattr(model, "optimizer", None) is not None)
    if getattr(model, "_is_compiled", False):
        saving_utils.try_build_compiled_arguments(model)
    training_config = (json.dumps(saving_utils.training_config(model),
                                  default=json_type).encode("utf8")
                       if with_optimizer else None)
    buffer = io.BytesIO()
    with h5py.File(buffer, "w") as f:
        f.attrs["keras_version"] = KERAS_VERSION.encode("utf8")
        f.attrs["backend"] = b"tensorflow"
        f.attrs["model_config"] = json.dumps({"class_name": entry["class_name"],
                                              "config": entry["config"]}).encode("utf8")
        save_weights_to_hdf5_group(f.create_group("model_weights"), model)
        if with_optimizer:
            f.attrs["training_config"] = training_config
            save_optimizer_weights_to_hdf5_group(f, model.optimizer)
    with atomic_file(filepath, "wb", durable=True) as out:
        out.write(buffer.getvalue())


def json_type(value):
    """What Keras's JSON encoder writes for a NumPy value (a legacy optimizer's config holds
    float32 hyperparameters): the Python number or list."""
    if isinstance(value, (np.generic, np.ndarray)):
        return value.tolist()
    raise TypeError(f"Not JSON Serializable: {value}")


def save_optimizer_weights_to_hdf5_group(hdf5_group, optimizer):
    """The optimizer's variables (iterations, then its slots) in ``optimizer_weights``."""
    variables = list(optimizer.variables())   # a method of the legacy optimizers
    if variables:
        save_subset_weights_to_hdf5_group(hdf5_group.create_group("optimizer_weights"),
                                          variables)


def load_optimizer_weights_from_hdf5_group(hdf5_group):
    """The arrays of ``optimizer_weights``, in the order of its ``weight_names``."""
    group = hdf5_group["optimizer_weights"]
    return [np.asarray(group[name]) for name in
            load_attributes_from_hdf5_group(group, "weight_names")]


def load_model_from_hdf5(filepath, custom_objects=None, compile=True):
    """The model of a legacy whole-model ``.h5`` file: rebuilt from ``model_config``, weights
    from ``model_weights``, then (``compile=True``) compiled from ``training_config`` with
    the saved optimizer state."""
    from tracekeras.saving import serialization_lib  # it imports the engine
    data = file_checks.read_hdf5_bytes(filepath, ".h5")
    with file_checks.reading(filepath), file_checks.open_h5(data, filepath) as f:
        config = f.attrs.get("model_config")
        training_config = f.attrs.get("training_config") if compile else None
        optimizer_weights = (load_optimizer_weights_from_hdf5_group(f)
                             if training_config is not None and "optimizer_weights" in f
                             else None)
    if config is None:
        raise ValueError(f"No model config found in the file at {filepath}.")
    config = read_json_attribute(config, filepath, "model_config")
    file_checks.check_model_config(config, filepath, "model_config")
    if training_config is not None:
        training_config = read_json_attribute(training_config, filepath, "training_config")
    model = serialization_lib.deserialize_keras_object(config, custom_objects)
    load_weights(model, filepath)
    if not compile:
        return model
    if training_config is None:
        logger.warning("No training configuration found in the save file, so the model was "
                       "*not* compiled. Compile it manually.")
        return model
    model.compile(**saving_utils.compile_args_from_training_config(training_config,
                                                                   custom_objects))
    saving_utils.try_build_compiled_arguments(model)
    if optimizer_weights is not None:
        set_optimizer_weights(model, optimizer_weights)
    return model


def read_json_attribute(value, filepath, name):
    try:
        return json.loads(value.decode("utf8") if hasattr(value, "decode") else value)
    except (ValueError, UnicodeDecodeError, TypeError) as e:
        raise file_checks.bad_file(filepath, f"its `{name}` is not valid JSON ({e}).") from None


def set_optimizer_weights(model, values):
    """tf_keras's load: build the optimizer on the trainable variables, then set the saved
    values pairwise in order (as Keras's ``set_weights``, extra values on either side are
    left out); a shape that does not fit leaves the fresh optimizer, with a warning."""
    if hasattr(model.optimizer, "_create_all_weights"):   # keras.optimizers.legacy
        model.optimizer._create_all_weights(model.trainable_variables)
    else:
        model.optimizer.build(model.trainable_variables)
    try:
        model.optimizer.set_weights(values)
    except ValueError:
        logger.warning("Error in loading the saved optimizer state. As a result, your model is "
                       "starting with a freshly initialized optimizer.")


__all__ = ["load_model_from_hdf5", "load_weights", "save_model_to_hdf5", "save_weights",
           "save_weights_to_hdf5_group"]
