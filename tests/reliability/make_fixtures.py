"""Write data/argument_errors.json from real tf_keras 2.21 (run by hand, never by tests).

    TF_USE_LEGACY_KERAS=1 $TRACEKERAS_KERAS_PYTHON tests/reliability/make_fixtures.py

For every case of ``scenarios.py``: the exception tf_keras raises (type and
message) and whether it changed the weights or ``iterations`` first.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

import tf_keras  # noqa: E402

from tests.reliability.scenarios import CASES, run  # noqa: E402

if __name__ == "__main__":
    result = {"_source": f"tf_keras {tf_keras.__version__}, tests/reliability/make_fixtures.py"}
    for case, _, _ in CASES:
        result[case] = run(tf_keras, case)
        print(case, result[case]["type"], (result[case]["message"] or "")[:150].replace("\n", " "),
              "CHANGED" if result[case]["state_changed"] else "")
    os.makedirs(os.path.join(HERE, "data"), exist_ok=True)
    with open(os.path.join(HERE, "data", "argument_errors.json"), "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
        f.write("\n")
