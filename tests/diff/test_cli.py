"""`tracekeras diff A B`: the summary line, the exit status CI reads (0 equal or only known
differences, 1 differences, 2 bad input) and one-line errors."""
import json
import os
import subprocess
import sys

import pytest

from tracekeras import cli

from .conftest import trace_path

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(capsys, *argv):
    status = cli.main(["diff", *argv])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("b, status, summary", [
    ("again", 0, "132/132 key stages in order, all decisions equal, epoch loss max rel. diff 0"),
    ("with_known", 0, "132/132 key stages in order, 1 extra, all decisions equal, "
                      "epoch loss max rel. diff 0, 1 known difference"),
    ("reordered", 1, "131/132 key stages in order, 1 moved, 1 decision differs, "
                     "epoch loss max rel. diff 3e-7"),
    ("dataset", 1, "131/132 key stages in order, 1 missing, 1 extra, 1 decision differs, "
                   "epoch loss max rel. diff 0"),
])
def test_quiet_prints_the_summary_line_and_the_status_says_whether_they_differ(
        capsys, b, status, summary):
    assert run(capsys, trace_path("base"), trace_path(b), "--quiet") == (status, summary + "\n",
                                                                         "")


def test_tolerances_and_the_known_table_are_options(capsys, tmp_path):
    base, edited = trace_path("base"), trace_path("reordered")
    status, out, _ = run(capsys, base, edited, "-q", "--rtol", "1e-7", "--atol", "0")
    assert status == 1 and out.strip().endswith("1 number differs (rtol 1e-7, atol 0)")
    assert run(capsys, base, trace_path("with_known"), "-q", "--no-known")[0] == 1
    table = tmp_path / "known.json"
    table.write_text(json.dumps({"differences": [
        {"stage": "compile", "name": "*._validate_compile", "kind": "moved", "reason": "r"},
        {"stage": "build", "name": "*.Dense.build", "kind": "decision", "arg": "input_shape",
         "reason": "r"}]}))
    status, out, _ = run(capsys, base, edited, "-q", "--known", str(table))
    assert (status, out.strip().split(", ")[-1]) == (0, "2 known differences")


def test_the_full_view_ends_with_the_summary_on_one_line(capsys):
    status, out, _ = run(capsys, trace_path("base"), trace_path("adam"), "--limit", "3")
    lines = out.rstrip("\n").splitlines()
    assert status == 1
    assert lines[:2] == ["tracekeras diff", f"A: {trace_path('base')} (tracekeras 0.1.0)"]
    assert lines[-1].startswith("125/132 key stages in order, 7 missing, 11 extra")
    assert "… 20 more (--limit to see more)" in out


def test_html_writes_the_side_by_side_page(capsys, tmp_path):
    page = tmp_path / "out" / "diff.html"
    status, out, err = run(capsys, trace_path("base"), trace_path("progbar"), "-q",
                           "--html", str(page))
    assert status == 1 and err == f"tracekeras: wrote {page}\n"
    text = page.read_text(encoding="utf-8")
    assert "ProgbarLogger" in text
    # both call diagrams in the explorer, the boxes of stages in one trace only marked
    assert "<h2>Call diagrams side by side</h2>" in text and text.count("class='tk-root'") == 2
    assert '"marks":{' in text and '"only"' in text


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_bad_input_is_one_line_and_status_2(capsys, tmp_path):
    good = trace_path("base")
    cases = [
        (str(tmp_path / "nope.jsonl"), "cannot read trace '{}': no such file"),
        (str(tmp_path), "cannot read trace '{}': it is a folder, expected a .jsonl file"),
        (write(tmp_path, "empty.jsonl", ""),
         "{} is empty: expected a tracekeras trace (JSON Lines, header first)."),
        (write(tmp_path, "other.jsonl", '{"format": "chrome"}\n'),
         "{} is not a tracekeras trace: expected a header with format 'tracekeras-trace', "
         "received 'chrome'."),
        (write(tmp_path, "broken.jsonl", open(good).readline() + "[1, 2]\n{}\n"),
         "{}: record 2 is not a trace record: expected an object whose \"ph\" is B, E, i or G, "
         "received '[1, 2]'."),
    ]
    for path, message in cases:
        for argv in ((path, good), (good, path)):
            status, out, err = run(capsys, *argv)
            assert (status, out) == (2, "")
            assert err == "tracekeras diff: error: " + message.format(path) + "\n"


def test_a_bad_known_table_is_bad_input(capsys, tmp_path):
    table = write(tmp_path, "known.json", json.dumps({"differences": [{"kind": "extra"}]}))
    status, out, err = run(capsys, trace_path("base"), trace_path("again"), "--known", table)
    assert (status, out) == (2, "")
    assert err == f"tracekeras diff: error: '{table}', entry 0: the field 'stage' is missing\n"


@pytest.mark.parametrize("argv, message", [
    (["--rtol", "-1"], "tracekeras diff: error: --rtol must be 0 or more, received -1.0"),
    (["--atol", "nan"], "tracekeras diff: error: --atol must be 0 or more, received nan"),
])
def test_usage_mistakes_are_status_2(capsys, argv, message):
    status, out, err = run(capsys, trace_path("base"), trace_path("again"), *argv)
    assert (status, out, err) == (2, "", message + "\n")
    status, _, err = run(capsys, trace_path("base"))
    assert status == 2 and "the following arguments are required: B" in err


def test_diff_loads_neither_the_engine_nor_numpy(tmp_path):
    code = ("import sys\nfrom tracekeras import cli\n"
            f"status = cli.main(['diff', {trace_path('base')!r}, {trace_path('adam')!r}, '-q',"
            f" '--html', {str(tmp_path / 'diff.html')!r}])\n"
            "bad = sorted(m for m in sys.modules if m.startswith(('tracekeras.engine', "
            "'tracekeras.backend', 'numpy')))\nprint('STATUS', status, 'LOADED', bad)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert "STATUS 1 LOADED []" in out.stdout, out.stderr
