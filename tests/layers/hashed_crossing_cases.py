"""The ``HashedCrossing`` and ``Identity`` cases of ``make_hashed_crossing_fixtures.py``
(real tf_keras 2.21) and ``test_hashed_crossing.py`` (tracekeras): each takes a
``tensorflow`` module and hands back JSON-ready facts."""
import numpy as np

LONG = "a string longer than sixty-four bytes, so FarmHash takes its long path " * 2
CASES = {   # name: (layer kwargs, inputs as (values, dtype) pairs)
    "string_and_int": ({"num_bins": 5}, [(["A", "B", "A", "B", "A"], "string"),
                                         ([101, 101, 101, 102, 102], "int64")]),
    "ints_with_negatives": ({"num_bins": 64}, [([[1], [-2], [3], [-4]], "int64"),
                                               ([[-5], [6], [0], [2**40]], "int64")]),
    "int32_and_int64": ({"num_bins": 1000}, [([7, 8, 9], "int32"), ([7, 8, 9], "int64")]),
    "two_strings": ({"num_bins": 97}, [(["x", "", "naïve"], "string"),
                                       ([LONG, "y", "z" * 20], "string")]),
    "three_inputs": ({"num_bins": 1000}, [(["u", "v"], "string"), ([1, 2], "int64"),
                                          (["w", "w"], "string")]),
    "scalars": ({"num_bins": 11}, [("A", "string"), (3, "int64")]),
    "one_hot_batch": ({"num_bins": 6, "output_mode": "one_hot"},
                      [([[1], [2], [3]], "int64"), ([["a"], ["b"], ["c"]], "string")]),
    "one_hot_scalars": ({"num_bins": 4, "output_mode": "one_hot"},
                        [(5, "int64"), ("q", "string")]),
    "int_output_dtype": ({"num_bins": 9, "dtype": "int32"}, [([1, 2], "int64"),
                                                            ([3, 4], "int64")]),
}


def tensor(tf, values, dtype):
    return tf.constant(values, dtype=getattr(tf, dtype))


def described(x):
    value = np.asarray(x)
    name = getattr(x.dtype, "name", str(x.dtype))
    return {"values": value.tolist(), "shape": list(value.shape), "dtype": name}


def run_case(tf, name):
    kwargs, inputs = CASES[name]
    layer = tf.keras.layers.HashedCrossing(**kwargs)
    return described(layer([tensor(tf, v, d) for v, d in inputs]))


def symbolic(tf):
    """Output shapes and dtypes on Inputs, and the config."""
    a = tf.keras.Input(shape=(1,), dtype="int64")
    b = tf.keras.Input(shape=(1,), dtype="string")
    int_out = tf.keras.layers.HashedCrossing(7)([a, b])
    one_hot = tf.keras.layers.HashedCrossing(7, output_mode="one_hot", name="hc")
    one_hot_out = one_hot((a, b))
    config = {k: v for k, v in one_hot.get_config().items() if k != "dtype"}
    return {"int": [list(int_out.shape), int_out.dtype.name],
            "one_hot": [list(one_hot_out.shape), one_hot_out.dtype.name], "config": config}


def mistakes(tf):
    layers = tf.keras.layers
    ints = tf.constant([1, 2], dtype=tf.int64)
    return {
        "not_a_list": lambda: layers.HashedCrossing(3)(ints),
        "one_input": lambda: layers.HashedCrossing(3)([ints]),
        "wide_inputs": lambda: layers.HashedCrossing(3)([tf.constant([[1, 2]]),
                                                         tf.constant([[3, 4]])]),
        "unequal_shapes": lambda: layers.HashedCrossing(3)([ints, tf.constant([1, 2, 3])]),
        "floats": lambda: layers.HashedCrossing(3)([ints, tf.constant([1.0, 2.0])]),
        "output_mode": lambda: layers.HashedCrossing(3, output_mode="multi_hot"),
        "int_output_float_dtype": lambda: layers.HashedCrossing(3, dtype="float32"),
    }


def identity(tf):
    """``Identity`` hands on its inputs: a float, an int64 and a nest of them."""
    layer = tf.keras.layers.Identity()
    floats = layer(tf.constant([[1.5, -2.0]]))
    ints = tf.keras.layers.Identity(dtype="float32")(tf.constant([3, 4], dtype=tf.int64))
    nest = layer({"a": tf.constant([1.0]), "b": [tf.constant([2, 3])]})
    symbolic_out = tf.keras.layers.Identity()(tf.keras.Input(shape=(3,)))
    return {"floats": described(floats), "ints": described(ints),
            "nest": [described(nest["a"]), described(nest["b"][0])],
            "symbolic": [list(symbolic_out.shape), symbolic_out.dtype.name]}


def error_of(fn):
    try:
        fn()
    except Exception as e:   # the type and message are the facts recorded
        return [type(e).__name__, str(e)]
    return None
