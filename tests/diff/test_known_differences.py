"""The table of differences kept on purpose: read and checked, and docs/differences.md made
from it (the committed page must be what tools/make_differences_doc.py makes)."""
import json
import os
import subprocess
import sys

import pytest

from tracekeras.conformance import known_differences
from tracekeras.tracing import alignment

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOC = os.path.join(ROOT, "docs", "differences.md")


def test_the_committed_page_is_the_one_the_table_makes():
    with open(DOC, encoding="utf-8") as f:
        doc = f.read()
    assert known_differences.with_section(doc, known_differences.load()) == doc
    out = subprocess.run([sys.executable, "tools/make_differences_doc.py", "--check"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert (out.returncode, out.stderr) == (0, "")


def test_the_page_lists_every_entry_with_its_reason():
    section = known_differences.markdown(known_differences.load())
    doc = open(DOC, encoding="utf-8").read()
    assert section in doc
    for entry in known_differences.load():
        assert f"| {entry['kind']} | `{entry['stage']}` | `{entry['name']}` |" in section
        assert entry["reason"] in section


def test_the_generator_rewrites_only_its_section():
    doc = "# Title\n\nbefore\n\n" + known_differences.DOC_START + "\nold\n" + \
        known_differences.DOC_END + "\n\nafter\n"
    entries = [{"stage": "fit", "name": "keras.x", "kind": "extra", "reason": "a | b"}]
    made = known_differences.with_section(doc, entries)
    assert made.startswith("# Title\n\nbefore\n\n") and made.endswith("\n\nafter\n")
    assert "| extra | `fit` | `keras.x` |  | a \\| b |" in made and "old" not in made
    with pytest.raises(known_differences.KnownDifferencesError, match="no known-differences"):
        known_differences.with_section("# no markers\n", entries)


def test_every_entry_of_the_table_is_well_formed():
    entries = known_differences.load()
    assert entries and all(e["kind"] in alignment.KINDS for e in entries)
    keys = {(e["stage"], e["name"], e["kind"], e.get("arg"), e.get("scenarios"), e.get("within"))
            for e in entries}
    assert len(keys) == len(entries)


@pytest.mark.parametrize("table, message", [
    ("[]", "must be an object with a \"differences\" list"),
    ('{"differences": ["x"]}', "entry 0: expected an object, received 'x'"),
    ('{"differences": [{"stage": "fit", "name": "n", "kind": "gone", "reason": "r"}]}',
     "entry 0: kind must be one of missing, extra, moved, decision, number, received 'gone'"),
    ('{"differences": [{"stage": "fit", "name": "", "kind": "extra", "reason": "r"}]}',
     "entry 0: 'name' must be a non-empty string, received ''"),
    ('{"differences": [{"stage": "fit", "name": "n", "kind": "extra", "reason": "r", '
     '"why": 1}]}',
     "entry 0: unknown field 'why'; expected stage, name, kind, reason, arg, scenarios, within"),
    ('{"differences": [{"stage": "fit", "name": "n", "kind": "extra", "reason": "r", '
     '"within": 3}]}',
     "entry 0: 'within' must be a non-empty string, received 3"),
    ("{", "are not JSON"),
])
def test_a_malformed_table_is_refused_in_one_line(tmp_path, table, message):
    path = tmp_path / "known.json"
    path.write_text(table, encoding="utf-8")
    with pytest.raises(known_differences.KnownDifferencesError) as caught:
        known_differences.load(str(path))
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_a_missing_table_is_refused(tmp_path):
    with pytest.raises(known_differences.KnownDifferencesError,
                       match="cannot read the known differences .*: No such file"):
        known_differences.load(str(tmp_path / "none.json"))


def test_the_table_is_json_with_an_explanation():
    with open(known_differences.TABLE, encoding="utf-8") as f:
        table = json.load(f)
    assert set(table) == {"about", "differences"}
