"""``tracekeras demo`` (README's main job) writes every output, and each one opens."""
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

HAS_DOT = shutil.which("dot") is not None


@pytest.fixture(scope="module")
def demo_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    done = subprocess.run([sys.executable, "-m", "tracekeras", "demo", "--out", str(out),
                           "--data", "synthetic", "--epochs", "2"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return out, done.stdout


def test_it_prints_the_progress_bar_the_summary_and_the_trace_tree(demo_out):
    _, stdout = demo_out
    assert "Epoch 1/2" in stdout and "Epoch 2/2" in stdout
    assert "47/47 [==============================]" in stdout
    assert "Total params: 407050 (1.55 MB)" in stdout
    assert "Model.fit" in stdout and "train steps (folded" in stdout


def test_the_trace_reads_back_with_the_seed_stages(demo_out):
    import tracekeras
    out, _ = demo_out
    t = tracekeras.tracing.load(os.path.join(out, "seed.trace.jsonl"))
    names = t.names()
    for stage in (
        "keras.engine.training.Model.compile",
        "keras.engine.data_adapter.select_data_adapter",
        "keras.layers.core.dense.Dense.build",
        "keras.engine.functional._build_map_helper",
        "keras.engine.training.Model.evaluate",
    ):
        assert stage in names
    assert os.path.getsize(os.path.join(out, "seed.trace.jsonl")) < 256 * 1024


def test_the_json_outputs_load(demo_out):
    out, _ = demo_out
    with open(os.path.join(out, "seed.perfetto.json")) as f:
        events = json.load(f)["traceEvents"]
    assert {"X", "M"} <= {e["ph"] for e in events}
    assert all("ts" in e for e in events if e["ph"] == "X")
    with open(os.path.join(out, "seed.speedscope.json")) as f:
        assert json.load(f)["$schema"].startswith("https://www.speedscope.app/")
    with open(os.path.join(out, "seed.sequence.mmd")) as f:
        assert f.read().lstrip().startswith("sequenceDiagram")


@pytest.mark.skipif(not HAS_DOT, reason="the Graphviz dot program is not installed")
def test_the_images_open(demo_out):
    out, _ = demo_out
    for stem in ("seed.calls", "seed.layers"):
        root = ET.parse(os.path.join(out, stem + ".svg")).getroot()
        assert root.tag.endswith("svg")
        with open(os.path.join(out, stem + ".png"), "rb") as f:
            assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    with open(os.path.join(out, "seed.html"), encoding="utf-8") as f:
        page = f.read()
    assert page.count("<svg") >= 2 and "http://" not in page.replace("http://www.w3.org", "")


def test_a_bad_option_is_one_line_and_status_2(capsys):
    from tracekeras import cli

    assert cli.main(["demo", "--data", "cifar"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("tracekeras demo: error: argument --data: invalid choice: 'cifar'")
    assert err.count("\n") == 1


def test_mnist_not_in_the_keras_cache_is_one_line_and_status_1(tmp_path, monkeypatch, capsys):
    from tracekeras import cli
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    out = tmp_path / "out"
    assert cli.main(["demo", "--data", "mnist", "--out", str(out)]) == 1
    captured = capsys.readouterr()
    where = os.path.join(str(tmp_path), "datasets", "mnist.npz")
    assert captured.err.startswith("tracekeras demo: error: mnist.npz is not in the Keras cache")
    assert f"put it at {where}" in captured.err
    url = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
    assert f"Keras downloads it from {url} " in captured.err
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert captured.out == "" and not out.exists()


def test_the_default_digits_need_no_download(tmp_path, monkeypatch):
    from tracekeras import demo
    (tmp_path / "keras").mkdir()
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    _, trace, _ = demo.run(out=str(tmp_path / "out"), epochs=1, verbose=0, render=False)
    assert "keras.engine.training.Model.fit" in trace.names()
    assert list((tmp_path / "keras").iterdir()) == []
