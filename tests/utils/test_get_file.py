"""``get_file``: Keras's cache layout, hash checks and archive extraction; never a download."""
import hashlib
import os
import tarfile
import zipfile

import pytest

from tracekeras import utils
from tracekeras.utils.data_utils import cache_root

ORIGIN = "https://example.org/files/data.bin"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "home"))
    folder = tmp_path / "home" / "datasets"
    folder.mkdir(parents=True)
    return folder


def test_cached_file_path_is_returned(cache):
    (cache / "data.bin").write_bytes(b"abc")
    assert utils.get_file("data.bin", origin=ORIGIN) == str(cache / "data.bin")
    assert utils.get_file(origin=ORIGIN) == str(cache / "data.bin")   # name from the URL


def test_cache_dir_and_cache_subdir(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "w.h5").write_bytes(b"w")
    found = utils.get_file("w.h5", origin=ORIGIN, cache_dir=str(tmp_path), cache_subdir="models")
    assert found == str(tmp_path / "models" / "w.h5")


def test_without_keras_home_the_root_is_dot_keras(monkeypatch, tmp_path):
    monkeypatch.delenv("KERAS_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / ".keras").mkdir()
    assert cache_root() == str(tmp_path / ".keras")


def test_a_missing_root_falls_back_to_tmp_as_in_keras(tmp_path):
    assert cache_root(str(tmp_path / "absent")) == "/tmp/.keras"


@pytest.mark.parametrize("algorithm", ["sha256", "md5"])
def test_hashes_are_checked(cache, algorithm):
    (cache / "data.bin").write_bytes(b"abc")
    right = hashlib.new(algorithm, b"abc").hexdigest()
    assert utils.get_file("data.bin", origin=ORIGIN, file_hash=right).endswith("data.bin")
    if algorithm == "md5":
        assert utils.get_file("data.bin", origin=ORIGIN, md5_hash=right).endswith("data.bin")
    with pytest.raises(ValueError, match=f"does not match the expected {algorithm} hash"):
        utils.get_file("data.bin", origin=ORIGIN, file_hash="f" * len(right))


def test_missing_file_error_says_where_and_from_where(cache):
    with pytest.raises(FileNotFoundError) as caught:
        utils.get_file("data.bin", origin=ORIGIN)
    assert str(caught.value) == (
        f"data.bin is not in the Keras cache, and tracekeras does not download files. Keras "
        f"downloads it from {ORIGIN} : get that file on a machine with network access and put "
        f"it at {cache / 'data.bin'}, or pass `cache_dir=` pointing at a folder that has it "
        "under datasets/.")


def test_origin_is_required():
    with pytest.raises(ValueError, match='Please specify the "origin" argument'):
        utils.get_file("x")


def test_untar_extracts_the_archive_once(cache, tmp_path):
    source = tmp_path / "pack"
    source.mkdir()
    (source / "a.txt").write_text("A")
    with tarfile.open(cache / "pack.tar.gz", "w:gz") as tar:
        tar.add(source, arcname="pack")
    found = utils.get_file("pack.tar.gz", origin=ORIGIN, untar=True)
    assert found == str(cache / "pack")
    assert (cache / "pack" / "a.txt").read_text() == "A"
    os.remove(cache / "pack.tar.gz")
    assert utils.get_file("pack", origin=ORIGIN, untar=True) == found   # the folder is enough


def test_extract_unpacks_a_zip_beside_it(cache):
    with zipfile.ZipFile(cache / "z.zip", "w") as z:
        z.writestr("inner/b.txt", "B")
    assert utils.get_file("z.zip", origin=ORIGIN, extract=True) == str(cache / "z.zip")
    assert (cache / "inner" / "b.txt").read_text() == "B"


def test_tar_members_outside_the_folder_are_skipped(cache, tmp_path):
    evil = tmp_path / "evil.txt"
    evil.write_text("x")
    with tarfile.open(cache / "bad.tar", "w") as tar:
        tar.add(evil, arcname="../escaped.txt")
        tar.add(evil, arcname="kept.txt")
    utils.get_file("bad.tar", origin=ORIGIN, extract=True)
    assert (cache / "kept.txt").exists() and not (cache.parent / "escaped.txt").exists()
