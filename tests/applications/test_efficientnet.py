"""``keras.applications.EfficientNetB0`` ... ``B3`` against tf_keras 2.21
(data/efficientnet.json and data/efficientnet_tiny.h5, made by make_model_fixtures.py):
``summary()``'s rows for seven builds, B0's defining configuration layer by layer, the
forward numbers under formula weights, a weights file tf_keras wrote, the argument errors,
the channel warning, and the weights read from the Keras cache, never downloaded."""
import os

import numpy as np
import pytest

import tracekeras
from tracekeras.applications import efficientnet

from . import fixture_data, model_cases

DATA = fixture_data.DATA
KERAS = fixture_data.keras_facts("efficientnet")

ADDRESS = fixture_data.ADDRESS


@pytest.fixture(scope="module")
def built():
    tracekeras.backend.clear_session()
    return model_cases.efficientnet_builds(tracekeras)


@pytest.mark.parametrize("case", sorted(KERAS["summaries"]))
def test_summary_rows_match_tf_keras(built, case):
    fixture_data.assert_summary_matches(built["summaries"][case], KERAS["summaries"][case])


def test_the_default_b0_has_tf_keras_layer_counts_and_params(built):
    b0 = built["summaries"]["b0_default"]
    assert (b0["name"], len(b0["layers"]), b0["params"]) == ("efficientnetb0", 240, 5330571)
    assert b0["params"] - b0["trainable_params"] == 42023   # BN statistics and Normalization


def test_forward_numbers_match_under_formula_weights(built):
    # float32 rounding, grown through some eighty layers of arbitrary weights, is the
    # only difference allowed: a ten-thousandth of the largest output
    for name, theirs in KERAS["forward"].items():
        theirs = np.asarray(theirs)
        np.testing.assert_allclose(np.asarray(built["forward"][name]), theirs, rtol=1e-4,
                                   atol=1e-4 * np.abs(theirs).max(), err_msg=name)


def test_the_channel_warning_matches(built):
    assert built["warnings"] == KERAS["warnings"]


def test_argument_errors_match_and_come_before_any_weights_file():
    def strip(errors):
        return {name: err and [err[0], ADDRESS.sub("", err[1])] for name, err in errors.items()}
    assert strip(model_cases.efficientnet_errors(tracekeras)) == strip(KERAS["errors"])


def test_a_weights_file_written_by_tf_keras_gives_its_outputs():
    model = model_cases.tiny_efficientnet(efficientnet.EfficientNet,
                                          weights=os.path.join(DATA, "efficientnet_tiny.h5"))
    out = model.predict(model_cases.formula_images((2, 32, 32, 3)), verbose=0)
    theirs = np.asarray(KERAS["weights_file"])
    np.testing.assert_allclose(out, theirs, rtol=1e-4, atol=1e-4 * np.abs(theirs).max())
    for mine, theirs in zip(model.layers[2].get_weights(),
                            model_cases.IMAGENET_NORMALIZATION):
        np.testing.assert_array_equal(mine, theirs)   # the stem's statistics were read too


def test_imagenet_weights_are_read_from_the_keras_cache_never_downloaded(tmp_path,
                                                                         monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    with pytest.raises(FileNotFoundError) as caught:
        tracekeras.applications.EfficientNetB0(include_top=False, input_shape=(32, 32, 3))
    message = str(caught.value)
    assert "efficientnetb0_notop.h5 is not in the Keras cache" in message
    assert "https://storage.googleapis.com/keras-applications/efficientnetb0_notop.h5" in message
    assert str(tmp_path / "models" / "efficientnetb0_notop.h5") in message
    with pytest.raises(FileNotFoundError, match=r"efficientnetb3\.h5 is not"):
        tracekeras.applications.EfficientNetB3(input_shape=(300, 300, 3))


def test_the_imagenet_stem_divides_once_more_by_the_root_of_each_deviation(tmp_path,
                                                                           monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    seen = {}
    real_model = efficientnet.Model

    def keep(inputs, outputs, name):
        seen["model"] = real_model(inputs, outputs, name=name)
        return seen["model"]

    monkeypatch.setattr(efficientnet, "Model", keep)
    with pytest.raises(FileNotFoundError):
        efficientnet.EfficientNetB0(include_top=False, input_shape=(32, 32, 3))
    names = [layer.name for layer in seen["model"].layers[:5]]
    assert names == ["input_1", "rescaling", "normalization", "tf.math.multiply",
                     "stem_conv_pad"]
    probe = tracekeras.Model(seen["model"].inputs, seen["model"].layers[3].output)
    out = probe.predict(np.full((1, 32, 32, 3), 255.0, "float32"), verbose=0)
    np.testing.assert_allclose(out[0, 0, 0], 1.0 / np.sqrt([0.229, 0.224, 0.225]),
                               rtol=1e-6)


def test_preprocess_input_hands_its_input_back():
    x = np.arange(12.0).reshape(1, 2, 2, 3)
    assert tracekeras.applications.efficientnet.preprocess_input(x) is x
