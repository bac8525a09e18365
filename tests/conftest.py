"""Shared test set-up: every test starts with fresh layer-name counters and no trace."""
import pytest


@pytest.fixture(autouse=True)
def fresh_session():
    from tracekeras.backend import clear_session
    from tracekeras.tracing import state
    clear_session()
    yield
    assert state.recorder is None, "a test left a trace recording"
