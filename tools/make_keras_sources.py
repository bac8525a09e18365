"""Write ``tracekeras/conformance/keras_sources.json``: where traced Keras names live in tf_keras.

Needs tf_keras 2.21 (``pip install 'tracekeras[keras]'``); run from the repository root::

    TF_USE_LEGACY_KERAS=1 PYTHONPATH=. $TRACEKERAS_KERAS_PYTHON tools/make_keras_sources.py

It gathers the Keras names tracekeras's trace can write (every ``@traced`` function's
name, every ``keras.*`` name spelled out in the package, the probe's table, and the
names in the traces of the conformance scenarios run at level ``full`` and in the
traces the tests keep), finds each in the
installed tf_keras (the probe's table says where a name's tf_keras home differs), and
writes the file and first line of its source, relative to site-packages. The explorer
and the tutorial show them as "tf_keras 2.21: tf_keras/src/engine/training.py:1134".
Names with no counterpart in tf_keras are listed as such.
"""
import importlib
import inspect
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TARGET = os.path.join(ROOT, "tracekeras", "conformance", "keras_sources.json")
NAME = re.compile(r"[\"'](keras\.[A-Za-z_][A-Za-z0-9_.]*[A-Za-z0-9_])[\"']")


def package_names():
    from tracekeras.tracing.call_sites import package_modules, traced_sites
    names = set()
    for module_name in package_modules():
        module = importlib.import_module(module_name)
        names |= {name for name, _ in traced_sites(module)}
        with open(module.__file__, encoding="utf-8") as f:
            names |= set(NAME.findall(f.read()))
    return names


def trace_names():
    """The names in full-level traces of the conformance scenarios (tests/conformance/
    scenarios: the seed walkthroughs, every chapter's example, every adapter...), run on
    tracekeras through the import shim."""
    from tests.conformance import runner
    names = set()
    for scenario in runner.scenario_names():
        status, t, failure = runner.run_tracekeras(scenario, level="full")
        if status != 0:
            raise SystemExit(f"{scenario} failed on tracekeras: {failure!r}")
        names |= {r.get("name") for r in t.records
                  if str(r.get("name")).startswith(("keras.", "tf."))}
    return names


def committed_trace_names():
    """The names in the tracekeras traces the tests keep (tests/visualize/data, tests/diff/data)."""
    names = set()
    for folder in ("visualize", "diff"):
        data = os.path.join(ROOT, "tests", folder, "data")
        for trace in sorted(os.listdir(data)):
            if trace.endswith(".jsonl"):
                with open(os.path.join(data, trace), encoding="utf-8") as f:
                    names |= set(re.findall(r'"name": ?"(keras\.[^"]+)"', f.read()))
    return names


def probe_homes():
    from tracekeras.probe.table import ENTRIES
    from tracekeras.probe.v1_loop import LOOPS
    homes = {}
    for entry in ENTRIES:       # the first home of a name: TF2's (the v1 loop's come later)
        homes.setdefault(entry.name, entry.where)
    loop = homes[LOOPS["train"][0]]
    for name, _ in LOOPS.values():   # one wrapper of model_iteration records all three loops
        homes.setdefault(name, loop)
    return homes


def lookup(module_name, qualname):
    try:
        obj = importlib.import_module(module_name)
    except ImportError:
        return None
    for part in qualname.split("."):
        obj = inspect.getattr_static(obj, part, None)
        if obj is None:
            return None
    obj = getattr(obj, "__func__", obj)
    obj = getattr(obj, "fget", obj)
    return inspect.unwrap(obj)


def candidates(name, homes):
    """(module, qualname) pairs where ``name`` may live in tf_keras or TensorFlow."""
    name = name.split(".<")[0]                 # a nested function or loop: its enclosing one
    if name in homes:
        module, qualname = homes[name].split(":")
        yield module, qualname
    parts = name.split(".")
    root = {"keras": "tf_keras.src", "tf": "tensorflow"}.get(parts[0])
    if root is None:
        return
    for cut in range(len(parts) - 1, 0, -1):
        module = ".".join([root] + parts[1:cut])
        yield module, ".".join(parts[cut:])


def is_module_name(name):
    """A module path spelled in our source (``keras.callbacks``), not a traced function."""
    try:
        importlib.import_module("tf_keras.src" + name[len("keras"):])
    except ImportError:
        return False
    return True


def source_of(obj, site):
    try:
        path = inspect.getsourcefile(obj)
        line = inspect.getsourcelines(obj)[1]
    except (TypeError, OSError):
        return None
    if path is None or not os.path.abspath(path).startswith(site):
        return None
    return {"file": os.path.relpath(path, site).replace(os.sep, "/"), "line": line}


def main():
    names = trace_names()       # first: the scenarios must import the shim, not TensorFlow
    import tf_keras
    site = os.path.dirname(os.path.dirname(os.path.abspath(tf_keras.__file__)))
    homes = probe_homes()
    names |= package_names() | committed_trace_names() | set(homes)
    sources, unresolved = {}, []
    for name in sorted(names):
        found = None
        for module, qualname in candidates(name, homes):
            obj = lookup(module, qualname)
            if obj is not None:
                found = "module" if inspect.ismodule(obj) else source_of(obj, site)
                if found:
                    break
        if isinstance(found, dict):
            sources[name] = found
        elif found is None and not is_module_name(name):
            unresolved.append(name)
    table = {"about": "Where each Keras name tracekeras traces lives in the tf_keras "
                      "source: file relative to site-packages and first line. Made by "
                      "tools/make_keras_sources.py; do not edit by hand.",
             "tf_keras": tf_keras.__version__,
             "sources": sources,
             "no_counterpart": unresolved}
    with open(TARGET + ".tmp", "w", encoding="utf-8") as f:
        json.dump(table, f, indent=1, sort_keys=True)
        f.write("\n")
    os.replace(TARGET + ".tmp", TARGET)
    print(f"wrote {TARGET}: {len(sources)} names found, {len(unresolved)} without a "
          "tf_keras counterpart", file=sys.stderr)


if __name__ == "__main__":
    main()
