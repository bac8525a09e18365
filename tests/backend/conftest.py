"""Fixtures shared by the backend tests."""
import importlib

import pytest

from tracekeras import shim


@pytest.fixture(scope="module")
def shim_tf():
    """The ``tensorflow`` a script imports under ``tracekeras run``."""
    with shim.activated():
        yield importlib.import_module("tensorflow")
