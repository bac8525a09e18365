"""``benchmarks/transformer.py`` runs: a tiny untimed run prints its table."""
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
    assert lines[0] == "Transformer text classifier, 8 sequences of 200 word ids, batch 4"
    assert lines[2].split()[0] == "tracekeras" and float(lines[2].split()[1]) > 0
