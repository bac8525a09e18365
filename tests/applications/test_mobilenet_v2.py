"""``keras.applications.MobileNetV2`` against tf_keras 2.21 (data/mobilenet_v2.json and
data/mobilenet_v2_tiny.h5, made by make_model_fixtures.py): ``summary()``'s rows for eight
builds (and its printed text for one), the default model's configuration layer by layer,
forward numbers under formula weights, a weights file tf_keras wrote, the argument errors,
the channel warning, Keras's fallback to the 224 weights (logged) and the weights read
from the Keras cache only."""
import logging
import os
import re

import numpy as np
import pytest

import tracekeras

from . import fixture_data, model_cases

DATA = fixture_data.DATA
KERAS = fixture_data.keras_facts("mobilenet_v2")

ADDRESS = fixture_data.ADDRESS


@pytest.fixture(scope="module")
def built():
    tracekeras.backend.clear_session()
    return model_cases.mobilenet_v2_builds(tracekeras)


@pytest.mark.parametrize("case", sorted(KERAS["summaries"]))
def test_summary_rows_match_tf_keras(built, case):
    fixture_data.assert_summary_matches(built["summaries"][case], KERAS["summaries"][case])


def test_summary_prints_what_tf_keras_prints(built):
    assert built["summary_text"] == KERAS["summary_text"]


def test_the_default_model_is_keras_s(built):
    default = built["summaries"]["default"]
    assert (default["name"], len(default["layers"]), default["params"],
            default["trainable_params"]) == ("mobilenetv2_1.00_224", 156, 3538984, 3504872)


def test_forward_numbers_match_under_formula_weights(built):
    for name, theirs in KERAS["forward"].items():
        theirs = np.asarray(theirs)
        np.testing.assert_allclose(np.asarray(built["forward"][name]), theirs, rtol=1e-4,
                                   atol=1e-4 * np.abs(theirs).max(), err_msg=name)


def test_the_channel_warning_matches(built):
    assert built["warnings"] == KERAS["warnings"]


def test_argument_errors_match_and_come_before_any_weights_file():
    def strip(errors):
        return {name: err and [err[0], ADDRESS.sub("", err[1])] for name, err in errors.items()}
    assert strip(model_cases.mobilenet_v2_errors(tracekeras)) == strip(KERAS["errors"])


def test_a_weights_file_written_by_tf_keras_gives_its_outputs():
    model = model_cases.tiny_mobilenet_v2(tracekeras.applications.MobileNetV2,
                                          weights=os.path.join(DATA, "mobilenet_v2_tiny.h5"))
    out = model.predict(model_cases.formula_images((2, 32, 32, 3)), verbose=0)
    theirs = np.asarray(KERAS["weights_file"])
    np.testing.assert_allclose(out, theirs, rtol=1e-4, atol=1e-4 * np.abs(theirs).max())


def test_tf_keras_s_file_in_the_keras_cache_loads_as_the_imagenet_weights():
    # make_model_fixtures.py put a file tf_keras wrote where Keras keeps the ImageNet
    # weights and ran tracekeras on it with weights='imagenet'; this is what each gave
    run = KERAS["cache_layout"]
    np.testing.assert_allclose(run["tracekeras"], run["tf_keras"], rtol=1e-4,
                               atol=1e-4 * run["max_abs_output"])
    assert run["max_abs_difference"] <= 1e-4 * run["max_abs_output"]


def test_imagenet_weights_are_read_from_the_keras_cache_never_downloaded(tmp_path,
                                                                         monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    name = "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_96_no_top.h5"
    with pytest.raises(FileNotFoundError) as caught:
        tracekeras.applications.MobileNetV2(input_shape=(96, 96, 3), alpha=0.35,
                                            include_top=False)
    message = str(caught.value)
    assert message.startswith(name + " is not in the Keras cache")
    assert ("https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v2/"
            + name) in message
    assert str(tmp_path / "models" / name) in message


def test_an_unpublished_size_falls_back_to_the_224_weights_with_keras_s_warning(
        tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    with caplog.at_level(logging.WARNING, logger="tensorflow"):
        with pytest.raises(FileNotFoundError, match=re.escape(
                "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.3_224_no_top.h5 is not")):
            tracekeras.applications.MobileNetV2(input_shape=(64, 80, 3), alpha=1.3,
                                                include_top=False)
    assert [r.getMessage() for r in caplog.records if r.name == "tensorflow"] == [
        "`input_shape` is undefined or non-square, or `rows` is not in [96, 128, 160, 192, "
        "224]. Weights for input shape (224, 224) will be loaded as the default."]


def test_preprocess_input_scales_to_minus_one_one():
    x = np.array([[[[0.0, 127.5, 255.0]]]])
    out = tracekeras.applications.mobilenet_v2.preprocess_input(x)
    np.testing.assert_allclose(out, [[[[-1.0, 0.0, 1.0]]]])
