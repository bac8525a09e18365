"""visualize renders a trace file without the engine or NumPy being imported."""
import os
import subprocess
import sys
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_rendering_imports_no_engine_backend_or_numpy(seed_path, tmp_path):
    code = textwrap.dedent(f"""
        import sys, importlib, pkgutil
        import visualize
        for m in pkgutil.iter_modules(visualize.__path__):
            importlib.import_module("visualize." + m.name)
        from rich.console import Console
        Console(file=open("/dev/null", "w")).print(visualize.tree({seed_path!r}))
        Console(file=open("/dev/null", "w")).print(visualize.stage_table({seed_path!r}))
        try:
            visualize.write_all({seed_path!r}, {str(tmp_path)!r}, stem="seed")
        except ImportError:
            pass
        bad = sorted(m for m in sys.modules if m.startswith(("tracekeras.engine",
                     "tracekeras.backend", "numpy")))
        print("LOADED", bad)
        """)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert "LOADED []" in out.stdout
