"""Run the table of ``text_generation_scenarios.py`` through real TensorFlow 2.21.

Writes ``data/tf_text_generation_ops.json`` (one outcome per case: a described result,
or the error's type and message). Run with the TensorFlow venv from the repository root:
``TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python tests/backend/make_text_generation_fixtures.py``.

TensorFlow runs with one intra-op thread: its ``Multinomial`` kernel splits a batch of
rows over its threads when the work is large enough, each piece starting further on in
the stream; with one thread the batch is computed in one piece, the draws tracekeras
reproduces (see ``tracekeras.backend.random.categorical``).
"""
import json
import os
import sys

import tensorflow as tf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import text_generation_scenarios as scenarios  # the table sits next to this script

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data",
                   "tf_text_generation_ops.json")


def main():
    tf.config.threading.set_intra_op_parallelism_threads(1)
    fixtures = {}
    for name, call in scenarios.CASES:
        tf.random.set_seed(None)
        fixtures[name] = scenarios.outcome(call, tf)
    fixtures["_meta"] = {"tensorflow": tf.__version__}
    lines = [f"{json.dumps(name)}: {json.dumps(value, ensure_ascii=False)}"
             for name, value in sorted(fixtures.items())]
    with open(OUT, "w", encoding="utf-8") as f:   # one case a line
        f.write("{\n" + ",\n".join(lines) + "\n}\n")
    print(f"wrote {len(fixtures) - 1} cases to {OUT}")


if __name__ == "__main__":
    main()
