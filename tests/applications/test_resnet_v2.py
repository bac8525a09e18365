"""``keras.applications.ResNet50V2``, ``ResNet101V2``, ``ResNet152V2`` (``resnet_v2``)
against tf_keras 2.21 (data/resnet_v2.json, made by make_model_fixtures.py): ``summary()``'s
rows for five builds, ResNet50V2's configuration layer by layer, its inference-mode forward
numbers under formula weights on ``tf``-preprocessed 64x64 images, the argument errors,
the weights read from the Keras cache only, and ``preprocess_input``."""
import re

import numpy as np
import pytest

import tracekeras

from . import fixture_data, model_cases

KERAS = fixture_data.keras_facts("resnet_v2")

ADDRESS = fixture_data.ADDRESS


@pytest.fixture(scope="module")
def built():
    tracekeras.backend.clear_session()
    return model_cases.resnet_v2_builds(tracekeras)


@pytest.mark.parametrize("case", sorted(KERAS["summaries"]))
def test_summary_rows_match_tf_keras(built, case):
    fixture_data.assert_summary_matches(built["summaries"][case], KERAS["summaries"][case])


def test_resnet50v2_has_keras_s_size(built):
    default = built["summaries"]["resnet50v2_default"]
    assert (default["name"], len(default["layers"]), default["params"],
            default["trainable_params"]) == ("resnet50v2", 192, 25613800, 25568360)


def test_forward_numbers_match_under_formula_weights(built):
    theirs = np.asarray(KERAS["forward"]["resnet50v2_logits"])
    np.testing.assert_allclose(np.asarray(built["forward"]["resnet50v2_logits"]), theirs,
                               rtol=1e-4, atol=1e-4 * np.abs(theirs).max())


def test_argument_errors_match_and_come_before_any_weights_file():
    def strip(errors):
        return {name: err and [err[0], ADDRESS.sub("", err[1])] for name, err in errors.items()}
    assert strip(model_cases.resnet_v2_errors(tracekeras)) == strip(KERAS["errors"])


@pytest.mark.parametrize("model, file_name", [
    ("ResNet50V2", "resnet50v2_weights_tf_dim_ordering_tf_kernels_notop.h5"),
    ("ResNet101V2", "resnet101v2_weights_tf_dim_ordering_tf_kernels_notop.h5"),
])
def test_imagenet_weights_are_read_from_the_keras_cache_never_downloaded(
        tmp_path, monkeypatch, model, file_name):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    with pytest.raises(FileNotFoundError) as caught:
        getattr(tracekeras.applications.resnet_v2, model)(include_top=False,
                                                          input_shape=(32, 32, 3))
    message = str(caught.value)
    assert message.startswith(file_name + " is not in the Keras cache")
    assert ("https://storage.googleapis.com/tensorflow/keras-applications/resnet/"
            + file_name) in message
    assert str(tmp_path / "models" / file_name) in message


def test_the_top_weights_file_has_its_own_name(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    with pytest.raises(FileNotFoundError, match=re.escape(
            "resnet50v2_weights_tf_dim_ordering_tf_kernels.h5 is not in the Keras cache")):
        tracekeras.applications.ResNet50V2()


def test_preprocess_input_scales_to_minus_one_one_and_names_are_shared():
    apps = tracekeras.applications
    assert apps.resnet_v2.ResNet50V2 is apps.ResNet50V2
    assert apps.resnet_v2.ResNet152V2 is apps.ResNet152V2
    x = np.array([[[[0.0, 127.5, 255.0]]]])
    np.testing.assert_allclose(apps.resnet_v2.preprocess_input(x), [[[[-1.0, 0.0, 1.0]]]])
    with pytest.raises(ValueError, match=re.escape("Found array with shape: (2, 10)")):
        apps.resnet_v2.decode_predictions(np.zeros((2, 10)))
