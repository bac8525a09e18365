"""``tf.data.experimental.make_csv_dataset`` and ``tf.lookup.StaticHashTable`` (what the
keras.io memory-efficient embeddings example calls), run the same way on real TensorFlow
(make_csv_dataset_fixtures.py) and on tracekeras (test_csv_dataset.py); every answer is
plain JSON."""
import os
import re

import numpy as np

HEADER_CSV = ("n,x,name,big,y\n1,0.5,a,3000000000,1\n2,,bb,1,0\n3,1.25,c,2,1\n"
              "4,2.5,,4,0\n5,3.0,e,5,1\n")
PIPE_CSV = "user_1|movie_2|4.0\nuser_2|movie_1|3.5\nuser_1|movie_1|5.0\n"


def plain(value):
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return {"type": type(value).__name__, "items": [[k, plain(v)] for k, v in value.items()]}
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    array = np.asarray(value)
    if array.dtype == object or array.dtype.kind == "S":
        return [array.dtype.kind, np.vectorize(lambda b: b.decode())(array).tolist()]
    return [array.dtype.name, array.tolist()]


def spec(tf, dataset):
    """Each component's shape and dtype name (tracekeras's strings are NumPy objects)."""
    def name(s):
        return "string" if s.dtype.name in ("string", "object") else s.dtype.name
    return tf.nest.map_structure(lambda s: f"{tuple(s.shape)} {name(s)}", dataset.element_spec)


def write(folder, name, text):
    path = os.path.join(folder, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def cases(tf, folder):
    make = tf.data.experimental.make_csv_dataset
    header = write(folder, "header.csv", HEADER_CSV)
    pipe = write(folder, "pipe.csv", PIPE_CSV)
    out = {}
    ds = make(header, batch_size=2, label_name="y", num_epochs=1, shuffle=False)
    out["inferred"] = {"spec": spec(tf, ds), "batches": [plain(b) for b in ds]}
    ds = make(pipe, batch_size=2, column_names=["user_id", "movie_id", "rating"],
              label_name="rating", num_epochs=1, header=False, field_delim="|", shuffle=False)
    out["pipe_no_header"] = {"spec": spec(tf, ds), "batches": [plain(b) for b in ds]}
    ds = make(pipe, batch_size=2, num_epochs=None, shuffle=False, header=False,
              column_names=["u", "m", "r"], field_delim="|",
              column_defaults=[tf.string, tf.string, tf.float64])
    out["dtypes_for_ever"] = {"spec": spec(tf, ds), "batches": [plain(b) for b in ds.take(4)]}
    ds = make(pipe, batch_size=3, column_names=["user_id", "movie_id", "rating"],
              label_name="rating", num_epochs=1, header=False, field_delim="|", shuffle=True)
    out["shuffled_labels"] = sorted(v for b in ds for v in plain(b)[1][1])
    # defaults as one-element lists, keras.io's Wide & Deep writes them: [0] an int32
    # column, ["NA"] a string one, [0.0] float32; [] a required float32 column
    ds = make(header, batch_size=5, label_name="y", num_epochs=1, shuffle=False,
              column_defaults=[[0], [0.0], ["NA"], [], [0]])
    out["list_defaults"] = {"spec": spec(tf, ds), "batches": [plain(b) for b in ds]}
    out["decode_list_defaults"] = plain(tf.io.decode_csv(
        ["1,a,2.5,", ",b,,3"], record_defaults=[[0], ["NA"], [0.0], [7]]))
    errors = {
        "label_missing": lambda: make(header, batch_size=2, label_name="z"),
        "no_files": lambda: make(os.path.join(folder, "none*.csv"), batch_size=2),
        "duplicates": lambda: make(pipe, batch_size=2, column_names=["a", "a", "b"],
                                   header=False, field_delim="|"),
        "no_names": lambda: make(pipe, batch_size=2, header=False),
        "two_defaults": lambda: tf.io.decode_csv(["1,a"], record_defaults=[["x"], [1, 2]]),
    }
    for name, call in errors.items():
        try:
            call()
            out[name] = None
        except Exception as exc:
            # TensorFlow's kernel errors start with the function node they ran in
            message = re.sub(r"^\{\{function_node [^}]*\}\} ", "", str(exc))
            out[name] = [type(exc).__name__, message.replace(folder, "FOLDER")]
    table = tf.lookup.StaticHashTable(
        tf.lookup.KeyValueTensorInitializer(["a", "b", "c"], [0, 1, 2]), default_value=-1)
    out["hash_table_strings"] = plain(table.lookup(tf.constant([["b", "z"], ["c", "a"]])))
    out["hash_table_size"] = plain(table.size())
    floats = tf.lookup.StaticHashTable(tf.lookup.KeyValueTensorInitializer(
        tf.constant([3, 7], tf.int64), [0.5, 1.5]), default_value=0.0)
    out["hash_table_ints"] = plain(floats.lookup(tf.constant([7, 4, 3], tf.int64)))
    return out
