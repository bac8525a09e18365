"""The ``keras.backend`` functions (``K.mean``, ``K.clip``, ``K.batch_dot``, ``K.function``
...) against tf_keras 2.21 (``make_keras_function_fixtures.py``): each case's dtype and
numbers, and the errors Keras raises."""
import json
import os

import numpy as np
import pytest

import tracekeras.backend as K
from tests.backend.keras_function_cases import (
    CASES,
    ERRORS,
    GRADIENTS,
    SUMMED_ATOL,
    SUMMED_CASES,
    SUMMED_GRADIENTS,
    M,
)

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "data", "keras_functions.json"), encoding="utf-8") as f:
    FACTS = json.load(f)


def check(got, expected, where, atol=1e-7):
    if isinstance(expected, list):
        assert isinstance(got, (list, tuple)) and len(got) == len(expected), where
        for g, e in zip(got, expected):
            check(g, e, where, atol)
        return
    if not isinstance(expected, dict):
        assert got == expected, where
        return
    array = np.asarray(got)
    assert array.dtype.name == expected["dtype"], where
    assert list(array.shape) == expected["shape"], where
    if array.dtype == bool:
        assert array.tolist() == expected["values"], where
    else:
        np.testing.assert_allclose(array.astype("float64"), expected["values"], rtol=1e-6,
                                   atol=atol, err_msg=where)


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_keras_backend_function_gives_tf_keras_s_numbers(name):
    K.clear_session()
    K.random.set_global_seed(None)   # as in the fixture's fresh process: no global seed, no
    # eager kernel moved on (K.dropout's seeded draws)
    check(CASES[name](K), FACTS["cases"][name], name,
          SUMMED_ATOL if name in SUMMED_CASES else 1e-7)


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_a_keras_backend_function_refuses_as_tf_keras(name):
    expected = FACTS["errors"][name]
    with pytest.raises(Exception) as info:
        ERRORS[name](K)
    assert [type(info.value).__name__, str(info.value)] == expected


@pytest.mark.parametrize("name", sorted(GRADIENTS))
def test_gradients_flow_through_a_keras_backend_function_as_in_tf_keras(name):
    v = K.Variable(M)
    with K.GradientTape() as tape:
        total = K.ops.reduce_sum(GRADIENTS[name](K, v))
    check(tape.gradient(total, v), FACTS["gradients"][name], name,
          SUMMED_ATOL if name in SUMMED_GRADIENTS else 1e-7)


def test_every_case_is_recorded():
    assert sorted(CASES) == sorted(FACTS["cases"]) and sorted(ERRORS) == sorted(FACTS["errors"])
    assert sorted(GRADIENTS) == sorted(FACTS["gradients"])


# tf_keras.backend's public callables that tracekeras does not implement yet
NOT_YET: set = set()


def test_keras_backend_s_callables_resolve_through_the_shim():
    import types

    from tracekeras.shim import activated
    with activated():
        import tensorflow as tf
        backend = tf.keras.backend
        missing = set()
        for name in FACTS["callables"]:
            try:
                value = getattr(backend, name)
            except (AttributeError, ImportError):
                missing.add(name)
                continue
            if isinstance(value, types.ModuleType) or not callable(value):
                missing.add(name)
    assert missing <= NOT_YET, sorted(missing - NOT_YET)


def test_an_interpolation_tracekeras_lacks_is_the_one_line_error():
    from tracekeras.shim.errors import OperationNotImplementedByTracekeras
    with pytest.raises(OperationNotImplementedByTracekeras,
                       match="^tracekeras does not implement keras.backend.resize_images with "
                             "interpolation='lanczos3'"):
        K.resize_images(np.ones((1, 2, 2, 1), "float32"), 2, 2, "channels_last",
                        interpolation="lanczos3")
