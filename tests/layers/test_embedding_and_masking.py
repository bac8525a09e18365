"""Embedding against tf_keras 2.21 (lookups, the gradient of the table, mask_zero's
mask, input_length, summary, errors), and masks flowing through Layer.__call__ as
Keras's ``_keras_mask`` does: eager calls, symbolic graphs and models."""
import numpy as np
import pytest

from tracekeras import layers, optimizers
from tracekeras.backend import clear_session, ops
from tracekeras.models import Model, Sequential

from .layer_helpers import (
    ARRAYS,
    KERAS,
    arrays_of,
    assert_case,
    keras_error,
    summary_lines,
)


@pytest.mark.parametrize("name", ["embedding", "embedding_mask_zero"])
def test_embedding_matches_tf_keras(name):
    assert_case(name)


def test_mask_zero_gives_the_mask_tf_keras_gives():
    clear_session()
    layer = layers.Embedding(10, 3, mask_zero=True)
    x = ARRAYS["embedding_mask_zero/x0"]
    out = layer(x)
    np.testing.assert_array_equal(out.keras_mask.value, ARRAYS["embedding_mask_zero/mask"])
    np.testing.assert_array_equal(layer.compute_mask(x).value, x != 0)
    assert layers.Embedding(10, 3).compute_mask(x) is None
    assert layers.Embedding(10, 3)(x).keras_mask is None


def test_embedding_weight_initializer_and_config_defaults():
    clear_session()
    layer = layers.Embedding(10, 4)
    layer(np.array([[1, 2]]))
    (table,) = layer.weights
    assert table.name == "embedding/embeddings:0" and table.shape == (10, 4)
    assert np.abs(table.numpy()).max() <= 0.05   # "uniform": RandomUniform(-0.05, 0.05)
    config = layer.get_config()
    assert config["batch_input_shape"] == (None, None)
    assert config["embeddings_initializer"]["class_name"] == "RandomUniform"


def test_float_indices_are_cast_to_integers():
    clear_session()
    layer = layers.Embedding(5, 2)
    out = layer(np.array([[1.0, 4.0]], "float32"))
    np.testing.assert_array_equal(out.value, layer.get_weights()[0][[[1, 4]]])


def test_input_length_output_shape_and_summary():
    clear_session()
    model = Sequential([layers.Embedding(100, 8, input_length=10), layers.Flatten(),
                        layers.Dense(1)])
    assert summary_lines(model) == KERAS["summaries"]["embedding_input_length"]
    layer = layers.Embedding(100, 8, input_length=10)
    assert layer.compute_output_shape((None, 10)) == (None, 10, 8)
    with pytest.raises(ValueError, match='"input_length" is 10, but received input has shape'):
        layer.compute_output_shape((None, 12))


def test_mask_flows_through_a_functional_model():
    clear_session()
    inputs = layers.Input((6,), dtype="int32")
    x = layers.Embedding(10, 3, mask_zero=True)(inputs)
    assert x._keras_mask is not None and x._keras_mask.shape == (None, 6)
    y = layers.Dense(4)(x)                 # supports masking: the mask is carried over
    assert y._keras_mask is not None
    z = layers.Flatten()(y)                # does not support masking: the mask stops
    assert z._keras_mask is None
    model = Model(inputs, [y, z])
    ids = ARRAYS["embedding_mask_zero/x0"]
    out_y, out_z = model(ids)
    np.testing.assert_array_equal(out_y.keras_mask.value, ids != 0)
    assert out_z.keras_mask is None


class MaskReader(layers.Layer):
    """Returns the mask it was given (as floats), to see what ``call`` receives."""

    def call(self, inputs, mask=None):
        return ops.add(ops.multiply(inputs[..., 0], 0.0), ops.cast(mask, "float32"))


def test_call_receives_the_mask_implicitly_and_explicitly():
    clear_session()
    ids = np.array([[0, 3, 2, 0]])
    embedded = layers.Embedding(5, 2, mask_zero=True)(ids)
    np.testing.assert_array_equal(MaskReader()(embedded).value, [[0, 1, 1, 0]])
    explicit = np.array([[True, True, False, False]])
    np.testing.assert_array_equal(MaskReader()(embedded, mask=explicit).value, [[1, 1, 0, 0]])


def test_merge_layers_combine_masks():
    clear_session()
    a = layers.Embedding(5, 2, mask_zero=True)(np.array([[0, 1, 2]]))
    b = layers.Embedding(5, 2, mask_zero=True)(np.array([[1, 0, 2]]))
    np.testing.assert_array_equal(layers.Add()([a, b]).keras_mask.value, [[False, False, True]])
    np.testing.assert_array_equal(layers.Concatenate()([a, b]).keras_mask.value,
                                  [[False, False, True]])
    assert layers.Dot(axes=2)([a, b]).keras_mask is None


@pytest.mark.parametrize("key, make", [
    ("embedding_zero_dim", lambda: layers.Embedding(0, 4)),
    ("embedding_negative_out", lambda: layers.Embedding(4, -1)),
])
def test_bad_embedding_arguments_raise_what_tf_keras_raises(key, make):
    kind, message = keras_error(key)
    with pytest.raises(Exception) as info:
        make()
    assert (type(info.value).__name__, str(info.value)) == (kind, message)


def test_fit_of_a_masked_sequence_model_matches_tf_keras():
    """Embedding(mask_zero=True) -> Dense per step: the padded steps count in neither the
    loss nor the accuracy, as in tf_keras (the loss averages over the valid steps)."""
    clear_session()
    model = Sequential([layers.Input((5,), dtype="int32"),
                        layers.Embedding(8, 3, mask_zero=True),
                        layers.Dense(4, activation="softmax")])
    model.set_weights(arrays_of("masked_fit/w"))
    model.compile(optimizer=optimizers.SGD(0.5), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    x, y = ARRAYS["masked_fit/x"], ARRAYS["masked_fit/y"]
    history = model.fit(x, y, batch_size=4, epochs=2, shuffle=False, verbose=0)
    expected = KERAS["masked_fit"]
    np.testing.assert_allclose(history.history["loss"], expected["history"]["loss"], rtol=1e-5)
    np.testing.assert_allclose(history.history["accuracy"], expected["history"]["accuracy"],
                               rtol=1e-6)
    for got, want in zip(model.get_weights(), arrays_of("masked_fit/after")):
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(model.evaluate(x, y, verbose=0), expected["evaluate"], rtol=1e-5)
