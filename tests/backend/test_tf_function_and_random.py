"""``tf.function`` runs eagerly and the trace says so; ``tf.random`` is deterministic under a seed.

Here the random ops are checked for their contract: shapes, dtypes, ranges, and the
same numbers after the same ``tf.random.set_seed`` and op seed. That they are
TensorFlow's own numbers is checked against real TensorFlow in
``test_tf_random_philox.py``.
"""

import numpy as np
import pytest

import tracekeras


def test_tf_function_runs_eagerly_and_says_so_once_per_trace(tf):
    calls = []

    @tf.function
    def double(x):
        calls.append(type(x).__name__)
        return x * 2

    with tracekeras.trace() as t:          # the default level, "stages"
        first = double(tf.constant([1.0, 2.0]))
        double(tf.constant([3.0]))
    assert calls == ["Tensor", "Tensor"]   # the Python body ran on every call
    assert first.numpy().tolist() == [2.0, 4.0]
    notes = [r for r in t.records if r["name"] == "tf.function"]
    assert len(notes) == 1 and notes[0]["ph"] == "i" and notes[0]["stage"] == "function"
    assert notes[0]["args"]["ran"] == "eagerly"
    assert notes[0]["args"]["function"].endswith("double")


def test_tf_function_with_options_and_on_methods(tf):
    class Model:
        factor = 3.0

        @tf.function(jit_compile=True, reduce_retracing=True)
        def scale(self, x):
            return x * self.factor

    assert Model().scale(tf.constant(2.0)).numpy() == 6.0
    assert Model.scale.python_function.__name__ == "scale"


@pytest.mark.parametrize("draw", [
    lambda tf: tf.random.uniform((3, 4), seed=5),
    lambda tf: tf.random.normal([2, 2], mean=1.0, stddev=0.1, seed=1),
    lambda tf: tf.random.uniform([5], minval=2, maxval=7, dtype=tf.int32, seed=3),
    lambda tf: tf.random.truncated_normal((50,), seed=2),
    lambda tf: tf.random.shuffle(tf.range(6), seed=4),
    lambda tf: tf.random.categorical(tf.math.log([[0.2, 0.3, 0.5], [0.9, 0.05, 0.05]]), 4,
                                     seed=6),
], ids=["uniform", "normal", "uniform_int", "truncated_normal", "shuffle", "categorical"])
def test_same_seed_same_numbers(tf, draw):
    tf.random.set_seed(42)
    first = [draw(tf).numpy(), draw(tf).numpy()]
    tf.random.set_seed(42)
    again = [draw(tf).numpy(), draw(tf).numpy()]
    np.testing.assert_array_equal(first[0], again[0])
    np.testing.assert_array_equal(first[1], again[1])
    if first[0].size > 4:
        assert not np.array_equal(first[0], first[1])  # a stream, not one draw repeated


def test_random_shapes_dtypes_and_ranges(tf):
    tf.random.set_seed(0)
    u = tf.random.uniform((1000,), minval=-2.0, maxval=3.0)
    assert u.dtype == np.float32 and u.shape == (1000,)
    assert -2.0 <= float(tf.reduce_min(u)) and float(tf.reduce_max(u)) < 3.0
    n = tf.random.normal((4000,), mean=5.0, stddev=2.0, dtype=tf.float64)
    assert n.dtype == np.float64 and abs(float(tf.reduce_mean(n)) - 5.0) < 0.2
    k = tf.random.uniform((100,), maxval=4, dtype="int64")
    assert k.dtype == np.int64 and set(k.numpy().tolist()) <= {0, 1, 2, 3}
    assert float(tf.reduce_max(tf.abs(tf.random.truncated_normal((500,))))) <= 2.0
    assert sorted(tf.random.shuffle(tf.range(5)).numpy().tolist()) == [0, 1, 2, 3, 4]
    c = tf.random.categorical(tf.constant([[0.0, -1e9], [-1e9, 0.0]]), 3)
    assert c.dtype == np.int64 and c.numpy().tolist() == [[0, 0, 0], [1, 1, 1]]


def test_integer_uniform_needs_maxval(tf):
    with pytest.raises(ValueError, match="Must specify maxval for integer dtype int32"):
        tf.random.uniform((2,), dtype=tf.int32)


@pytest.mark.parametrize("level, expected", [("stages", []), ("steps", []), (
    "full", ["tf.ones", "tf.random.uniform", "tf.math.reduce_max", "tf.one_hot", "tf.shape"])])
def test_tf_ops_leave_backend_instants_only_at_level_full(tf, level, expected):
    with tracekeras.trace(level=level) as t:
        tf.reduce_max(tf.ones((2, 2)) + tf.random.uniform((2, 2)))
        tf.one_hot([1], 2)
        tf.shape(tf.constant(1.0))
    names = [r["name"] for r in t.records if r.get("stage") == "backend"]
    assert [n for n in names if n in expected] == expected
    if not expected:
        assert names == []


def test_keras_backend_random_normal_and_uniform_are_floatx_and_seeded():
    """The VAE of the subclassing guide draws ``tf.keras.backend.random_normal(shape=...)``."""
    from tracekeras import backend
    backend.random.set_seed(0)
    a = backend.random_normal(shape=(64, 32), seed=3)
    backend.random.set_seed(0)
    b = backend.random_normal(shape=(64, 32), seed=3)
    u = backend.random_uniform((5,), minval=2.0, maxval=3.0)
    assert a.dtype == np.float32 and a.shape == (64, 32)
    assert np.array_equal(np.asarray(a), np.asarray(b))
    assert u.dtype == np.float32 and np.all((np.asarray(u) >= 2.0) & (np.asarray(u) < 3.0))
