"""The documentation site builds with Sphinx, warnings as errors (as CI builds it)."""
import os
import subprocess
import sys

import pytest

from tests.visualize import offline

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_sphinx_build_strict(tmp_path):
    pytest.importorskip("sphinx")
    pytest.importorskip("myst_parser")
    cmd = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
           "-d", str(tmp_path / "doctrees"), os.path.join(ROOT, "docs"), str(tmp_path / "html")]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, f"sphinx-build failed:\n{done.stdout}\n{done.stderr}"
    assert (tmp_path / "html" / "index.html").exists()
    # the site loads nothing from outside: no CDN script, font or image (see also
    # tests/visualize/test_offline.py for the renderers' outputs and docs/figures)
    external = offline.external_references(tmp_path / "html", links=False)
    assert external == [], external[:10]
    page = (tmp_path / "html" / "fit.html").read_text(encoding="utf-8")
    assert "class='tk-sequence'" in page          # the sequence diagram, drawn as SVG here
    assert (tmp_path / "html" / "_static" / "fit.sequence.svg").exists()   # the full size
    assert 'class="mermaid"' not in page and "mermaid.min.js" not in page
