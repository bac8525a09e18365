"""``keras.utils.FeatureSpace`` against tf_keras 2.21: the cases of ``feature_space_cases.py``
run on tracekeras (through the shim's ``tensorflow``), compared with what
``make_feature_space_fixtures.py`` recorded from real Keras in ``data/feature_space.json``."""
import json
import os

import numpy as np
import pytest

import tracekeras
from tracekeras.utils.feature_space import FeatureSpace

from .feature_space_cases import CASES, TABLE, error_of, mistakes

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "feature_space.json"), encoding="utf-8") as f:
    KERAS = json.load(f)


def assert_same(ours, keras, where="case"):
    """Equal facts, floats to float32 tolerance."""
    if isinstance(keras, dict):
        assert sorted(ours) == sorted(keras), where
        for key in keras:
            assert_same(ours[key], keras[key], f"{where}.{key}")
    elif isinstance(keras, list) and keras and isinstance(keras[0], (list, dict, str)):
        assert len(ours) == len(keras), where
        for i, (a, b) in enumerate(zip(ours, keras)):
            assert_same(a, b, f"{where}[{i}]")
    elif isinstance(keras, (float, list)) and not isinstance(keras, bool):
        np.testing.assert_allclose(np.asarray(ours, "float64"), np.asarray(keras, "float64"),
                                   rtol=1e-5, atol=1e-6, err_msg=where)
    else:
        assert ours == keras, where


@pytest.mark.parametrize("name", sorted(CASES))
def test_feature_space_case_matches_tf_keras(tf, name):
    assert_same(CASES[name](tf), KERAS["cases"][name], name)


@pytest.mark.parametrize("name", sorted(KERAS["errors"]))
def test_a_common_mistake_raises_what_tf_keras_raises(tf, name):
    assert error_of(mistakes(tf)[name]) == KERAS["errors"][name]


def test_a_mistake_in_the_specs_leaves_no_layer_names_used():
    # the checks before any feature is made: the counted names start again where they were
    with pytest.raises(ValueError, match="cannot be None or empty"):
        FeatureSpace(features={})
    space = FeatureSpace(features={"a": FeatureSpace.float_normalized()})
    assert space.preprocessors["a"].name == "float_normalized_1_preprocessor"


def test_the_keras_spellings_resolve_to_the_feature_space(tf):
    assert tf.keras.utils.FeatureSpace is FeatureSpace
    from tracekeras import shim
    scope = {"__name__": "__main__"}
    with shim.activated():
        exec("from tensorflow.keras.utils import FeatureSpace as x", scope)
    assert scope["x"] is FeatureSpace


def test_adapt_and_calls_are_traced_around_the_layers_they_run(tf):
    space = FeatureSpace(features={"f_norm": "float_normalized", "s_cat": "string_categorical",
                                   "s_hash": "string_hashed"},
                         crosses=[("s_hash", "s_cat")], crossing_dim=3, output_mode="concat")
    columns = {k: TABLE[k] for k in ("f_norm", "s_cat", "s_hash")}
    data = tf.data.Dataset.from_tensor_slices(columns)
    with tracekeras.trace(level="full") as t:
        space.adapt(data.batch(4))
        untraced = np.asarray(space(columns))
    spans = [r for r in t.records if r["ph"] == "B"]
    names = [r["name"] for r in spans]
    prefix = "keras.utils.feature_space.FeatureSpace."
    adapt = names.index(prefix + "adapt")
    assert names.count("keras.engine.base_preprocessing_layer.PreprocessingLayer.adapt") == 2
    assert names.index("keras.engine.base_preprocessing_layer.PreprocessingLayer.adapt") > adapt
    assert prefix + "get_encoded_features" in names and prefix + "__call__" in names
    call = spans[names.index(prefix + "__call__")]
    assert call["stage"] == "layer" and call["args"] == {"output_mode": "concat"}
    # tracing changes no result
    again = np.asarray(space(columns))
    np.testing.assert_array_equal(untraced, again)


def test_saving_a_feature_space_is_the_one_line_not_implemented_error(tmp_path):
    from tracekeras.shim.errors import OperationNotImplementedByTracekeras
    space = FeatureSpace(features={"f_float": "float"})
    with pytest.raises(OperationNotImplementedByTracekeras,
                       match=r"^tracekeras does not implement keras.utils.FeatureSpace.save "
                             r"\(used by test_feature_space.py line \d+\); rebuild it"):
        space.save(str(tmp_path / "space.keras"))
    assert not (tmp_path / "space.keras").exists()
