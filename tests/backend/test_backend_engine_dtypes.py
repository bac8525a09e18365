"""The seed model's train step stays float32 end to end (no float64 promotion).

Uses the engine (``tracekeras.models``); skipped while that room has not landed it.
"""
import numpy as np
import pytest


def seed_model():
    models = pytest.importorskip("tracekeras.models")
    from tracekeras import layers
    model = models.Sequential([layers.Dense(16, activation="relu"),
                               layers.Dense(10, activation="softmax")])
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    return model


def test_seed_fit_records_no_float64_op():
    import tracekeras
    model = seed_model()
    rng = np.random.default_rng(0)
    x = rng.random((64, 12), dtype=np.float32)
    y = rng.integers(0, 10, 64)
    with tracekeras.trace(level="full") as t:
        model.fit(x, y, batch_size=32, epochs=1, verbose=0)
    ops = [r for r in t.records if r.get("ph") == "i" and r.get("stage") == "backend"]
    assert ops, "level full records every backend op"
    wide = sorted({r["name"] for r in ops if r["args"].get("dtype") == "float64"})
    assert wide == [], f"ops computed in float64 inside a float32 fit: {wide}"
    assert {w.dtype.name for w in model.weights} == {"float32"}
    assert {v.dtype.name for v in model.optimizer.variables if v.dtype.kind == "f"} == {"float32"}


@pytest.mark.parametrize("loss", ["mse", "binary_crossentropy", "sparse_categorical_crossentropy",
                                  "categorical_crossentropy"])
def test_float64_user_data_does_not_promote_the_step(loss):
    """Users pass float64 NumPy data; the step still computes in float32 (Keras casts too)."""
    import tracekeras
    models = pytest.importorskip("tracekeras.models")
    from tracekeras import layers
    rng = np.random.default_rng(1)
    units, activation = (
        (1, "sigmoid") if loss in ("mse", "binary_crossentropy") else (10, "softmax")
    )
    y = {
        "mse": rng.random((32, 1)),
        "binary_crossentropy": rng.integers(0, 2, (32, 1)) * 1.0,
        "sparse_categorical_crossentropy": rng.integers(0, 10, 32) * 1.0,
        "categorical_crossentropy": np.eye(10)[rng.integers(0, 10, 32)],
    }[loss]
    model = models.Sequential(
        [layers.Dense(4, activation="relu"), layers.Dense(units, activation=activation)]
    )
    model.compile(optimizer="rmsprop", loss=loss, metrics=["accuracy"])
    with tracekeras.trace(level="full") as t:
        model.fit(rng.random((32, 5)), y, batch_size=16, verbose=0)
    wide = sorted(
        {
            r["name"]
            for r in t.records
            if r.get("ph") == "i"
            and r.get("stage") == "backend"
            and r["args"].get("dtype") == "float64"
        }
    )
    assert wide == []


# TensorFlow 2.21's result dtypes for a Python number on the left of a tensor, printed by
# `(2 - tf.constant(5, tf.int64)).dtype` and the like (the same as with the number on the
# right): the number takes the tensor's dtype.
NUMBER_ON_THE_LEFT = {"2 - x": "int64", "2 * x": "int64", "2 + x": "int64", "2 // x": "int64",
                      "2 % x": "int64", "2 ** x": "int64", "2 / x": "float64",
                      "2 - h": "float16", "2.5 * h": "float16", "2 / h": "float16"}


@pytest.mark.parametrize("expression", sorted(NUMBER_ON_THE_LEFT))
def test_a_python_number_on_the_left_takes_the_tensor_s_dtype(expression):
    from tracekeras.backend.tensor import Tensor
    x, h = Tensor(np.int64(5)), Tensor(np.float16(5))   # noqa: F841 - read by eval
    assert eval(expression).value.dtype.name == NUMBER_ON_THE_LEFT[expression]


# TensorFlow 2.21's dtype of tf.concat with Python lists among tensors, printed by
# `tf.concat([tf.constant([1, 2], tf.int32), [1]], 0).dtype` and the like: the list takes
# the first tensor's dtype, or TensorFlow's default (int32) among lists only.
CONCAT_WITH_LISTS = {"int32 tensor, list": "int32", "list, int32 tensor": "int32",
                     "float16 tensor, list": "float16", "list, float64 tensor": "float64",
                     "lists only": "int32"}


@pytest.mark.parametrize("case", sorted(CONCAT_WITH_LISTS))
def test_a_python_list_in_concat_takes_tensorflow_s_dtype(case):
    from tracekeras.backend import ops
    from tracekeras.backend.tensor import Tensor
    i32, f16 = Tensor(np.array([1, 2], np.int32)), Tensor(np.array([1, 2], np.float16))
    f64 = Tensor(np.array([1, 2], np.float64))
    values = {"int32 tensor, list": [i32, [1]], "list, int32 tensor": [[1], i32],
              "float16 tensor, list": [f16, [1.5]], "list, float64 tensor": [[1.5], f64],
              "lists only": [[1], [2]]}[case]
    assert ops.concatenate(values, 0).value.dtype.name == CONCAT_WITH_LISTS[case]


# TensorFlow 2.21's refusal of tensors of two dtypes in tf.concat (no promotion), printed by
# `tf.concat([tf.constant([1], tf.int64), tf.constant([1.])], 0)` and the like.
CONCAT_REFUSED = {
    "int64, float32": ("concat", "cannot compute ConcatV2 as input #1(zero-based) was expected "
                       "to be a int64 tensor but is a float tensor [Op:ConcatV2] name: concat"),
    "float32, int32": ("concat", "cannot compute ConcatV2 as input #1(zero-based) was expected "
                       "to be a float tensor but is a int32 tensor [Op:ConcatV2] name: concat"),
    "float64, float32": ("concat", "cannot compute ConcatV2 as input #1(zero-based) was "
                         "expected to be a double tensor but is a float tensor [Op:ConcatV2] "
                         "name: concat"),
    "float32, float32, int64 named": (
        "joined", "cannot compute ConcatV2 as input #2(zero-based) was expected to be a float "
        "tensor but is a int64 tensor [Op:ConcatV2] name: joined"),
}


@pytest.mark.parametrize("case", sorted(CONCAT_REFUSED))
def test_tf_concat_refuses_tensors_of_two_dtypes_as_tensorflow(case, tf):
    i64, f32 = tf.constant([1], tf.int64), tf.constant([1.0])
    values = {"int64, float32": [i64, f32], "float32, int32": [f32, tf.constant([1])],
              "float64, float32": [tf.constant([1.0], tf.float64), f32],
              "float32, float32, int64 named": [f32, f32, i64]}[case]
    name, message = CONCAT_REFUSED[case]
    with pytest.raises(tf.errors.InvalidArgumentError) as caught:
        tf.concat(values, 0, name=name)
    assert str(caught.value) == message


def test_tf_concat_converts_arrays_and_lists_to_the_first_tensor_s_dtype(tf):
    joined = tf.concat([tf.constant([1.0]), np.array([2.0]), [3]], 0)
    assert joined.dtype == tf.float32 and joined.numpy().tolist() == [1.0, 2.0, 3.0]
