"""Which gradients TensorFlow hands over as ``tf.IndexedSlices`` (data/tf_indexed_slices.json,
made by make_indexed_slices_fixtures.py; checked by test_indexed_slices.py).

``cases(tf)`` takes a gradient of a variable through a gather, two gathers, a gather and a
dense use, a gather along another axis, and through Keras's Embedding, and says for each whether the
gradient came as IndexedSlices and what its dense value is. The same code runs on
TensorFlow and on tracekeras (through ``tracekeras.shim``).
"""
import numpy as np


def table(tf):
    return tf.Variable(np.arange(12, dtype="float32").reshape(4, 3) / 10)


def sliced(gradient):
    """TensorFlow's IndexedSlices, or tracekeras's Tensor of an IndexedSlicesGradient."""
    if type(gradient).__name__ == "Tensor":
        gradient = gradient.value
    return type(gradient).__name__ in ("IndexedSlices", "IndexedSlicesGradient")


def cases(tf):
    ids = np.array([0, 2, 2])

    def through(loss_of):
        v = table(tf)
        with tf.GradientTape() as tape:
            loss = loss_of(v)
        g = tape.gradient(loss, v)
        return {"indexed_slices": sliced(g), "dense": np.asarray(tf.convert_to_tensor(g)).tolist()}

    embedding = tf.keras.layers.Embedding(4, 3)
    embedding.build((None,))

    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(embedding(ids) ** 2)
    g = tape.gradient(loss, embedding.embeddings)
    return {
        "gather": through(lambda v: tf.reduce_sum(tf.gather(v, ids) ** 2)),
        "gather_twice": through(lambda v: tf.reduce_sum(tf.gather(v, ids) ** 2)
                                + tf.reduce_sum(tf.gather(v, [1, 1]))),
        "gather_and_dense": through(lambda v: tf.reduce_sum(tf.gather(v, ids) ** 2)
                                    + tf.reduce_sum(v * 3.0)),
        "gather_axis_1": through(lambda v: tf.reduce_sum(tf.gather(v, [0, 2], axis=1) ** 2)),
        "keras_embedding": {"indexed_slices": sliced(g)},
    }
