"""The tf_keras fixtures of the convolution and pooling layers (data/conv_layers.*, written by
make_conv_fixtures.py; data/conv_more.*, written by make_conv_more_fixtures.py), and
``run_case``, which replays one of them on tracekeras."""
import json
import os

import numpy as np

from tracekeras import layers
from tracekeras.backend import GradientTape, Tensor, clear_session

DATA = os.path.join(os.path.dirname(__file__), "data")


def load(stem):
    """The json and npz of one fixture set."""
    with open(os.path.join(DATA, f"{stem}.json")) as f:
        return json.load(f), np.load(os.path.join(DATA, f"{stem}.npz"))


KERAS, ARRAYS = load("conv_layers")
MORE = load("conv_more")
RTOL = ATOL = 1e-5


def cases_of(*class_names, fixtures=(KERAS, ARRAYS)):
    return sorted(name for name, case in fixtures[0]["cases"].items()
                  if case["class_name"] in class_names)


def run_case(name, fixtures=(KERAS, ARRAYS)):
    """(layer, output, gradients w.r.t. [x] + weights) of the fixture's layer on tracekeras."""
    keras, arrays = fixtures
    case = keras["cases"][name]
    clear_session()
    layer = getattr(layers, case["class_name"])(**case["kwargs"])
    layer.build(tuple(case["input_shape"]))
    count = len(layer.weights)
    layer.set_weights([arrays[f"{name}/weight{i}"] for i in range(count)])
    x = Tensor(arrays[f"{name}/x"])
    with GradientTape() as tape:
        tape.watch(x)
        out = layer(x)
    grads = tape.gradient(out, [x] + layer.trainable_weights,
                          output_gradients=arrays[f"{name}/w"])
    return layer, out, grads


def check_case(name, fixtures=(KERAS, ARRAYS)):
    """Output, gradients, weight names and shapes, output shape and config equal tf_keras's."""
    keras, arrays = fixtures
    case = keras["cases"][name]
    layer, out, grads = run_case(name, fixtures)
    assert out.dtype == np.float32
    np.testing.assert_allclose(out.value, arrays[f"{name}/out"], rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(grads[0], arrays[f"{name}/dx"], rtol=RTOL, atol=ATOL)
    for i, grad in enumerate(grads[1:]):
        np.testing.assert_allclose(grad, arrays[f"{name}/dweight{i}"], rtol=RTOL, atol=ATOL,
                                   err_msg=f"weight {i}")
    assert [[w.name, list(w.shape)] for w in layer.weights] == case["weights"]
    shape = (None,) + tuple(case["input_shape"][1:])
    assert list(layer.compute_output_shape(shape)) == case["output_shape"]
    assert jsonable(layer.get_config()) == case["config"]


def jsonable(value):
    """A config as JSON writes it (tuples become lists)."""
    return json.loads(json.dumps(value))


def summary_lines(model):
    lines = []
    model.summary(print_fn=lines.append)
    return lines


def error_of(build):
    try:
        build()
    except Exception as exc:   # noqa: BLE001 - compared with what tf_keras raised
        return [type(exc).__name__, str(exc)]
    return None
