"""``keras.utils.Sequence`` and ``keras.utils.get_file``: batches by index, cached files.

What it owns: the ``Sequence`` base class (a user subclass implements
``__getitem__(index)``, a whole batch, and ``__len__``, batches per epoch, and
may implement ``on_epoch_end``, which ``DataHandler`` calls after every epoch),
and ``get_file``, which finds a file in the Keras cache the way Keras does
(``<cache_dir>/<cache_subdir>/<fname>``), checks its hash when one is given and
extracts archives. tracekeras never downloads: when the file is not in the
cache, ``get_file`` raises ``FileNotFoundError`` naming the file, the path to
put it at and the URL Keras would fetch it from.

The cache root: ``cache_dir`` when given, else ``$KERAS_HOME``, else
``~/.keras`` (tf_keras itself reads ``KERAS_HOME`` only for ``keras.json``;
Keras 3 also keeps its downloads there, so both layouts are found), and
``/tmp/.keras`` when that root is missing or not writable, as in Keras.
No trace events (the dataset loaders that call ``get_file`` record where they read).
"""
import hashlib
import os
import tarfile
import zipfile
from abc import abstractmethod
from urllib.parse import urlsplit


class Sequence:
    """Base object for fitting to a sequence of batches (every batch exactly once per epoch)."""

    @abstractmethod
    def __getitem__(self, index):
        """The batch at position ``index``."""
        raise NotImplementedError

    @abstractmethod
    def __len__(self):
        """The number of batches in the sequence."""
        raise NotImplementedError

    def on_epoch_end(self):
        """Called at the end of every epoch."""

    def __iter__(self):
        for item in (self[i] for i in range(len(self))):
            yield item


def cache_root(cache_dir=None):
    """The directory Keras caches downloads under (``cache_subdir`` goes below it)."""
    if cache_dir is None:
        cache_dir = os.environ.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"),
                                                                 ".keras")
    root = os.path.expanduser(os.fspath(cache_dir))
    if not os.access(root, os.W_OK):   # missing or read-only: Keras uses /tmp/.keras instead
        root = os.path.join("/tmp", ".keras")
    return root


def get_file(fname=None, origin=None, untar=False, md5_hash=None, file_hash=None,
             cache_subdir="datasets", hash_algorithm="auto", extract=False,
             archive_format="auto", cache_dir=None):
    """The local path of ``fname`` in the Keras cache; never downloads (see the module doc)."""
    if origin is None:
        raise ValueError('Please specify the "origin" argument (URL of the file to download).')
    if md5_hash is not None and file_hash is None:
        file_hash, hash_algorithm = md5_hash, "md5"
    datadir = os.path.join(cache_root(cache_dir), cache_subdir)
    fname = os.fspath(fname) if fname else os.path.basename(urlsplit(origin).path)
    if not fname:
        raise ValueError(f"Can't parse the file name from the origin provided: '{origin}'. "
                         "Please specify the `fname` argument.")
    if untar:
        if fname.endswith(".tar.gz"):
            fname = fname[:-len(".tar.gz")]
        untar_fpath = os.path.join(datadir, fname)
        if os.path.exists(untar_fpath):
            return untar_fpath
        fpath = untar_fpath + ".tar.gz"
    else:
        fpath = os.path.join(datadir, fname)
    if not os.path.exists(fpath):
        raise FileNotFoundError(not_cached_message(fpath, origin,
                                                   untar_fpath if untar else None))
    if file_hash is not None and not validate_file(fpath, file_hash, hash_algorithm):
        raise ValueError(f"The cached file {fpath} does not match the expected "
                         f"{resolve_hasher(hash_algorithm, file_hash).name} hash {file_hash} "
                         "(incomplete or outdated). Keras would download it again from "
                         f"{origin}; tracekeras cannot download: replace the file with a "
                         "complete copy from that URL.")
    if untar:
        extract_archive(fpath, datadir, "tar")
        return untar_fpath
    if extract:
        extract_archive(fpath, datadir, archive_format)
    return fpath


def not_cached_message(fpath, origin, untar_fpath=None):
    where = (f"{fpath} (or its extracted folder {untar_fpath})" if untar_fpath else fpath)
    return (f"{os.path.basename(fpath)} is not in the Keras cache, and tracekeras does not "
            f"download files. Keras downloads it from {origin} : get that file on a machine "
            f"with network access and put it at {where}, "
            "or pass `cache_dir=` pointing at a folder that has it under "
            f"{os.path.basename(os.path.dirname(fpath))}/.")


def resolve_hasher(algorithm, file_hash=None):
    """sha256 when asked, or when 'auto' and the hash has 64 hex digits; md5 otherwise."""
    if algorithm == "sha256" or (algorithm == "auto" and file_hash is not None
                                 and len(file_hash) == 64):
        return hashlib.sha256()
    return hashlib.md5()


def validate_file(fpath, file_hash, algorithm="auto", chunk_size=65535):
    """Whether the file's hash equals ``file_hash``."""
    hasher = resolve_hasher(algorithm, file_hash)
    with open(fpath, "rb") as f:
        for chunk in iter(lambda: f.read(chunk_size), b""):
            hasher.update(chunk)
    return hasher.hexdigest() == str(file_hash)


def extract_archive(file_path, path=".", archive_format="auto"):
    """Extract a tar or zip archive into ``path``; False when it is neither (or not asked)."""
    if archive_format is None:
        return False
    formats = ["tar", "zip"] if archive_format == "auto" else (
        [archive_format] if isinstance(archive_format, str) else list(archive_format))
    for kind in formats:
        if kind == "tar" and tarfile.is_tarfile(file_path):
            with tarfile.open(file_path) as archive:
                archive.extractall(path, members=inside(archive.getmembers(), path))
            return True
        if kind == "zip" and zipfile.is_zipfile(file_path):
            with zipfile.ZipFile(file_path) as archive:
                archive.extractall(path)
            return True
    return False


def inside(members, path):
    """The tar members that land inside ``path`` (no ``..`` escapes, no outside links)."""
    base = os.path.realpath(path)
    for member in members:
        target = os.path.realpath(os.path.join(base, member.name))
        if member.issym() or member.islnk():
            link = os.path.realpath(os.path.join(os.path.dirname(target), member.linkname))
            if not link.startswith(base + os.sep):
                continue
        if target == base or target.startswith(base + os.sep):
            yield member


__all__ = ["Sequence", "get_file", "validate_file"]
