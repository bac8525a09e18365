"""The ``.keras`` archive and the ``.weights.h5`` file: ``keras.saving.saving_lib``.

Owns: the ``.keras`` format of tf_keras 2.21, a ZIP archive (stored, not
compressed) of ``metadata.json`` (``keras_version``, ``date_saved``),
``config.json`` (``serialization_lib.serialize_keras_object`` of the model),
``model.weights.h5``, and ``assets/<path>/...``, the files an object's ``save_assets``
writes (a lookup layer's ``vocabulary.txt``) and its ``load_assets`` reads back; and
the ``.weights.h5`` file, the same HDF5 layout on its own. The layout: an object's own
variables go to ``<path>/vars/0``, ``<path>/vars/1``, ... (a tf_idf lookup's idf weights
to ``<path>/vars/idf_weights``, the name Keras's ``save_own_variables`` gives them); the
path of a child is the attribute that holds it (``optimizer``), or, inside a list, the
attribute and the snake-case class name counted per class (``layers/dense``,
``layers/dense_1``, ``metrics/mean``). Attributes are visited in reverse alphabetical
order and an object is saved once, where it is first met (tf_keras's
``_walk_trackable``). A layer's own variables are its trainable then non-trainable
weights; an optimizer's are ``iterations`` then its slots in creation order; a metric's
its state. After loading, a preprocessing layer with variables (an adapted
``Normalization``) is finalized again.

Receives a model and a path; hands on a model (``load_model``) or the values
assigned in place (``load_weights_only``). Loading checks everything first
(``file_checks``): the archive member's declared size against the model, the
config's structure, variable counts, each dataset's DECLARED shape and dtype
(before its data is read), then reads every array, then assigns all of them;
so a broken file leaves the model as it was and raises ``BadWeightsFile`` (a
``ValueError`` naming the file and the variable path). An optimizer whose variable count
differs is skipped with a warning, as tf_keras does (it is not built yet).
Writing goes through ``tracing.jsonl.atomic_file``.

Trace events (stage "weights"): ``keras.saving.saving_lib.save_model``,
``keras.saving.saving_lib.load_model``, ``keras.saving.saving_lib.save_weights_only``,
``keras.saving.saving_lib.load_weights_only`` (end args: variables written or loaded).
"""
import datetime
import io
import json
import logging
import os
import tempfile
import warnings
import zipfile

import h5py
import numpy as np

from tracekeras import tracing
from tracekeras.engine.base_layer import Layer, to_snake_case
from tracekeras.engine.base_preprocessing_layer import PreprocessingLayer
from tracekeras.metrics.base_metric import Metric
from tracekeras.optimizers.optimizer import Optimizer
from tracekeras.saving import file_checks, serialization_lib
from tracekeras.shim.namespaces import KERAS_VERSION
from tracekeras.tracing.jsonl import atomic_file

CONFIG_FILENAME = "config.json"
METADATA_FILENAME = "metadata.json"
VARS_FNAME = "model.weights.h5"
ASSETS_DIRNAME = "assets"
logger = logging.getLogger("tracekeras")

# attributes never walked: graph bookkeeping and views of weights owned elsewhere
ATTR_SKIPLIST = frozenset({
    "_inbound_nodes", "_outbound_nodes", "_input_layers", "_output_layers",
    "_self_tracked_trackables", "_trainable_weights", "_non_trainable_weights",
    "inbound_nodes", "outbound_nodes", "input_shape", "output_shape", "submodules",
    "weights", "non_trainable_weights", "trainable_weights", "variables",
    "non_trainable_variables", "trainable_variables", "updates", "state_updates",
    "input", "output", "inputs", "outputs", "losses", "history", "distribute_strategy",
})


def is_trackable(obj):
    return isinstance(obj, (Layer, Optimizer, Metric))


def own_variables(obj):
    if isinstance(obj, Layer):
        return list(obj._trainable_weights) + list(obj._non_trainable_weights)
    return list(obj.variables)


def stored_variables(obj):
    """``[(key, variable)]``: where ``save_own_variables`` puts each of ``obj``'s variables in
    its ``vars`` group: "0", "1", ... in order, or the names a layer gives them itself
    (``saved_variables()``: a tf_idf lookup's "idf_weights", as Keras's own method writes)."""
    if hasattr(obj, "saved_variables"):
        return list(obj.saved_variables().items())
    return [(str(i), variable) for i, variable in enumerate(own_variables(obj))]


def walk_trackable(obj):
    for attr in sorted(dir(obj), reverse=True):
        if attr.startswith("__") or attr in ATTR_SKIPLIST:
            continue
        try:
            child = getattr(obj, attr)
        except Exception:  # noqa: S112, BLE001 - a property that cannot answer holds no state
            continue
        yield attr, child


def join(path, name):
    return f"{path}/{name}" if path else name


def visit_state(obj, path, visit, seen):
    """Call ``visit(obj, path)`` for ``obj`` and every trackable under it, tf_keras's order."""
    if id(obj) in seen:
        return
    visit(obj, path)
    seen.add(id(obj))
    for attr, child in walk_trackable(obj):
        if is_trackable(child):
            visit_state(child, join(path, attr), visit, seen)
        elif isinstance(child, (list, dict, tuple, set)):
            visit_container(child, join(path, attr), visit, seen)


def visit_container(container, path, visit, seen):
    used = {}
    items = list(container.values()) if isinstance(container, dict) else list(container)
    for item in items:
        if not is_trackable(item) or id(item) in seen:
            continue
        name = to_snake_case(type(item).__name__)
        if name in used:
            used[name] += 1
            name = f"{name}_{used[name]}"
        else:
            used[name] = 0
        visit_state(item, join(path, name), visit, seen)


def write_h5(model):
    """The bytes of ``model``'s weights file (HDF5, tf_keras's saving_lib layout)."""
    buffer, count = io.BytesIO(), [0]
    with h5py.File(buffer, "w") as h5:
        def visit(obj, path):
            group = h5.create_group(join(path, "vars"))
            for key, variable in stored_variables(obj):
                group[key] = np.asarray(variable.numpy())
                count[0] += 1
        visit_state(model, "", visit, set())
    return buffer.getvalue(), count[0]


def variable_check(obj, keyed, store):
    """``(variable, SavedArray)`` for each ``(key, variable)`` of ``obj``: count and declared
    shapes checked (Keras's messages), nothing of the data read yet."""
    name = getattr(obj, "name", type(obj).__name__)
    if len(store) != len(keyed):
        raise ValueError(f"Layer '{name}' expected {len(keyed)} variables, but received "
                         f"{len(store)} variables during loading. Expected: "
                         f"{[v.name for _, v in keyed]}")
    pairs = []
    for key, variable in keyed:
        if key not in store:
            raise file_checks.MissingMember(
                f"Layer '{name}' expected its variables named {[k for k, _ in keyed]}, but "
                f"variable {key} is missing; the file has {sorted(store)}.")
        saved = store[key]()
        if file_checks.variable_shape(variable, saved) != saved.shape:
            raise ValueError(f"Cannot assign value to variable ' {variable.name}': Shape "
                             f"mismatch.The variable shape {tuple(variable.shape)}, and the "
                             f"assigned value shape {saved.shape} are incompatible. Variable "
                             f"path: {saved.path!r}.")
        pairs.append((variable, saved))
    return pairs


def read_pairs(model, h5, filepath, skip_mismatch=False):
    """(variable, value) for every variable the file gives ``model``; checks before any change.

    Every count, declared shape and dtype is checked before any array is read,
    and every array read before the caller assigns one.
    """
    pairs = []

    def visit(obj, path):
        vars_path = join(path, "vars")
        try:   # absent: no state saved; present but unreadable: a damaged file
            group = h5[vars_path] if vars_path in h5 else None
            keys = [] if group is None else list(group)
        except (OSError, RuntimeError, ValueError, KeyError) as e:
            raise file_checks.bad_file(filepath, f"the group cannot be read ({e}).",
                                       vars_path) from None
        if group is not None and not isinstance(group, h5py.Group):
            raise file_checks.bad_file(filepath, "expected a group of variables, found a "
                                                 "dataset.", vars_path)
        store = {key: (lambda key=key: file_checks.h5_array(group, key, filepath,
                                                            join(vars_path, key)))
                 for key in keys}
        keyed = stored_variables(obj)
        variables = [variable for _, variable in keyed]
        if isinstance(obj, (Optimizer, Metric)) and len(store) != len(variables):
            if isinstance(obj, Optimizer) and store:
                logger.warning(f"Skipping variable loading for optimizer '{obj.name}', because "
                               f"it has {len(variables)} variables whereas the saved optimizer "
                               f"has {len(store)} variables. ")
            return
        try:
            pairs.extend(variable_check(obj, keyed, store))
        except ValueError as e:
            if not skip_mismatch or isinstance(e, file_checks.BadWeightsFile):
                raise
            warnings.warn(f"Could not load weights in object {obj}. Skipping object. "
                          f"Exception encountered: {e}", stacklevel=2)
    visit_state(model, "", visit, set())
    return file_checks.materialize(pairs, filepath)


def check_suffix(filepath, suffix, what):
    if not filepath.endswith(suffix):
        raise ValueError(f"Invalid `filepath` argument: expected a `{suffix}` extension. "
                         f"Received: filepath={filepath}")


@tracing.traced("weights", args=lambda model, filepath: {"filepath": os.fspath(filepath)})
def save_model(model, filepath):
    """Write ``model`` to a ``.keras`` archive (config, metadata, weights), atomically."""
    filepath = os.fspath(filepath)
    check_suffix(filepath, ".keras", "model")
    if not model.built:
        warnings.warn("You are saving a model that has not yet been built. It might not "
                      "contain any weights yet. Consider building the model first by calling "
                      "it on some data.", stacklevel=2)
    config_json = config_json_of(model)
    metadata = json.dumps({"keras_version": KERAS_VERSION, "date_saved":
                           datetime.datetime.now().strftime("%Y-%m-%d@%H:%M:%S")})
    weights, count = write_h5(model)
    with atomic_file(filepath, "wb", durable=True) as f, zipfile.ZipFile(f, "w") as zf:
        zf.writestr(METADATA_FILENAME, metadata)
        zf.writestr(CONFIG_FILENAME, config_json)
        zf.writestr(VARS_FNAME, weights)
        write_assets(model, zf)
    tracing.note(variables=count)


def write_assets(model, zf):
    """Each object's ``save_assets`` files, under ``assets/<its path>/`` (Keras's
    ``DiskIOStore``: a scratch folder per object, then its files into the archive)."""
    with tempfile.TemporaryDirectory() as root:
        def visit(obj, path):
            if hasattr(obj, "save_assets"):
                folder = os.path.join(root, path)
                os.makedirs(folder, exist_ok=True)
                obj.save_assets(folder)
        visit_state(model, "", visit, set())
        for folder, _, names in sorted(os.walk(root)):
            for name in sorted(names):
                full = os.path.join(folder, name)
                zf.write(full, "/".join([ASSETS_DIRNAME, os.path.relpath(full, root)]).replace(
                    os.sep, "/"))


def read_assets(model, zf, filepath):
    """Hand each object with ``load_assets`` a folder holding its ``assets/<path>/`` files
    (only the files directly there; each read with its declared size checked)."""
    members = [name for name in zf.namelist() if name.startswith(ASSETS_DIRNAME + "/")]
    if not members:
        return
    with tempfile.TemporaryDirectory() as root:
        def visit(obj, path):
            if not hasattr(obj, "load_assets"):
                return
            prefix = "/".join([ASSETS_DIRNAME, path]).rstrip("/") + "/"
            names = [m[len(prefix):] for m in members if m.startswith(prefix)
                     and "/" not in m[len(prefix):] and m[len(prefix):] not in ("", ".", "..")]
            if not names:
                return
            folder = tempfile.mkdtemp(dir=root)
            for name in names:
                data = file_checks.read_member(zf, prefix + name, file_checks.MAX_JSON_BYTES,
                                               filepath)
                with open(os.path.join(folder, name), "wb") as f:
                    f.write(data)
            obj.load_assets(folder)
        visit_state(model, "", visit, set())


def config_json_of(model):
    """The text of ``config.json`` for ``model`` (what tf_keras's ``json.dumps`` writes)."""
    return json.dumps(serialization_lib.serialize_keras_object(model))


def open_archive(filepath):
    """The open ``.keras`` archive and its checked config; refuses a foreign or broken file.

    A file that is no ZIP archive raises ``NotAnArchive`` (an ``OSError``, as in
    tf_keras, and a ``ValueError``); a missing ``config.json`` ``MissingMember`` (a
    ``KeyError``, as in tf_keras, and a ``ValueError``).
    """
    if not os.path.exists(filepath):
        raise OSError(f"No file or directory found at {filepath}")
    if not zipfile.is_zipfile(filepath):
        raise file_checks.NotAnArchive(
            f"Unable to load model from {filepath!r}: it is not a ZIP archive (a truncated "
            "file, or not a .keras file).")
    zf = file_checks.open_zip(filepath)
    try:
        names = zf.namelist()
        if CONFIG_FILENAME not in names:
            raise file_checks.MissingMember(
                f"There is no item named '{CONFIG_FILENAME}' in the archive {filepath!r}: it "
                "is not a .keras model file.")
        if VARS_FNAME not in names:
            raise file_checks.MissingMember(f"Expected a {VARS_FNAME} file in {filepath!r}: "
                                            f"the archive holds {sorted(names)[:8]}.")
        config = file_checks.read_json_member(zf, CONFIG_FILENAME, filepath)
        file_checks.check_model_config(config, filepath, CONFIG_FILENAME)
        return zf, config
    except BaseException:
        zf.close()
        raise


def state_variables(model):
    """Every variable the weights file may hold for ``model`` (layers, optimizer, metrics)."""
    found = []
    visit_state(model, "", lambda obj, path: found.extend(
        variable for _, variable in stored_variables(obj)), set())
    return found


def read_vars_member(zf, model, filepath):
    """The bytes of ``model.weights.h5``, its declared size checked against the model first."""
    limit = file_checks.h5_size_limit(state_variables(model))
    return file_checks.read_member(zf, VARS_FNAME, limit, filepath)


def load_state(model, data, filepath, skip_mismatch=False):
    """Check the HDF5 bytes ``data`` against ``model``, then assign every variable."""
    member = VARS_FNAME if filepath.endswith(".keras") else None
    with file_checks.reading(filepath), file_checks.open_h5(data, filepath, member) as h5:
        pairs = read_pairs(model, h5, filepath, skip_mismatch=skip_mismatch)
    file_checks.assign_all(pairs)
    finalize_loaded(model)
    tracing.note(variables=len(pairs))


def finalize_loaded(model):
    """Keras's ``Normalization.load_own_variables``: once its variables are loaded, a
    preprocessing layer with variables turns them into what ``call`` uses
    (``finalize_state``), as after ``adapt``; not a Discretization, whose loaded summary
    leaves its boundaries as they were (``finalized_on_load`` False, as Keras's)."""
    def visit(obj, path):
        if isinstance(obj, PreprocessingLayer) and own_variables(obj) and \
                getattr(obj, "finalized_on_load", True):
            obj.finalize_state()
    visit_state(model, "", visit, set())


@tracing.traced("weights",
                args=lambda filepath, custom_objects=None, compile=True, safe_mode=True: {
                    "filepath": os.fspath(filepath), "compile": compile})
def load_model(filepath, custom_objects=None, compile=True, safe_mode=True):
    """The model in a ``.keras`` archive: rebuilt from its config, then its weights loaded."""
    filepath = os.fspath(filepath)
    check_suffix(filepath, ".keras", "model")
    zf, config = open_archive(filepath)
    with zf:
        if not compile:
            config["compile_config"] = None
        model = serialization_lib.deserialize_keras_object(config, custom_objects,
                                                           safe_mode=safe_mode)
        data = read_vars_member(zf, model, filepath)
        load_state(model, data, filepath)
        read_assets(model, zf, filepath)
    return model


@tracing.traced("weights", args=lambda model, filepath: {"filepath": os.fspath(filepath)})
def save_weights_only(model, filepath):
    """Write ``model``'s variables (layers, optimizer, metrics) to a ``.weights.h5`` file."""
    filepath = os.fspath(filepath)
    check_suffix(filepath, ".weights.h5", "weights")
    weights, count = write_h5(model)
    with atomic_file(filepath, "wb", durable=True) as f:
        f.write(weights)
    tracing.note(variables=count)


@tracing.traced("weights", args=lambda model, filepath, skip_mismatch=False: {
                    "filepath": os.fspath(filepath), "skip_mismatch": skip_mismatch})
def load_weights_only(model, filepath, skip_mismatch=False):
    """Assign the variables in a ``.weights.h5`` file (or a ``.keras`` archive) to ``model``."""
    filepath = os.fspath(filepath)
    if filepath.endswith(".keras"):
        zf, _ = open_archive(filepath)
        with zf:
            data = read_vars_member(zf, model, filepath)
    else:
        data = file_checks.read_hdf5_bytes(filepath, ".weights.h5")
    load_state(model, data, filepath, skip_mismatch=skip_mismatch)


__all__ = ["load_model", "load_weights_only", "save_model", "save_weights_only"]
