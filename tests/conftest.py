"""Shared test set-up: every test starts with fresh layer-name counters and no trace; the
corpus programs start as soon as the tests are collected and their tests run last
(``tests/corpus``)."""
import importlib
import os
import shutil
import sys
import tempfile

import pytest

CORPUS_FOLDERS = []
BYTECODE_FOLDERS = []


def pytest_configure(config):
    """Where this process writes no bytecode (``PYTHONDONTWRITEBYTECODE``), the Python
    subprocesses the tests start (``tracekeras run`` of the seeds, the corpus, the CLI
    tests) keep theirs in one folder of the session's instead, nothing written beside the
    sources: each after the first skips compiling tracekeras (about 0.45 s of CPU)."""
    if sys.dont_write_bytecode and "PYTHONPYCACHEPREFIX" not in os.environ:
        BYTECODE_FOLDERS.append(tempfile.mkdtemp(prefix="tracekeras-pycache-"))
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = BYTECODE_FOLDERS[-1]


def pytest_collection_modifyitems(session, config, items):
    """The corpus programs' tests go last: the programs start at collection and run beside
    every other test (two at a time, beside the test process), and the tests wait for them
    only at the end, when nothing else is left to run. Where their folder's name puts them,
    among the first tests, the test process would wait there for every program and then run
    the rest alone on one core."""
    from tests.corpus import test_corpus
    programs = set(id(item) for item in items
                   if getattr(getattr(item, "module", None), "__name__", "") == test_corpus.__name__
                   and getattr(item, "originalname", None) == "test_program")
    items[:] = ([item for item in items if id(item) not in programs]
                + [item for item in items if id(item) in programs])


def pytest_collection_finish(session):
    """Start the selected corpus programs now, so that they run beside the tests before
    theirs (those use one core; the programs are subprocesses)."""
    from tests.corpus import test_corpus
    names = test_corpus.selected_programs(session.items)
    if names:
        CORPUS_FOLDERS.append(tempfile.mkdtemp(prefix="tracekeras-corpus-"))
        test_corpus.start(names, CORPUS_FOLDERS[-1])


def pytest_runtest_logfinish(nodeid, location):
    """Between tests: start the next corpus programs as others have ended."""
    from tests.corpus import test_corpus
    test_corpus.pump()


def pytest_sessionfinish(session):
    from tests.corpus import test_corpus
    test_corpus.stop()
    for folder in CORPUS_FOLDERS + BYTECODE_FOLDERS:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def tf():
    """``tensorflow`` as a script gets it under ``tracekeras run``: tracekeras's, through
    the import shim, which stays active for the module's tests."""
    from tracekeras import shim
    with shim.activated():
        yield importlib.import_module("tensorflow")


@pytest.fixture(autouse=True)
def fresh_session():
    from tracekeras.backend import clear_session
    from tracekeras.tracing import state
    clear_session()
    yield
    assert state.recorder is None, "a test left a trace recording"
