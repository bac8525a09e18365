"""``tf.io.gfile`` and ``tf.io.write_file``: TensorFlow's file system API, on local files.

What it owns: ``GFile`` (TensorFlow's file object: opened on first use, text or bytes
by its mode, ``read``/``readline``/``readlines``/iteration, ``write``, ``seek``/``tell``,
``size``, ``flush``, ``close``, a context manager), the functions of ``tf.io.gfile``
(``exists``, ``isdir``, ``glob``, ``listdir``, ``makedirs``, ``mkdir``, ``remove``,
``rmtree``, ``copy``, ``rename``, ``walk``, ``stat``, ``join``), ``write_file`` (a scalar
string tensor written to a path, its folders made), raising the ``tf.errors`` of
:mod:`tracekeras.backend.op_errors` (``NotFoundError``, ``AlreadyExistsError``,
``FailedPreconditionError``) with TensorFlow's messages (``nope.txt; No such file or
directory``, ``Could not find directory zzz``, ``file already exists``).

TensorFlow's file system reaches cloud storage by URL scheme (``gs://``, ``s3://``); here
only local paths exist (another scheme ends in the one-line "does not implement" error).
No trace events.
"""
import glob as globbing
import os
import shutil

import numpy as np

from tracekeras.shim.errors import OperationNotImplementedByTracekeras, caller

from .op_errors import AlreadyExistsError, FailedPreconditionError, NotFoundError
from .string_ops import InvalidArgumentError
from .tensor import Tensor

MODES = ("r", "w", "a", "r+", "w+", "a+")


def local(path):
    """``path`` as a local path string; a URL scheme ends in the one-line error."""
    path = os.fspath(path.numpy() if isinstance(path, Tensor) else path)
    path = path.decode() if isinstance(path, bytes) else path
    if "://" in path and not path.startswith("file://"):
        raise OperationNotImplementedByTracekeras(
            f"tracekeras does not implement tf.io.gfile on {path.split('://')[0]}:// paths "
            f"(used by {caller()}); it reads and writes local files only")
    return path[len("file://"):] if path.startswith("file://") else path


class GFile:
    """``tf.io.gfile.GFile(name, mode="r")``: a file opened when first read or written."""

    def __init__(self, name, mode="r"):
        self.name = name
        self.mode = mode
        self.file = None

    def opened(self):
        if self.file is None:
            if self.mode.replace("b", "") not in MODES:
                raise InvalidArgumentError(
                    "mode is not 'r' or 'w' or 'a' or 'r+' or 'w+' or 'a+'")
            text = {} if "b" in self.mode else {"encoding": "utf-8", "newline": ""}
            try:   # kept open while this GFile is, as TensorFlow's
                self.file = open(local(self.name), self.mode, **text)  # noqa: SIM115
            except FileNotFoundError:
                raise NotFoundError(f"{self.name}; No such file or directory") from None
            except IsADirectoryError:
                raise FailedPreconditionError(f"{self.name}; Is a directory") from None
        return self.file

    def read(self, n=-1):
        return self.opened().read(n)

    def readline(self):
        return self.opened().readline()

    def readlines(self):
        return self.opened().readlines()

    def __iter__(self):
        return iter(self.opened())

    def __next__(self):
        return next(self.opened())

    def write(self, file_content):
        """Text or bytes in either mode, as TensorFlow writes them (bytes of UTF-8)."""
        binary = "b" in self.mode
        if binary and isinstance(file_content, str):
            file_content = file_content.encode("utf-8")
        elif not binary and isinstance(file_content, bytes):
            file_content = file_content.decode("utf-8")
        self.opened().write(file_content)

    def seek(self, offset=None, whence=0, position=None):
        self.opened().seek(position if offset is None else offset, whence)

    def tell(self):
        return self.opened().tell()

    def size(self):
        return os.path.getsize(local(self.name))

    def flush(self):
        if self.file is not None:
            self.file.flush()

    def close(self):
        if self.file is not None:
            self.file.close()
            self.file = None

    def seekable(self):
        return True

    def readable(self):
        return "r" in self.mode or "+" in self.mode

    def writable(self):
        return "r" not in self.mode or "+" in self.mode

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


def exists(path):
    return os.path.exists(local(path))


def isdir(path):
    return os.path.isdir(local(path))


def glob(pattern):
    """The paths that match ``pattern`` (files and folders, in the order the file system
    lists them, as TensorFlow's); a pattern with no folder gives ``./name``."""
    patterns = [pattern] if isinstance(pattern, (str, bytes, os.PathLike)) else list(pattern)
    found = []
    for one in map(local, patterns):
        matches = globbing.glob(one)
        found += matches if os.path.dirname(one) else [os.path.join(".", m) for m in matches]
    return found


def listdir(path):
    """The names in a folder (a missing folder, or a file, is TensorFlow's NotFoundError)."""
    if not os.path.isdir(local(path)):
        raise NotFoundError(f"Could not find directory {path}")
    return os.listdir(local(path))


def makedirs(path):
    os.makedirs(local(path), exist_ok=True)


def mkdir(path):
    try:
        os.mkdir(local(path))
    except FileExistsError:
        return
    except FileNotFoundError:
        raise NotFoundError(f"{path}; No such file or directory") from None


def remove(path):
    target = local(path)
    if os.path.isdir(target):
        raise FailedPreconditionError(f"{path}; Is a directory")
    if not os.path.exists(target):
        raise NotFoundError(f"{path}; No such file or directory")
    os.remove(target)


def rmtree(path):
    if not os.path.exists(local(path)):
        raise NotFoundError(f"{path} not found")
    shutil.rmtree(local(path))


def copy(src, dst, overwrite=False):
    if not overwrite and os.path.exists(local(dst)):
        raise AlreadyExistsError("file already exists")
    if not os.path.exists(local(src)):
        raise NotFoundError(f"{src}; No such file or directory")
    shutil.copyfile(local(src), local(dst))


def rename(src, dst, overwrite=False):
    if not overwrite and os.path.exists(local(dst)):
        raise AlreadyExistsError("file already exists")
    if not os.path.exists(local(src)):
        raise NotFoundError(f"{src}; No such file or directory")
    os.replace(local(src), local(dst))


def walk(top, topdown=True, onerror=None):
    """``(folder, subfolders, files)`` for ``top`` and each folder below it."""
    for folder, subfolders, files in os.walk(local(top), topdown=topdown):
        yield folder, subfolders, files


class FileStatistics:
    """``tf.io.gfile.stat``'s answer: ``length``, ``mtime_nsec``, ``is_directory``."""

    def __init__(self, length, mtime_nsec, is_directory):
        self.length, self.mtime_nsec, self.is_directory = length, mtime_nsec, is_directory


def stat(path):
    try:
        found = os.stat(local(path))
    except FileNotFoundError:
        raise NotFoundError(f"Could not find file or directory {path}") from None
    return FileStatistics(found.st_size, found.st_mtime_ns, os.path.isdir(local(path)))


def join(path, *paths):
    return os.path.join(path, *paths)


def write_file(filename, contents, name=None):
    """``tf.io.write_file``: a scalar string written to ``filename`` (its folders made)."""
    value = np.asarray(contents.value if isinstance(contents, Tensor) else contents,
                       dtype=object)
    if value.ndim:
        raise InvalidArgumentError(f"Contents tensor must be scalar, but had shape: "
                                   f"[{','.join(str(d) for d in value.shape)}] [Op:WriteFile]")
    data = value.item()
    data = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    path = local(filename)
    if os.path.dirname(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
