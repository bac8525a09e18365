"""A weights file checked against the model before anything is read in full or assigned.

Owns what the three weights loaders (``saving_lib`` for ``.keras`` and
``.weights.h5``, ``hdf5_format`` for legacy ``.h5``, ``weights_format`` for
tracekeras's own file) share so that a bad file changes nothing and costs no
more memory than the model's own weights:

- ``BadWeightsFile``: the one error a bad file raises, a ``ValueError`` whose
  message names the file, the variable or layer path, what was expected and
  what was found. Where tf_keras raises another type for the same file, a
  subclass is that type too (``NotAnArchive`` is an ``OSError``,
  ``MissingMember`` a ``KeyError``), so code written for either catches it.
- ``SavedArray``: one array of the file, known by its DECLARED shape and dtype
  (an HDF5 dataset's ``.shape``/``.dtype``, a ``.npy`` header) and read only
  by ``load()``, after the declared shape matched its variable; ``h5_array``
  and ``npy_array`` make one.
- ``materialize`` and ``assign_all``: every array read and converted to its
  variable's dtype first, then every variable assigned (all or nothing).
- ``reading``: a context in which a damaged file's error from h5py or
  zipfile, wherever it surfaces, becomes a ``BadWeightsFile``.
- ``read_hdf5_bytes``: an HDF5 file's bytes (a ``.weights.h5`` file or a legacy
  ``.h5`` one), refused when missing or without the HDF5 signature.
- ``read_member``: a ZIP member whose declared uncompressed size is checked
  against a limit before it is decompressed, and whose reading is capped.
- ``check_model_config``: the structure of a saved model config (``layers``
  must be a list of layer configs) before it is deserialized.

Receives open files (``zipfile.ZipFile``, ``h5py`` groups) and the model's
variables; hands on checked arrays. No trace events (the loaders trace).
"""
import contextlib
import io
import json
import math
import os
import zipfile
import zlib

import h5py
import numpy as np

MIB = 1 << 20
HDF5_SIGNATURE = b"\x89HDF\r\n\x1a\n"   # the first bytes of every HDF5 file
MAX_JSON_BYTES = 64 * MIB          # config.json, metadata.json, the tracekeras manifest
NUMERIC_KINDS = {"b": "b", "i": "iu", "u": "iu", "f": "f"}   # variable kind -> file kinds


class BadWeightsFile(ValueError):
    """A weights or model file that does not fit the model, or is damaged."""


class NotAnArchive(BadWeightsFile, OSError):
    """Not a ZIP archive where one was expected (tf_keras raises ``OSError`` here)."""

    def __init__(self, message):
        ValueError.__init__(self, message)

    def __str__(self):
        return self.args[0]


class MissingMember(BadWeightsFile, KeyError):
    """A member the file's own index names is not there (tf_keras: ``KeyError``)."""

    def __str__(self):   # KeyError would print the message quoted
        return self.args[0]


def where(filepath, path=None):
    return f"{filepath!r}" + (f" (at {path!r})" if path else "")


def bad_file(filepath, problem, path=None):
    return BadWeightsFile(f"Unable to load weights from {where(filepath, path)}: {problem}")


@contextlib.contextmanager
def reading(filepath):
    """Inside: a damaged file's error from h5py or zipfile becomes a ``BadWeightsFile``.

    h5py reports a damaged file as ``OSError``, ``RuntimeError``, ``KeyError`` or
    ``TypeError`` from wherever it first notices (an attribute, a group, a
    dataset). The checks' own ``ValueError`` (Keras's mismatch messages, which
    name the layer or variable) become a ``BadWeightsFile`` with the same words
    and the file's name.
    """
    try:
        yield
    except BadWeightsFile:
        raise
    except ValueError as e:   # Keras's mismatch messages: the same words, and the file
        raise BadWeightsFile(f"{e} File: {filepath!r}.") from None
    except (OSError, RuntimeError, KeyError, TypeError, IndexError, AttributeError, EOFError,
            OverflowError, zipfile.BadZipFile, zlib.error) as e:
        raise bad_file(filepath, f"the file is damaged ({type(e).__name__}: {e}).") from None


class SavedArray:
    """An array in a file, known by its declared shape and dtype until ``load()``."""

    def __init__(self, shape, dtype, path, load):
        self.shape, self.dtype, self.path, self.load = tuple(shape), np.dtype(dtype), path, load


def h5_array(group, key, filepath, path):
    """The dataset ``group[key]`` as a ``SavedArray`` (nothing of its data read)."""
    try:
        dataset = group[key]
    except KeyError:
        raise MissingMember(f"Unable to load weights from {where(filepath, path)}: the file "
                            f"names the dataset {key!r} but holds no such dataset.") from None
    except (OSError, RuntimeError, ValueError) as e:
        raise bad_file(filepath, f"the dataset {key!r} cannot be opened ({e}).", path) from None
    if not isinstance(dataset, h5py.Dataset):
        raise bad_file(filepath, f"expected a dataset at {key!r}, found a "
                                 f"{type(dataset).__name__}.", path)
    try:
        shape, dtype = dataset.shape, dataset.dtype
    except (OSError, RuntimeError, ValueError, TypeError) as e:
        raise bad_file(filepath, f"the dataset {key!r} cannot be read ({e}).", path) from None
    if shape is None:   # an empty dataspace (h5py.Empty)
        shape = ()
    if dtype.kind in "fiu" and not is_standard_number_type(dataset):
        raise bad_file(filepath, f"the dataset {key!r} declares a non-standard {dtype} layout "
                                 "(bit positions or exponent bias differ from IEEE and the "
                                 "standard integers): a damaged type description.", path)
    return SavedArray(shape, dtype, path, lambda: dataset[()])


STANDARD_NUMBER_TYPES = tuple(
    getattr(h5py.h5t, f"{family}{bits}{order}")
    for family, widths in (("IEEE_F", (16, 32, 64)), ("STD_I", (8, 16, 32, 64)),
                           ("STD_U", (8, 16, 32, 64)))
    for bits in widths for order in ("LE", "BE"))


def is_standard_number_type(dataset):
    """Whether the dataset's HDF5 number type is IEEE or a standard integer, bit for bit
    (a flipped bit in a type description still gives a numeric dtype that decodes wrong)."""
    tid = dataset.id.get_type()
    return any(tid.equal(standard) for standard in STANDARD_NUMBER_TYPES)


def variable_dtype(variable, saved):
    return np.dtype(getattr(variable, "dtype", None) or saved.dtype)


def variable_shape(variable, saved):
    """The shape the variable takes from the file: its own, where an unknown dimension
    (Keras's ``(2, None)``) is the saved array's."""
    shape = getattr(variable, "shape", None)
    if shape is None:
        return saved.shape
    shape = tuple(shape)
    if None in shape and len(shape) == len(saved.shape):
        return tuple(s if d is None else d for d, s in zip(shape, saved.shape))
    return shape


def check_dtype(variable, saved, filepath):
    """A numeric array of the variable's kind (any width: float64 loads into float32)."""
    want = variable_dtype(variable, saved)
    allowed = NUMERIC_KINDS.get(want.kind, want.kind)
    if saved.dtype.kind not in allowed or saved.dtype.fields is not None:
        raise bad_file(filepath, f"variable '{variable.name}' expected a {want} array of shape "
                                 f"{variable_shape(variable, saved)}, but the file holds dtype "
                                 f"{saved.dtype} (shape {saved.shape}).", saved.path)


def materialize(pairs, filepath):
    """``[(variable, SavedArray)]`` -> ``[(variable, ndarray in the variable's dtype)]``.

    Every dtype is checked before any data is read; every array is read before
    the caller assigns anything. A read that fails (a damaged file) is a
    ``BadWeightsFile`` naming the array.
    """
    for variable, saved in pairs:
        check_dtype(variable, saved, filepath)
    out = []
    for variable, saved in pairs:
        try:
            value = np.asarray(saved.load())
        except BadWeightsFile:
            raise
        except (OSError, RuntimeError, ValueError, TypeError, KeyError, EOFError,
                zipfile.BadZipFile, zlib.error) as e:
            raise bad_file(filepath, f"the array of variable '{variable.name}' cannot be read "
                                     f"({type(e).__name__}: {e}).", saved.path) from None
        if value.shape != variable_shape(variable, saved):
            raise bad_file(filepath, f"variable '{variable.name}' expected shape "
                                     f"{variable_shape(variable, saved)}, but reading gave "
                                     f"{value.shape} {value.dtype}.", saved.path)
        out.append((variable, value.astype(variable_dtype(variable, saved), copy=False)))
    return out


def assign_all(pairs):
    """Assign checked, converted values (``materialize``): nothing here can fail half way."""
    for variable, value in pairs:
        variable.assign(value)


def read_member(zf, name, limit, filepath):
    """The bytes of member ``name``: its declared size checked, at most ``limit`` bytes read."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        raise MissingMember(f"Unable to load weights from {where(filepath)}: there is no item "
                            f"named {name!r} in the archive.") from None
    if info.file_size > limit:
        raise bad_file(filepath, f"the archive member {name!r} declares {info.file_size} bytes "
                                 f"uncompressed; at most {limit} were expected for this model "
                                 "(a damaged file, or a ZIP bomb).")
    try:
        with zf.open(info) as member:
            data = member.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError,
            NotImplementedError, RuntimeError) as e:
        raise bad_file(filepath, f"the archive member {name!r} cannot be read "
                                 f"({type(e).__name__}: {e}).") from None
    if len(data) != info.file_size:
        raise bad_file(filepath, f"the archive member {name!r} holds {len(data)} bytes, "
                                 f"but declares {info.file_size}.")
    return data


def read_json_member(zf, name, filepath):
    data = read_member(zf, name, MAX_JSON_BYTES, filepath)
    try:
        return json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        raise bad_file(filepath, f"the archive member {name!r} is not valid JSON ({e}).") from None


def read_hdf5_bytes(filepath, written_to):
    """The bytes of an HDF5 file (a weights file, a legacy ``.h5`` model), refused when it
    is missing or has no HDF5 signature; ``written_to``: the path suffix the file is expected
    to have been saved to, for the message."""
    if not os.path.exists(filepath):
        raise FileNotFoundError(f"Unable to load weights from {filepath!r}: no such file.")
    with open(filepath, "rb") as f:
        data = f.read()
    if not data.startswith(HDF5_SIGNATURE):
        zip_note = " nor a ZIP archive (a truncated .keras file?)" if filepath.endswith(
            ".keras") else ""
        raise bad_file(filepath, f"it is not an HDF5 file (file signature not found){zip_note}. "
                                 f"Expected a file written by `save_weights` to a "
                                 f"`{written_to}` path.")
    return data


def open_zip(filepath):
    """The ZIP archive at ``filepath``; ``NotAnArchive`` if it is none or its index is broken."""
    try:
        return zipfile.ZipFile(filepath, "r")
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError,
            NotImplementedError, RuntimeError, UnicodeDecodeError) as e:
        raise NotAnArchive(f"Unable to load from {filepath!r}: it is not a readable ZIP "
                           f"archive ({type(e).__name__}: {e}); a truncated or damaged "
                           "file?") from None


def open_h5(data, filepath, member=None):
    """An ``h5py.File`` over the bytes ``data``; a damaged file is a ``BadWeightsFile``."""
    try:
        return h5py.File(io.BytesIO(data), "r")
    except (OSError, RuntimeError, ValueError, KeyError) as e:
        inside = f"its member {member!r} " if member else ""
        raise bad_file(filepath, f"{inside}is not a readable HDF5 file ({e}); a truncated "
                                 "or damaged file?") from None


def h5_size_limit(variables):
    """How many bytes a weights file for these variables may hold: generous, but bounded.

    Room for the values (float64 where the variables are float32), an optimizer's
    slots not built yet (up to three per variable) and HDF5's own bookkeeping. An unknown
    dimension (a Discretization's summary, about ``1 / epsilon`` points) counts 1: the
    4 MiB of room hold it.
    """
    values = sum(int(np.prod([1 if d is None else d for d in v.shape], dtype=np.int64)) * 8
                 for v in variables)
    return 8 * values + 4096 * len(variables) + 4 * MIB


def check_model_config(config, filepath, member):
    """A saved model config is a dict with ``class_name``; every ``layers`` is a list of
    layer configs (dicts with ``class_name``), before any of it is deserialized."""
    def bad(path, expected, found):
        return bad_file(filepath, f"the model config in {member!r} is malformed at "
                                  f"{path!r}: expected {expected}, found {found}.")

    def found(value):
        text = repr(value)
        return f"{type(value).__name__} {text[:40]}{'...' if len(text) > 40 else ''}"

    def walk(node, path):
        if isinstance(node, dict):
            if "layers" in node:
                layers = node["layers"]
                if not isinstance(layers, list):
                    raise bad(f"{path}/layers", "a list of layer configs", found(layers))
                for i, layer in enumerate(layers):
                    if not isinstance(layer, dict) or not isinstance(layer.get("class_name"),
                                                                     str):
                        raise bad(f"{path}/layers/{i}", "a dict with a 'class_name'",
                                  found(layer))
            for key, value in node.items():
                walk(value, f"{path}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{path}/{i}")

    if not isinstance(config, dict) or not isinstance(config.get("class_name"), str):
        raise bad("", "a dict with a 'class_name'", found(config))
    walk(config, "")


NPY_HEADER_READERS = {(1, 0): np.lib.format.read_array_header_1_0,
                      (2, 0): np.lib.format.read_array_header_2_0}


def npy_array(zf, name, filepath, path):
    """The ``.npy`` member ``name`` as a ``SavedArray``: only its header read.

    The member's declared size must be its header plus exactly the bytes its
    declared shape and dtype need, so a member declaring a huge shape is refused
    before a byte of data is read or allocated.
    """
    try:
        info = zf.getinfo(name)
    except KeyError:
        raise MissingMember(f"Unable to load weights from {where(filepath, path)}: the manifest "
                            f"names the member {name!r} but the archive has no such member."
                            ) from None
    try:
        with zf.open(info) as member:
            version = np.lib.format.read_magic(member)
            if version not in NPY_HEADER_READERS:
                raise ValueError(f"unsupported .npy format version {version}")
            shape, fortran, dtype = NPY_HEADER_READERS[version](member)
            offset = member.tell()
    except (ValueError, OSError, EOFError, SyntaxError, TypeError, zipfile.BadZipFile,
            zlib.error, NotImplementedError, RuntimeError) as e:
        raise bad_file(filepath, f"the member {name!r} is not a readable .npy array "
                                 f"({type(e).__name__}: {e}).", path) from None
    if dtype.hasobject:
        raise bad_file(filepath, f"the member {name!r} holds Python objects (dtype {dtype}); "
                                 "expected a numeric array.", path)
    nbytes = math.prod(shape) * dtype.itemsize
    if info.file_size != offset + nbytes:
        raise bad_file(filepath, f"the member {name!r} declares {info.file_size} bytes, but "
                                 f"its header declares a {dtype} array of shape {shape}, which "
                                 f"needs {offset + nbytes} (a damaged file, or a ZIP bomb).",
                       path)

    def load():
        with zf.open(info) as member:
            member.read(offset)
            data = member.read(nbytes + 1)   # to the end: the member's CRC is checked there
        if len(data) != nbytes:
            raise ValueError(f"the member holds {len(data)} bytes of data, expected {nbytes}")
        return np.frombuffer(data, dtype=dtype).reshape(shape, order="F" if fortran else "C")
    return SavedArray(shape, dtype, path, load)


__all__ = ["BadWeightsFile", "MissingMember", "NotAnArchive", "SavedArray", "assign_all",
           "check_model_config", "h5_array", "materialize", "npy_array", "open_h5", "open_zip",
           "read_member"]
