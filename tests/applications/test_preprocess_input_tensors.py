"""``preprocess_input`` of a KerasTensor or an eager tensor in ``tf`` mode (MobileNetV2's,
as the TensorFlow transfer-learning tutorial calls it inside a functional model), as
tf_keras 2.21 gives it (written down here from a run of it): the model gains the layers
``tf.math.truediv`` and ``tf.math.subtract``, 255 becomes 1.0, an eager tensor of 51s
becomes -0.6. The other modes of a tensor are not implemented here and say so."""
import numpy as np
import pytest

import tracekeras as keras
from tracekeras.shim.errors import OperationNotImplementedByTracekeras


def test_a_keras_tensor_becomes_two_op_layers():
    inputs = keras.Input((4, 4, 3))
    outputs = keras.applications.mobilenet_v2.preprocess_input(inputs)
    model = keras.Model(inputs, outputs)
    assert [layer.name for layer in model.layers] == [
        "input_1", "tf.math.truediv", "tf.math.subtract"]
    out = np.asarray(model(np.full((1, 4, 4, 3), 255.0, "float32")))
    assert out.dtype == np.float32 and out.max() == 1.0


def test_an_eager_tensor_is_scaled_to_minus_one_one():
    from tracekeras.backend.tensor import convert
    out = keras.applications.mobilenet_v2.preprocess_input(
        convert(np.full((1, 2, 2, 3), 51.0, "float32")))
    np.testing.assert_allclose(np.asarray(out)[0, 0, 0], [-0.6, -0.6, -0.6], rtol=1e-6)


def test_caffe_mode_of_a_keras_tensor_says_it_is_not_implemented():
    with pytest.raises(OperationNotImplementedByTracekeras,
                       match="does not implement keras.applications.imagenet_utils."
                             "preprocess_input of a KerasTensor in 'caffe' mode"):
        keras.applications.vgg16.preprocess_input(keras.Input((4, 4, 3)))
