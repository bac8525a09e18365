"""Sphinx configuration: the tracekeras tutorials (MyST Markdown) and the API reference."""
import os
import sys

sys.path.insert(0, os.path.abspath(".."))

project = "tracekeras"
author = "the tracekeras developers"
copyright = "2026, the tracekeras developers"
extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx.ext.viewcode"]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
exclude_patterns = ["_build", "conftest.py", "figures/*.md", "README.md"]
html_theme = "alabaster"
html_title = "tracekeras"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "undoc-members": False}
suppress_warnings = ["myst.xref_missing"]
nitpicky = False

# Sequence diagrams: docs/figures/<chapter>.sequence.html holds the Mermaid text in a
# <pre class="mermaid">; this script draws it in the browser (the .mmd text is shown too).
MERMAID = "https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.min.js"


def setup(app):
    app.add_js_file(MERMAID)
    app.add_js_file(None, body="window.addEventListener('load', function () {"
                    " if (window.mermaid) { mermaid.initialize({startOnLoad: false});"
                    " mermaid.run({querySelector: 'pre.mermaid'}); } });")
