"""Without tf_keras (CI has none): one line saying what to install, and nothing loaded.

tf_keras is the optional extra ``tracekeras[keras]``. ``tracekeras run --engine keras``
then says in one line what to install and exits with status 2; entering a probe
raises ``MissingKeras`` with the same advice; importing ``tracekeras.probe`` (or
running the tracekeras engine) never imports TensorFlow.
"""
import subprocess
import sys

import pytest

from tracekeras import probe
from tracekeras import run as run_command

ADVICE = "pip install 'tracekeras[keras]'"


@pytest.fixture
def no_tf_keras(monkeypatch):
    monkeypatch.setitem(sys.modules, "tf_keras", None)   # import tf_keras now fails
    monkeypatch.setattr(probe, "available", lambda: False)


def test_run_engine_keras_says_what_to_install_in_one_line(no_tf_keras, tmp_path, capsys):
    script = tmp_path / "train.py"
    script.write_text("print('never runs')\n")
    status = run_command.main(["--engine", "keras", "--out", str(tmp_path / "out"),
                               str(script)])
    out, err = capsys.readouterr()
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1 and ADVICE in err
    assert err.startswith("tracekeras run: error: --engine keras: tracing real Keras needs "
                          "tf_keras, which is not installed")
    assert not (tmp_path / "out").exists()


def test_entering_a_probe_without_tf_keras_raises_with_the_advice(no_tf_keras):
    with pytest.raises(probe.MissingKeras, match=r"pip install 'tracekeras\[keras\]'"):
        with probe.trace():
            pass


def test_an_unknown_engine_is_a_usage_error(capsys):
    assert run_command.main(["--engine", "jax", "x.py"]) == 2
    assert "unknown --engine 'jax': expected one of tracekeras, keras" in capsys.readouterr().err


def test_setup_declares_the_keras_extra():
    import configparser
    import os
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    config = configparser.ConfigParser()
    config.read(os.path.join(root, "setup.cfg"))
    assert config["options.extras_require"]["keras"].strip() == "tf-keras>=2.15"


def test_importing_the_probe_loads_no_tensorflow():
    code = ("import sys, tracekeras.probe, tracekeras.probe.imports; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('tensorflow', 'tf_keras', 'keras')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
