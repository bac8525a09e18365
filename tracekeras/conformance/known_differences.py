"""The differences between real Keras and tracekeras that are kept on purpose.

What it owns: reading and checking the table ``known_differences.json`` (one
entry a difference: ``stage`` and ``name`` glob patterns, ``kind``, an optional
``arg`` pattern, and the ``reason``), and writing it out as the Markdown
section of ``docs/differences.md``. An entry may also name ``scenarios`` (a glob
over the conformance scenarios' names): it then holds only in those scenarios,
where the conformance check (:func:`for_scenario`) applies it; everywhere else,
``tracekeras diff`` included, it is left aside. An entry may name ``within`` (a
glob over Keras names): it then holds only for records inside a call of that
name (:func:`tracekeras.tracing.alignment.known_reason`), not for the same names
elsewhere. What it receives: the table's path (this package's own table by
default). What it hands on: the entries, as the list of
dicts :func:`tracekeras.tracing.alignment.compare` takes as ``known``. A table
that does not follow that shape is refused with one :class:`KnownDifferencesError`
line naming the entry and what was expected. Standard library only.
"""
import fnmatch
import json
import os
from typing import Any, Dict, List, Optional

from tracekeras.tracing.alignment import KINDS

TABLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "known_differences.json")
FIELDS = {"stage": True, "name": True, "kind": True, "reason": True, "arg": False,
          "scenarios": False, "within": False}

# The Markdown section of docs/differences.md made from the table sits between these lines.
DOC_START = "<!-- known differences: made by tools/make_differences_doc.py from " \
            "tracekeras/conformance/known_differences.json; do not edit by hand -->"
DOC_END = "<!-- end of known differences -->"


class KnownDifferencesError(ValueError):
    """A known-differences table that cannot be read or does not have the expected shape."""


def load(path: Optional[str] = None) -> List[Dict[str, Any]]:
    """The entries of the table at ``path`` (tracekeras's own table by default), checked."""
    path = TABLE if path is None else os.fspath(path)
    try:
        with open(path, encoding="utf-8") as f:
            table = json.load(f)
    except OSError as exc:
        raise KnownDifferencesError(
            f"cannot read the known differences {path!r}: {exc.strerror or exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise KnownDifferencesError(
            f"the known differences {path!r} are not JSON: {exc}") from None
    entries = table.get("differences") if isinstance(table, dict) else None
    if not isinstance(entries, list):
        raise KnownDifferencesError(
            f"the known differences {path!r} must be an object with a \"differences\" list")
    for n, entry in enumerate(entries):
        check_entry(path, n, entry)
    return entries


def check_entry(path: str, n: int, entry: Any) -> None:
    where = f"{path!r}, entry {n}"
    if not isinstance(entry, dict):
        raise KnownDifferencesError(f"{where}: expected an object, received {entry!r}")
    for field, required in FIELDS.items():
        if required and field not in entry:
            raise KnownDifferencesError(f"{where}: the field {field!r} is missing")
        if field in entry and not (isinstance(entry[field], str) and entry[field]):
            raise KnownDifferencesError(
                f"{where}: {field!r} must be a non-empty string, received {entry[field]!r}")
    unknown = sorted(set(entry) - set(FIELDS))
    if unknown:
        raise KnownDifferencesError(
            f"{where}: unknown field {unknown[0]!r}; expected {', '.join(FIELDS)}")
    if entry["kind"] not in KINDS:
        raise KnownDifferencesError(
            f"{where}: kind must be one of {', '.join(KINDS)}, received {entry['kind']!r}")


def for_scenario(entries: List[Dict[str, Any]], scenario: str) -> List[Dict[str, Any]]:
    """The entries that hold in the conformance scenario ``scenario``: every general one, and
    the scoped ones whose ``scenarios`` pattern matches it (without that field)."""
    return [entry if "scenarios" not in entry else
            {k: v for k, v in entry.items() if k != "scenarios"}
            for entry in entries
            if fnmatch.fnmatchcase(scenario, entry.get("scenarios", "*"))]


def markdown(entries: List[Dict[str, Any]]) -> str:
    """The section of ``docs/differences.md`` listing the entries, markers included."""
    lines = [DOC_START, "", "| kind | stage | Keras name | argument | why |",
             "|------|-------|------------|----------|-----|"]
    for e in entries:
        cells = [e["kind"], f"`{e['stage']}`", f"`{e['name']}`",
                 f"`{e['arg']}`" if "arg" in e else "",
                 (f"(conformance scenarios `{e['scenarios']}` only) " if "scenarios" in e
                  else "") +
                 (f"(inside `{e['within']}` only) " if "within" in e else "") + e["reason"]]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines + ["", DOC_END])


def with_section(doc: str, entries: List[Dict[str, Any]]) -> str:
    """``doc`` with its known-differences section replaced by one made from ``entries``."""
    start, end = doc.find(DOC_START), doc.find(DOC_END)
    if start < 0 or end < start:
        raise KnownDifferencesError(
            "docs/differences.md has no known-differences section: expected the lines "
            f"{DOC_START!r} and {DOC_END!r}")
    return doc[:start] + markdown(entries) + doc[end + len(DOC_END):]
