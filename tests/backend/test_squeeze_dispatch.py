"""``tf.squeeze`` on a model's symbolic tensor (keras.io's PPO example squeezes its critic's
``(None, 1)`` output so) and eagerly, against tf_keras 2.21
(``make_squeeze_dispatch_fixtures.py``): TensorFlow's ``tf.squeeze`` hands its arguments
on to the v1 op, which dispatches, so the layer is a TFOpLambda named
``tf.compat.v1.squeeze`` whose node records ``axis`` and ``name``; the model's outputs
and predictions from tf_keras's initial weights; the eager results and errors; and the
one-line "does not implement" where Keras's graph would give an output of unknown rank."""
import json
import os
import re

import numpy as np
import pytest

from tracekeras import Input, backend, layers, shim
from tracekeras.backend import clear_session
from tracekeras.models import Model
from tracekeras.shim.errors import OperationNotImplementedByTracekeras

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "squeeze_dispatch.json"), encoding="utf-8") as f:
    KERAS = json.load(f)
ARRAYS = np.load(os.path.join(HERE, "data", "squeeze_dispatch.npz"))


@pytest.fixture
def tf():
    clear_session()
    with shim.activated():
        import tensorflow
        yield tensorflow


def model(tf):
    """The model of make_squeeze_dispatch_fixtures.py, written the same way."""
    inputs = Input(shape=(4,))
    d = layers.Dense(1)(inputs)
    d2 = layers.Dense(1)(inputs)
    outputs = [tf.squeeze(d, axis=1), tf.squeeze(d2, -1),
               tf.squeeze(tf.expand_dims(d, 1), [1, 2]), backend.squeeze(d, 1)]
    m = Model(inputs, outputs)
    m.set_weights([ARRAYS[f"initial{i}"] for i in range(len(m.get_weights()))])
    return m, outputs


def summary(m):
    lines = []
    m.summary(print_fn=lines.append, line_length=100)
    return lines


def op_layers(config):
    return [{k: v for k, v in layer.items() if k not in ("module", "build_config")}
            for layer in config["layers"] if layer["class_name"] == "TFOpLambda"]


def kernel_message(message):
    """TensorFlow's message less the kernel's ``{{function_node ...}}`` prefix and the
    ``[Op:Squeeze] name: ...`` suffix (as the other backend tests compare them)."""
    message = re.sub(r"^\{\{function_node [^}]*\}\} ", "", message)
    return re.sub(r"\s*\[Op:\w+\]( name: \S*)?\s*$", "", message)


def test_squeeze_of_a_model_tensor_is_a_compat_v1_op_layer_as_in_tf_keras(tf):
    m, outputs = model(tf)
    assert summary(m) == KERAS["summary"]
    assert op_layers(m.get_config()) == op_layers({"layers": KERAS["op_layers"]})
    assert [str(t) for t in outputs] == KERAS["outputs"]


def test_the_model_squeezes_as_tf_keras_does(tf):
    m, _ = model(tf)
    for i, y in enumerate(m.predict(ARRAYS["x"], verbose=0)):
        assert y.shape == ARRAYS[f"prediction{i}"].shape
        np.testing.assert_allclose(y, ARRAYS[f"prediction{i}"], rtol=1e-5, atol=1e-6)


def test_eager_squeeze_as_in_tensorflow(tf):
    cube = np.arange(3, dtype="float32").reshape(1, 3, 1)
    got = {"none": tf.squeeze(cube), "zero": tf.squeeze(cube, 0),
           "list": tf.squeeze(cube, [0, 2]), "negative": tf.squeeze(cube, axis=-1)}
    for name, value in got.items():
        want = ARRAYS["eager_" + name]
        assert np.asarray(value).shape == want.shape, name
        np.testing.assert_array_equal(np.asarray(value), want)


@pytest.mark.parametrize("name,call", [
    ("size_3", lambda tf, cube: tf.squeeze(cube, 1)),
    ("size_3_named", lambda tf, cube: tf.squeeze(cube, 1, name="sq")),
    ("out_of_range", lambda tf, cube: tf.squeeze(cube, 3)),
    ("int", lambda tf, cube: int(tf.constant([3]))),
    ("float", lambda tf, cube: float(tf.constant([3.0]))),
])
def test_eager_errors_as_in_tensorflow(tf, name, call):
    """(A one-element tensor is no scalar: NumPy 2 refuses ``int()`` of it, so keras.io's
    PPO example, which stores such tensors in NumPy buffers, stops in TensorFlow too.)"""
    kind, message = KERAS["errors"][name]
    with pytest.raises(Exception) as caught:
        call(tf, np.arange(3, dtype="float32").reshape(1, 3, 1))
    assert type(caught.value).__name__ == kind
    assert kernel_message(str(caught.value)) == kernel_message(message)


def test_squeeze_without_axis_of_an_unknown_size_is_not_implemented(tf):
    """Keras's graph gives ``tf.squeeze`` of a ``(None, 1)`` tensor an unknown rank; a
    KerasTensor here has a known rank, so tracekeras says it does not implement it."""
    d = layers.Dense(1)(Input(shape=(4,)))
    with pytest.raises(OperationNotImplementedByTracekeras,
                       match=r"^tracekeras does not implement tf\.squeeze without axis of a "
                             r"symbolic tensor of unknown size \(None, 1\) \(used by "):
        tf.squeeze(d)
    # with every size known, the rank is known and squeezing without an axis works
    known = layers.Dense(1)(Input(shape=(4,), batch_size=2))
    assert tf.squeeze(known).shape == (2,)
