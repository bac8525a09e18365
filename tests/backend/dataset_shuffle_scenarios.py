"""The orders a seeded ``tf.data`` shuffle gives in TensorFlow 2.21 and tf_keras 2.21.

Each case is ``(name, call)``: ``call(tf)`` returns a dict of lists of ints (the elements
in the order they came, or the sample ids of each batch ``fit`` trained on). The same table
runs through real TensorFlow in ``make_dataset_shuffle_fixtures.py`` (writing
``data/tf_dataset_shuffle.json``) and through tracekeras's ``tf`` in
``test_dataset_shuffle.py``. What it pins down:

- a shuffle's two seeds are fixed when ``.shuffle()`` is called (``get_seed``: the global
  seed and the next op seed of the eager context, or the op seed given);
- each iterator takes its own seeds when it is made (``iter()``), from a seed generator that
  gives new ones to every iterator when ``reshuffle_each_iteration`` (the default), the
  same ones otherwise; making an iterator makes the iterators of its inputs at once
  (``batch``, ``map``, ``repeat``, ``take`` ...), but ``concatenate`` makes its second
  input's when the first is exhausted, ``flat_map`` each dataset's when it reaches it;
- the buffer algorithm itself, with a buffer smaller than, equal to or larger than the
  data, then batched, repeated, or repeated then shuffled across the epochs;
- random ops inside ``map``, ``filter``, ``flat_map`` and ``interleave`` functions, which
  TensorFlow traces into a graph (graph seeds, kernels instantiated per iterator);
- ``fit``: NumPy arrays with ``shuffle=True`` (tf_keras's ``TensorLikeDataAdapter``: a
  ``tf.random.shuffle`` in a ``tf.data`` map function) or ``shuffle="batch"``, and
  shuffled datasets, whose
  iterator ``DataHandler`` makes once before the epochs and again at each epoch.

Plain NumPy only: ``tf`` is whichever TensorFlow the caller hands in.
"""
import numpy as np


def ints(dataset_or_iterator, count=None):
    """The elements as ints (``count`` of them, else all); batches as lists of ints."""
    out = []
    for element in dataset_or_iterator:
        value = np.asarray(element)
        out.append(int(value) if value.ndim == 0 else [int(v) for v in value.reshape(-1)])
        if count is not None and len(out) == count:
            break
    return out


def global_seed(tf):
    """No op seed: the op seeds come from the global seed's generator, one per shuffle."""
    tf.random.set_seed(5)
    small = tf.data.Dataset.range(23).shuffle(7)
    equal = tf.data.Dataset.range(10).shuffle(10)
    large = tf.data.Dataset.range(10).shuffle(50)
    fixed = tf.data.Dataset.range(12).shuffle(5, reshuffle_each_iteration=False)
    return {"small_1": ints(small), "small_2": ints(small), "small_3": ints(small),
            "equal_1": ints(equal), "equal_2": ints(equal),
            "large_1": ints(large), "large_2": ints(large),
            "fixed_1": ints(fixed), "fixed_2": ints(fixed)}


def op_seed(tf):
    """An op seed with a global seed, and alone (the default graph seed is paired with it)."""
    out = {}
    for label, global_ in (("global", 5), ("no_global", None)):
        tf.random.set_seed(global_)
        again = tf.data.Dataset.range(15).shuffle(6, seed=3)
        fixed = tf.data.Dataset.range(15).shuffle(6, seed=3, reshuffle_each_iteration=False)
        out.update({f"{label}_1": ints(again), f"{label}_2": ints(again),
                    f"{label}_fixed_1": ints(fixed), f"{label}_fixed_2": ints(fixed)})
    tf.random.set_seed(0)                       # a global seed of 0 is a seed too
    zero = tf.data.Dataset.range(9).shuffle(9)
    out.update({"zero_global_1": ints(zero), "zero_global_2": ints(zero)})
    return out


def edge_cases(tf):
    """Op seeds 0, past 31 bits and negative; a buffer of one (no shuffle), of
    ``UNKNOWN_CARDINALITY`` (every element), a tensor buffer size, an empty dataset; and the
    buffer sizes TensorFlow refuses (its error's class and message)."""
    out = {}
    cases = {"op_seed_0": (4, 0), "op_seed_big": (4, 2**40 + 3), "op_seed_negative": (4, -7),
             "buffer_1": (1, None), "buffer_unknown_cardinality": (-2, None),
             "buffer_tensor": (tf.constant(4, tf.int64), None)}
    for label, (buffer_size, seed) in cases.items():
        tf.random.set_seed(5)
        dataset = tf.data.Dataset.range(10).shuffle(buffer_size, seed=seed)
        out[label] = ints(dataset) + ints(dataset)
    out["empty"] = ints(tf.data.Dataset.range(0).shuffle(4))
    for buffer_size in (0, -1, -3):
        try:
            tf.data.Dataset.range(10).shuffle(buffer_size)
            out[f"refused_{buffer_size}"] = ["accepted"]
        except Exception as error:  # noqa: BLE001 - the class and message are the facts
            message = "buffer_size must be greater than zero or UNKNOWN_CARDINALITY"
            out[f"refused_{buffer_size}"] = [type(error).__name__, str(message in str(error))]
    return out


def op_seed_counter(tf):
    """Two shuffles and a random op between them share the eager op-seed counter; iterating
    the second first changes nothing; ``set_seed`` again repeats the same seeds."""
    tf.random.set_seed(1)
    first = tf.data.Dataset.range(12).shuffle(12)
    between = tf.random.uniform((3,))
    second = tf.data.Dataset.range(12).shuffle(12)
    out = {"second": ints(second), "first": ints(first),
           "between": [int(v) for v in (np.asarray(between) * 1e6).astype(np.int64)]}
    tf.random.set_seed(1)
    out["again"] = ints(tf.data.Dataset.range(12).shuffle(12))
    return out


def keras_set_random_seed(tf):
    """``keras.utils.set_random_seed`` sets TensorFlow's global seed among others."""
    tf.keras.utils.set_random_seed(7)
    dataset = tf.data.Dataset.range(20).shuffle(8)
    return {"first": ints(dataset), "second": ints(dataset)}


def seeds_fixed_at_shuffle(tf):
    """The seeds are taken when ``.shuffle()`` is called: a later ``set_seed`` leaves the
    dataset's order alone, and two datasets made after the same ``set_seed`` agree."""
    tf.random.set_seed(5)
    early = tf.data.Dataset.range(10).shuffle(4)
    tf.random.set_seed(6)
    out = {"early": ints(early)}
    tf.random.set_seed(5)
    out["remade"] = ints(tf.data.Dataset.range(10).shuffle(4))
    return out


def seeds_taken_at_iter(tf):
    """Each iterator takes the next seeds when it is made, read or not."""
    tf.random.set_seed(5)
    dataset = tf.data.Dataset.range(10).shuffle(4)
    made_first = iter(dataset)
    made_second = iter(dataset)
    out = {"made_second": ints(made_second), "made_first": ints(made_first)}
    iter(dataset)                                # made and dropped: its seeds are gone
    out["after_dropped"] = ints(dataset)
    return out


def inputs_made_with_iterator(tf):
    """An iterator over a transformed shuffle makes the shuffle's iterator at once (so an
    unread one takes seeds), except behind ``concatenate``'s first input, inside
    ``flat_map``'s datasets, and behind ``take(0)``."""
    out = {}
    pipelines = {
        "batch": lambda d: d.batch(3), "map": lambda d: d.map(lambda x: x * 2),
        "filter": lambda d: d.filter(lambda x: x < 7), "take": lambda d: d.take(4),
        "skip": lambda d: d.skip(3), "prefetch": lambda d: d.prefetch(2),
        "repeat": lambda d: d.repeat(2), "map_repeat_forever": lambda d: d.map(
            lambda x: x + 100).repeat(), "unbatch": lambda d: d.batch(4).unbatch(),
        "enumerate": lambda d: d.enumerate().map(lambda i, x: x),
        "zip": lambda d: tf.data.Dataset.zip((d, tf.data.Dataset.range(50))).map(
            lambda x, i: x),
        "concatenate": lambda d: tf.data.Dataset.range(3).concatenate(d),
        "cache": lambda d: d.cache(), "nested": lambda d: d.shuffle(3),
        "take_none_then": lambda d: d.take(0).concatenate(d),
        "window": lambda d: d.window(3).flat_map(lambda w: w),
        "interleave": lambda d: d.interleave(lambda x: tf.data.Dataset.from_tensors(x),
                                             cycle_length=2),
        "flat_map_inner": lambda d: tf.data.Dataset.range(2).flat_map(lambda i: d)}
    for name, pipeline in pipelines.items():
        tf.random.set_seed(5)
        dataset = pipeline(tf.data.Dataset.range(10).shuffle(4))
        iter(dataset)
        out[name] = ints(dataset, 25)
    return out


def spec_takes_no_seeds(tf):
    """Asking a pipeline for its element spec (or printing it) after a shuffle leaves the
    shuffle's seeds alone: TensorFlow knows the spec without running anything."""
    out = {}
    pipelines = {"flat_map": lambda d: d.flat_map(lambda x: tf.data.Dataset.from_tensors(x)),
                 "interleave": lambda d: d.interleave(
                     lambda x: tf.data.Dataset.from_tensors(x), cycle_length=1),
                 "map": lambda d: d.map(lambda x: x + 1)}
    for name, pipeline in pipelines.items():
        tf.random.set_seed(5)
        dataset = pipeline(tf.data.Dataset.range(10).shuffle(4))
        out[f"{name}_spec"] = [repr(dataset.element_spec).count("int64")]
        out[name] = ints(dataset)
    return out


def function_random_ops(tf):
    """Random ops inside tf.data functions draw as in the function's graph: graph seeds
    (the global seed and the op's number among the graph's unseeded ops, or the op seed),
    kernels new with each iterator (each epoch repeats them) and going on from element to
    element; a shuffle made inside a ``flat_map`` function is made anew, with the same
    seeds, for each element; and no eager op seed is taken."""
    def draw(maxval, seed=None):
        return tf.random.uniform((), maxval=maxval, dtype=tf.int64, seed=seed)

    out = {}
    tf.random.set_seed(5)
    pipelines = {
        "map": tf.data.Dataset.range(6).map(lambda x: draw(1000)),
        "map_seeded": tf.data.Dataset.range(6).map(lambda x: draw(1000, seed=3)),
        "map_three_ops": tf.data.Dataset.range(6).map(
            lambda x: draw(1000) * 10**6 + draw(1000, seed=3) * 1000 + draw(1000)),
        "map_shuffle": tf.data.Dataset.range(8).batch(4).map(tf.random.shuffle).unbatch(),
        "filter": tf.data.Dataset.range(12).filter(lambda x: draw(2) > 0),
        "flat_map_shuffle": tf.data.Dataset.range(3).flat_map(
            lambda x: tf.data.Dataset.range(5).shuffle(5)),
        "interleave": tf.data.Dataset.range(4).interleave(
            lambda x: tf.data.Dataset.from_tensors(x * 1000 + draw(1000)), cycle_length=2)}
    for name, dataset in pipelines.items():
        out[name] = ints(dataset) + ints(dataset)
    out["eager_after"] = [int(draw(1000))]
    tf.random.set_seed(None)
    out["no_global_seeded"] = ints(tf.data.Dataset.range(4).map(lambda x: draw(1000, seed=4)))
    # the graph's seed is the global seed when the function was traced (at map() and so on)
    tf.random.set_seed(1)
    traced = {"unseeded": tf.data.Dataset.range(4).map(lambda x: draw(1000)),
              "seeded": tf.data.Dataset.range(4).map(lambda x: draw(1000, seed=7)),
              "flat_map_shuffle": tf.data.Dataset.range(2).flat_map(
                  lambda x: tf.data.Dataset.range(4).shuffle(4))}
    tf.random.set_seed(2)
    out.update({f"traced_{name}": ints(dataset) for name, dataset in traced.items()})
    tf.random.set_seed(None)
    seeded = tf.data.Dataset.range(4).map(lambda x: draw(1000, seed=7))
    tf.random.set_seed(1)
    out["traced_without_global_seed"] = ints(seeded)
    return out


def repeated(tf):
    """Shuffle then repeat (a new order each repetition), repeat then shuffle (the buffer
    runs across the repetitions), forever, and a fixed order repeated."""
    tf.random.set_seed(8)
    shuffle_repeat = tf.data.Dataset.range(10).shuffle(4).repeat(3)
    repeat_shuffle = tf.data.Dataset.range(10).repeat(3).shuffle(6)
    forever = tf.data.Dataset.range(10).shuffle(10).repeat()
    fixed = tf.data.Dataset.range(10).shuffle(10, reshuffle_each_iteration=False).repeat(2)
    batched = tf.data.Dataset.range(10).shuffle(10).batch(4, drop_remainder=True).repeat(2)
    return {"shuffle_repeat_1": ints(shuffle_repeat), "shuffle_repeat_2": ints(shuffle_repeat),
            "repeat_shuffle": ints(repeat_shuffle), "forever": ints(forever, 35),
            "fixed": ints(fixed), "batched": ints(batched)}


def nested_and_tuples(tf):
    """A shuffle of a shuffle, and a shuffle of (x, y) pairs from tensor slices."""
    tf.random.set_seed(2)
    nested = tf.data.Dataset.range(16).shuffle(5).shuffle(3)
    pairs = tf.data.Dataset.from_tensor_slices(
        (np.arange(14), np.arange(14) * 10)).shuffle(14).map(lambda x, y: x + y)
    return {"nested_1": ints(nested), "nested_2": ints(nested), "pairs": ints(pairs)}


class Recorder:
    """A model of no weights whose train and test steps hand back their batch's ids: of the
    inputs, or of each of ``parts`` of the batch (0 inputs, 1 targets, 2 sample weights)."""

    def __init__(self, keras, parts=(0,)):
        seen = self.seen = {"train": [], "test": []}

        def ids(data):
            return {f"part{i}": data[i] for i in parts}

        class Model(keras.Model):
            def train_step(self, data):
                return ids(data)

            def test_step(self, data):
                return ids(data)

        def kept(logs):
            rows = [[int(v) for v in np.asarray(logs[f"part{i}"]).reshape(-1)] for i in parts]
            return rows[0] if len(rows) == 1 else rows

        class Keep(keras.callbacks.Callback):
            def on_train_batch_end(self, batch, logs=None):
                seen["train"].append(kept(logs))

            def on_test_batch_end(self, batch, logs=None):
                seen["test"].append(kept(logs))

        self.callback = Keep()
        inputs = keras.Input((1,))
        self.model = Model(inputs, keras.layers.Dense(1)(inputs))

    def fit(self, *args, **kwargs):
        self.model.fit(*args, verbose=0, callbacks=[self.callback], **kwargs)
        out = dict(self.seen)
        self.seen["train"], self.seen["test"] = [], []
        return out


def arrays(n=30):
    return np.arange(n, dtype="float32").reshape(n, 1), np.zeros((n, 1), "float32")


def fit_arrays(tf):
    """``fit(x, y, shuffle=True)``: after ``tf.random.set_seed`` (a compiled train
    function, then run eagerly), after ``keras.utils.set_random_seed``, and further
    ``fit`` calls of the same model (a new adapter: its map function's kernel starts
    again), with ``steps_per_epoch``, ``initial_epoch`` and ``validation_split``."""
    out = {}
    x, y = arrays()
    for label, eager in (("function", False), ("eager", True)):
        tf.random.set_seed(3)
        recorder = Recorder(tf.keras)
        recorder.model.compile(run_eagerly=eager)
        out[label] = recorder.fit(x, y, batch_size=8, epochs=3, shuffle=True)["train"]
    tf.keras.utils.set_random_seed(4)
    recorder = Recorder(tf.keras)
    recorder.model.compile()
    out["keras_seed"] = recorder.fit(x, y, batch_size=7, epochs=2, shuffle=True)["train"]
    out["keras_seed_again"] = recorder.fit(x, y, batch_size=7, epochs=2, shuffle=True)["train"]
    out["steps_per_epoch"] = recorder.fit(x, y, batch_size=4, epochs=3, steps_per_epoch=3,
                                          shuffle=True)["train"]
    out["initial_epoch"] = recorder.fit(x, y, batch_size=9, epochs=3, initial_epoch=1,
                                        shuffle=True)["train"]
    out["validation_split"] = recorder.fit(x, y, batch_size=9, epochs=2, shuffle=True,
                                           validation_split=0.3)["train"]
    return out


def fit_shuffle_batch(tf):
    """``fit(x, y, shuffle="batch")``: the batches' order is a ``Dataset.shuffle(1024)`` made
    in tf_keras's ``flat_map`` function (seeds: the global seed and op seed 0) and repeated
    for the epochs; inside each batch, each of x, y and the sample weights goes through its
    own ``tf.random.shuffle`` (op seeds 0, 1, 2 of the map function), so the rows of x and
    y part company, in tf_keras 2.21 as here."""
    out = {}
    x, y = arrays(18)
    y, weights = x * 100, x[:, 0] * 10000
    tf.random.set_seed(3)
    recorder = Recorder(tf.keras, parts=(0, 1))
    recorder.model.compile()
    out["x_y"] = recorder.fit(x, y, batch_size=4, epochs=3, shuffle="batch")["train"]
    out["x_y_again"] = recorder.fit(x, y, batch_size=4, epochs=2, shuffle="batch")["train"]
    tf.keras.utils.set_random_seed(6)
    recorder = Recorder(tf.keras, parts=(0, 1, 2))
    recorder.model.compile()
    out["weighted"] = recorder.fit(x, y, sample_weight=weights, batch_size=5, epochs=2,
                                   shuffle="batch")["train"]
    return out


def fit_sequence_and_sparse(tf):
    """``fit(shuffle=True)`` on a ``keras.utils.Sequence`` (its batches' order: Python's
    ``random.shuffle`` each epoch) and on a SciPy sparse ``x`` (tf_keras's
    ``CompositeTensorDataAdapter``: ``Dataset.shuffle(num_samples)`` made when ``fit`` is
    called, so it takes the next eager op seed, then batched)."""
    import scipy.sparse

    out = {}
    x, y = arrays(20)

    class Batches(tf.keras.utils.Sequence):
        def __len__(self):
            return 7

        def __getitem__(self, i):
            return x[3 * i:3 * i + 3], y[3 * i:3 * i + 3]

    tf.keras.utils.set_random_seed(12)
    recorder = Recorder(tf.keras)
    recorder.model.compile()
    out["sequence"] = recorder.fit(Batches(), epochs=3, shuffle=True)["train"]
    tf.random.set_seed(13)
    tf.random.uniform(())                       # one op seed gone before fit
    recorder = Recorder(tf.keras, parts=(1,))
    recorder.model.compile()
    sparse = scipy.sparse.csr_matrix(np.ones((20, 1), "float32"))
    out["sparse"] = recorder.fit(sparse, x, batch_size=6, epochs=3, shuffle=True)["train"]
    return out


def fit_dataset(tf):
    """``fit`` on a shuffled dataset: the handler's first iterator is dropped unread and
    each epoch makes a new one; with ``steps_per_epoch`` over a repeated dataset one
    iterator serves every epoch; a shuffled validation dataset is iterated per epoch, and
    by ``evaluate``."""
    out = {}
    x, y = arrays()
    tf.keras.utils.set_random_seed(4)
    recorder = Recorder(tf.keras)
    recorder.model.compile()
    full = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(30).batch(8)
    out["full_buffer"] = recorder.fit(full, epochs=3)["train"]
    small = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(5).batch(6)
    out["small_buffer"] = recorder.fit(small, epochs=2)["train"]
    fixed = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(
        30, seed=11, reshuffle_each_iteration=False).batch(8)
    out["fixed"] = recorder.fit(fixed, epochs=2)["train"]
    forever = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(30).batch(8).repeat()
    out["steps_per_epoch"] = recorder.fit(forever, epochs=3, steps_per_epoch=3)["train"]
    tf.random.set_seed(9)
    validation = tf.data.Dataset.from_tensor_slices(arrays(12)).shuffle(12).batch(5)
    seen = recorder.fit(full, epochs=2, validation_data=validation)
    out["with_validation"], out["validation"] = seen["train"], seen["test"]
    recorder.model.evaluate(validation, verbose=0, callbacks=[recorder.callback])
    recorder.model.evaluate(validation, verbose=0, callbacks=[recorder.callback])
    out["evaluate_twice"], recorder.seen["test"] = recorder.seen["test"], []
    return out


def after_training(tf):
    """A real model built, compiled and fitted (dropout, shuffled arrays, a shuffled
    dataset, validation), then a new shuffle and an eager draw: whatever Keras did in
    between took the same eager op seeds in both."""
    keras = tf.keras
    keras.utils.set_random_seed(21)
    x, y = arrays(24)
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(4, activation="relu"),
                              keras.layers.Dropout(0.5), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(x, y, batch_size=5, epochs=2, shuffle=True, verbose=0, validation_split=0.25)
    model.fit(tf.data.Dataset.from_tensor_slices((x, y)).shuffle(24).batch(6), epochs=2,
              verbose=0)
    model.evaluate(x, y, verbose=0)
    dataset = tf.data.Dataset.range(12).shuffle(12)
    return {"first": ints(dataset), "second": ints(dataset),
            "draw": [int(tf.random.uniform((), maxval=10**6, dtype=tf.int64))]}


def cached(tf):
    """A shuffle then ``cache()``: the cache is complete once an iterator has read every
    element of a dataset of known size, the end unseen (as ``fit`` reads an epoch: exactly
    that many batches); an iterator that read fewer leaves it empty, so the next iterator
    shuffles afresh; a filtered dataset (size unknown) completes it only at the end; a
    ``fit`` of three epochs on a cached shuffle."""
    out = {}
    tf.keras.utils.set_random_seed(5)
    dataset = tf.data.Dataset.range(10).batch(3).shuffle(10).cache()
    iterator = iter(dataset)
    out["all_read"] = ints(iterator, 4)
    del iterator
    out["after_all_read"] = ints(dataset)
    dataset = tf.data.Dataset.range(10).batch(3).shuffle(10).cache()
    iterator = iter(dataset)
    out["two_read"] = ints(iterator, 2)
    del iterator
    out["after_two_read"], out["again"] = ints(dataset), ints(dataset)
    unknown = tf.data.Dataset.range(10).filter(lambda v: v < 100).shuffle(10).cache()
    iterator = iter(unknown)
    out["unknown_all_read"] = ints(iterator, 10)
    del iterator
    out["unknown_after"], out["unknown_again"] = ints(unknown), ints(unknown)
    x, y = arrays()
    recorder = Recorder(tf.keras)
    recorder.model.compile()
    shuffled = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(30).batch(8).cache()
    out["fit"] = recorder.fit(shuffled, epochs=3)["train"]
    return out


CASES = [
    ("global_seed", global_seed),
    ("op_seed", op_seed),
    ("edge_cases", edge_cases),
    ("op_seed_counter", op_seed_counter),
    ("keras_set_random_seed", keras_set_random_seed),
    ("seeds_fixed_at_shuffle", seeds_fixed_at_shuffle),
    ("seeds_taken_at_iter", seeds_taken_at_iter),
    ("inputs_made_with_iterator", inputs_made_with_iterator),
    ("spec_takes_no_seeds", spec_takes_no_seeds),
    ("function_random_ops", function_random_ops),
    ("repeated", repeated),
    ("nested_and_tuples", nested_and_tuples),
    ("fit_arrays", fit_arrays),
    ("fit_shuffle_batch", fit_shuffle_batch),
    ("fit_sequence_and_sparse", fit_sequence_and_sparse),
    ("fit_dataset", fit_dataset),
    ("after_training", after_training),
    ("cached", cached),
]
