"""Datasets made by ``take_while``, ``unique``, ``ignore_errors``, ``get_single_element``,
``rebatch``, ``rejection_resample``, ``with_options``, ``save``/``load`` and ``snapshot``,
compared with TensorFlow 2.21 (``make_dataset_methods_fixture.py``): each case takes a
``tensorflow`` module (TensorFlow's, or tracekeras's under its import shim) and a scratch
folder and returns a dataset; each error case is a call whose error (type and message)
is kept.
"""
import os

import numpy as np

CLASSES = np.array([0, 1, 0, 0, 2, 0, 1, 0, 0, 0, 2, 0, 0, 1, 0, 0] * 4, dtype="int32")


def make_cases(tf, folder):
    data = tf.data
    numbers = data.Dataset.range(10)
    pairs = data.Dataset.from_tensor_slices((np.arange(8, dtype="float32").reshape(4, 2),
                                             np.array([b"a", b"b", b"c", b"d"])))

    def saved(dataset, name, **kwargs):
        dataset.save(os.path.join(folder, name), **kwargs)
        return data.Dataset.load(os.path.join(folder, name), **kwargs)

    def resampled(**kwargs):
        tf.random.set_seed(5)
        return data.Dataset.from_tensor_slices(CLASSES).rejection_resample(
            lambda c: c, target_dist=[0.4, 0.3, 0.3], **kwargs)

    options = data.Options()
    options.experimental_distribute.auto_shard_policy = \
        data.experimental.AutoShardPolicy.DATA
    options.deterministic = False
    options.threading.private_threadpool_size = 2
    return {
        "take_while": lambda: numbers.take_while(lambda x: x < 4),
        "take_while_tuple": lambda: data.Dataset.from_tensor_slices(
            ([1, 2, 3, 4], [5, 6, 7, 8])).take_while(lambda a, b: a + b < 10),
        "take_while_infinite": lambda: numbers.repeat().take_while(lambda x: x < 3),
        "take_while_experimental": lambda: numbers.apply(
            data.experimental.take_while(lambda x: x % 5 < 4)),
        "unique_int": lambda: data.Dataset.from_tensor_slices([1, 3, 1, 2, 3, 5]).unique(),
        "unique_int64": lambda: numbers.map(lambda x: x % 3).unique(),
        "unique_string": lambda: data.Dataset.from_tensor_slices(
            ["b", "a", "b", "c", "a"]).unique(),
        "unique_experimental": lambda: data.Dataset.from_tensor_slices(
            [4, 4, 2]).apply(data.experimental.unique()),
        "ignore_errors": lambda: data.Dataset.from_tensor_slices(
            ["1", "x", "2.5", "", "7"]).map(tf.strings.to_number).ignore_errors(),
        "ignore_errors_csv": lambda: data.Dataset.from_tensor_slices(
            ["1,2", "3", "4,5", "a,b", "6,7"]).map(
            lambda line: tf.io.decode_csv(line, [[0], [0]])).ignore_errors(log_warning=True),
        "ignore_errors_experimental": lambda: data.Dataset.from_tensor_slices(
            ["3", "?"]).map(tf.strings.to_number).apply(data.experimental.ignore_errors()),
        # an error passes up through batch (its batch dropped), filter and take
        "ignore_errors_after_batch": lambda: numbers_text(tf).batch(2).ignore_errors(),
        "ignore_errors_after_filter": lambda: numbers_text(tf).filter(
            lambda x: x > 1).ignore_errors(),
        "ignore_errors_after_take": lambda: numbers_text(tf).take(4).ignore_errors(),
        "ignore_errors_after_two_maps": lambda: numbers_text(tf).map(
            lambda x: x + 1).ignore_errors(),
        "single_element": lambda: data.Dataset.from_tensors(
            data.Dataset.from_tensors((np.int32(3), np.float32(2.5))).get_single_element()),
        "single_element_experimental": lambda: data.Dataset.from_tensors(
            data.experimental.get_single_element(numbers.batch(10))),
        "rebatch": lambda: data.Dataset.range(8).batch(4).rebatch(2),
        "rebatch_list": lambda: data.Dataset.range(8).batch(4).rebatch([2, 1, 1]),
        "rebatch_across": lambda: data.Dataset.range(10).batch(4).rebatch(3),
        "rebatch_drop": lambda: data.Dataset.range(10).batch(4).rebatch(
            3, drop_remainder=True),
        "rebatch_list_drop": lambda: data.Dataset.range(10).batch(4).rebatch(
            [3, 2], drop_remainder=True),
        "rebatch_pairs": lambda: pairs.batch(3).rebatch(2),
        "rebatch_infinite": lambda: data.Dataset.range(4).batch(2).repeat().rebatch(3).take(3),
        "resample_given": lambda: resampled(initial_dist=[0.7, 0.15, 0.15], seed=7),
        "resample_estimated": lambda: resampled(seed=3),
        "resample_to_original": lambda: data.Dataset.from_tensor_slices(
            CLASSES[:8]).rejection_resample(lambda c: c, [0.75, 0.25, 0.0],
                                            initial_dist=[0.75, 0.25, 0.0], seed=1),
        "resample_tuple": lambda: data.Dataset.from_tensor_slices(
            (CLASSES[:12], np.arange(12.0, dtype="float32"))).rejection_resample(
            lambda c, x: c, [0.5, 0.25, 0.25], initial_dist=[0.6, 0.2, 0.2], seed=11),
        "resample_experimental": lambda: data.Dataset.from_tensor_slices(
            CLASSES[:16]).apply(data.experimental.rejection_resample(
                lambda c: c, [0.5, 0.25, 0.25], initial_dist=[0.7, 0.15, 0.15], seed=2)),
        "with_options": lambda: numbers.with_options(options),
        "options_then_map": lambda: numbers.with_options(options).map(lambda x: x * 2),
        "save_load": lambda: saved(pairs, "pairs"),
        # TensorFlow's load gives a dict's keys in an order that changes from run to run
        "save_load_dict": lambda: saved(data.Dataset.from_tensor_slices(
            {"b": np.zeros((3, 2), "int64"), "a": [1.0, 2.0, 3.0]}), "dict").map(
            lambda d: (d["a"], d["b"])),
        "save_load_unknown_shape": lambda: saved(numbers.batch(4), "batches"),
        "save_load_gzip": lambda: saved(numbers, "gzip", compression="GZIP"),
        "ragged_batch_tokens": lambda: tokens(tf).ragged_batch(2),
        "ragged_batch_tokens_drop": lambda: tokens(tf).ragged_batch(2, drop_remainder=True),
        "ragged_batch_dense": lambda: data.Dataset.range(5).ragged_batch(
            2, drop_remainder=True),
        "ragged_batch_reshaped": lambda: tokens(tf).ragged_batch(3).map(
            lambda t, n: tf.reshape(t, [-1])),
        "map_made_in_a_loop": lambda: maps_in_a_loop(data),
        "save_load_experimental": lambda: saved_experimental(data, numbers.batch(3), folder),
        "snapshot_experimental": lambda: numbers.apply(data.experimental.snapshot(
            os.path.join(folder, "snap3"))),
        "snapshot": lambda: numbers.snapshot(os.path.join(folder, "snap")),
        "snapshot_batched": lambda: pairs.batch(3).snapshot(os.path.join(folder, "snap2")),
    }


def saved_experimental(data, dataset, folder):
    """``tf.data.experimental.save`` then ``load`` (the functions of TensorFlow 2.x)."""
    data.experimental.save(dataset, os.path.join(folder, "experimental"))
    return data.experimental.load(os.path.join(folder, "experimental"))


def numbers_text(tf):
    """Numbers parsed from strings, one of which is not a number."""
    return tf.data.Dataset.from_tensor_slices(["1", "x", "2", "3", "4"]).map(
        tf.strings.to_number)


def tokens(tf):
    """Strings split into tokens of different lengths, and each string's length."""
    return tf.data.Dataset.from_tensor_slices(["a b c", "d", "e f", "g h i j"]).map(
        lambda s: (tf.strings.split(s), tf.strings.length(s)))


def maps_in_a_loop(data):
    """A ``map`` function made in a loop reads the loop's variable as it was then (TF
    traces it when ``map`` is called), as the "Load text" tutorial's labeler does."""
    labelled = []
    for i in range(3):
        labelled.append(data.Dataset.range(2).map(lambda x: (x, x * 0 + i)))  # noqa: B023
    return labelled[0].concatenate(labelled[1]).concatenate(labelled[2])


def make_errors(tf, folder):
    data = tf.data
    return {
        "take_while_not_bool": lambda: data.Dataset.range(3).take_while(lambda x: x),
        "unique_float": lambda: data.Dataset.from_tensor_slices([1.0, 2.0]).unique(),
        "unique_tuple": lambda: data.Dataset.from_tensor_slices(([1], [2])).unique(),
        "single_element_empty": lambda: data.Dataset.range(0).get_single_element(),
        "single_element_many": lambda: data.Dataset.range(2).get_single_element(),
        "rebatch_scalars": lambda: data.Dataset.range(8).rebatch(2),
        "load_missing": lambda: data.Dataset.load(os.path.join(folder, "no_such_folder")),
    }


def options_facts(tf):
    """What a script reads back of ``tf.data.Options`` and its errors."""
    data = tf.data
    facts = {}
    options = data.Options()
    facts["fresh"] = [options.deterministic, int(
        options.experimental_distribute.auto_shard_policy),
        options.threading.private_threadpool_size, options == data.Options(),
        data.Dataset.range(2).options() == data.Options()]
    options.experimental_distribute.auto_shard_policy = \
        data.experimental.AutoShardPolicy.OFF
    options.threading.private_threadpool_size = 3
    first, second = data.Options(), data.Options()
    first.deterministic, second.deterministic = False, True
    merged = data.Dataset.range(2).with_options(options).with_options(first).with_options(
        second).batch(1).options()
    facts["merged"] = [merged.deterministic, repr(
        merged.experimental_distribute.auto_shard_policy),
        merged.threading.private_threadpool_size]
    zipped = data.Dataset.zip((data.Dataset.range(2).with_options(first),
                               data.Dataset.range(2).with_options(options))).options()
    facts["zipped"] = [zipped.deterministic, zipped.threading.private_threadpool_size]
    facts["names"] = sorted(n for n in dir(data.Options()) if not n.startswith("_"))
    facts["policies"] = [repr(p) for p in data.experimental.AutoShardPolicy]
    errors = {}
    for name, call in {
            "unknown": lambda: setattr(data.Options(), "nosuch", 1),
            "bool": lambda: setattr(data.Options(), "deterministic", 3),
            "policy": lambda: setattr(data.Options().experimental_distribute,
                                      "auto_shard_policy", 5),
            "int": lambda: setattr(data.Options().threading, "private_threadpool_size", "x"),
            "group": lambda: setattr(data.Options(), "threading", 3)}.items():
        try:
            call()
            errors[name] = None
        except Exception as e:  # noqa: BLE001 - the error is the fact
            errors[name] = [type(e).__name__, str(e)]
    facts["errors"] = errors
    return facts


def plain(value):
    """An element as JSON: arrays as their dtype and nested lists (strings decoded from
    UTF-8), tuples as lists, dicts by sorted key."""
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in sorted(value.items())}
    if isinstance(value, np.ndarray) and value.dtype == object and value.size and isinstance(
            value.reshape(-1)[0], np.ndarray):   # a RaggedTensor's numpy(): its rows
        return {"ragged": [plain(row) for row in value]}
    array = np.asarray(value)
    if array.dtype.kind in "OS":
        return {"dtype": "string", "value": np.vectorize(
            lambda b: b.decode(), otypes=[object])(array).tolist() if array.size else []}
    return {"dtype": array.dtype.name, "value": array.tolist()}


def sparse_facts(tf):
    """``sparse_batch``'s datasets as a script prints them (TensorFlow's ``as_numpy_iterator``
    cannot turn a string SparseTensor into NumPy), densified, and its error for an element
    larger than the row shape."""
    facts = {}
    counts = tf.data.Dataset.range(1, 4).map(lambda x: tf.fill([x], x) * 0 + tf.range(x))
    for name, dataset in {"tokens": tokens(tf).map(lambda t, n: t).sparse_batch(3, [5]),
                          "unknown_row": counts.sparse_batch(2, [None])}.items():
        facts[name] = {"repr": repr(dataset), "cardinality": int(dataset.cardinality()),
                       "printed": [str(e) for e in dataset],
                       "dense": [str(tf.sparse.to_dense(e)) for e in dataset]}
    for name, make in {"too_long": lambda: list(counts.sparse_batch(3, [2])),
                       "minus_one_row": lambda: counts.sparse_batch(2, [-1])}.items():
        try:
            make()
            facts[name] = None
        except Exception as e:  # noqa: BLE001 - the error is the fact
            facts[name] = [type(e).__name__, str(e)]
    return facts
