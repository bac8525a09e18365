"""The "Basic text classification" pipeline on a tiny reviews folder, under ``tracekeras run``'s
``tensorflow``: the same class names, vocabulary and vectorized first review as real tf_keras
2.21 on the same folder (``data/text_pipeline.json``, written by
``make_text_pipeline_fixtures.py``), and the model trains and predicts from raw strings.
"""
import importlib
import json
import os

import numpy as np
import pytest

from tracekeras import shim

from .text_pipeline import run_pipeline, write_reviews

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "text_pipeline.json")) as f:
    EXPECTED = json.load(f)


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    root = write_reviews(str(tmp_path_factory.mktemp("aclImdb")))
    with shim.activated():
        return run_pipeline(importlib.import_module("tensorflow"), root)


@pytest.mark.parametrize("key", ["class_names", "vocabulary", "first_test_review",
                                 "first_test_label", "vectorized"])
def test_same_as_tf_keras(result, key):
    assert result[key] == EXPECTED[key]


def test_it_trains_and_predicts_from_raw_strings(result):
    assert result["history_keys"] == EXPECTED["history_keys"]
    assert result["prediction_shape"] == EXPECTED["prediction_shape"]
    assert np.asarray(result["vectorized"]).dtype == np.int64
