"""Write each chapter's "Read the source" table: ``python docs/make_source_links.py``.

For every traced Keras function a chapter names (in backticks: `Model.fit`,
`select_data_adapter`, `_build_map` ...), the table gives where it lives in
tf_keras 2.21 (file:line, from ``tracekeras/conformance/keras_sources.json``)
and where tracekeras implements it (file and qualified name, from the
``impl`` every ``@traced`` function records). Plain text, no links: the site
must not send a reader elsewhere. The table sits between two HTML comments
before the chapter's exercises; ``tests/docs/test_source_links.py`` fails
when a committed table is not what this script writes today.
"""
import importlib
import inspect
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BEGIN = "<!-- source links: made by docs/make_source_links.py -->"
END = "<!-- end of source links -->"
EXERCISES = "## Exercises: predict, then run"
CODE = re.compile(r"`([A-Za-z_][A-Za-z0-9_.]*)(?:\([^`]*\))?`")


def traced_functions():
    """``{Keras name: "module:qualname"}`` of every ``@traced`` function of tracekeras.

    Where several functions record one Keras name (a method a subclass overrides), the
    one whose qualified name is the Keras name's tail is kept.
    """
    from tracekeras.tracing.call_sites import package_modules, traced_sites
    found = {}
    for module_name in package_modules():
        for name, impl in traced_sites(importlib.import_module(module_name)):
            found.setdefault(name, set()).add(impl)
    return {name: best(name, impls) for name, impls in found.items()}


def best(name, impls):
    """Of the functions recording ``name``, the one named like it (else the first by name)."""
    for impl in sorted(impls):
        if name.endswith("." + impl.split(":", 1)[1]):
            return impl
    return sorted(impls)[0]


def implementation(impl):
    """``tracekeras.engine.training:Model.fit`` → ``tracekeras/engine/training.py, Model.fit``."""
    module, qualname = impl.split(":", 1)
    path = os.path.relpath(inspect.getfile(importlib.import_module(module)), ROOT)
    return f"{path.replace(os.sep, '/')}, {qualname}"


def named_in(text, names):
    """The Keras names a chapter's backticked code names, in the order first named.

    A code span names a Keras function when it is the last one or two parts of
    exactly one traced name (`Model.fit`, `_build_map`, `select_data_adapter`);
    one-word spans must start with ``_`` or hold an ``_`` to count, so `fit` or
    `build` alone name nothing.
    """
    chosen = []
    for token in CODE.findall(text[:text.find(BEGIN)] if BEGIN in text else text):
        token = token.rstrip(".")
        if "." not in token and "_" not in token:
            continue
        matches = [n for n in names if n == token or n.endswith("." + token)]
        if len(matches) == 1 and matches[0] not in chosen:
            chosen.append(matches[0])
    return chosen


def table(chapter_text, traced):
    from tracekeras.conformance.keras_sources import keras_source
    from tracekeras.conformance.keras_sources import table as sources
    version = sources()["tf_keras"]
    rows = []
    for name in named_in(chapter_text, sorted(traced)):
        found = keras_source(name)
        if found is None:
            continue
        rows.append(f"| `{name.replace('keras.engine.', '')}` | {found['file']}:{found['line']} "
                    f"| {implementation(traced[name])} |")
    if not rows:
        return ""
    head = ["## Read the source", "",
            f"Each traced function this chapter names, where it is in tf_keras {version} "
            "(file and first line, under site-packages) and where tracekeras writes it:", "",
            f"| Keras name | tf_keras {version} | tracekeras |", "|---|---|---|"]
    return "\n".join(head + rows) + "\n"


def with_table(text, traced):
    """The chapter's text with its source table written (or rewritten) before the exercises."""
    if BEGIN in text:
        text = text[:text.index(BEGIN)] + text[text.index(END) + len(END) + 1:].lstrip("\n")
    block = table(text, traced)
    if not block:
        return text
    block = f"{BEGIN}\n{block}{END}\n\n"
    at = text.find(EXERCISES)
    if at < 0:
        return text.rstrip("\n") + "\n\n" + block.rstrip("\n") + "\n"
    return text[:at] + block + text[at:]


def chapters():
    with open(os.path.join(HERE, "index.md"), encoding="utf-8") as f:
        return re.findall(r"^\| \[[^\]]+\]\(([\w-]+)\.md\)", f.read(), flags=re.M)


def main(names=None):
    sys.path.insert(0, ROOT)
    traced = traced_functions()
    for chapter in names or chapters():
        path = os.path.join(HERE, chapter + ".md")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        fresh = with_table(text, traced)
        if fresh != text:
            with open(path + ".tmp", "w", encoding="utf-8") as f:
                f.write(fresh)
            os.replace(path + ".tmp", path)
            print("wrote", os.path.relpath(path, ROOT))


if __name__ == "__main__":
    main(sys.argv[1:])
