"""Find references to outside resources in rendered files (the offline promise).

An external reference is an ``http://``, ``https://`` or protocol-relative
(``//host``) URL in a ``src``, ``href`` or ``xlink:href`` attribute, or inside
a CSS ``url(...)``, or ``@import``. Text that merely mentions a URL (an
install hint) and XML namespaces (``xmlns="http://www.w3.org/2000/svg"``) do
not load anything and are not counted. The renderers' outputs must not even
link outside; a documentation site may hold ordinary hyperlinks (``<a href>``)
but loads nothing from outside (``links=False``).
"""
import os
import re

EXTERNAL = re.compile(
    r"""(?:\b(?:src|href|xlink:href)\s*=\s*["']?\s*|url\(\s*["']?\s*|@import\s+["']?)"""
    r"""((?:https?:)?//[^"'\s)>]*)""", re.I)
TEXT_FILES = (".html", ".htm", ".svg", ".css", ".js", ".dot", ".mmd", ".xml")


LINK = re.compile(r"<a\s[^>]*$", re.I | re.S)


def external_in_text(text, links=True):
    """The external URLs a text references; ``links=False`` skips ``<a href>`` (a reader's
    click, not a load)."""
    found = []
    for m in EXTERNAL.finditer(text):
        if not links and m.group(0).lower().lstrip().startswith("href") and \
                LINK.search(text, max(0, m.start() - 2000), m.start()):
            continue
        found.append(m.group(1))
    return found


def external_references(folder, links=True):
    """[(path, url)] for every text file under ``folder`` that references an outside URL."""
    found = []
    for here, _, names in os.walk(folder):
        for name in sorted(names):
            if not name.endswith(TEXT_FILES):
                continue
            path = os.path.join(here, name)
            with open(path, encoding="utf-8", errors="replace") as f:
                found.extend((path, url) for url in external_in_text(f.read(), links))
    return found
