"""Models made of the new layers are rebuilt from their configs (the layers are found by
name, as Keras's deserialization finds them) and compute the same numbers."""
import numpy as np

from tracekeras import layers
from tracekeras.backend import clear_session
from tracekeras.models import Model, Sequential


def test_functional_model_round_trips_through_its_config():
    clear_session()
    ids = layers.Input((6,), dtype="int32")
    flat = layers.Flatten()(layers.Embedding(10, 4)(ids))
    dense = layers.Dense(8)(flat)
    left = layers.PReLU()(layers.BatchNormalization()(dense))
    right = layers.LayerNormalization()(layers.LeakyReLU()(dense))
    merged = layers.Concatenate()([layers.Dot(axes=1, normalize=True)([left, right]),
                                   layers.Subtract()([left, right]),
                                   layers.Rescaling(2.0)(left)])
    model = Model(ids, layers.Softmax()(merged))
    again = Model.from_config(model.get_config())
    assert [type(layer).__name__ for layer in again.layers] == \
        [type(layer).__name__ for layer in model.layers]
    again.set_weights(model.get_weights())
    x = np.random.default_rng(0).integers(0, 10, (3, 6))
    np.testing.assert_array_equal(model.predict(x, verbose=0), again.predict(x, verbose=0))


def test_sequential_model_round_trips_through_its_config():
    clear_session()
    model = Sequential([layers.Input((3,)),
                        layers.Normalization(mean=[1.0, 2.0, 3.0], variance=[1.0, 2.0, 3.0]),
                        layers.Dense(2), layers.ELU(), layers.ReLU(max_value=1.0),
                        layers.Dropout(0.1)])
    again = Sequential.from_config(model.get_config())
    again.set_weights(model.get_weights())
    x = np.linspace(-3, 3, 6, dtype="float32").reshape(2, 3)
    np.testing.assert_array_equal(model.predict(x, verbose=0), again.predict(x, verbose=0))
