"""The pipelines whose text form (``repr``, ``str``) and ``element_spec`` are compared with
TensorFlow 2.21's (``make_dataset_repr_fixture.py``): each case takes the ``tf.data``
module to build with (TensorFlow's or tracekeras's) and ``TensorSpec``, and returns a
dataset."""
import numpy as np

X = np.arange(30, dtype="float32").reshape(10, 3)
Y = np.arange(10, dtype="int64")
WORDS = np.array(["a", "bb", "c"])


def pairs(data, spec=None):
    return data.Dataset.from_tensor_slices((X, Y))


def twice(x, y):
    return x * 2, y


def gen():
    for i in range(3):
        yield np.full((2,), i, "float32"), np.int32(i)


CASES = {
    "slices_int32": lambda data, spec: data.Dataset.from_tensor_slices(np.arange(5, dtype="int32")),
    "slices_python_floats": lambda data, spec: data.Dataset.from_tensor_slices([1.0, 2.0]),
    "slices_python_ints": lambda data, spec: data.Dataset.from_tensor_slices([1, 2, 3]),
    "slices_float64": lambda data, spec: data.Dataset.from_tensor_slices(np.zeros((4, 2))),
    "slices_pair": pairs,
    "slices_dict": lambda data, spec: data.Dataset.from_tensor_slices({"b": X, "a": Y}),
    "slices_nested": lambda data, spec: data.Dataset.from_tensor_slices(({"x": X}, Y)),
    "slices_strings": lambda data, spec: data.Dataset.from_tensor_slices(WORDS),
    "tensors": lambda data, spec: data.Dataset.from_tensors(X),
    "range": lambda data, spec: data.Dataset.range(5),
    "range_int32": lambda data, spec: data.Dataset.range(1, 5, dtype="int32"),
    "batch": lambda data, spec: pairs(data).batch(4),
    "batch_drop_remainder": lambda data, spec: pairs(data).batch(4, drop_remainder=True),
    "batch_parallel": lambda data, spec: pairs(data).batch(4, num_parallel_calls=data.AUTOTUNE),
    "batch_batch": lambda data, spec: pairs(data).batch(4).batch(2),
    "shuffle": lambda data, spec: pairs(data).shuffle(10),
    "shuffle_seeded": lambda data, spec: pairs(data).shuffle(10, seed=3),
    "map": lambda data, spec: pairs(data).map(twice),
    "map_parallel": lambda data, spec: pairs(data).map(twice, num_parallel_calls=data.AUTOTUNE),
    "batch_map": lambda data, spec: pairs(data).batch(4).map(twice),
    "map_one": lambda data, spec: pairs(data).map(lambda x, y: x),
    "prefetch": lambda data, spec: pairs(data).prefetch(data.AUTOTUNE),
    "prefetch_two": lambda data, spec: pairs(data).prefetch(2),
    "cache": lambda data, spec: pairs(data).cache(),
    "take": lambda data, spec: pairs(data).take(3),
    "take_all": lambda data, spec: pairs(data).take(-1),
    "skip": lambda data, spec: pairs(data).skip(2),
    "repeat": lambda data, spec: pairs(data).repeat(),
    "repeat_two": lambda data, spec: pairs(data).repeat(2),
    "zip": lambda data, spec: data.Dataset.zip((data.Dataset.range(3), pairs(data))),
    "counter": lambda data, spec: data.experimental.Counter(),
    "counter_int32": lambda data, spec: data.Dataset.counter(3, 2, dtype="int32"),
    "zip_counters": lambda data, spec: data.Dataset.zip(
        (pairs(data), (data.experimental.Counter(), data.experimental.Counter()))),
    "zip_dict": lambda data, spec: data.Dataset.zip({"r": data.Dataset.range(3),
                                               "p": pairs(data)}),
    "unbatch": lambda data, spec: pairs(data).batch(2).unbatch(),
    "filter": lambda data, spec: pairs(data).filter(lambda x, y: y > 2),
    "concatenate": lambda data, spec: pairs(data).concatenate(pairs(data)),
    "enumerate": lambda data, spec: pairs(data).enumerate(),
    "generator": lambda data, spec: data.Dataset.from_generator(
        gen, output_signature=(spec(shape=(2,), dtype="float32"), spec(shape=(), dtype="int32"))),
    "pipeline": lambda data, spec: pairs(data).shuffle(10).batch(4).map(twice).cache().prefetch(
        data.AUTOTUNE),
    "assert_cardinality": lambda data, spec: pairs(data).filter(lambda x, y: y > 2).apply(
        data.experimental.assert_cardinality(7)),
}
