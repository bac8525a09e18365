"""A built functional model called on a KerasTensor of another size, as tf_keras 2.21 does
it (checked in the tfvenv): Keras checks a layer's input spec on a symbolic call only while
building it, so the model made for 224x224 pictures takes a 32x32 KerasTensor (its layers
compute the new shapes: ``(None, 2)`` out), while an eager call of it on 32x32 pictures is
refused with the input-spec ``ValueError`` (as ``fit`` then refuses it)."""
import numpy as np
import pytest

import tracekeras as keras


def model_for_224():
    inputs = keras.Input((224, 224, 3))
    x = keras.layers.Conv2D(4, 3)(inputs)
    outputs = keras.layers.Dense(2)(keras.layers.GlobalAveragePooling2D()(x))
    return keras.Model(inputs, outputs)


def test_a_symbolic_call_of_another_size_is_let_through():
    model = model_for_224()
    assert tuple(model(keras.Input((32, 32, 3))).shape) == (None, 2)


def test_an_eager_call_of_another_size_is_refused():
    with pytest.raises(ValueError, match=r'^Input 0 of layer "model(_\d+)?" is incompatible '
                       r"with the layer: expected shape=\(None, 224, 224, 3\), found "
                       r"shape=\(1, 32, 32, 3\)$"):
        model_for_224()(np.zeros((1, 32, 32, 3), "float32"))


def test_a_layer_not_yet_built_is_still_checked():
    with pytest.raises(ValueError, match="expected min_ndim=2, found ndim=1"):
        keras.layers.Dense(2)(keras.Input((), batch_size=None))
