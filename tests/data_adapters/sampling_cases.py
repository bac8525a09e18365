"""``Dataset.random`` and ``sample_from_datasets`` with seeds, compared with TensorFlow 2.21
(``make_sampling_fixture.py``): the draws, the order of the interleaved elements, the specs
and the errors. Each case takes a ``tensorflow`` module (TensorFlow's, or tracekeras's under
its import shim), sets the seeds it needs, and returns a dataset (or a list of element
lists: several iterations of one dataset); ``ERRORS`` are calls whose error is kept."""
import numpy as np


def letters(tf, first, n):
    return tf.data.Dataset.range(first, first + n)


def twice(dataset, n):
    """Two iterations of a dataset's first ``n`` elements."""
    return [list(dataset.take(n).as_numpy_iterator()) for _ in range(2)]


def make_cases(tf):
    data = tf.data

    def global_seed(seed, make):
        def case():
            tf.random.set_seed(seed)
            return make()
        return case

    cases = {
        "random_seeded": lambda: data.Dataset.random(seed=4).take(6),
        "random_global_seed": global_seed(11, lambda: data.Dataset.random().take(4)),
        "random_rerandomized": lambda: twice(
            data.Dataset.random(seed=5, rerandomize_each_iteration=True), 3),
        "random_fixed": lambda: twice(data.Dataset.random(seed=5), 3),
        "sample_uniform": lambda: data.Dataset.sample_from_datasets(
            [letters(tf, 0, 10), letters(tf, 100, 10)], seed=3),
        "sample_weighted": lambda: data.Dataset.sample_from_datasets(
            [letters(tf, 0, 20), letters(tf, 100, 20), letters(tf, 200, 20)],
            weights=[0.7, 0.2, 0.1], seed=42),
        "sample_zero_weight": lambda: data.Dataset.sample_from_datasets(
            [letters(tf, 0, 5), letters(tf, 100, 5), letters(tf, 200, 5)],
            weights=[0.5, 0.0, 0.5], seed=8),
        "sample_stop_on_empty": lambda: data.Dataset.sample_from_datasets(
            [letters(tf, 0, 3), letters(tf, 100, 30)], seed=9, stop_on_empty_dataset=True),
        "sample_global_seed": global_seed(7, lambda: data.Dataset.sample_from_datasets(
            [letters(tf, 0, 6), letters(tf, 100, 6)], weights=[0.5, 0.5])),
        "sample_weights_dataset": lambda: data.Dataset.sample_from_datasets(
            [letters(tf, 0, 8), letters(tf, 100, 8)],
            weights=data.Dataset.from_tensor_slices(
                np.array([[0.9, 0.1], [0.1, 0.9]] * 4, "float32")), seed=2),
        "sample_float64_weights": lambda: data.Dataset.sample_from_datasets(
            [letters(tf, 0, 6), letters(tf, 100, 6)], weights=np.array([0.3, 0.7]), seed=1),
        "sample_rerandomized": lambda: twice(data.Dataset.sample_from_datasets(
            [letters(tf, 0, 6), letters(tf, 100, 6)], seed=6,
            rerandomize_each_iteration=True), 6),
        "sample_repeated_pairs": lambda: data.Dataset.sample_from_datasets(
            [data.Dataset.from_tensor_slices((np.ones((4, 2), "float32"),
                                              np.ones(4, "int64"))).repeat(),
             data.Dataset.from_tensor_slices((np.zeros((4, 2), "float32"),
                                              np.zeros(4, "int64"))).repeat()],
            weights=[0.5, 0.5], seed=12).batch(5).take(2),
        "sample_experimental": lambda: data.experimental.sample_from_datasets(
            [letters(tf, 0, 4), letters(tf, 100, 4)], seed=21),
        "sample_one_dataset": lambda: data.Dataset.sample_from_datasets(
            [letters(tf, 0, 3)], seed=1),
    }
    # every case starts from a known global seed (None: none set), whatever ran before
    return {name: case if "global" in name else global_seed(None, case)
            for name, case in cases.items()}


def make_errors(tf):
    data = tf.data
    return {
        "no_datasets": lambda: data.Dataset.sample_from_datasets([]),
        "weights_length": lambda: data.Dataset.sample_from_datasets(
            [letters(tf, 0, 2), letters(tf, 5, 2)], weights=[1.0]),
        "int_weights": lambda: data.Dataset.sample_from_datasets(
            [letters(tf, 0, 2), letters(tf, 5, 2)], weights=[1, 2]),
    }
