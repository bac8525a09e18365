"""``keras.applications.InceptionV3`` against tf_keras 2.21 (data/inception_v3.json, made by
make_model_fixtures.py): ``summary()``'s rows for four builds (the automatic names of its
unnamed layers included), the configuration layer by layer, the forward numbers under
formula weights on ``tf``-preprocessed images, the argument errors, and the weights read
from the Keras cache only."""

import numpy as np
import pytest

import tracekeras

from . import fixture_data, model_cases

KERAS = fixture_data.keras_facts("inception_v3")

ADDRESS = fixture_data.ADDRESS


@pytest.fixture(scope="module")
def built():
    tracekeras.backend.clear_session()
    return model_cases.inception_v3_builds(tracekeras)


@pytest.mark.parametrize("case", sorted(KERAS["summaries"]))
def test_summary_rows_match_tf_keras(built, case):
    fixture_data.assert_summary_matches(built["summaries"][case], KERAS["summaries"][case])


def test_forward_numbers_match_under_formula_weights(built):
    theirs = np.asarray(KERAS["forward"]["inception_v3_logits"])
    np.testing.assert_allclose(np.asarray(built["forward"]["inception_v3_logits"]), theirs,
                               rtol=1e-4, atol=1e-4 * np.abs(theirs).max())


def test_argument_errors_match_and_come_before_any_weights_file():
    def strip(errors):
        return {name: err and [err[0], ADDRESS.sub("", err[1])] for name, err in errors.items()}
    assert strip(model_cases.inception_v3_errors(tracekeras)) == strip(KERAS["errors"])


def test_imagenet_weights_are_read_from_the_keras_cache_never_downloaded(tmp_path,
                                                                         monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    file_name = "inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5"
    with pytest.raises(FileNotFoundError) as caught:
        tracekeras.applications.InceptionV3(include_top=False, input_shape=(75, 75, 3))
    message = str(caught.value)
    assert message.startswith(file_name + " is not in the Keras cache")
    assert ("https://storage.googleapis.com/tensorflow/keras-applications/inception_v3/"
            + file_name) in message


def test_preprocess_input_is_tf_mode():
    x = np.array([[[[0.0, 127.5, 255.0]]]])
    np.testing.assert_allclose(
        tracekeras.applications.inception_v3.preprocess_input(x.copy()), [[[[-1, 0, 1]]]])
