"""Sybil: every ``python`` code block of the chapters in ``docs/*.md`` runs under pytest.

A block whose first line starts with ``>>>`` is a doctest: its expected output
is checked with ELLIPSIS, so timings (``0s 5ms/step``) are written ``...`` in
the chapters; whitespace is checked as printed (a tree's indentation is what it
teaches), with ``<BLANKLINE>`` where ``summary()`` prints an empty line. Any
other ``python`` block is executed as is. Blocks of one chapter share a
namespace, in order, like a reader typing them into one Python session.

Each chapter (document) starts from a fresh engine, as a reader's new session
would: ``tracekeras.backend.clear_session()`` (layer names dense, dense_1 ...
restart), ``tracekeras.utils.set_random_seed(0)`` (the same initial weights and
batch order every run, so the numbers shown are the numbers checked), eager
execution on, and a fresh temporary working directory (files a chapter writes,
such as ``out/fit.trace.jsonl``, land there and vanish). ``DOCS`` names the
docs folder, for chapters that run an example script from ``examples/``.
"""
import doctest
import os
import shutil
import tempfile

from sybil import Sybil
from sybil.parsers.myst import PythonCodeBlockParser, SkipParser

HERE = os.path.dirname(os.path.abspath(__file__))
FLAGS = doctest.ELLIPSIS


def fresh_session(namespace):
    """Before a chapter: a new engine session, seed 0, eager on, an empty working directory."""
    import tracekeras
    from tracekeras.compat import v1
    from tracekeras.tracing import state
    state.recorder = None
    v1.enable_eager_execution()
    tracekeras.backend.clear_session()
    tracekeras.utils.set_random_seed(0)
    namespace["DOCS"] = HERE
    namespace["_docs_cwd"] = os.getcwd()
    namespace["_docs_tmp"] = tempfile.mkdtemp(prefix="tracekeras-docs-")
    os.chdir(namespace["_docs_tmp"])


def back_home(namespace):
    """After a chapter: leave its directory, remove it, and say if it left a trace recording."""
    from tracekeras.compat import v1
    from tracekeras.tracing import state
    os.chdir(namespace["_docs_cwd"])
    shutil.rmtree(namespace["_docs_tmp"], ignore_errors=True)
    v1.enable_eager_execution()
    left_recording = state.recorder is not None
    state.recorder = None
    assert not left_recording, "a chapter left a trace recording"


pytest_collect_file = Sybil(
    parsers=[PythonCodeBlockParser(doctest_optionflags=FLAGS), SkipParser()],
    patterns=["*.md"],
    excludes=["README.md"],
    setup=fresh_session,
    teardown=back_home,
).pytest()
