"""The `tracekeras` command: render/show/summary/outputs, and one-line errors with exit codes."""
import os
import subprocess
import sys

import pytest

from tracekeras import cli

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(capsys, *argv):
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_render_mermaid_and_dot(capsys, seed_path, tmp_path):
    target = tmp_path / "seq.mmd"
    status, out, err = run(capsys, "render", seed_path, "--format", "mermaid", "--out", str(target))
    assert (status, out.strip(), err) == (0, str(target), "")
    assert target.read_text().startswith("sequenceDiagram")
    target = tmp_path / "calls.dot"
    status, out, err = run(capsys, "render", seed_path, "-f", "dot", "-o", str(target),
                           "--stage", "data", "--depth", "6")
    assert status == 0 and "select_data_adapter" in target.read_text()


def test_render_default_output_sits_beside_the_trace(capsys, seed_path, tmp_path):
    trace = tmp_path / "run.jsonl"
    trace.write_bytes(open(seed_path, "rb").read())
    status, out, _ = run(capsys, "render", str(trace), "--format", "perfetto")
    assert status == 0 and out.strip() == str(tmp_path / "run.perfetto.json")


def test_show_and_summary_print_to_the_terminal(capsys, seed_path):
    status, out, _ = run(capsys, "show", seed_path, "--depth", "2", "--no-legend")
    assert status == 0 and "Model.fit fit" in out and "stages:" not in out
    status, out, _ = run(capsys, "summary", seed_path)
    assert status == 0 and "time per stage" in out and "share" in out


def test_outputs_writes_every_file(capsys, seed_path, tmp_path):
    status, out, _ = run(capsys, "outputs", seed_path, "--out", str(tmp_path), "--stem", "seed")
    assert status == 0
    names = sorted(os.path.basename(p) for p in out.split())
    assert "seed.html" in names and "seed.sequence.mmd" in names and "seed.calls.dot" in names


@pytest.mark.parametrize("argv, status, message", [
    (["render", "/no/such/trace.jsonl"], 1,
     "tracekeras: error: cannot read trace '/no/such/trace.jsonl': no such file"),
    (["render", "{seed}", "--format", "gif"], 2,
     "tracekeras render: error: unknown format 'gif': expected one of svg, png, dot, mermaid, "
     "perfetto, speedscope, html"),
    (["show"], 2, "tracekeras show: error: the following arguments are required: TRACE"),
    (["frobnicate"], 2, "tracekeras: error: argument COMMAND: invalid choice: 'frobnicate'"),
    (["render", "{seed}", "--depth", "0"], 2,
     "tracekeras render: error: argument --depth: must be 1 or more, received 0"),
])
def test_errors_are_one_line_with_a_status(capsys, seed_path, argv, status, message):
    argv = [a.replace("{seed}", seed_path) for a in argv]
    got, out, err = run(capsys, *argv)
    assert got == status
    assert err.count("\n") == 1 and err.startswith(message)
    assert "Traceback" not in err


def test_malformed_traces_are_refused_in_one_line(capsys, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"format": "something-else"}\n')
    status, _, err = run(capsys, "show", str(bad))
    assert status == 1 and err == (f"tracekeras: error: {bad} is not a tracekeras trace: expected "
                                   "a header with format 'tracekeras-trace', received "
                                   "'something-else'.\n")
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b"\x89PNG\x00\xff\xfe")
    status, _, err = run(capsys, "summary", str(binary))
    assert status == 1 and "is not a tracekeras trace" in err and err.count("\n") == 1
    status, _, err = run(capsys, "show", str(tmp_path))
    assert status == 1 and "it is a folder" in err


def test_unwritable_output_is_one_line(capsys, seed_path, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        status, _, err = run(capsys, "render", seed_path, "-f", "html", "-o",
                             str(locked / "r.html"))
        assert status == 1 and err.startswith("tracekeras: error: cannot write") \
            and "permission denied" in err and err.count("\n") == 1
    finally:
        locked.chmod(0o700)


def test_output_path_that_is_a_folder_is_one_line(capsys, seed_path, tmp_path):
    status, _, err = run(capsys, "render", seed_path, "-f", "mermaid", "-o", str(tmp_path))
    assert status == 1 and err.startswith("tracekeras: error: cannot write") \
        and err.count("\n") == 1


def test_an_engine_command_with_a_missing_script_is_one_line(capsys, tmp_path):
    status, _, err = run(capsys, "run", str(tmp_path / "nope.py"))
    assert status != 0 and err.count("\n") == 1 and "nope.py" in err


def test_python_dash_m_without_the_engine(seed_path):
    code = ("import sys, runpy; sys.argv = ['tracekeras', 'summary', %r]; "
            "import tracekeras.cli as c; status = c.main(sys.argv[1:]); "
            "bad = sorted(m for m in sys.modules if m.startswith(('tracekeras.engine', "
            "'tracekeras.backend', 'numpy'))); print('LOADED', bad); sys.exit(status)" % seed_path)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert "LOADED []" in out.stdout and "time per stage" in out.stdout
    out = subprocess.run([sys.executable, "-m", "tracekeras", "render", "/missing.jsonl"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 1 and out.stderr == (
        "tracekeras: error: cannot read trace '/missing.jsonl': no such file\n")
