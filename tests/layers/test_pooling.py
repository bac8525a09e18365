"""Window and global pooling, 1-D and 2-D, against tf_keras 2.21 (fixtures from
make_conv_fixtures.py): outputs and gradients, output shapes, configs, aliases, masks and
Keras's errors for input of the wrong rank."""
import numpy as np
import pytest

from tracekeras import layers
from tracekeras.backend import GradientTape, Tensor

from .conv_helpers import KERAS, cases_of, check_case, error_of

POOLING = ("MaxPooling1D", "MaxPooling2D", "AveragePooling1D", "AveragePooling2D",
           "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalMaxPooling1D",
           "GlobalMaxPooling2D")


@pytest.mark.parametrize("name", cases_of(*POOLING))
def test_forward_gradients_shapes_and_config_equal_tf_keras(name):
    check_case(name)


@pytest.mark.parametrize("alias, cls", [
    ("MaxPool1D", "MaxPooling1D"), ("MaxPool2D", "MaxPooling2D"),
    ("AvgPool1D", "AveragePooling1D"), ("AvgPool2D", "AveragePooling2D"),
    ("GlobalAvgPool1D", "GlobalAveragePooling1D"), ("GlobalAvgPool2D", "GlobalAveragePooling2D"),
    ("GlobalMaxPool1D", "GlobalMaxPooling1D"), ("GlobalMaxPool2D", "GlobalMaxPooling2D")])
def test_keras_aliases_name_the_same_classes(alias, cls):
    assert getattr(layers, alias) is getattr(layers, cls)


def test_layer_names_come_from_the_class_not_the_alias():
    assert [layers.MaxPool2D().name, layers.MaxPooling2D().name,
            layers.GlobalAvgPool2D().name] == [
        "max_pooling2d", "max_pooling2d_1", "global_average_pooling2d"]


ERRORS = {
    "max_pooling2d_on_3d_input": lambda: layers.MaxPooling2D()(layers.Input((5, 4))),
    "global_average_pooling2d_on_5d_input":
        lambda: layers.GlobalAveragePooling2D()(layers.Input((2, 3, 4, 5))),
    "max_pooling2d_pool_size_negative": lambda: layers.MaxPooling2D(-1),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_bad_arguments_and_input_raise_what_tf_keras_raises(name):
    assert error_of(ERRORS[name]) == KERAS["errors"][name]


def test_strides_default_to_the_pool_size():
    layer = layers.MaxPooling2D(pool_size=3)
    assert layer.strides == (3, 3)
    assert layer.compute_output_shape((None, 10, 7, 2)) == (None, 3, 2, 2)
    assert layers.AveragePooling1D(strides=1, padding="same").compute_output_shape(
        (4, 5, 3)) == (4, 5, 3)


def test_max_pooling_gradient_goes_to_the_window_maximum_only():
    x = Tensor(np.array([[[[1.0], [4.0]], [[3.0], [2.0]]]], np.float32))
    with GradientTape() as tape:
        tape.watch(x)
        out = layers.MaxPooling2D()(x)
    assert out.value.ravel().tolist() == [4.0]
    assert tape.gradient(out, x).ravel().tolist() == [0.0, 1.0, 0.0, 0.0]


def test_global_average_pooling1d_leaves_masked_steps_out_of_the_mean():
    x = np.arange(12, dtype=np.float32).reshape(2, 3, 2)
    mask = np.array([[True, True, False], [True, False, False]])
    out = layers.GlobalAveragePooling1D()(x, mask=mask)
    np.testing.assert_allclose(out.value, [[1.0, 2.0], [6.0, 7.0]])


def test_global_pooling_refuses_an_empty_spatial_axis():
    with pytest.raises(ValueError, match="Incorrect input shape"):
        layers.GlobalMaxPooling2D().build((None, 0, 3, 2))
