"""``tk_idf_model.keras``: the model of ``tf_idf_saving_model.py`` (lookups in
``output_mode="tf_idf"``) written by tracekeras, for ``make_tf_idf_saving_files.py`` to
load in real tf_keras 2.21 (run this first, with tracekeras's venv)::

    python tests/layers/make_tk_idf_saving_file.py
"""
import os
import sys

FOLDER = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(FOLDER)))  # this checkout's tracekeras
import tracekeras as keras  # noqa: E402 - after the path is set
from tests.layers import tf_idf_saving_model  # noqa: E402


def main():
    model = tf_idf_saving_model.build(keras)
    model.save(os.path.join(FOLDER, "data", "tk_idf_model.keras"))


if __name__ == "__main__":
    main()
