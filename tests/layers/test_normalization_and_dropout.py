"""BatchNormalization, LayerNormalization and Dropout against tf_keras 2.21: outputs in
training and inference mode, gradients, the moving statistics after a training call,
non-trainable weights in summary(), a two-epoch fit with Embedding and
BatchNormalization from the same initial weights, and errors."""
import numpy as np
import pytest

from tracekeras import layers, optimizers
from tracekeras.backend import GradientTape, Tensor, clear_session, ops
from tracekeras.models import Sequential

from .layer_helpers import (
    ARRAYS,
    KERAS,
    arrays_of,
    assert_case,
    keras_error,
    summary_lines,
)

CASES = ["batch_norm", "batch_norm_axis1", "batch_norm_3d", "batch_norm_no_center_scale",
         "batch_norm_4d", "batch_norm_4d_axis1", "batch_norm_frozen", "layer_norm",
         "layer_norm_axes", "layer_norm_3d"]


@pytest.mark.parametrize("name", CASES)
def test_layer_matches_tf_keras(name):
    """Outputs, gradients, weight names, config, and the moving statistics after one
    training call (``after*``) as tf_keras left them."""
    assert_case(name)


def test_batch_norm_training_call_updates_moving_statistics_as_keras_assigns_them():
    got = assert_case("batch_norm")
    x = ARRAYS["batch_norm/x0"]
    _, _, moving_mean, moving_variance = arrays_of("batch_norm/w")
    decay = np.float32(1 - 0.99)
    expected_mean = moving_mean - (moving_mean - x.mean(axis=0)) * decay
    expected_variance = moving_variance - (moving_variance - x.var(axis=0)) * decay
    np.testing.assert_allclose(got["after2"], expected_mean, rtol=1e-6)
    np.testing.assert_allclose(got["after3"], expected_variance, rtol=1e-6)


def test_batch_norm_inference_and_frozen_layers_leave_moving_statistics_alone():
    clear_session()
    layer = layers.BatchNormalization(trainable=False)
    x = ARRAYS["batch_norm_frozen/x0"]
    layer(x)
    before = layer.get_weights()
    layer(x, training=True)
    layer(x, training=False)
    for a, b in zip(before, layer.get_weights()):
        np.testing.assert_array_equal(a, b)
    assert layer.count_params() == 12 and len(layer.non_trainable_weights) == 4


def test_building_a_model_does_not_touch_moving_statistics():
    clear_session()
    inputs = layers.Input((3,))
    bn = layers.BatchNormalization()
    bn(inputs, training=True)      # runs on placeholders: no update, as in Keras's scratch graph
    np.testing.assert_array_equal(bn.moving_mean.numpy(), np.zeros(3))
    np.testing.assert_array_equal(bn.moving_variance.numpy(), np.ones(3))


def test_summary_shows_non_trainable_parameters():
    clear_session()
    model = Sequential([layers.Input((12,)), layers.Dense(32), layers.BatchNormalization(),
                        layers.Dropout(0.2), layers.LayerNormalization(), layers.Dense(3)])
    assert summary_lines(model) == KERAS["summaries"]["normalization"]
    assert summary_lines(model, show_trainable=True) == \
        KERAS["summaries"]["normalization_trainable"]


def fit_model():
    clear_session()
    model = Sequential([layers.Input((6,), dtype="int32"), layers.Embedding(20, 4),
                        layers.Flatten(), layers.Dense(8), layers.BatchNormalization(),
                        layers.ReLU(), layers.Dense(3, activation="softmax")])
    model.set_weights(arrays_of("fit/w"))
    model.compile(optimizer=optimizers.SGD(0.1), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    return model


def test_two_epoch_fit_matches_tf_keras():
    model = fit_model()
    assert [w.name for w in model.weights] == KERAS["fit"]["weight_names"]
    history = model.fit(ARRAYS["fit/x"], ARRAYS["fit/y"], batch_size=8, epochs=2,
                        shuffle=False, verbose=0)
    expected = KERAS["fit"]["history"]
    np.testing.assert_allclose(history.history["loss"], expected["loss"], rtol=1e-5)
    np.testing.assert_allclose(history.history["accuracy"], expected["accuracy"])
    for got, want in zip(model.get_weights(), arrays_of("fit/after")):
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(model.predict(ARRAYS["fit/x"][:5], verbose=0),
                               ARRAYS["fit/predict"], rtol=1e-4, atol=1e-6)


def test_dropout_inference_passes_inputs_through_and_a_seeded_layer_moves_on():
    # a seeded layer's masks are TensorFlow's (tests/layers/test_gaussian_dropout.py): each
    # call takes the next op seed, so two calls differ
    assert_case("dropout")
    x = np.ones((4, 50), "float32")
    first = layers.Dropout(0.5, seed=3)
    a1, a2 = first(x, training=True).value, first(x, training=True).value
    assert not np.array_equal(a1, a2)
    assert set(np.unique(a1)) == {0.0, 2.0}


def test_dropout_noise_shape_shares_the_mask_along_axes_of_size_one():
    out = layers.Dropout(0.5, noise_shape=(None, 1, 6), seed=0)(
        np.ones((2, 5, 6), "float32"), training=True).value
    for sample in out:
        assert (sample == sample[0]).all()


BAD_INPUTS = {
    "batch_norm_bad_axis": lambda: layers.BatchNormalization(axis=3)(layers.Input((4,))),
    "layer_norm_bad_axis": lambda: layers.LayerNormalization(axis=3)(layers.Input((4,))),
    "layer_norm_axis_type": lambda: layers.LayerNormalization(axis="x"),
    "dropout_rate": lambda: layers.Dropout(1.5),
}


@pytest.mark.parametrize("key", sorted(BAD_INPUTS))
def test_bad_input_raises_what_tf_keras_raises(key):
    kind, message = keras_error(key)
    with pytest.raises(Exception) as info:
        BAD_INPUTS[key]()
    assert (type(info.value).__name__, str(info.value)) == (kind, message)


def test_batch_norm_with_a_mask_weights_the_moments_as_tf_keras():
    """Embedding(mask_zero=True) -> BatchNormalization: padded positions do not count."""
    clear_session()
    layer = layers.BatchNormalization(momentum=0.5)
    x = ARRAYS["bn_mask/x"]
    layer(x)
    layer.set_weights(arrays_of("bn_mask/w"))
    tensor = Tensor(x)
    with GradientTape() as tape:
        tape.watch(tensor)
        out = layer(tensor, training=True, mask=ARRAYS["bn_mask/mask"])
        loss = ops.reduce_sum(ops.multiply(out, ARRAYS["bn_mask/r"]))
    np.testing.assert_allclose(out.value, ARRAYS["bn_mask/out"], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(tape.gradient(loss, tensor), ARRAYS["bn_mask/gx"], rtol=1e-5,
                               atol=1e-5)
    for got, want in zip(layer.get_weights(), arrays_of("bn_mask/after")):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
