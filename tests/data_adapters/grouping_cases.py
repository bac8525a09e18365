"""Datasets regrouped by ``scan``, ``group_by_window``, ``bucket_by_sequence_length`` and
``choose_from_datasets``, compared with TensorFlow 2.21 (``make_grouping_fixture.py``):
each case takes a ``tensorflow`` module (TensorFlow's, or tracekeras's under its import
shim) and returns a dataset; ``ERRORS`` are calls whose error (type and message) is kept.
"""
import numpy as np

LENGTHS = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8]


def plain(value):
    """An element as JSON (here and in ``sampling_cases``' fixture): arrays as their dtype
    and nested lists, tuples as lists."""
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in sorted(value.items())}
    array = np.asarray(value)
    return {"dtype": array.dtype.name, "value": array.tolist()}


def sequences(tf):
    """Ragged-length int sequences as a generator dataset (the text pipelines' shape)."""
    def gen():
        for i, n in enumerate(LENGTHS):
            yield np.arange(1, n + 1, dtype="int64") * (i + 1), np.int64(i % 3)
    return tf.data.Dataset.from_generator(gen, output_signature=(
        tf.TensorSpec((None,), tf.int64), tf.TensorSpec((), tf.int64)))


def make_cases(tf):
    data = tf.data
    numbers = data.Dataset.range(10)
    pairs = data.Dataset.from_tensor_slices((np.arange(8, dtype="float32").reshape(4, 2),
                                             np.arange(4, dtype="int64")))
    return {
        "scan_running_sum": lambda: numbers.scan(
            np.int64(0), lambda state, x: (state + x, state + x)),
        "scan_state_pair": lambda: numbers.scan(
            (np.int64(0), np.int64(1)), lambda s, x: ((s[1], s[0] + s[1]), s[0] * x)),
        "scan_pairs_out": lambda: pairs.scan(
            np.float32(0), lambda s, e: (s + tf.reduce_sum(e[0]), (e[0] * s, e[1]))),
        "scan_experimental": lambda: numbers.apply(data.experimental.scan(
            np.int64(1), lambda s, x: (s * 2, x + s))),
        "group_by_window_parity": lambda: numbers.group_by_window(
            key_func=lambda x: x % 2, reduce_func=lambda key, window: window.batch(3),
            window_size=3),
        "group_by_window_size_func": lambda: numbers.group_by_window(
            key_func=lambda x: x % 3, reduce_func=lambda key, window: window.batch(4),
            window_size_func=lambda key: key + 1),
        "group_by_window_reduce_to_key": lambda: numbers.group_by_window(
            key_func=lambda x: x % 4,
            reduce_func=lambda key, window: window.batch(10).map(lambda b: (key, b)),
            window_size=2),
        "group_by_window_flush_order": lambda: numbers.group_by_window(
            key_func=lambda x: 2 - x % 3, reduce_func=lambda key, window: window.batch(4),
            window_size=4),
        "group_by_window_experimental": lambda: numbers.apply(
            data.experimental.group_by_window(lambda x: x // 4, lambda k, w: w.batch(2), 5)),
        "bucket_padded": lambda: sequences(tf).bucket_by_sequence_length(
            element_length_func=lambda x, y: tf.shape(x)[0], bucket_boundaries=[3, 6],
            bucket_batch_sizes=[2, 2, 2]),
        "bucket_pad_to_boundary": lambda: sequences(tf).bucket_by_sequence_length(
            element_length_func=lambda x, y: tf.shape(x)[0], bucket_boundaries=[3, 10],
            bucket_batch_sizes=[2, 3, 2], pad_to_bucket_boundary=True, padding_values=(
                np.int64(-1), np.int64(0))),
        "bucket_drop_remainder": lambda: sequences(tf).bucket_by_sequence_length(
            element_length_func=lambda x, y: tf.shape(x)[0], bucket_boundaries=[4],
            bucket_batch_sizes=[3, 3], drop_remainder=True),
        "bucket_no_padding": lambda: data.Dataset.range(12).bucket_by_sequence_length(
            element_length_func=lambda x: tf.cast(x % 5, tf.int32), bucket_boundaries=[2],
            bucket_batch_sizes=[4, 4], no_padding=True),
        "bucket_experimental": lambda: sequences(tf).apply(
            data.experimental.bucket_by_sequence_length(
                lambda x, y: tf.shape(x)[0], [5], [4, 4])),
        "choose_round_robin": lambda: data.Dataset.choose_from_datasets(
            [data.Dataset.from_tensors(np.int64(7)).repeat(),
             data.Dataset.range(100, 103)],
            data.Dataset.range(2).repeat(3)),
        "choose_stop_on_empty": lambda: data.Dataset.choose_from_datasets(
            [data.Dataset.range(2), data.Dataset.range(10, 20)],
            data.Dataset.from_tensor_slices(np.array([0, 0, 1, 0, 1, 1], "int64")),
            stop_on_empty_dataset=True),
        "choose_skip_empty": lambda: data.Dataset.choose_from_datasets(
            [data.Dataset.range(2), data.Dataset.range(10, 20)],
            data.Dataset.from_tensor_slices(np.array([0, 0, 0, 1, 0, 1], "int64")),
            stop_on_empty_dataset=False),
        "choose_experimental": lambda: data.experimental.choose_from_datasets(
            [data.Dataset.range(3), data.Dataset.range(5, 8)],
            data.Dataset.from_tensor_slices(np.array([1, 0, 1, 0], "int64"))),
        # reduce's last state, as a one-element dataset (its value and dtype)
        "reduce_sum": lambda: data.Dataset.from_tensors(
            data.Dataset.from_tensor_slices([8, 3, 0, 8, 2, 1]).reduce(
                0, lambda state, value: state + value)),
        "reduce_pairs": lambda: data.Dataset.from_tensors(pairs.reduce(
            (np.float32(0), np.int64(1)), lambda s, e: (s[0] + tf.reduce_sum(e[0]),
                                                        s[1] * (e[1] + 1)))),
        # the data guide's generators: output_types/output_shapes declare the element spec,
        # and the values are converted to the declared dtypes
        "generator_declared": lambda: data.Dataset.from_generator(
            lambda: ((i, np.arange(i, dtype="float64")) for i in range(4)),
            output_types=(tf.int32, tf.float32), output_shapes=((), (None,))),
        "generator_types_only": lambda: data.Dataset.from_generator(
            lambda: iter([[1.5, 2.5], [3.5, 4.5]]), output_types=tf.float32),
    }


def make_errors(tf):
    data = tf.data
    numbers = data.Dataset.range(4)
    return {
        "group_by_window_both_sizes": lambda: numbers.group_by_window(
            lambda x: x, lambda k, w: w.batch(2), window_size=2,
            window_size_func=lambda k: np.int64(2)),
        "group_by_window_no_size": lambda: numbers.group_by_window(
            lambda x: x, lambda k, w: w.batch(2)),
        "bucket_sizes_mismatch": lambda: numbers.bucket_by_sequence_length(
            lambda x: x, [2, 4], [1, 2]),
        "choose_no_datasets": lambda: data.Dataset.choose_from_datasets(
            [], data.Dataset.range(2)),
        "choose_float_choices": lambda: data.Dataset.choose_from_datasets(
            [numbers], data.Dataset.from_tensor_slices(np.array([0.0]))),
    }
