"""Ask real tf_keras what the chapters say it does: ``docs/data/keras_facts.json``.

Run with the TensorFlow venv (CI never needs it; the JSON is committed)::

    TF_USE_LEGACY_KERAS=1 TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python docs/make_keras_facts.py

Each program (in ``keras_facts_engine.py`` and ``keras_facts_chapters.py``
beside this script) runs a small model on tf_keras 2.21 and returns the facts
a chapter states (an order of calls, which callbacks a container holds, which
accuracy a string became, what a ``.keras`` file holds). The calls are watched
by wrapping tf_keras functions for the run (``watch``); nothing of tf_keras is
copied. ``tests/docs/test_keras_facts.py`` holds each chapter's sentence next
to the fact it rests on, and the chapters' doctests compare tracekeras's run
with these facts. ``python docs/make_keras_facts.py NAME ...`` reruns only the
programs named and keeps the other facts.
"""
import json
import os
import sys

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "data", "keras_facts.json")
sys.path.insert(0, HERE)

import tensorflow as tf  # noqa: E402
import tf_keras as keras  # noqa: E402
from keras_facts_chapters import cnn_rnn_facts, exercise_facts, saving_facts, train_step_facts  # noqa: E402
from keras_facts_engine import (  # noqa: E402
    accuracy_facts,
    adapter_facts,
    build_facts,
    callback_facts,
    compile_facts,
    graph_facts,
    hook_facts,
    keras22_facts,
    unknown_metric_facts,
)

# keras22_facts leaves eager execution off for good (TensorFlow cannot turn it back on): last.
FACTS = [adapter_facts, hook_facts, exercise_facts, compile_facts, accuracy_facts, callback_facts,
         unknown_metric_facts, build_facts, graph_facts, train_step_facts, cnn_rnn_facts,
         saving_facts, keras22_facts]


def main(names):
    facts = {}
    if os.path.exists(OUT):
        with open(OUT, encoding="utf-8") as f:
            facts = json.load(f)["facts"]
    for function in FACTS:
        if names and function.__name__ not in names:
            continue
        keras.utils.set_random_seed(0)
        facts.update(function())
        print(function.__name__, "done", file=sys.stderr)
    document = {"source": "tf_keras " + keras.__version__ + ", tensorflow " + tf.__version__
                + ", made by docs/make_keras_facts.py", "facts": dict(sorted(facts.items()))}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT + ".tmp", "w", encoding="utf-8") as f:
        json.dump(document, f, indent=1, sort_keys=True)
        f.write("\n")
    os.replace(OUT + ".tmp", OUT)


if __name__ == "__main__":
    main(sys.argv[1:])
