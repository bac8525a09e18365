#!/usr/bin/env python3
"""Print the conformance table: each scenario on tracekeras against real Keras's trace.

For each scenario of tests/conformance/scenarios/ (an ordinary Keras script), run it
on tracekeras, line its trace up with the committed tf_keras trace
(tests/conformance/data/<scenario>.keras.jsonl, written by `make reference`) and
print one Markdown row: the key stages of Keras's trace matched in order, how many
differences the table of known differences explains, and whether the stage order,
the decisions and the logged numbers agree. No TensorFlow needed.

    python tools/conformance_table.py [SCENARIO ...] [--verbose]

`--verbose` lists every difference that is not a known one. Exit status 0 when every
scenario conforms, 1 otherwise.
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tests.conformance import runner  # noqa: E402
from tracekeras.conformance import check  # noqa: E402


def main(argv):
    verbose = "--verbose" in argv or "-v" in argv
    names = [a for a in argv if not a.startswith("-")] or runner.scenario_names()
    unknown = sorted(set(names) - set(runner.scenario_names()))
    if unknown:
        print(f"conformance_table: no such scenario: {', '.join(unknown)}", file=sys.stderr)
        return 2
    rows = []
    for name in names:
        status, trace, failure = runner.run_tracekeras(name)
        row = check.row(name, check.compare(runner.reference_of(name), trace, name))
        rows.append(row)
        if failure is not None:
            print(f"{name}: the scenario raised {type(failure).__name__}: {failure}",
                  file=sys.stderr)
        if verbose:
            for d in row.unknown:
                print(f"{name}: {d.kind} {d.stage} {d.name} {d.what} {d.a!r} -> {d.b!r}",
                      file=sys.stderr)
    print(check.table(rows))
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
