"""Damaged weights files and the tiny models of the bad-file tests.

``FORMATS`` are the four files ``load_weights`` reads: the ``.keras`` archive,
``.weights.h5`` (both tf_keras's saving_lib layout, with the optimizer's
state), the legacy ``.h5`` layout and tracekeras's own file (no suffix: a ZIP
of ``.npy`` members and a JSON manifest). ``corrupt(fmt, data, kind, pick,
detail)`` returns the bytes of the file damaged one way:

- ``truncate``: cut at a fraction of the length;
- ``flip``: one bit flipped somewhere;
- ``dtype``: one array rewritten as strings, complex numbers or the wrong kind
  of number (same shape);
- ``shape``: one array rewritten with another shape;
- ``remove``: one layer variable removed;
- ``extra``: one variable added to a layer;
- ``count``: one layer with weights removed whole.

``pick`` chooses the array (modulo the candidates: every array for dtype and
shape, layer variables otherwise; tf_keras skips an optimizer whose variable
count differs, so removing one of its variables is no error). Files stay tiny;
nothing here allocates more than the file.

The models: a source whose files are damaged, a target they are loaded into.
``source()`` and ``target()`` share one architecture (Dense(3) -> Dropout ->
Dense(2) on 4 features, Adam): each has trained one step on different data, so
every weight and every Adam slot differs between them. ``state(model)`` is
everything a load may change, as bytes: the weights and the optimizer's
variables (``iterations`` and Adam's slots).
"""
import io
import json
import os
import zipfile

import h5py
import numpy as np

from tracekeras import layers
from tracekeras.backend import clear_session
from tracekeras.models import Sequential
from tracekeras.utils import set_random_seed

FORMATS = ("keras", "weights.h5", "h5", "tracekeras")
KINDS = ("truncate", "flip", "dtype", "shape", "remove", "extra", "count")
SUFFIX = {"keras": ".keras", "weights.h5": ".weights.h5", "h5": ".h5", "tracekeras": ""}
VARS = "model.weights.h5"
MANIFEST = "tracekeras_weights.json"
NEW_DTYPES = ("S4", "complex64", "int32", "bool")


# -- ZIP archives ----------------------------------------------------------------------------
def read_zip(data):
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def write_zip(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as zf:
        for name, blob in members.items():
            zf.writestr(name, blob)
    return buffer.getvalue()


def set_declared_size(data, name, size):
    """The archive with member ``name``'s declared uncompressed size set to ``size`` (in the
    central directory, which ``zipfile`` reads): a ZIP bomb's header, without its bytes."""
    encoded = name.encode()
    at = data.rfind(b"PK\x01\x02")
    while at >= 0 and data[at + 46:at + 46 + len(encoded)] != encoded:
        at = data.rfind(b"PK\x01\x02", 0, at)
    assert at >= 0, name
    return data[:at + 24] + int(size).to_bytes(4, "little") + data[at + 28:]


# -- HDF5 files ------------------------------------------------------------------------------
def edit_h5(data, edit):
    """``data`` (HDF5 bytes) after ``edit(h5py.File)``."""
    buffer = io.BytesIO(data)
    with h5py.File(buffer, "r+") as h5:
        edit(h5)
    return buffer.getvalue()


def datasets(h5):
    found = []
    h5.visititems(lambda name, obj: found.append(name) if isinstance(obj, h5py.Dataset)
                  else None)
    return sorted(found)


def layer_datasets(h5, fmt):
    if fmt == "h5":
        return datasets(h5)
    return [d for d in datasets(h5) if d.startswith("layers/")]


def replace_dataset(h5, path, value):
    del h5[path]
    h5.create_dataset(path, data=value)


def other_dtype(value, detail):
    new = np.dtype(NEW_DTYPES[detail % len(NEW_DTYPES)])
    if new.kind == value.dtype.kind or (new.kind in "iu" and value.dtype.kind in "iu"):
        new = np.dtype("S4")
    if new.kind == "S":
        return np.full(value.shape, b"ab", dtype=new)
    return np.ones(value.shape, dtype=new)


def other_shape(value, detail):
    shapes = [value.shape + (1,), value.shape[:-1] + (value.shape[-1] + 1,) if value.shape
              else (2,), (value.size + 1,)]
    return np.zeros(shapes[detail % len(shapes)], dtype=value.dtype)


def corrupt_h5(data, fmt, kind, pick, detail):
    def edit(h5):
        every, layers = datasets(h5), layer_datasets(h5, fmt)
        if kind in ("dtype", "shape"):
            path = every[pick % len(every)]
            value = h5[path][()]
            replace_dataset(h5, path, other_dtype(value, detail) if kind == "dtype"
                            else other_shape(value, detail))
        elif fmt == "h5":
            edit_legacy_names(h5, layers[pick % len(layers)], kind)
        else:
            path = layers[pick % len(layers)]
            group = path.rsplit("/", 2)[0]   # layers/<name>
            if kind == "remove":
                del h5[path]
            elif kind == "extra":
                h5.create_dataset(f"{group}/vars/{len(h5[group + '/vars'])}", data=np.zeros(2))
            else:
                del h5[group]
    return edit_h5(data, edit)


def edit_legacy_names(h5, path, kind):
    """The legacy layout: a layer's ``weight_names`` (and the root's ``layer_names``)."""
    layer = path.split("/", 1)[0]
    names = [n.decode() if hasattr(n, "decode") else n for n in h5[layer].attrs["weight_names"]]
    weight = path.split("/", 1)[1]
    if kind == "remove":
        del h5[path]
        names.remove(weight)
        h5[layer].attrs["weight_names"] = [n.encode() for n in names]
    elif kind == "extra":
        h5[layer].create_dataset("extra_weight:0", data=np.zeros(2))
        h5[layer].attrs["weight_names"] = [n.encode() for n in names + ["extra_weight:0"]]
    else:
        kept = [n for n in h5.attrs["layer_names"] if (n.decode() if hasattr(n, "decode")
                                                       else n) != layer]
        h5.attrs["layer_names"] = kept
        del h5[layer]


# -- tracekeras's own file -------------------------------------------------------------------
def load_npy(blob):
    return np.lib.format.read_array(io.BytesIO(blob), allow_pickle=False)


def npy_bytes(value):
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, value, allow_pickle=False)
    return buffer.getvalue()


def corrupt_tracekeras(data, kind, pick, detail):
    members = read_zip(data)
    manifest = json.loads(members[MANIFEST])
    entries = [(layer, entry) for layer in manifest["layers"] for entry in layer["weights"]]
    layer, entry = entries[pick % len(entries)]
    name = entry["key"] + ".npy"
    if kind in ("dtype", "shape"):
        value = load_npy(members[name])
        members[name] = npy_bytes(other_dtype(value, detail) if kind == "dtype"
                                  else other_shape(value, detail))
    elif kind == "remove":
        del members[name]
    elif kind == "extra":
        key = entry["key"] + "_extra"
        layer["weights"].append(dict(entry, key=key, name=key))
        members[key + ".npy"] = npy_bytes(np.zeros(2, np.float32))
    else:
        manifest["layers"].remove(layer)
    members[MANIFEST] = json.dumps(manifest).encode()
    return write_zip(members)


# -- any format ------------------------------------------------------------------------------
def corrupt(fmt, data, kind, pick, detail):
    """The bytes of a ``fmt`` file ``data`` damaged by ``kind`` (see the module docstring)."""
    if kind == "truncate":
        return data[:(pick * 7919) % len(data)]
    if kind == "flip":
        at = (pick * 7919 + detail) % len(data)
        return data[:at] + bytes([data[at] ^ (1 << (detail % 8))]) + data[at + 1:]
    if fmt == "tracekeras":
        return corrupt_tracekeras(data, kind, pick, detail)
    if fmt == "keras":
        members = read_zip(data)
        members[VARS] = corrupt_h5(members[VARS], fmt, kind, pick, detail)
        return write_zip(members)
    return corrupt_h5(data, fmt, kind, pick, detail)


# -- the models ------------------------------------------------------------------------------
def model(seed):
    clear_session()
    set_random_seed(seed)
    m = Sequential([layers.Input((4,)), layers.Dense(3, activation="relu"),
                    layers.Dropout(0.5), layers.Dense(2)])
    m.compile(optimizer="adam", loss="mse")
    rng = np.random.default_rng(seed)
    m.fit(rng.normal(size=(8, 4)).astype("float32"), rng.normal(size=(8, 2)).astype("float32"),
          batch_size=8, epochs=1, verbose=0)
    return m


def source():
    return model(1)


def target():
    return model(2)


def state(m):
    return ([w.tobytes() for w in m.get_weights()]
            + [np.asarray(v.numpy()).tobytes() for v in m.optimizer.variables])


def set_state(m, saved):
    """Put back a ``state(m)`` (after a load that was allowed to change the model)."""
    weights = m.get_weights()
    m.set_weights([np.frombuffer(b, w.dtype).reshape(w.shape)
                   for b, w in zip(saved, weights)])
    for v, b in zip(m.optimizer.variables, saved[len(weights):]):
        v.assign(np.frombuffer(b, np.asarray(v.numpy()).dtype).reshape(v.shape))


def save_all(m, folder):
    """``{format: bytes}`` of ``m`` saved in every format ``load_weights`` reads."""
    out = {}
    for fmt, suffix in SUFFIX.items():
        path = os.path.join(folder, "source" + suffix if suffix else "source_tk")
        if fmt == "keras":
            m.save(path)
        else:
            m.save_weights(path)
        with open(path, "rb") as f:
            out[fmt] = f.read()
    return out


def path_for(folder, fmt, name="damaged"):
    return os.path.join(folder, name + SUFFIX[fmt] if SUFFIX[fmt] else name + "_tk")
