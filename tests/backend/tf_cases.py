"""Record a ``tf`` call's outcome as JSON, and compare tracekeras's with TensorFlow's.

Shared by the fixture generators (run on real TensorFlow) and their tests (run on
tracekeras's ``tf``), so both sides describe a result the same way: a tensor as
``{"tensor": {"dtype", "shape", "values"}}`` (strings decoded), lists, tuples and dicts as
themselves, a Python value as ``{"python": ...}``, an error as ``{"error": {"type",
"message"}}``. Plain NumPy only: no TensorFlow import here.
"""
import contextlib
import json
import os
import re
import tempfile

import numpy as np


def is_tensor(value):
    return hasattr(value, "numpy") and hasattr(value, "dtype") and hasattr(value, "shape")


def encode(value):
    """The JSON form of a result: tensors, containers, Python values."""
    if isinstance(value, (list, tuple)):
        return {type(value).__name__: [encode(v) for v in value]}
    if isinstance(value, dict):
        return {"dict": {str(k): encode(v) for k, v in value.items()}}
    if is_tensor(value) or isinstance(value, np.ndarray):
        array = np.asarray(value.numpy() if is_tensor(value) else value)
        kind = "string" if array.dtype == object else array.dtype.name
        values = array.tolist()
        if kind == "string":
            values = np.vectorize(lambda b: b.decode("utf-8", "replace"), otypes=[object])(
                array).tolist() if array.size else []
        return {"tensor": {"dtype": kind, "shape": list(array.shape), "values": clean(values)}}
    if value is None or isinstance(value, (bool, int, float, str)):
        return {"python": {"type": type(value).__name__, "value": value}}
    if isinstance(value, bytes):
        return {"python": {"type": "bytes", "value": value.decode("latin-1")}}
    if isinstance(value, np.generic):
        return {"python": {"type": type(value).__name__, "value": value.item()}}
    return {"python": {"type": type(value).__name__, "value": repr(value)}}


def clean(values):
    """NaN and infinities as strings, so the JSON stays standard."""
    if isinstance(values, list):
        return [clean(v) for v in values]
    if isinstance(values, float) and not np.isfinite(values):
        return str(values)
    return values


def outcome(call, *args):
    """``call(*args)``'s encoded result, or the error it raised."""
    try:
        return encode(call(*args))
    except Exception as error:   # noqa: BLE001 - the error is the fixture
        return {"error": {"type": type(error).__name__, "message": str(error)}}


@contextlib.contextmanager
def inside_new_folder():
    """Run the block in a new empty folder (the working folder), removed after."""
    before = os.getcwd()
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)
        try:
            yield folder
        finally:
            os.chdir(before)


def gradient_case(tf, scenarios, call, names):
    """``call``'s output on ``scenarios.INPUTS[names]`` and the gradients of its weighted sum
    (``scenarios.weights``) with respect to each input, taken in one ``tape.gradient`` call
    (a ``py_function``'s gradient can be taken once), as dense tensors."""
    inputs = [tf.constant(scenarios.INPUTS[n]) for n in names]
    with tf.GradientTape() as tape:
        for t in inputs:
            tape.watch(t)
        out = call(tf, *inputs)
        total = tf.reduce_sum(out * scenarios.weights(out.shape))
    grads = tape.gradient(total, inputs)
    return {"value": out, "gradients": [None if g is None else tf.convert_to_tensor(g)
                                        for g in grads]}


def without_kernel_prefix(message):
    """TensorFlow's kernel message less its ``{{function_node ...}} `` prefix and the
    `` name: `` it may end with."""
    message = re.sub(r"^\{\{function_node [^}]*\}\} ", "", message)
    return re.sub(r" name: $", "", message)


def numbers(values):
    return np.asarray(json.loads(json.dumps(values).replace('"nan"', "NaN").replace(
        '"inf"', "Infinity").replace('"-inf"', "-Infinity")), dtype=float)


def assert_same(got, want, check="exact", path="result", rtol=1e-6, atol=1e-6):
    """``got`` (encoded tracekeras outcome) matches ``want`` (TensorFlow's): for errors the
    type name and the message (``check``: exact, first_line, or regex: a pattern the message
    must match, TensorFlow's numbering and graph names being its own; kernel: the same
    message less the kernel's prefix, see ``without_kernel_prefix``)."""
    if "error" in want:
        assert "error" in got, f"{path}: TensorFlow raised {want['error']}, tracekeras gave {got}"
        assert got["error"]["type"] == want["error"]["type"], (path, got, want)
        message, expected = got["error"]["message"], want["error"]["message"]
        if check == "exact":
            assert message == expected, path
        elif check == "kernel":
            assert without_kernel_prefix(message) == without_kernel_prefix(expected), (
                path, message, expected)
        elif check == "first_line":
            assert message.split("\n")[0] == expected.split("\n")[0], (path, message, expected)
        else:
            assert re.search(check, expected), f"{path}: the pattern does not fit TensorFlow's"
            assert re.search(check, message), (path, message)
        return
    assert "error" not in got, f"{path}: tracekeras raised {got['error']}"
    assert got.keys() == want.keys(), (path, got, want)
    kind = next(iter(want))
    if kind in ("list", "tuple"):
        assert len(got[kind]) == len(want[kind]), path
        for i, (g, w) in enumerate(zip(got[kind], want[kind])):
            assert_same(g, w, check, f"{path}[{i}]", rtol, atol)
    elif kind == "dict":
        assert sorted(got[kind]) == sorted(want[kind]), path
        for key in want[kind]:
            assert_same(got[kind][key], want[kind][key], check, f"{path}[{key}]", rtol, atol)
    elif kind == "python":
        assert got == want, (path, got, want)
    else:
        g, w = got["tensor"], want["tensor"]
        assert (g["dtype"], g["shape"]) == (w["dtype"], w["shape"]), (path, g, w)
        if w["dtype"] == "string":
            assert g["values"] == w["values"], path
        else:
            np.testing.assert_allclose(numbers(g["values"]), numbers(w["values"]), rtol=rtol,
                                       atol=atol, err_msg=path)


def assert_central_differences(tf, weighted_sum, call, inputs, names, grads, step=1e-3):
    """Each encoded gradient in ``grads`` against central differences of
    ``weighted_sum(tf, call, tensors)`` over ``inputs[names]`` (float64 steps, float32 run)."""
    for j, grad in enumerate(grads):
        if "python" in grad:   # no gradient: nothing to difference
            continue
        base = [np.array(inputs[n], "float64") for n in names]
        numeric = np.zeros(base[j].shape)
        for i in range(numeric.size):
            sums = []
            for sign in (1, -1):
                moved = [b.copy() for b in base]
                moved[j].reshape(-1)[i] += sign * step
                sums.append(float(weighted_sum(tf, call, [tf.constant(m.astype("float32"))
                                                          for m in moved])))
            numeric.reshape(-1)[i] = (sums[0] - sums[1]) / (2 * step)
        np.testing.assert_allclose(numbers(grad["tensor"]["values"]).reshape(numeric.shape),
                                   numeric, rtol=2e-2, atol=2e-2)
