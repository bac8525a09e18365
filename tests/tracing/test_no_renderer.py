"""tracing knows no renderer: nothing under tracekeras/tracing imports visualize, and a
Trace shows itself in Jupyter only in the formats a renderer registered."""
import ast
import os
import subprocess
import sys
import textwrap

import tracekeras.tracing

TRACING = os.path.dirname(tracekeras.tracing.__file__)
ROOT = os.path.dirname(os.path.dirname(TRACING))


def imported_modules(path):
    """Every module an ``import`` or ``from ... import`` in the file names (anywhere in it)."""
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module


def test_no_module_of_tracing_imports_visualize():
    files = [os.path.join(TRACING, name) for name in sorted(os.listdir(TRACING))
             if name.endswith(".py")]
    assert len(files) >= 5
    for path in files:
        for module in imported_modules(path):
            assert module.split(".")[0] != "visualize", (path, module)
            if module.startswith("tracekeras"):   # nothing of tracekeras but tracing itself
                assert module.startswith("tracekeras.tracing"), (path, module)


def test_a_trace_without_a_registered_renderer_shows_as_text_only():
    code = textwrap.dedent("""
        import sys
        import tracekeras.tracing as tracing
        t = tracing.Trace(records=[])
        print(sorted(t._repr_mimebundle_()), "visualize" in sys.modules)
        tracing.register_display("text/html", lambda trace: f"<p>{len(trace)} records</p>")
        print(t._repr_mimebundle_()["text/html"])
        """)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["['text/plain'] False", "<p>0 records</p>"]
