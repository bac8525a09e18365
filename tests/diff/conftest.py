"""Stored traces for the diff tests (``make_traces.py`` says how each was made)."""
import os

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def trace_path(name):
    return os.path.join(DATA, name + ".jsonl")
