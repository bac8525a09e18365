#!/usr/bin/env python3
"""Write the known-differences section of docs/differences.md from the table.

The table is tracekeras/conformance/known_differences.json; the section sits
between the two marker lines of tracekeras.conformance.known_differences. Run
from anywhere (`make differences-doc` runs it); `--check` writes nothing and
exits 1 when the committed page is not what the table makes.
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tracekeras.conformance import known_differences  # noqa: E402

DOC = os.path.join(ROOT, "docs", "differences.md")


def main(argv):
    with open(DOC, encoding="utf-8") as f:
        doc = f.read()
    made = known_differences.with_section(doc, known_differences.load())
    if "--check" in argv:
        if made != doc:
            print(f"{DOC} is out of date: run python tools/make_differences_doc.py",
                  file=sys.stderr)
            return 1
        return 0
    if made != doc:
        with open(DOC, "w", encoding="utf-8") as f:
            f.write(made)
    print(DOC)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
