"""Fixtures for the renderer tests: stored traces (see make_fixtures.py)."""
import os

import pytest

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def fixture_path(name):
    return os.path.join(FIXTURES, name + ".jsonl")


def stored_trace(name):
    """A pytest fixture giving the path of the stored trace ``data/<name>.jsonl``."""
    return pytest.fixture(lambda: fixture_path(name), name=f"{name.split('_')[0]}_path")


seed = stored_trace("seed_fit")
steps = pytest.fixture(lambda: fixture_path("seed_fit_steps"), name="steps_path")
functional = stored_trace("functional_fit")
error = stored_trace("error_fit")
crashed = stored_trace("crashed_fit")
