"""Fixtures for the renderer tests: stored traces (see make_fixtures.py)."""
import os

import pytest

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")


def fixture_path(name):
    return os.path.join(FIXTURES, name + ".jsonl")


@pytest.fixture
def seed_path():
    return fixture_path("seed_fit")


@pytest.fixture
def steps_path():
    return fixture_path("seed_fit_steps")


@pytest.fixture
def functional_path():
    return fixture_path("functional_fit")


@pytest.fixture
def error_path():
    return fixture_path("error_fit")


@pytest.fixture
def crashed_path():
    return fixture_path("crashed_fit")
