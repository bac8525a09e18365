"""Write what real tf_keras 2.21 gives for the ``keras.utils.FeatureSpace`` cases of
``feature_space_cases.py`` into ``tests/utils/data/feature_space.json``.

Run with the reference venv from the repository root:

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/utils/make_feature_space_fixtures.py

For each case: the encoded outputs (values, shape, dtype) of every feature kind and of
crosses, concat and dict modes, batched, unbatched, one example and inside
``Dataset.map``; what ``adapt`` found (vocabularies, mean and variance, bin boundaries);
names, ``get_config`` and ``from_config``; the two Functional models of the keras.io
example; and the error type and message of each common mistake.
"""
import json
import os
import sys

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import tensorflow as tf  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

from tests.utils.feature_space_cases import CASES, error_of, mistakes  # noqa: E402


def main():
    assert tf.keras.__name__.startswith("tf_keras"), "set TF_USE_LEGACY_KERAS=1"
    facts = {"cases": {}, "errors": {}}
    for name, case in CASES.items():
        tf.keras.backend.clear_session()
        facts["cases"][name] = case(tf)
    for name, fn in mistakes(tf).items():
        tf.keras.backend.clear_session()
        facts["errors"][name] = error_of(fn)
    path = os.path.join(HERE, "data", "feature_space.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(facts, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
