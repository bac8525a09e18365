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
