"""Where each traced Keras name lives in the tf_keras 2.21 source.

What it owns: reading ``keras_sources.json`` (made from an installed tf_keras by
``tools/make_keras_sources.py``): for a Keras name as the trace writes it
(``keras.engine.training.Model.fit``), the file relative to site-packages and the
line its definition starts on. What it hands on: :func:`keras_source`, used by the
explorer's side panel and the tutorial's "read the source" links. Standard library
only; the table is read once, on first use.
"""
import functools
import json
import os
from typing import Dict, Optional

TABLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "keras_sources.json")


@functools.lru_cache(maxsize=1)
def table() -> Dict:
    with open(TABLE, encoding="utf-8") as f:
        return json.load(f)


def keras_source(name: str) -> Optional[Dict]:
    """``{"file": "tf_keras/src/engine/training.py", "line": 1134}`` for a traced Keras
    name, or None when tf_keras has no function of that name (a tracekeras-only name)."""
    sources = table()["sources"]
    found = sources.get(name)
    if found is None and ".<" in name:          # a nested function: its enclosing one
        found = sources.get(name.split(".<")[0])
    return found


def describe(name: str) -> str:
    """The source reference as a learner reads it: ``tf_keras 2.21: <file>:<line>``."""
    found = keras_source(name)
    if found is None:
        return "no tf_keras counterpart"
    return f"tf_keras {table()['tf_keras']}: {found['file']}:{found['line']}"
