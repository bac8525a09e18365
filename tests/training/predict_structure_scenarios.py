"""The structure of ``predict``'s result over several batches: each output concatenated
along the batch in the structure of one batch's outputs (a Functional model whose outputs
are a list of a layer's tuples, as the involution example's visualization model; a dict of
tuples; a subclassed model's tuple). Written against the public Keras API (``keras`` is
passed in): run on tf_keras 2.21 by ``tests/make_scenario_facts.py``, on tracekeras by
``test_predict_structure.py``.
"""
import numpy as np


def described(value):
    """Containers by type name, leaves as [shape, sum rounded]."""
    if isinstance(value, dict):
        return {"dict": {key: described(value[key]) for key in sorted(value)}}
    if isinstance(value, (list, tuple)):
        return {type(value).__name__: [described(item) for item in value]}
    value = np.asarray(value)
    return [list(value.shape), round(float(value.sum()), 3)]


def pair_layer(keras):
    class Pair(keras.layers.Layer):
        """Two outputs: the input doubled, and its first three features plus one."""

        def call(self, x):
            return x * 2.0, x[:, :3] + 1.0
    return Pair


X = np.arange(20, dtype="float32").reshape(5, 4) / 10


def list_of_tuples(keras):
    inputs = keras.Input((4,))
    first = pair_layer(keras)()(inputs)
    second = pair_layer(keras)()(first[0])
    model = keras.Model(inputs, [first, second])
    return described(model.predict(X, batch_size=2, verbose=0))


def dict_of_tuples(keras):
    inputs = keras.Input((4,))
    model = keras.Model(inputs, {"pair": pair_layer(keras)()(inputs), "plain": inputs * 3.0})
    return described(model.predict(X, batch_size=2, verbose=0))


def subclassed_tuple(keras):
    class Model(keras.Model):
        def __init__(self):
            super().__init__()
            self.pair = pair_layer(keras)()

        def call(self, x):
            return self.pair(x)
    return described(Model().predict(X, batch_size=3, verbose=0))


CASES = {"list of tuples": list_of_tuples, "dict of tuples": dict_of_tuples,
         "subclassed tuple": subclassed_tuple}


def structures(keras):
    return {name: case(keras) for name, case in CASES.items()}
