"""``Dataset.padded_batch`` cases (and the scalars of ``as_numpy_iterator``), run the same
way on real TensorFlow (make_padded_batch_fixtures.py) and on tracekeras
(test_padded_batch.py): each answer is plain JSON (batches as nested lists, strings
decoded, the element spec's text)."""
import re


def plain(value):
    import numpy as np
    if isinstance(value, dict):
        return {k: plain(v) for k, v in sorted(value.items())}
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if isinstance(value, bytes):
        return value.decode()
    array = np.asarray(value)
    if array.dtype == object:
        return np.vectorize(lambda b: b.decode())(array).tolist() if array.size else []
    return array.tolist()


def run(dataset):
    return {"spec": repr(dataset.element_spec),
            "batches": [plain(b) for b in dataset.as_numpy_iterator()]}


def ragged(tf):
    """Rows [1], [2, 2], ... and words of other lengths, as the NER example's tokens and
    tags."""
    rows = tf.data.Dataset.range(1, 6).map(lambda n: tf.fill([n], n))
    words = tf.data.Dataset.from_tensor_slices([1, 2, 3, 1, 2]).map(
        lambda n: tf.fill([n], "w"))
    return tf.data.Dataset.zip((words, rows))


def cases(tf):
    out = {}
    out["defaults"] = run(ragged(tf).padded_batch(2))
    out["drop_remainder"] = run(ragged(tf).padded_batch(2, drop_remainder=True))
    out["shapes_and_values"] = run(ragged(tf).padded_batch(
        3, padded_shapes=([4], [None]), padding_values=("<pad>", tf.constant(-1, tf.int64))))
    matrices = tf.data.Dataset.range(1, 4).map(lambda n: tf.ones([n, 2], tf.int32) * tf.cast(
        n, tf.int32))
    out["matrices"] = run(matrices.padded_batch(2, padded_shapes=[-1, 3]))
    try:
        list(ragged(tf).padded_batch(5, padded_shapes=([2], [None])))
        out["too_small"] = None
    except Exception as exc:   # TensorFlow's DataLossError, its message after the op's name
        out["too_small"] = [type(exc).__name__, re.search(r"Attempted[^.]*\.", str(exc))[0]]
    try:
        tf.data.Dataset.range(1, 4).map(lambda n: tf.fill([n], n)).padded_batch(
            2, padded_shapes=[None, None])
        out["wrong_rank"] = None
    except ValueError as exc:
        out["wrong_rank"] = [type(exc).__name__, str(exc)]
    # as_numpy_iterator's scalars, as Tensor.numpy() gives them (the NER example prints them)
    lines = tf.data.Dataset.from_tensor_slices(["1\tA", "2\tB"]).map(tf.strings.lower)
    pairs = tf.data.Dataset.zip((tf.data.Dataset.range(2), lines))
    out["numpy_scalars"] = [[type(v).__name__, plain(v)] for pair in pairs.as_numpy_iterator()
                            for v in pair]
    return out
