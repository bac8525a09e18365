"""Normalization (given statistics, invert, adapt over batches with any axis) and
Rescaling in models, against tf_keras 2.21."""
import numpy as np
import pytest

from tracekeras import layers, tracing
from tracekeras.backend import clear_session
from tracekeras.data import Dataset
from tracekeras.models import Sequential

from .layer_helpers import ARRAYS, KERAS, assert_case, keras_error, summary_lines


@pytest.mark.parametrize("name", ["normalization_given", "normalization_given_invert"])
def test_given_mean_and_variance_match_tf_keras(name):
    got = assert_case(name)
    assert got["layer"].weights == []    # constants, not weights, as in Keras


def test_adapt_matches_tf_keras_weights_and_outputs():
    clear_session()
    norm = layers.Normalization()
    norm.adapt(ARRAYS["adapt/data"])
    expected = KERAS["adapt"]
    assert [w.name for w in norm.weights] == expected["weight_names"]   # built outside a scope
    for got, want in zip(norm.get_weights(), expected["weights"]):
        np.testing.assert_allclose(got, want, rtol=1e-6)
    assert norm.count.dtype == np.int64 and norm.is_adapted
    np.testing.assert_allclose(norm(ARRAYS["adapt/x"]).value, ARRAYS["adapt/out"], rtol=1e-5,
                               atol=1e-6)
    assert not norm.trainable_weights and len(norm.non_trainable_weights) == 3


def test_adapt_over_all_axes_and_over_two_axes():
    data = ARRAYS["adapt2/data"]
    for axis, weights_key, out_key in ((None, "none_weights", "out_none"),
                                       ((1, 2), "axes12_weights", "out_12")):
        norm = layers.Normalization(axis=axis)
        norm.adapt(data)
        for got, want in zip(norm.get_weights(), KERAS["adapt2"][weights_key]):
            np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(norm(data).value, ARRAYS[f"adapt2/{out_key}"], rtol=1e-5,
                                   atol=1e-5)


def test_adapt_combines_batches_and_restarts_on_a_second_adapt():
    rng = np.random.default_rng(0)
    data = rng.normal(size=(100, 3)).astype("float32") * 2 + 5
    norm = layers.Normalization()
    norm.adapt(data, batch_size=7)                 # 15 batches folded one by one
    np.testing.assert_allclose(norm.adapt_mean.numpy(), data.mean(axis=0), rtol=1e-5)
    np.testing.assert_allclose(norm.adapt_variance.numpy(), data.var(axis=0), rtol=1e-4)
    assert int(norm.count.numpy()) == 100
    norm.adapt(Dataset.from_tensor_slices(data[:10]).batch(4))
    assert int(norm.count.numpy()) == 10
    np.testing.assert_allclose(norm.adapt_mean.numpy(), data[:10].mean(axis=0), rtol=1e-5)


def test_adapt_is_traced_with_its_data_handler():
    norm = layers.Normalization()
    with tracing.trace() as t:
        norm.adapt(np.zeros((40, 2), "float32"))
    names = t.names()
    assert names[0] == "keras.engine.base_preprocessing_layer.PreprocessingLayer.adapt"
    assert "keras.engine.data_adapter.DataHandler.__init__" in names
    assert "keras.layers.preprocessing.normalization.Normalization.build" in names


def test_summary_of_a_model_with_normalization():
    clear_session()
    norm = layers.Normalization(mean=[0.0, 1.0], variance=[1.0, 2.0])
    model = Sequential([layers.Input((2,)), norm, layers.Dense(1)])
    assert summary_lines(model) == KERAS["summaries"]["preprocessing"]


def test_adapting_a_layer_with_given_statistics_is_refused():
    norm = layers.Normalization(mean=[1.0], variance=[2.0])
    with pytest.raises(ValueError, match="Cannot `adapt` a Normalization layer that is "
                                         "initialized with static `mean` and `variance`"):
        norm.adapt(np.zeros((4, 1), "float32"))


def test_bad_arguments_raise_what_tf_keras_raises():
    kind, message = keras_error("normalization_mean_only")
    with pytest.raises(ValueError) as info:
        layers.Normalization(mean=[1.0])
    assert (type(info.value).__name__, str(info.value)) == (kind, message)
    assert KERAS["errors"]["normalization_not_adapted"] is None
    out = layers.Normalization()(np.full((2, 3), 4.0, "float32"))   # mean 0, variance 1
    np.testing.assert_array_equal(out.value, np.full((2, 3), 4.0))


def test_an_adapted_normalization_first_in_a_sequential_gives_its_feature_axis():
    """The regression tutorial's ``Sequential([normalizer, Dense(1)])``: adapt leaves the layer
    expecting ``(None, None)``, and (as TensorFlow's shape inference broadcasts the statistics)
    its output is ``(None, 9)``. tf_keras 2.21 prints this summary for the same model."""
    clear_session()
    normalizer = layers.Normalization(axis=-1)
    normalizer.adapt(np.random.default_rng(0).random((20, 9)).astype("float32"))
    model = Sequential([normalizer, layers.Dense(units=1)])
    lines = []
    model.summary(print_fn=lines.append)
    assert lines[4].split()[-2:] == ["9)", "19"] and lines[7].split()[-3:] == ["(None,", "1)", "10"]
    assert lines[-4:-1] == ["Total params: 29 (120.00 Byte)", "Trainable params: 10 (40.00 Byte)",
                            "Non-trainable params: 19 (80.00 Byte)"]
