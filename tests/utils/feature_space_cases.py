"""The ``keras.utils.FeatureSpace`` cases of ``make_feature_space_fixtures.py`` (real
tf_keras 2.21) and ``test_feature_space.py`` (tracekeras through the shim's
``tensorflow``): each case takes a ``tensorflow`` module and hands back JSON-ready facts."""
import numpy as np

TABLE = {   # eight rows of every kind of column
    "f_float": np.array([0.5, 1.5, -2.0, 3.25, 0.0, 7.5, 1.0, 2.0], "float32"),
    "f_resc": np.array([10, 20, 30, 40, 50, 60, 70, 80], "float32"),
    "f_norm": np.array([1, 2, 2, 3, 5, 8, 13, 21], "float32"),
    "f_disc": np.array([0.1, 0.9, 0.4, 0.6, 0.2, 0.8, 0.3, 0.7], "float32"),
    "i_cat": np.array([3, 1, 3, 7, 1, 3, 9, 1], "int64"),
    "s_cat": np.array(["b", "a", "b", "c", "a", "b", "d", "a"]),
    "s_hash": np.array(["x", "y", "z", "x", "w", "y", "x", "v"]),
    "i_hash": np.array([100, 200, 300, 100, -5, 42, 7, 100], "int64"),
}
UNSEEN = {   # three rows with values adapt never saw
    "f_float": np.array([9.0, -1.0, 0.25], "float32"),
    "f_resc": np.array([0, 5, 100], "float32"),
    "f_norm": np.array([0, 30, 4], "float32"),
    "f_disc": np.array([-1.0, 0.5, 2.0], "float32"),
    "i_cat": np.array([5, 9, 3], "int64"),
    "s_cat": np.array(["e", "d", "b"]),
    "s_hash": np.array(["new", "x", ""]),
    "i_hash": np.array([0, 1, 100], "int64"),
}
ONE_ROW = {"f_float": 2.5, "f_resc": 20.0, "f_norm": 4.0, "f_disc": 0.55, "i_cat": 3,
           "s_cat": "a", "s_hash": "y", "i_hash": 200}


def columns_of(data, space):
    """The columns of ``data`` a FeatureSpace has features for (another one is a KeyError)."""
    return {k: data[k] for k in space.features}


def feature_space_class(tf):
    return tf.keras.utils.FeatureSpace


def every_kind(fs):
    """One feature of each kind, by string name or class method."""
    return {"f_float": "float", "f_resc": fs.float_rescaled(scale=0.5, offset=1.0),
            "f_norm": "float_normalized", "f_disc": fs.float_discretized(num_bins=3),
            "i_cat": "integer_categorical", "s_cat": fs.string_categorical(max_tokens=4),
            "s_hash": fs.string_hashed(num_bins=4), "i_hash": "integer_hashed"}


def int_kinds(fs):
    """The categorical kinds with ``output_mode="int"``."""
    return {"f_norm": "float_normalized",
            "f_disc": fs.float_discretized(num_bins=4, output_mode="int"),
            "i_cat": fs.integer_categorical(num_oov_indices=2, output_mode="int"),
            "s_cat": fs.string_categorical(output_mode="int"),
            "s_hash": fs.string_hashed(num_bins=5, output_mode="int"),
            "i_hash": fs.integer_hashed(num_bins=3, output_mode="int")}


def dtype_name(x):
    name = getattr(x, "dtype_name", None) or x.dtype.name
    return "string" if name == "object" else name


def described(x):
    """Values (strings as text), shape and dtype of an output."""
    value = np.asarray(x)
    values = value.astype(str) if value.dtype.kind in "OSU" else value
    return {"values": values.tolist(), "shape": list(value.shape), "dtype": dtype_name(x)}


def state_of(space):
    """What ``adapt`` found: vocabularies, mean and variance, bin boundaries."""
    state = {}
    for name, layer in sorted(space.preprocessors.items()):
        if hasattr(layer, "get_vocabulary"):
            state[name] = [str(v) if not isinstance(v, (bytes, str)) else
                           (v.decode() if isinstance(v, bytes) else v)
                           for v in layer.get_vocabulary()]
        elif type(layer).__name__ == "Normalization":
            state[name] = [np.asarray(layer.mean).ravel().tolist(),
                           np.asarray(layer.variance).ravel().tolist()]
        elif type(layer).__name__ == "Discretization":
            state[name] = np.asarray(layer.bin_boundaries, "float64").tolist()
    return state


def case_concat(tf):
    fs = feature_space_class(tf)
    space = fs(features=every_kind(fs),
               crosses=[("s_cat", "i_cat"), fs.cross(("f_disc", "s_hash"), crossing_dim=5)],
               crossing_dim=7, hashing_dim=6, output_mode="concat")
    space.adapt(tf.data.Dataset.from_tensor_slices(TABLE).batch(3))
    encoded = space.get_encoded_features()
    return {"state": state_of(space), "table": described(space(TABLE)),
            "unseen": described(space(UNSEEN)), "one_row": described(space(ONE_ROW)),
            "encoded_shape": list(encoded.shape), "encoded_dtype": dtype_name(encoded),
            "inputs": {k: [list(v.shape), dtype_name(v)]
                       for k, v in space.get_inputs().items()},
            "crossers": sorted(space.crossers), "encoders": sorted(space.one_hot_encoders)}


def case_dict_int(tf):
    fs = feature_space_class(tf)
    space = fs(features=int_kinds(fs), output_mode="dict",
               crosses=[fs.cross(("s_cat", "i_cat"), crossing_dim=9, output_mode="int"),
                        ("f_disc", "i_hash")], crossing_dim=4)
    space.adapt(tf.data.Dataset.from_tensor_slices(columns_of(TABLE, space)).batch(5))
    encoded = space.get_encoded_features()
    return {"state": state_of(space),
            "table": {k: described(v) for k, v in space(columns_of(TABLE, space)).items()},
            "unseen": {k: described(v) for k, v in space(columns_of(UNSEEN, space)).items()},
            "one_row": {k: described(v)
                        for k, v in space(columns_of(ONE_ROW, space)).items()},
            "encoded": {k: [list(v.shape), dtype_name(v)] for k, v in encoded.items()}}


def case_dict_one_hot_unbatched(tf):
    """Adapted on unbatched scalars (batched by 32 inside), each feature one-hot."""
    fs = feature_space_class(tf)
    space = fs(features={"i_cat": "integer_categorical", "s_cat": "string_categorical",
                         "f_disc": "float_discretized", "f_norm": "float_normalized"},
               crosses=[("i_cat", "s_cat")], num_discretization_bins=2, crossing_dim=3,
               output_mode="dict")
    columns = {k: TABLE[k] for k in ("i_cat", "s_cat", "f_disc", "f_norm")}
    space.adapt(tf.data.Dataset.from_tensor_slices(columns))
    return {"state": state_of(space),
            "table": {k: described(v) for k, v in space(columns).items()},
            "one_row": {k: described(v) for k, v in space(
                {k: ONE_ROW[k] for k in columns}).items()}}


def case_dataset_map(tf):
    """Called on each element inside ``Dataset.map``, unlabeled and labeled."""
    fs = feature_space_class(tf)
    space = fs(features={"f_norm": "float_normalized", "s_cat": "string_categorical"},
               output_mode="concat")
    data = tf.data.Dataset.from_tensor_slices({k: TABLE[k] for k in ("f_norm", "s_cat")})
    space.adapt(data.batch(4))
    unlabeled = [described(x) for x in data.batch(3).map(space)]
    labeled = tf.data.Dataset.from_tensor_slices(
        ({k: TABLE[k] for k in ("f_norm", "s_cat")}, np.arange(8))).batch(5)
    labeled = [[described(x), described(y)]
               for x, y in labeled.map(lambda x, y: (space(x), y))]
    return {"unlabeled": unlabeled, "labeled": labeled}


def case_docstring_example(tf):
    """Keras's docstring example: Python lists, adapted unbatched, called on the lists, on
    one example of Python scalars and inside ``Dataset.map`` of unbatched elements."""
    raw_data = {"float_values": [0.0, 0.1, 0.2, 0.3],
                "string_values": ["zero", "one", "two", "three"], "int_values": [0, 1, 2, 3]}
    dataset = tf.data.Dataset.from_tensor_slices(raw_data)
    space = feature_space_class(tf)(
        features={"float_values": "float_normalized", "string_values": "string_categorical",
                  "int_values": "integer_categorical"},
        crosses=[("string_values", "int_values")], output_mode="concat")
    space.adapt(dataset)
    return {"state": state_of(space), "lists": described(space(raw_data)),
            "scalars": described(space({"float_values": 0.2, "string_values": "two",
                                        "int_values": 2})),
            "mapped": [described(x) for x in dataset.map(space).take(2)]}


def case_no_adaptable_feature(tf):
    """Only features with nothing to adapt: usable without ``adapt``."""
    fs = feature_space_class(tf)
    space = fs(features={"f_float": "float", "s_hash": "string_hashed",
                         "f_resc": fs.float_rescaled(scale=2.0)}, hashing_dim=3)
    return {"table": described(space({k: TABLE[k] for k in ("f_float", "s_hash", "f_resc")})),
            "inputs": sorted(space.get_inputs())}


def case_functional(tf):
    """The Functional models of the keras.io example: on the encoded features, and on the
    raw inputs (the encoded features are intermediate tensors there)."""
    fs = feature_space_class(tf)
    space = fs(features={"f_norm": "float_normalized", "i_cat": "integer_categorical",
                         "s_cat": "string_categorical"}, crosses=[("i_cat", "s_cat")],
               crossing_dim=4)
    space.adapt(tf.data.Dataset.from_tensor_slices(
        {k: TABLE[k] for k in ("f_norm", "i_cat", "s_cat")}).batch(8))
    encoded = space.get_encoded_features()
    dense = tf.keras.layers.Dense(2, kernel_initializer=tf.keras.initializers.Constant(0.1),
                                  bias_initializer="zeros")
    outputs = dense(encoded)
    training = tf.keras.Model(inputs=encoded, outputs=outputs)
    inference = tf.keras.Model(inputs=space.get_inputs(), outputs=outputs)
    data = {k: TABLE[k] for k in ("f_norm", "i_cat", "s_cat")}
    single = {k: np.asarray(v)[:, None] for k, v in data.items()}
    return {"training_layers": [type(layer).__name__ for layer in training.layers],
            "training_input": [list(training.inputs[0].shape), len(training.inputs)],
            "inference_layers": sorted(type(layer).__name__ for layer in inference.layers),
            "training": described(training.predict(space(data), verbose=0)),
            "inference": described(inference.predict(single, verbose=0))}


def case_names(tf):
    """Keras's counted names for unnamed features, and the string kinds' feature names."""
    tf.keras.backend.clear_session()
    fs = feature_space_class(tf)
    space = fs(features={"a": fs.string_categorical(), "b": fs.string_categorical(),
                         "c": fs.float_normalized(), "d": "float_discretized",
                         "e": fs.float(), "f": fs.integer_hashed(4)})
    return {name: layer.name for name, layer in sorted(space.preprocessors.items())}


def case_config(tf):
    fs = feature_space_class(tf)
    space = fs(features={"a": "float_normalized", "b": fs.string_categorical(max_tokens=5),
                         "c": fs.integer_hashed(7, output_mode="int", name="hc")},
               crosses=[("a", "b")], crossing_dim=6, output_mode="dict")
    config = space.get_config()
    features = {name: {"module": entry["module"], "class_name": entry["class_name"],
                       "registered_name": entry["registered_name"],
                       "dtype": entry["config"]["dtype"],
                       "output_mode": entry["config"]["output_mode"],
                       "preprocessor": [entry["config"]["preprocessor"]["class_name"],
                                        entry["config"]["preprocessor"]["config"]["name"]]}
                for name, entry in config["features"].items()}
    crosses = [{"module": c["module"], "class_name": c["class_name"],
                "registered_name": c["registered_name"],
                "config": {**c["config"], "feature_names": list(c["config"]["feature_names"])}}
               for c in config["crosses"]]
    others = {k: v for k, v in config.items() if k not in ("features", "crosses")}
    again = fs.from_config(config)
    return {"features": features, "crosses": crosses, "others": others,
            "rebuilt": {name: [type(layer).__name__, layer.name]
                        for name, layer in sorted(again.preprocessors.items())},
            "rebuilt_crosses": [c.name for c in again.crosses],
            "rebuilt_output_mode": again.output_mode}


CASES = {name[len("case_"):]: fn for name, fn in sorted(globals().items())
         if name.startswith("case_")}


def adapted_space(tf, features, **kwargs):
    space = feature_space_class(tf)(features=features, **kwargs)
    space.adapt(tf.data.Dataset.from_tensor_slices(
        {k: TABLE[k] for k in features}).batch(4))
    return space


def mistakes(tf):
    """The common mistakes: each a function that raises."""
    fs = feature_space_class(tf)
    layers = tf.keras.layers
    unadapted = fs(features={"f_norm": "float_normalized"})
    return {
        "no_features": lambda: fs(features={}),
        "features_none": lambda: fs(features=None),
        "unknown_kind": lambda: fs(features={"a": "float_weird"}),
        "output_mode": lambda: fs(features={"a": "float"}, output_mode="tuple"),
        "cross_output_mode": lambda: fs.cross(("a", "b"), crossing_dim=3,
                                              output_mode="multi_hot"),
        "feature_output_mode": lambda: fs.feature("float32", layers.Normalization(),
                                                  output_mode="binary"),
        "cross_unknown_feature": lambda: fs(features={"a": "integer_categorical"},
                                            crosses=[("a", "zz")]),
        "cross_without_dim": lambda: fs(features={"a": "integer_categorical",
                                                  "b": "integer_categorical"},
                                        crosses=[("a", "b")], crossing_dim=None),
        "call_before_adapt": lambda: unadapted({"f_norm": TABLE["f_norm"]}),
        "inputs_before_adapt": lambda: unadapted.get_inputs(),
        "encoded_before_adapt": lambda: unadapted.get_encoded_features(),
        "adapt_a_list": lambda: unadapted.adapt([1, 2]),
        "call_with_an_extra_column": lambda: adapted_space(tf, {"f_norm": "float_normalized"})(
            {"f_norm": TABLE["f_norm"], "s_cat": TABLE["s_cat"]}),
        "call_with_a_missing_column": lambda: adapted_space(
            tf, {"f_norm": "float_normalized", "s_cat": "string_categorical"})(
            {"f_norm": TABLE["f_norm"]}),
        "call_on_a_list": lambda: fs(features={"f_float": "float"})([1, 2]),
        "concat_an_int_feature": lambda: adapted_space(
            tf, {"i_cat": fs.integer_categorical(output_mode="int")}),
        "one_hot_of_floats": lambda: adapted_space(
            tf, {"f_norm": fs.feature("float32", layers.Normalization(), "one_hot")}),
        "one_hot_of_an_unknown_space": lambda: fs(features={"i_cat": fs.feature(
            "int64", layers.Identity(dtype="int64"), "one_hot")}).get_inputs(),
    }


def error_of(fn):
    try:
        fn()
    except Exception as e:   # the type and message are the facts recorded
        return [type(e).__name__, str(e)]
    return None
