"""``tf.train.Checkpoint``: the variables of a tree of objects, saved and restored by path.

What it owns: ``Checkpoint`` (``save``, ``write``, ``restore``, ``read``, ``save_counter``),
the load statuses ``restore`` hands back (``assert_consumed``,
``assert_existing_objects_matched``, ``assert_nontrivial_match``, ``expect_partial``),
``list_variables``, and the deferred restores; each variable is keyed by its path from the
checkpoint (:mod:`tracekeras.saving.object_graph`), as TensorFlow's object graph names it:
``model/layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE``,
``optimizer/_variables/3/...`` (an optimizer's slots in creation order),
``save_counter/...``, ``step/...`` for a variable given by keyword, ``vs/0/...`` for a list.

``save(file_prefix)`` adds one to ``save_counter``, writes ``<file_prefix>-<n>`` and records
it in the folder's ``checkpoint`` state file (:mod:`tracekeras.saving.checkpoint_management`),
returning that path; ``write`` writes exactly ``file_prefix`` and no state file.
TensorFlow writes a checkpoint as two files, ``<path>.index`` and
``<path>.data-00000-of-00001``, in its tensor-bundle format, which NumPy cannot write: as
:mod:`tracekeras.saving.weights_format` does for ``save_weights``, tracekeras writes one
file instead, ``<path>.index``, a ZIP of ``.npy`` arrays with a JSON manifest
(``tracekeras_checkpoint.json``: each variable's key, name, shape and dtype), atomically.
Real TensorFlow cannot read it, nor tracekeras TensorFlow's.

``restore(path)`` assigns each saved value to the variable at the same path. A value
whose optimizer slot does not exist yet (a checkpoint restored before the first training
step) is kept and assigned when the optimizer creates that slot, as TensorFlow defers it;
so are the weights of a layer not built yet (a subclassed model before its first call),
assigned when it is built (a Sequential model without an input shape: when its first
call has built its graph, before it computes). Values nothing takes are left, and
``assert_consumed`` says so with TensorFlow's ``Unresolved object in checkpoint ...``. A
subclassed model's layers are named by the attributes that hold them (``net/l1/kernel``,
``net/blocks/0/bias``), a Sequential or functional model's as ``layer_with_weights-<i>``.
A dataset iterator, which TensorFlow can checkpoint, ends in the one-line "does not
implement" error.
Shapes are checked before anything is assigned. Trace events (stage "weights"):
``tf.train.Checkpoint.save``/``write``/``restore`` spans.
"""
import json
import logging
import os
import zipfile

import numpy as np

from tracekeras import tracing
from tracekeras.backend.op_errors import NotFoundError
from tracekeras.backend.tensor import Tensor, Variable
from tracekeras.data.padding import DataLossError
from tracekeras.shim.errors import PACKAGE, OperationNotImplementedByTracekeras, caller
from tracekeras.tracing.jsonl import atomic_file

from . import checkpoint_management
from .object_graph import (
    children_of,
    is_layer,
    is_optimizer,
    is_trackable,
    unbuilt_layers,
    variables_of,
)

FORMAT = "tracekeras-checkpoint"
VERSION = 1
MANIFEST = "tracekeras_checkpoint.json"
SUFFIX = "/.ATTRIBUTES/VARIABLE_VALUE"
logger = logging.getLogger("tensorflow")


def is_tf_module(obj):
    """A ``tf.Module`` that is not a Keras layer (a Layer is one too, and is saved)."""
    from tracekeras.backend.module import Module
    return isinstance(obj, Module) and not is_layer(obj)


class Checkpoint:
    """``tf.train.Checkpoint(root=None, **kwargs)``: the objects whose variables it saves."""

    def __init__(self, root=None, **kwargs):
        named = dict(kwargs)
        if root is not None:
            named["root"] = root
        for name, obj in named.items():
            if hasattr(obj, "__next__") and not is_trackable(obj):
                raise OperationNotImplementedByTracekeras(
                    f"tracekeras does not implement tf.train.Checkpoint of a dataset iterator "
                    f"({name}) (used by {caller(PACKAGE)}); it saves variables only")
            if is_tf_module(obj):
                raise OperationNotImplementedByTracekeras(
                    f"tracekeras does not implement tf.train.Checkpoint of a tf.Module ({name}) "
                    f"(used by {caller(PACKAGE)}); it saves Keras layers, models, optimizers "
                    "and variables")
            if not is_trackable(obj):
                raise ValueError(
                    f"`Checkpoint` was expecting {name} to be a trackable object (an object "
                    f"derived from `Trackable`), got {obj}. If you believe this object should "
                    "be trackable (i.e. it is part of the TensorFlow Python API and manages "
                    "state), please open an issue.")
        self._root = root
        self._named = kwargs
        self._save_counter = None
        for name, obj in kwargs.items():
            setattr(self, name, obj)

    def children(self):
        """The named objects, then the save counter once it exists (the root's own
        dependencies, a ``root`` model's layers, come first when it was given)."""
        found = {}
        if self._root is not None:
            found.update(root_children(self._root))
        found.update(self._named)
        if self._save_counter is not None:
            found["save_counter"] = self._save_counter
        return found

    @property
    def save_counter(self):
        """How many times ``save`` has run (an int64 variable, made on first use)."""
        if self._save_counter is None:
            self._save_counter = Variable(0, name="save_counter", dtype="int64",
                                          trainable=False)
        return self._save_counter

    @tracing.traced("weights", name="tf.train.Checkpoint.save")
    def save(self, file_prefix, options=None):
        """Write ``<file_prefix>-<save_counter>`` and record it in the state file."""
        self.save_counter.assign_add(1)
        path = self.write(f"{os.fspath(file_prefix)}-{int(self.save_counter.value)}")
        checkpoint_management.update_checkpoint_state(os.path.dirname(path) or ".", path,
                                                      [path])
        return path

    @tracing.traced("weights", name="tf.train.Checkpoint.write")
    def write(self, file_prefix, options=None):
        """Write the variables to exactly ``file_prefix`` (no counter, no state file)."""
        file_prefix = os.fspath(file_prefix)
        found = variables_of(self, "")
        manifest = {"format": FORMAT, "version": VERSION, "variables": [
            {"key": key + SUFFIX, "name": v.name.split(":")[0], "shape": list(v.value.shape),
             "dtype": v.value.dtype.name, "member": f"{i:05d}.npy"}
            for i, (key, v) in enumerate(found)]}
        with atomic_file(file_prefix + ".index", "wb", durable=True) as f, \
                zipfile.ZipFile(f, "w", compression=zipfile.ZIP_STORED) as zf:
            zf.writestr(MANIFEST, json.dumps(manifest, indent=1))
            for entry, (_, v) in zip(manifest["variables"], found):
                with zf.open(entry["member"], "w", force_zip64=True) as member:
                    np.lib.format.write_array(member, np.asarray(v.value), allow_pickle=False)
        return file_prefix

    @tracing.traced("weights", name="tf.train.Checkpoint.restore")
    def restore(self, save_path, options=None):
        """Assign the values saved at ``save_path``; a status says what matched."""
        if save_path is None:
            return InitializationOnlyStatus()
        saved = read_checkpoint(os.fspath(save_path))
        if "save_counter" + SUFFIX in saved:
            self.save_counter   # noqa: B018 - made now, so that it takes the saved count
        current = {key + SUFFIX: v for key, v in variables_of(self, "")}
        for key, value in saved.items():
            if key in current and current[key].value.shape != value.shape:
                raise ValueError(
                    f"Received incompatible tensor with shape {value.shape} when attempting "
                    f"to restore variable with shape {current[key].value.shape} and name "
                    f"{current[key].name}.")
        for key, value in saved.items():
            if key in current:
                current[key].assign(value.astype(current[key].value.dtype))
        pending = {key: value for key, value in saved.items() if key not in current}
        defer_slots(self, pending)
        defer_layers(self, pending)
        return CheckpointLoadStatus(self, saved, pending, current)

    def read(self, save_path, options=None):
        """``restore`` without the state of a ``save_counter`` (TensorFlow's ``read``)."""
        return self.restore(save_path, options)


def root_children(root):
    """The dependencies of a ``root`` object, as the checkpoint's own."""
    return children_of(root) if not isinstance(root, Variable) else {"root": root}


def read_checkpoint(path):
    """``{key: array}`` of the checkpoint at ``path`` (its ``.index`` file)."""
    index = path + ".index"
    if os.path.isdir(path):
        raise DataLossError(
            f"Unable to open table file {path}: FAILED_PRECONDITION: {os.path.basename(path)}; "
            "Is a directory: perhaps your file is in a different file format and you need to "
            "use a different restore operator?")
    if not os.path.exists(index):
        raise NotFoundError(
            f"Error when restoring from checkpoint or SavedModel at {path}: Unsuccessful "
            f"TensorSliceReader constructor: Failed to find any matching files for {path}\n"
            "Please double-check that the path is correct. You may be missing the checkpoint "
            "suffix (e.g. the '-1' in 'path/to/ckpt-1').")
    try:
        with zipfile.ZipFile(index) as zf:
            manifest = json.loads(zf.read(MANIFEST))
            if manifest.get("format") != FORMAT:
                raise ValueError(f"{index} is not a tracekeras checkpoint")
            saved = {}
            for entry in manifest["variables"]:
                with zf.open(entry["member"]) as member:
                    saved[entry["key"]] = np.lib.format.read_array(member, allow_pickle=False)
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise DataLossError(
            f"Unable to open table file {index}: not a tracekeras checkpoint ({error}); a "
            "checkpoint written by TensorFlow cannot be read by tracekeras") from None
    return CheckpointValues(saved, {e["key"]: e["name"] for e in manifest["variables"]})


class CheckpointValues(dict):
    """The saved arrays by key, with each variable's name when it was saved."""

    def __init__(self, values, names):
        dict.__init__(self, values)
        self.names = names


def list_variables(ckpt_dir_or_file):
    """``tf.train.list_variables``: ``[(key, shape)]`` of a checkpoint, sorted by key."""
    path = os.fspath(ckpt_dir_or_file)
    if os.path.isdir(path):
        path = checkpoint_management.latest_checkpoint(path) or path
    saved = read_checkpoint(path)
    return sorted([("_CHECKPOINTABLE_OBJECT_GRAPH", [])] + [
        (key, list(value.shape)) for key, value in saved.items()])


class RestoringList(list):
    """An optimizer's variable list that assigns a pending checkpoint value to a slot the
    moment the optimizer appends it (TensorFlow's deferred restoration)."""

    def __init__(self, items, pending, on_restore):
        list.__init__(self, items)
        self.pending, self.on_restore = pending, on_restore

    def append(self, variable):
        list.append(self, variable)
        value = self.pending.pop(len(self) - 1, None)
        if value is not None and isinstance(variable, Tensor) and \
                variable.value.shape == value.shape:
            variable.assign(value.astype(variable.value.dtype))
            self.on_restore(len(self) - 1)


def defer_slots(checkpoint, pending):
    """Pending optimizer slots: restored when the optimizer creates them."""
    for name, obj in checkpoint.children().items():
        if not is_optimizer(obj):
            continue
        head = f"{name}/_variables/"
        slots = {int(key[len(head):-len(SUFFIX)]): key for key in pending
                 if key.startswith(head)}
        if slots:
            values = {index: pending[key] for index, key in slots.items()}
            obj._variables = RestoringList(
                obj._variables, values, lambda index, slots=slots: pending.pop(slots[index]))


def defer_layers(checkpoint, pending):
    """Pending values under a layer not built yet: assigned when it is built."""
    for path, layer in unbuilt_layers(checkpoint, ""):
        keys = [key for key in pending if key.startswith(path + "/")]
        if not keys or "_maybe_build" in vars(layer):
            continue
        build = layer._maybe_build

        def built_then_restored(inputs, layer=layer, build=build, path=path):
            build(inputs)
            del layer._maybe_build   # the class's own again
            if not hasattr(layer, "_build_graph_network_for_inferred_shape") or \
                    variables_of(layer, path):
                restore_built(layer, path, pending)
                return
            # a Sequential without an input shape makes its layers' weights in its first
            # call, when it builds its graph for the shape it is given: restored then,
            # before that call computes anything
            make_graph = layer._build_graph_network_for_inferred_shape

            def graph_made_then_restored(*args, **kwargs):
                del layer._build_graph_network_for_inferred_shape   # the class's own again
                make_graph(*args, **kwargs)
                restore_built(layer, path, pending)
            layer._build_graph_network_for_inferred_shape = graph_made_then_restored
        layer._maybe_build = built_then_restored


def restore_built(layer, path, pending):
    """Assign the pending values of a layer now built to its variables."""
    for key, variable in variables_of(layer, path):
        value = pending.get(key + SUFFIX)
        if value is not None and value.shape == variable.value.shape:
            variable.assign(value.astype(variable.value.dtype))
            del pending[key + SUFFIX]


class CheckpointLoadStatus:
    """What ``restore`` matched: TensorFlow's assertions on it."""

    def __init__(self, checkpoint, saved, pending, current):
        self.checkpoint, self.saved, self.pending = checkpoint, saved, pending
        self.matched = {key for key in saved if key in current}
        self.current = current

    def assert_consumed(self):
        """Every saved value was assigned to a variable (a pending slot is not yet)."""
        for key in sorted(self.pending):
            path = "(root)." + key[:-len(SUFFIX)].replace("/", ".")
            raise AssertionError(
                f"Unresolved object in checkpoint {path}: attributes {{\n  name: "
                f"\"VARIABLE_VALUE\"\n  full_name: \"{self.saved.names.get(key, '')}\"\n  "
                f"checkpoint_key: \"{key}\"\n}}\nhas_checkpoint_values {{\n  value: true\n}}\n")
        return self.assert_existing_objects_matched()

    def assert_existing_objects_matched(self):
        """Every variable of the checkpointed objects got a saved value."""
        current = {key + SUFFIX: v for key, v in variables_of(self.checkpoint, "")}
        for key, variable in current.items():
            if key not in self.saved:
                raise AssertionError(f"Object {variable!r} not assigned a value from "
                                     "checkpoint.")
        return self

    def assert_nontrivial_match(self):
        if not self.matched:
            raise AssertionError(
                "Nothing except the root object matched a checkpointed value. Typically this "
                "means that the checkpoint does not match the Python program. The following "
                f"objects have no matching checkpointed value: {list(self.current.values())}")
        return self

    def expect_partial(self):
        return self

    def run_restore_ops(self, session=None):
        """Nothing to run: values are assigned eagerly."""


class InitializationOnlyStatus:
    """``restore(None)``: nothing restored; every assertion says so."""

    MESSAGE = "No checkpoint specified (save_path=None); nothing is being restored."

    def assert_consumed(self):
        raise AssertionError(self.MESSAGE)

    def assert_existing_objects_matched(self):
        raise AssertionError(self.MESSAGE)

    def assert_nontrivial_match(self):
        raise AssertionError(self.MESSAGE)

    def expect_partial(self):
        return self

    def run_restore_ops(self, session=None):
        raise AssertionError("No checkpoint specified, so no restore ops are available "
                             "(save_path=None to Saver.restore).")

    def initialize_or_restore(self, session=None):
        """Variables are initialized when made: nothing to do."""
