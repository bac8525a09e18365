"""``benchmarks/transformer.py`` and ``transformer_profile.py`` run: a tiny untimed run
prints its tables."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_transformer_benchmark_quick_run():
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "benchmarks", "transformer.py"),
                           "--samples", "8", "--batch-size", "4", "--epochs", "1"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stdout.splitlines()
    assert lines[0] == ("Transformer text classifier, 8 sequences of 200 word ids, batch 4; "
                        "wall clock")
    assert lines[2].split()[0] == "tracekeras" and float(lines[2].split()[1]) > 0
    assert lines[3].startswith("CPU time of the process (all its threads)")
    assert lines[5].split()[0] == "tracekeras" and float(lines[5].split()[1]) > 0


def test_transformer_profile_quick_run():
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "benchmarks",
                                                        "transformer_profile.py"),
                           "--samples", "8", "--batch-size", "4", "--epochs", "1", "--by-op"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = {line[:60].strip(): line[60:].split() for line in proc.stdout.splitlines()[2:]}
    assert float(rows["total (ms a step)"][0]) > 0
    assert float(rows["fwd tf.einsum"][0]) > 0 and float(rows["bwd tf.nn.softmax"][0]) > 0
