"""Facts of TensorFlow 2.21's file readers, for ``test_readers.py``.

Run with the TensorFlow venv (tests never import TensorFlow)::

    /work/tfvenv/bin/python tests/data_adapters/make_reader_fixtures.py

Runs ``reader_cases`` on TensorFlow in a temporary folder and writes
``data/readers.json``: the lines ``TextLineDataset`` reads, the orders of
``Dataset.list_files`` (seeded, and a pattern not shuffled), the elements of
``interleave`` for several cycle and block lengths, and ``tf.io.decode_csv``'s columns
(dtype and value) and error messages, and the ids of ``tf.lookup.StaticVocabularyTable``.
"""
import json
import os
import sys
import tempfile

import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reader_cases as cases  # noqa: E402


def main():
    with tempfile.TemporaryDirectory() as folder:
        facts = {"readers": cases.readers(tf, folder), "decode_csv": cases.decode_csv(tf),
                 "lookup": cases.lookup(tf)}
    with open(os.path.join(HERE, "data", "readers.json"), "w") as f:
        json.dump(facts, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
