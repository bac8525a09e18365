"""3-D and channels-first pooling, global pooling, Cropping1D/2D/3D, ZeroPadding1D/2D/3D and
UpSampling1D/2D/3D (nearest and bilinear) against tf_keras 2.21 (fixtures from
make_conv_more_fixtures.py): outputs and gradients, output shapes, configs, model.summary(),
a short fit of a channels-first volume model and Keras's errors."""
import os

import numpy as np
import pytest

from tracekeras import layers, optimizers
from tracekeras.backend import GradientTape, Tensor
from tracekeras.models import Sequential

from .conv_helpers import DATA, MORE, cases_of, check_case, error_of, summary_lines

KERAS = MORE[0]
CF = {"data_format": "channels_first"}
LAYERS = ("MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "AveragePooling1D",
          "AveragePooling2D", "AveragePooling3D", "GlobalAveragePooling1D",
          "GlobalAveragePooling2D", "GlobalAveragePooling3D", "GlobalMaxPooling1D",
          "GlobalMaxPooling2D", "GlobalMaxPooling3D", "Cropping1D", "Cropping2D", "Cropping3D",
          "ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D", "UpSampling1D", "UpSampling2D",
          "UpSampling3D")


@pytest.mark.parametrize("name", cases_of(*LAYERS, fixtures=MORE))
def test_forward_gradients_shapes_and_config_equal_tf_keras(name):
    check_case(name, MORE)


def test_channels_first_convnet_summary_is_tf_keras_s():
    model = Sequential([
        layers.Input(shape=(3, 16, 16)),
        layers.ZeroPadding2D(1, **CF),
        layers.Conv2D(8, 3, activation="relu", **CF),
        layers.MaxPooling2D(**CF),
        layers.Conv2DTranspose(4, 3, strides=2, **CF),
        layers.UpSampling2D(2, **CF),
        layers.Cropping2D(((1, 2), (3, 0)), **CF),
        layers.AveragePooling2D(3, **CF),
        layers.GlobalMaxPooling2D(**CF),
    ])
    assert summary_lines(model) == KERAS["summaries"]["channels_first_convnet"]


def test_volume_summary_is_tf_keras_s():
    model = Sequential([
        layers.Input(shape=(8, 8, 8, 1)),
        layers.Conv3D(4, 3, padding="same", activation="relu"),
        layers.MaxPooling3D(2),
        layers.ZeroPadding3D(1),
        layers.Conv3D(2, 3, strides=2),
        layers.UpSampling3D((1, 2, 2)),
        layers.Cropping3D(((0, 1), (1, 1), (0, 0))),
        layers.AveragePooling3D((1, 2, 2)),
        layers.GlobalAveragePooling3D(),
    ])
    assert summary_lines(model) == KERAS["summaries"]["volumes"]


def volume_model():
    return Sequential([
        layers.Input(shape=(2, 6, 6, 6)),
        layers.ZeroPadding3D(1, **CF),
        layers.Conv3D(3, 3, strides=2, activation="relu", **CF),
        layers.MaxPooling3D(2, padding="same", **CF),
        layers.UpSampling3D(2, **CF),
        layers.GlobalAveragePooling3D(**CF),
        layers.Dense(3, activation="softmax"),
    ])


def test_two_epochs_of_a_channels_first_volume_model_follow_tf_keras():
    data = np.load(os.path.join(DATA, "conv_more_fit.npz"))
    model = volume_model()
    count = len(model.get_weights())
    model.set_weights([data[f"volume/initial{i}"] for i in range(count)])
    model.compile(optimizer=optimizers.Adam(learning_rate=0.01),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(data["volume/x"], data["volume/y"], batch_size=8, epochs=2,
                        shuffle=False, verbose=0)
    expected = KERAS["fits"]["volume"]["history"]
    np.testing.assert_allclose(history.history["loss"], expected["loss"], rtol=1e-4, atol=1e-4)
    for i, weight in enumerate(model.get_weights()):
        np.testing.assert_allclose(weight, data[f"volume/final{i}"], rtol=1e-3, atol=1e-4,
                                   err_msg=f"weight {i}")


ERRORS = {
    "max_pooling3d_bad_data_format": lambda: layers.MaxPooling3D(data_format="NDHWC"),
    "global_max_pooling3d_bad_data_format":
        lambda: layers.GlobalMaxPooling3D(data_format="channels"),
    "up_sampling3d_bad_data_format": lambda: layers.UpSampling3D(data_format="first"),
    "cropping2d_bad_data_format": lambda: layers.Cropping2D(data_format="nchw"),
    "max_pooling3d_on_4d_input": lambda: layers.MaxPooling3D()(layers.Input((5, 4, 3))),
    "cropping1d_too_much": lambda: layers.Cropping1D((2, 2))(layers.Input((4, 2))),
    "cropping1d_three_ints": lambda: layers.Cropping1D((1, 2, 3)),
    "cropping2d_three_entries": lambda: layers.Cropping2D((1, 2, 3)),
    "cropping2d_not_a_sequence": lambda: layers.Cropping2D(1.5),
    "cropping2d_negative": lambda: layers.Cropping2D(((1, -1), (0, 0))),
    "cropping3d_two_entries": lambda: layers.Cropping3D((1, 2)),
    "cropping3d_not_a_sequence": lambda: layers.Cropping3D(1.5),
    "zero_padding1d_three_ints": lambda: layers.ZeroPadding1D((1, 2, 3)),
    "zero_padding3d_two_entries": lambda: layers.ZeroPadding3D((1, 2)),
    "zero_padding3d_not_a_sequence": lambda: layers.ZeroPadding3D(1.5),
    "zero_padding3d_negative": lambda: layers.ZeroPadding3D(((0, 0), (1, -2), (0, 0))),
    "up_sampling1d_on_4d_input": lambda: layers.UpSampling1D()(layers.Input((4, 2, 1))),
    "cropping3d_on_4d_input": lambda: layers.Cropping3D()(layers.Input((4, 2, 1))),
    "zero_padding1d_on_4d_input": lambda: layers.ZeroPadding1D()(layers.Input((4, 2, 1))),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_bad_arguments_and_input_raise_what_tf_keras_raises(name):
    assert error_of(ERRORS[name]) == KERAS["errors"][name]


def test_cropping2d_refuses_a_crop_that_leaves_nothing():
    with pytest.raises(ValueError, match="Argument `cropping` must be greater than the input"):
        layers.Cropping2D(((1, 1), (2, 3)))(layers.Input((4, 5, 1)))


@pytest.mark.parametrize("alias, cls", [
    ("MaxPool3D", "MaxPooling3D"), ("AvgPool3D", "AveragePooling3D"),
    ("GlobalAvgPool3D", "GlobalAveragePooling3D"), ("GlobalMaxPool3D", "GlobalMaxPooling3D")])
def test_keras_aliases_name_the_same_classes(alias, cls):
    assert getattr(layers, alias) is getattr(layers, cls)


def test_bilinear_up_sampling_by_two_weights_the_neighbours_one_quarter_three_quarters():
    x = Tensor(np.array([0.0, 4.0, 8.0], np.float32).reshape(1, 3, 1, 1))
    with GradientTape() as tape:
        tape.watch(x)
        out = layers.UpSampling2D((2, 1), interpolation="bilinear")(x)
    # half-pixel centres: the edges repeat, inner outputs sit a quarter pixel off an input
    assert out.value.ravel().tolist() == [0.0, 1.0, 3.0, 5.0, 7.0, 8.0]
    # each input's weights over the outputs it feeds add up to the factor
    assert tape.gradient(out, x).ravel().tolist() == [2.0, 2.0, 2.0]


def test_global_average_pooling1d_channels_first_leaves_masked_steps_out():
    x = np.arange(12, dtype=np.float32).reshape(2, 3, 2).transpose(0, 2, 1)
    mask = np.array([[True, True, False], [True, False, False]])
    out = layers.GlobalAveragePooling1D(**CF)(x, mask=mask)
    np.testing.assert_allclose(out.value, [[1.0, 2.0], [6.0, 7.0]])


def test_unknown_sizes_stay_unknown():
    assert layers.Cropping3D(1, **CF).compute_output_shape((None, 2, None, 5, 4)) == \
        (None, 2, None, 3, 2)
    assert layers.ZeroPadding3D(1).compute_output_shape((None, 5, None, 2, 1)) == \
        (None, 7, None, 4, 1)
    assert layers.UpSampling1D(3).compute_output_shape((None, None, 2)) == (None, None, 2)
