"""Which file format a path means: ``keras.saving.saving_api``.

Owns the choice tf_keras 2.21 makes from the path (or ``save_format``):

- ``Model.save`` / ``save_model``: ``.keras`` -> the ``.keras`` archive
  (``saving_lib``); ``.h5``/``.hdf5`` or ``save_format="h5"`` -> Keras's legacy
  whole-model HDF5 file (``hdf5_format``: config, weights and, for a compiled model
  unless ``include_optimizer=False``, the compile settings and the optimizer's
  variables); any other path (where Keras writes a
  TensorFlow SavedModel folder) -> tracekeras's own weights file with the model's
  config in its manifest (``weights_format``, one file at exactly that path).
- ``load_model``: a ``.keras`` ZIP archive -> ``saving_lib.load_model``;
  tracekeras's own weights file with a config -> the model rebuilt from it and
  its weights loaded (not compiled); a legacy ``.h5`` model file -> its config and
  weights, compiled from its ``training_config`` when ``compile=True``; anything else
  is refused with the reason.
- ``save_weights``: ``.weights.h5`` -> the saving_lib layout (layers, optimizer,
  metrics); ``.h5``, ``.hdf5``, ``.keras`` or ``save_format="h5"`` -> the legacy
  HDF5 layout (``hdf5_format``); any other path (Keras: a TensorFlow checkpoint)
  -> tracekeras's own weights file (``weights_format``), and the folder's ``checkpoint``
  state file names it, as TensorFlow's does (so ``tf.train.latest_checkpoint`` finds it);
  refused where that state file would have the checkpoint's own path
  (``checkpoint_state_conflict``).
- ``load_weights``: a ``.keras`` ZIP archive or a ``.weights.h5`` file ->
  ``saving_lib.load_weights_only``; ``.h5``/``.hdf5``/``.keras`` -> the legacy
  layout; any other path -> tracekeras's own weights file.

Receives the model and the path; hands the work on to those modules. Trace
events: ``keras.saving.saving_api.save_weights`` and ``load_weights`` (stage
"weights", with the format chosen); the modules trace their own work.
"""
import logging
import os
import warnings
import zipfile

from tracekeras import tracing
from tracekeras.saving import (
    checkpoint_management,
    file_checks,
    hdf5_format,
    saving_lib,
    weights_format,
)

H5_SUFFIXES = (".h5", ".hdf5", ".keras")
logger = logging.getLogger("tracekeras")


def get_save_format(filepath, save_format):
    """tf_keras's ``get_save_format``: "keras", "h5" or "tf"."""
    if save_format:
        if save_format in ("keras", "keras_v3"):
            return "keras"
        if save_format in ("h5", "hdf5"):
            return "h5"
        if save_format in ("tf", "tensorflow"):
            return "tf"
        raise ValueError("Unknown `save_format` argument. Expected one of 'keras', 'tf', or "
                         f"'h5'. Received: save_format={save_format}")
    if filepath.endswith(".keras"):
        return "keras"
    if filepath.endswith((".h5", ".hdf5")):
        return "h5"
    return "tf"


def save_model(model, filepath, overwrite=True, save_format=None, **kwargs):
    """``model.save(filepath)``: the format follows the path (see the module docstring)."""
    filepath = os.fspath(filepath)
    save_format = get_save_format(filepath, save_format)
    if save_format == "keras":
        if os.path.exists(filepath) and not overwrite:
            raise FileExistsError(f"Cannot save the model to {filepath!r}: the file exists and "
                                  "overwrite=False. Pass overwrite=True to replace it.")
        if kwargs:
            raise ValueError("The following argument(s) are not supported with the native "
                             f"TF-Keras format: {list(kwargs.keys())}")
        saving_lib.save_model(model, filepath)
    elif save_format == "h5":
        # a UserWarning, as Keras's: Python shows it once per calling line (a checkpoint
        # saving every epoch says it once)
        warnings.warn("You are saving your model as an HDF5 file via `model.save()`. This "
                      "file format is considered legacy. We recommend using instead the "
                      "native TF-Keras format, e.g. `model.save('my_model.keras')`.",
                      UserWarning, stacklevel=2)
        include_optimizer = kwargs.pop("include_optimizer", True)
        if kwargs:
            raise TypeError(f"Invalid keyword arguments for an HDF5 save: {list(kwargs)}")
        hdf5_format.save_model_to_hdf5(model, filepath, overwrite=overwrite,
                                       include_optimizer=include_optimizer)
    else:
        logger.info("tracekeras writes no TensorFlow SavedModel: %r gets tracekeras's weights "
                    "file with the model's config (read it with load_model).", filepath)
        weights_format.save_weights(model, filepath, overwrite=overwrite, include_config=True)


def load_model(filepath, custom_objects=None, compile=True, safe_mode=True,
               **kwargs):
    """The model saved at ``filepath`` (a ``.keras`` archive, or tracekeras's weights file)."""
    filepath = os.fspath(filepath)
    if kwargs:
        raise ValueError("The following argument(s) are not supported with the native "
                         f"TF-Keras format: {list(kwargs.keys())}")
    if not os.path.exists(filepath):
        raise OSError(f"No file or directory found at {filepath}")
    if os.path.isdir(filepath):
        raise OSError(f"Unable to load a model from {filepath!r}: it is a directory (a "
                      "TensorFlow SavedModel?). tracekeras reads `.keras` files.")
    if filepath.endswith(".keras"):
        return saving_lib.load_model(filepath, custom_objects=custom_objects, compile=compile,
                                     safe_mode=safe_mode)
    if zipfile.is_zipfile(filepath):
        return load_from_weights_file(filepath, custom_objects)
    with open(filepath, "rb") as f:
        hdf5 = f.read(8) == weights_format.HDF5_SIGNATURE
    if hdf5:
        return hdf5_format.load_model_from_hdf5(filepath, custom_objects, compile=compile)
    raise OSError(f"Unable to load a model from {filepath!r}: it is neither a `.keras` "
                  "archive nor a tracekeras weights file.")


def load_from_weights_file(filepath, custom_objects=None):
    """A model from tracekeras's weights file written by ``model.save`` (config included)."""
    from tracekeras.saving import serialization_lib
    zf, manifest = weights_format.open_weights_file(filepath)
    zf.close()
    config = weights_format.saved_model_config(manifest, filepath)
    if config is None:
        raise ValueError(f"Unable to load a model from {filepath!r}: the weights file has no "
                         "model config (it was written by save_weights). Build the model in "
                         "Python and call model.load_weights.")
    model = serialization_lib.deserialize_keras_object(config, custom_objects)
    weights_format.load_weights(model, filepath)
    saving_lib.finalize_loaded(model)
    with file_checks.open_zip(filepath) as zf:
        saving_lib.read_assets(model, zf, filepath)   # lookup vocabularies, as in .keras
    return model


def weights_kind(filepath, save_format=None):
    if filepath.endswith(".weights.h5"):
        return "weights.h5"
    if save_format in ("h5", "hdf5") or filepath.endswith(H5_SUFFIXES):
        return "h5"
    return "tracekeras"


@tracing.traced("weights",
                args=lambda model, filepath, overwrite=True, save_format=None: {
                    "filepath": os.fspath(filepath), "overwrite": overwrite,
                    "format": weights_kind(os.fspath(filepath), save_format)})
def save_weights(model, filepath, overwrite=True, save_format=None):
    """``model.save_weights(filepath)``: the layout follows the suffix (module docstring)."""
    filepath = os.fspath(filepath)
    kind = weights_kind(filepath, save_format)
    if os.path.isdir(filepath):
        raise IsADirectoryError(f"Cannot save weights to {filepath!r}: it is a directory. "
                                "Expected a file path.")
    if not overwrite and os.path.exists(filepath):
        raise FileExistsError(f"Cannot save weights to {filepath!r}: the file exists and "
                              "overwrite=False. Pass overwrite=True to replace it.")
    if kind == "tracekeras" and checkpoint_state_conflict(filepath):
        raise RuntimeError(f"Save path '{filepath}' conflicts with path used for checkpoint "
                           "state.  Please use a different save path.")
    if kind == "weights.h5":
        saving_lib.save_weights_only(model, filepath)
    elif kind == "h5":
        hdf5_format.save_weights(model, filepath)
    else:
        weights_format.save_weights(model, filepath)
        record_checkpoint_state(filepath)


def record_checkpoint_state(filepath):
    """As tf_keras after a TF-format ``save_weights``: the folder's ``checkpoint`` state file
    names this save, so ``tf.train.latest_checkpoint(folder)`` finds it. Not where the
    weights file itself is that state file (``sub/checkpoint``: TensorFlow's data files
    are ``sub/checkpoint.index`` and so on, tracekeras's one file would be overwritten)."""
    save_dir = os.path.dirname(filepath) or "."
    state = os.path.join(save_dir, checkpoint_management.STATE_FILE)
    if os.path.normpath(state) != os.path.normpath(filepath):
        checkpoint_management.update_checkpoint_state(save_dir, filepath, [filepath])


def recorded_path(filepath):
    """The path TensorFlow's state file records for ``filepath``: relative to its folder."""
    save_dir = os.path.dirname(filepath)
    recorded = os.path.relpath(filepath, save_dir) if os.path.isabs(filepath) else filepath
    if save_dir and not os.path.isabs(save_dir) and not os.path.isabs(recorded):
        recorded = os.path.relpath(recorded, save_dir)
    return recorded


def checkpoint_state_conflict(filepath):
    """Would TensorFlow's ``checkpoint`` state file, written beside a TF-format checkpoint
    (``update_checkpoint_state(save_dir=dirname, save_relative_paths=True)``), have the
    checkpoint's own path? It records the path relative to its folder; only a bare
    ``checkpoint`` in the working folder then collides (``./checkpoint``, ``sub/checkpoint``
    and absolute paths do not). TensorFlow writes the checkpoint, then refuses; tracekeras
    refuses before writing anything."""
    save_dir = os.path.dirname(filepath)
    recorded = recorded_path(filepath)
    return os.path.join(save_dir, "checkpoint") == recorded


@tracing.traced("weights",
                args=lambda model, filepath, skip_mismatch=False, by_name=False: {
                    "filepath": os.fspath(filepath), "by_name": by_name,
                    "skip_mismatch": skip_mismatch})
def load_weights(model, filepath, skip_mismatch=False, by_name=False):
    """``model.load_weights(filepath)``: the reader follows the suffix and the file."""
    filepath = os.fspath(filepath)
    if (filepath.endswith(".keras") and zipfile.is_zipfile(filepath)) or filepath.endswith(
            ".weights.h5"):
        saving_lib.load_weights_only(model, filepath, skip_mismatch=skip_mismatch)
    elif filepath.endswith(H5_SUFFIXES):
        loaded, skipped = hdf5_format.load_weights(model, filepath, skip_mismatch=skip_mismatch,
                                                   by_name=by_name)
        tracing.note(weights_loaded=loaded, skipped=skipped)
    else:
        weights_format.load_weights(model, filepath, skip_mismatch=skip_mismatch,
                                    by_name=by_name)


__all__ = ["load_model", "load_weights", "save_model", "save_weights"]
