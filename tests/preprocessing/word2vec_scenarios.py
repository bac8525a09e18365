"""The sampling tools of the word2vec tutorial, run by both engines.

``skipgrams`` and ``make_sampling_table`` (``keras.preprocessing.sequence``) and the
candidate samplers (``tf.random.log_uniform_candidate_sampler``,
``uniform_candidate_sampler``): each script writes JSON-safe facts into ``result``.
``make_word2vec_fixtures.py`` runs them under real TensorFlow 2.21 / tf_keras 2.21
into ``data/tf_word2vec.json``; ``test_word2vec_sampling.py`` runs them on tracekeras.
"""

PRELUDE = '''
import random
import numpy as np
import tensorflow as tf

def listed(value):
    return np.asarray(value).tolist()

result = {}
'''

SKIPGRAMS = '''
sequence = [1, 2, 3, 0, 4, 5, 2, 6]
random.seed(7)
result["plain"] = list(tf.keras.preprocessing.sequence.skipgrams(
    sequence, vocabulary_size=7, window_size=2, negative_samples=0))
result["plain"][0] = [listed(c) for c in result["plain"][0]]
random.seed(8)
couples, labels = tf.keras.preprocessing.sequence.skipgrams(
    sequence, vocabulary_size=7, window_size=1, negative_samples=1.0, seed=3)
result["negative"] = [[listed(c) for c in couples], labels]
random.seed(9)
couples, labels = tf.keras.preprocessing.sequence.skipgrams(
    np.array(sequence), vocabulary_size=7, window_size=3, negative_samples=0.5,
    categorical=True, shuffle=False, sampling_table=np.linspace(0.2, 1.0, 7))
result["categorical_sampled"] = [[listed(c) for c in couples], labels]
result["state_after"] = random.random()
result["table"] = listed(tf.keras.preprocessing.sequence.make_sampling_table(size=10))
result["table_big"] = listed(tf.keras.preprocessing.sequence.make_sampling_table(
    4096, sampling_factor=1e-3)[::512])
'''

CANDIDATES = '''
def draw(sampler, classes, **kwargs):
    out = sampler(true_classes=tf.constant(classes, dtype="int64"), **kwargs)
    return [listed(out[0]), listed(out[1]), listed(out[2])]

log_uniform = tf.random.log_uniform_candidate_sampler
context_class = tf.reshape(tf.constant(3, dtype="int64"), (1, 1))
result["tutorial"] = draw(log_uniform, [[3]], num_true=1, num_sampled=4, unique=True,
                          range_max=8, seed=42, name="negative_sampling")
result["again"] = [draw(log_uniform, [[3]], num_true=1, num_sampled=4, unique=True,
                        range_max=8, seed=42) for _ in range(3)]
result["other_range"] = draw(log_uniform, [[1], [5]], num_true=1, num_sampled=5, unique=True,
                             range_max=4096, seed=42)
result["not_unique"] = draw(log_uniform, [[0, 2]], num_true=2, num_sampled=6, unique=False,
                            range_max=10, seed=1)
result["all_of_range"] = draw(log_uniform, [[1]], num_true=1, num_sampled=6, unique=True,
                              range_max=6, seed=5)
# every class of the range: many more tries than a first read of words holds
result["many_tries"] = draw(log_uniform, [[1]], num_true=1, num_sampled=60, unique=True,
                            range_max=60, seed=3)
result["uniform"] = draw(tf.random.uniform_candidate_sampler, [[2]], num_true=1,
                         num_sampled=4, unique=True, range_max=20, seed=3)
tf.random.set_seed(11)
result["global_seed"] = [draw(log_uniform, [[3]], num_true=1, num_sampled=3, unique=True,
                              range_max=50) for _ in range(2)]
result["names"] = [hasattr(tf.nn, "log_uniform_candidate_sampler"),
                   hasattr(tf.random, "uniform_candidate_sampler"),
                   type(log_uniform(context_class, 1, 2, True, 8, seed=1)).__name__]
errors = []
for kwargs in (dict(true_classes=[[3]], num_true=2, num_sampled=2, unique=True, range_max=8),
               dict(true_classes=[[9]], num_true=1, num_sampled=2, unique=True, range_max=8),
               dict(true_classes=[[1]], num_true=1, num_sampled=9, unique=True, range_max=8),
               dict(true_classes=[1], num_true=1, num_sampled=2, unique=True, range_max=8)):
    kwargs["true_classes"] = tf.constant(kwargs["true_classes"], dtype="int64")
    try:
        log_uniform(**kwargs, seed=1)
    except Exception as exc:
        message = str(exc).split("}} ")[-1].split("\\n")[0]
        errors.append([type(exc).__name__, message])
result["errors"] = errors
'''

SCRIPTS = {"skipgrams": SKIPGRAMS, "candidates": CANDIDATES}


def source(name):
    return PRELUDE + SCRIPTS[name]
