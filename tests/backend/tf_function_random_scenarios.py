"""Random ops inside a ``tf.function``, as a seeded program draws them (keras.io's PPO
samples its actions with ``tf.random.categorical`` in one). ``CASES``: ``(name, run)``,
``run(tf)`` a dict of plain lists. Written by ``make_tf_function_random_fixtures.py``
into ``data/tf_function_random.json`` and run on tracekeras by
``test_tf_function_random.py``. TensorFlow traces the function into a graph at its first
call (and again for another shape, dtype or Python value): the graph's seed is the global
seed then, its unseeded random ops take op seeds 0, 1, ... in graph order, and each op's
kernel goes on from call to call, apart from the eager ops' stream."""
import numpy as np


def values(tensor):
    return np.asarray(tensor).tolist()


def categorical(tf):
    tf.random.set_seed(3)
    logits = tf.constant([[0.1, -0.2]])

    @tf.function
    def sample(scores):
        return tf.random.categorical(scores, 1)

    return {"function": [int(values(sample(logits))[0][0]) for _ in range(40)],
            "eager_after": [int(values(tf.random.categorical(logits, 1))[0][0])
                            for _ in range(20)]}


def two_ops(tf):
    tf.random.set_seed(5)

    @tf.function
    def draw():
        return tf.random.uniform([3]), tf.random.normal([2])

    return {"calls": [[values(a), values(b)] for a, b in (draw() for _ in range(3))],
            "eager_after": values(tf.random.uniform([3]))}


def retraced_by_shape(tf):
    tf.random.set_seed(7)

    @tf.function
    def noisy(x):
        return x + tf.random.uniform(tf.shape(x))

    return {"calls": [values(noisy(tf.zeros([n]))) for n in (2, 3, 2, 3)]}


def retraced_by_python_value(tf):
    tf.random.set_seed(8)

    @tf.function
    def scaled(scale):
        return tf.random.uniform([2]) * scale

    return {"calls": [values(scaled(s)) for s in (1.0, 2.0, 1.0)]}


def op_seed(tf):
    tf.random.set_seed(9)

    @tf.function
    def seeded():
        return tf.random.uniform([3], seed=4)

    return {"function": [values(seeded()) for _ in range(2)],
            "eager": [values(tf.random.uniform([3], seed=4)) for _ in range(2)]}


def method_on_two_objects(tf):
    tf.random.set_seed(10)

    class Agent:
        @tf.function
        def act(self):
            return tf.random.normal([2])

    first, second = Agent(), Agent()
    return {"calls": [values(first.act()), values(second.act()), values(first.act())]}


CASES = [("categorical", categorical), ("two_ops", two_ops),
         ("retraced_by_shape", retraced_by_shape),
         ("retraced_by_python_value", retraced_by_python_value), ("op_seed", op_seed),
         ("method_on_two_objects", method_on_two_objects)]
