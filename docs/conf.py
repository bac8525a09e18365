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

# Nothing is loaded from outside: the sequence diagrams are SVG drawn by
# docs/make_figures.py (visualize.sequence_svg), included inline from
# figures/<chapter>.sequence.html; the figure files are also served as they are
# (_static/<name>), so each drawing is one click away at full size.
html_static_path = ["figures"]
