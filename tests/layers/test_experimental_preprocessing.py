"""``keras.layers.experimental.preprocessing``: the old path of the preprocessing layers, the
same classes as ``keras.layers`` (data/experimental_preprocessing.json, written with tf_keras
2.21 by make_experimental_preprocessing_fixture.py)."""
import json
import os

import numpy as np
import pytest

from tracekeras import layers, shim
from tracekeras.layers.experimental import preprocessing

with open(os.path.join(os.path.dirname(__file__), "data",
                       "experimental_preprocessing.json")) as f:
    KERAS = json.load(f)


def test_the_old_path_lists_keras_names_and_hands_on_the_same_classes():
    assert sorted(preprocessing.KERAS_NAMES) == sorted(KERAS["names"])
    offered = [name for name, same in KERAS["names"].items() if same and hasattr(layers, same)]
    assert {"Rescaling", "Normalization", "RandomFlip", "TextVectorization"} <= set(offered)
    for name in offered:
        assert getattr(preprocessing, name) is getattr(layers, KERAS["names"][name])
    assert sorted(preprocessing.__all__) == sorted(offered)


def test_a_keras_name_not_implemented_says_so():
    missing = [name for name in KERAS["names"] if name not in preprocessing.__all__]
    assert missing == ["PreprocessingLayer"]
    with pytest.raises(AttributeError, match=r"keras.layers.experimental.preprocessing."
                                             r"PreprocessingLayer is not implemented in "
                                             r"tracekeras yet. Implemented here: "
                                             r"CategoryEncoding, CenterCrop, Discretization, "
                                             r"HashedCrossing, "):
        _ = preprocessing.PreprocessingLayer
    with pytest.raises(AttributeError, match="has no attribute 'Nothing'"):
        _ = preprocessing.Nothing


def test_rescaling_from_the_old_path_computes_as_tf_keras():
    out = preprocessing.Rescaling(1 / 255, offset=-1)(np.array(KERAS["rescaling"]["input"],
                                                              np.float32))
    np.testing.assert_allclose(np.asarray(out), KERAS["rescaling"]["output"], atol=1e-6)


@pytest.mark.parametrize("source", [
    "import tensorflow as tf\nx = tf.keras.layers.experimental.preprocessing.Rescaling",
    "from tensorflow.keras.layers.experimental.preprocessing import Rescaling as x",
    "from keras.layers.experimental import preprocessing\nx = preprocessing.Rescaling"])
def test_keras_spellings_of_the_old_path_resolve_under_the_shim(source):
    scope = {"__name__": "__main__"}
    with shim.activated():
        exec(compile(source, "script.py", "exec"), scope)
    assert scope["x"] is layers.Rescaling
