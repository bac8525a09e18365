"""Write ``data/<scenario>.keras.jsonl``: each conformance scenario run on real tf_keras,
traced by the probe at the default ``stages`` level.

Needs tf_keras (``pip install 'tracekeras[keras]'``, and SciPy for the sparse scenario);
``make reference`` runs it from the repository root::

    PYTHONPATH=. /path/to/tf/python tests/conformance/make_fixtures.py [SCENARIO ...]

Each scenario runs in a process of its own (``--one NAME``), as a script would:
TensorFlow cannot turn eager execution back on once a scenario turned it off. The
trace is kept whole (the default ``stages`` level folds repeated steps, so each file is
a few tens of KB), but for each ``ts``, rounded to the microsecond: nothing compares
timestamps, and the nanoseconds of a loaded machine are noise.
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from tests.conformance import runner  # noqa: E402


def trim(path):
    """Round each record's ``ts`` to whole microseconds (ns -> us * 1000); atomic."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        record = json.loads(line)
        if isinstance(record.get("ts"), int):
            record["ts"] = record["ts"] // 1000 * 1000
        out.append(json.dumps(record, separators=(",", ":")))
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    os.replace(path + ".tmp", path)


def one(name):
    os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.makedirs(runner.DATA, exist_ok=True)
    target = runner.reference_of(name)
    status, failure = runner.run_keras(name, target + ".new")
    if status != 0:
        raise SystemExit(f"{name} failed on tf_keras (status {status}): {failure!r}")
    trim(target + ".new")
    os.replace(target + ".new", target)
    print(f"wrote {os.path.relpath(target)} ({os.path.getsize(target) // 1024} KB)")


def main(argv):
    if argv[:1] == ["--one"]:
        one(argv[1])
        return 0
    names = argv or runner.scenario_names()
    failed = []
    for name in names:
        done = subprocess.run([sys.executable, os.path.abspath(__file__), "--one", name],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        print(done.stdout.strip().splitlines()[-1] if done.stdout.strip() else name)
        if done.returncode != 0:
            failed.append(name)
            print(done.stdout[-3000:], file=sys.stderr)
    if failed:
        print(f"failed on tf_keras: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
