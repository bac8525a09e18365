"""The ``tf`` a script gets under ``tracekeras run``: same numbers as TensorFlow, same names.

Every case of ``scenarios.CASES`` runs through the shim's ``tensorflow``
and is compared with what real TensorFlow 2.21 returned for it
(``data/tf_surface.npz``, written by ``make_fixtures.py``): each output's
dtype, shape and values, and the gradients ``tf.GradientTape`` gives. Then: every
name a Keras tutorial reaches for exists, and a name that does not still ends in
the one-line "does not implement" error.
"""
import os

import numpy as np
import pytest

from tracekeras.utils import nest

from .scenarios import CASES, DATASETS, INPUTS, weights

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = np.load(os.path.join(HERE, "data", "tf_surface.npz"))



def is_float(array):
    return np.issubdtype(np.asarray(array).dtype, np.floating)


def run_case(tf, call, names, differentiate):
    """The same steps as make_fixtures.run_case, on tracekeras's tf."""
    inputs = [tf.constant(INPUTS[n]) for n in names]
    with tf.GradientTape(persistent=True) as tape:
        for t in inputs:
            if is_float(t.numpy()):
                tape.watch(t)
        result = call(tf, *inputs)
        outs = list(result) if isinstance(result, (list, tuple)) else [result]
        floats = [o for o in outs if is_float(o.numpy())]
        total = sum(tf.reduce_sum(tf.cast(o, tf.float32) * weights(o.shape)) for o in floats)
    grads = {}
    if differentiate:
        for j, t in enumerate(inputs):
            if is_float(t.numpy()):
                grads[j] = tape.gradient(total, t)
    return outs, grads


@pytest.mark.filterwarnings("ignore:(divide by zero|invalid value):RuntimeWarning")  # log(0)
@pytest.mark.parametrize("name, call, names, differentiate", CASES, ids=[c[0] for c in CASES])
def test_op_matches_tensorflow(tf, name, call, names, differentiate):
    outs, grads = run_case(tf, call, names, differentiate)
    expected = sorted(k for k in FIXTURES.files if k.startswith(f"{name}/out"))
    assert len(outs) == len(expected)
    for i, out in enumerate(outs):
        assert isinstance(out, tf.Tensor)
        want = FIXTURES[f"{name}/out{i}"]
        got = np.asarray(out)
        assert got.dtype == want.dtype, f"output {i}: dtype {got.dtype}, TensorFlow {want.dtype}"
        assert got.shape == want.shape
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-6)
    for j, grad in grads.items():
        key = f"{name}/grad{j}"
        if key not in FIXTURES.files:
            assert grad is None, f"TensorFlow gives no gradient for input {j}"
            continue
        assert grad is not None, f"no gradient for input {j}; TensorFlow has one"
        assert isinstance(grad, tf.Tensor)     # tf.GradientTape hands back tensors
        np.testing.assert_allclose(np.asarray(grad), FIXTURES[key], rtol=1e-5, atol=1e-6)


def test_every_case_has_a_fixture():
    cases = {c[0] for c in CASES} | {f"dataset:{d[0]}" for d in DATASETS}
    assert {k.split("/")[0] for k in FIXTURES.files} == cases


@pytest.mark.parametrize("name, build", DATASETS, ids=[d[0] for d in DATASETS])
def test_dataset_matches_tensorflow(tf, name, build):
    """The pipeline's elements (leaf by leaf, dtype and values) and cardinality, as in TF."""
    dataset = build(tf)
    prefix = f"dataset:{name}/"
    assert int(dataset.cardinality()) == int(FIXTURES[prefix + "cardinality"])
    got = {}
    for i, element in enumerate(dataset):
        for j, leaf in enumerate(nest.flatten(element)):
            assert isinstance(leaf, tf.Tensor)     # iterating gives tensors, as in TF
            got[f"e{i}/{j}"] = np.asarray(leaf)
    want = {k[len(prefix):]: FIXTURES[k] for k in FIXTURES.files
            if k.startswith(prefix) and not k.endswith("cardinality")}
    assert sorted(got) == sorted(want)
    for key, value in want.items():
        assert got[key].dtype == value.dtype, key
        np.testing.assert_allclose(got[key], value, rtol=1e-6)


TOP_LEVEL = (
    "constant Variable ones zeros ones_like zeros_like fill matmul reduce_sum reduce_mean "
    "reduce_max reduce_min reduce_prod reduce_any reduce_all reduce_logsumexp add subtract "
    "multiply divide pow exp sqrt square abs sign floor round maximum minimum sin cos tanh "
    "sigmoid equal not_equal greater greater_equal less less_equal logical_and logical_or "
    "logical_not argmax argmin cumsum one_hot cast shape rank size reshape transpose "
    "expand_dims squeeze concat stack unstack split tile gather where clip_by_value range "
    "linspace norm GradientTape function newaxis convert_to_tensor identity stop_gradient "
    "float16 float32 float64 int32 int64 uint8 bool string Tensor").split()
MATH = (
    "add subtract multiply divide pow exp log sqrt square abs sign floor ceil round maximum "
    "minimum sin cos tanh sigmoid equal not_equal greater greater_equal less less_equal "
    "logical_and logical_or logical_not logical_xor argmax argmin top_k cumsum reduce_sum "
    "reduce_mean reduce_max reduce_min reduce_prod reduce_any reduce_all reduce_std "
    "reduce_variance reduce_logsumexp").split()


@pytest.mark.parametrize("name", TOP_LEVEL)
def test_tf_name_exists(tf, name):
    assert hasattr(tf, name)


@pytest.mark.parametrize("name", MATH)
def test_tf_math_name_exists(tf, name):
    assert callable(getattr(tf.math, name))


def test_random_data_and_version_names(tf):
    for name in ("uniform", "normal", "set_seed", "shuffle", "truncated_normal"):
        assert callable(getattr(tf.random, name))
    assert tf.version.VERSION == tf.__version__ == "2.21.0"
    assert tf.newaxis is None
    assert tf.float32 == "float32" and tf.float32.name == "float32"
    assert tf.float32.as_numpy_dtype is np.float32 and tf.dtypes.int32.is_integer
    assert tf.data.AUTOTUNE == tf.data.experimental.AUTOTUNE


def test_unknown_name_is_a_one_line_error(tf):
    with pytest.raises(AttributeError) as caught:
        tf.math.bessel_i0e  # noqa: B018 - the look-up is the test
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("tracekeras does not implement tensorflow.math.bessel_i0e (used by ")
    assert "implemented in tensorflow.math: abs, add, add_n, argmax" in message
