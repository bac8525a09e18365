"""UpSampling2D and ZeroPadding2D against tf_keras 2.21 (fixtures from make_conv_fixtures.py):
outputs and gradients, output shapes, configs, Keras's errors, and the summary of a small
decoder (Conv2DTranspose, UpSampling2D, ZeroPadding2D, Conv2D)."""
import pytest

from tracekeras import layers
from tracekeras.models import Sequential

from .conv_helpers import KERAS, cases_of, check_case, error_of, summary_lines


@pytest.mark.parametrize("name", cases_of("UpSampling2D", "ZeroPadding2D"))
def test_forward_gradients_shapes_and_config_equal_tf_keras(name):
    check_case(name)


def test_decoder_summary_is_tf_keras_s():
    model = Sequential([
        layers.Input(shape=(7, 7, 4)),
        layers.Conv2DTranspose(8, 3, strides=2, padding="same"),
        layers.UpSampling2D(2),
        layers.ZeroPadding2D(((1, 0), (2, 3))),
        layers.Conv2D(1, 3),
    ])
    assert summary_lines(model) == KERAS["summaries"]["decoder"]


ERRORS = {
    "up_sampling2d_bad_interpolation": lambda: layers.UpSampling2D(interpolation="cubic"),
    "up_sampling2d_on_3d_input": lambda: layers.UpSampling2D()(layers.Input((4, 2))),
    "zero_padding2d_three_entries": lambda: layers.ZeroPadding2D((1, 2, 3)),
    "zero_padding2d_negative": lambda: layers.ZeroPadding2D(((1, -1), (0, 0))),
    "zero_padding2d_not_a_sequence": lambda: layers.ZeroPadding2D(1.5),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_bad_arguments_and_input_raise_what_tf_keras_raises(name):
    assert error_of(ERRORS[name]) == KERAS["errors"][name]


def test_interpolations_other_than_nearest_and_bilinear_are_refused_by_name():
    with pytest.raises(NotImplementedError, match="interpolation='nearest' and 'bilinear' only"):
        layers.UpSampling2D(interpolation="bicubic")


def test_unknown_sizes_stay_unknown():
    assert layers.UpSampling2D((2, 3)).compute_output_shape((None, None, 4, 1)) == \
        (None, None, 12, 1)
    assert layers.ZeroPadding2D(1).compute_output_shape((None, 5, None, 1)) == \
        (None, 7, None, 1)
