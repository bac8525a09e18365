"""Python arithmetic on KerasTensors (TFOpLambda): a float beside an integer tensor.

TensorFlow does not cut ``0.5`` down to ``0``: it refuses the operand. The messages are
tf_keras 2.21's inner messages (run with ``keras.Input(shape=(2,), dtype="int32")``);
tracekeras raises them before the layer is made, so no layer name is used up.
"""
import numpy as np
import pytest

from tracekeras import Input
from tracekeras.backend import clear_session
from tracekeras.models import Model

REFUSED = [
    (lambda x: x * 0.5, "Expected int32 passed to parameter 'y' of op 'Mul', got 0.5 of type "
                        "'float' instead. Error: Expected int32, but got 0.5 of type 'float'."),
    (lambda x: x - 0.5, "Expected int32 passed to parameter 'y' of op 'Sub', got 0.5 of type "
                        "'float' instead. Error: Expected int32, but got 0.5 of type 'float'."),
    (lambda x: x + 0.5, "Input 'y' of 'AddV2' Op has type float32 that does not match type "
                        "int32 of argument 'x'."),
    (lambda x: x / 0.5, "`x` and `y` must have the same dtype, got tf.int32 != tf.float32."),
    (lambda x: 0.5 * x, "Cannot convert 0.5 to EagerTensor of dtype int32"),
    (lambda x: 0.5 - x, "Cannot convert 0.5 to EagerTensor of dtype int32"),
]


@pytest.mark.parametrize("expression, message", REFUSED)
def test_a_float_beside_an_int_tensor_is_refused_before_a_layer_is_made(expression, message):
    clear_session()
    inputs = Input(shape=(2,), dtype="int32")
    with pytest.raises(TypeError) as error:
        expression(inputs)
    assert str(error.value) == message
    # the refused expression made no layer: the next one gets the op's first name
    assert Model(inputs, inputs * 3).layers[-1].name == "tf.math.multiply"


def test_whole_numbers_and_float_tensors_still_compute():
    ints = Input(shape=(2,), dtype="int32")
    assert Model(ints, ints * 3)(np.array([[3, 4]], np.int32)).numpy().tolist() == [[9, 12]]
    floats = Input(shape=(2,))
    assert Model(floats, floats * 0.5)(np.ones((1, 2), "float32")).numpy().tolist() == [[0.5, 0.5]]
