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
# (_static/<name>), and every figure links to its file, so each drawing is one
# click away at full size. _static/tracekeras.css keeps wide figures readable.
html_static_path = ["_static", "figures"]
html_css_files = ["tracekeras.css"]


def link_figures_to_their_files(app, doctree, docname):
    """Wrap each figures/*.svg image in a link to the same file (served from _static/)."""
    from docutils import nodes
    depth = docname.count("/")
    for image in list(doctree.findall(nodes.image)):
        uri = image.get("uri", "")
        if not uri.startswith("figures/") or isinstance(image.parent, nodes.reference):
            continue
        target = "../" * depth + "_static/" + uri[len("figures/"):]
        link = nodes.reference("", "", refuri=target, classes=["image-reference"])
        image.replace_self(link)
        link.append(image)


def setup(app):
    app.connect("doctree-resolved", link_figures_to_their_files)
