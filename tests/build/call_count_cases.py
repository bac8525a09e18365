"""A layer whose ``call`` changes its own Python state, for counting how often ``call`` runs
(``make_call_count_fixtures.py`` records tf_keras 2.21's counts, ``test_call_counts.py``
checks tracekeras's). Written once for both engines: ``make(keras)`` gives the classes."""
import numpy as np

X = np.arange(12, dtype="float32").reshape(4, 3) / 10.0
Y = np.ones((4, 3), "float32")


def make(keras):
    class Counting(keras.layers.Layer):
        """Notes each call: the input shape appended to a list, a count rebound, a dict of
        counts by rank updated, a list inside a dict appended to."""

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.count = 0
            self.shapes = []
            self.by_rank = {}
            self.log = {"calls": []}

        def call(self, inputs):
            shape = tuple(inputs.shape)
            self.count += 1
            self.shapes.append(shape)
            self.by_rank[len(shape)] = self.by_rank.get(len(shape), 0) + 1
            self.log["calls"].append(len(self.shapes))
            return inputs * 2.0

    class Subclassed(keras.Model):
        def __init__(self):
            super().__init__()
            self.counting = Counting()
            self.dense = keras.layers.Dense(3)

        def call(self, inputs):
            return self.dense(self.counting(inputs))

    return Counting, Subclassed


def state(layer):
    """What the layer's call left: JSON-safe."""
    return {"count": layer.count, "shapes": [list(s) for s in layer.shapes],
            "by_rank": {str(k): v for k, v in sorted(layer.by_rank.items())},
            "log": layer.log["calls"]}


def construction(keras, shape):
    """The state after calling a new layer on ``Input(shape)`` and making a Model of it."""
    Counting, _ = make(keras)
    layer = Counting()
    inputs = keras.Input(shape)
    keras.Model(inputs, layer(inputs))
    return state(layer)


def fits(keras, run_eagerly):
    """The states after a functional and a subclassed model's fit (2 epochs of 2 steps)."""
    Counting, Subclassed = make(keras)
    layer = Counting()
    inputs = keras.Input((3,))
    functional = keras.Model(inputs, keras.layers.Dense(3)(layer(inputs)))
    out = {}
    for label, model, counting in (("functional", functional, layer),
                                   ("subclassed", Subclassed(), None)):
        model.compile("sgd", "mse", run_eagerly=run_eagerly)
        model.fit(X, Y, batch_size=2, epochs=2, shuffle=False, verbose=0)
        out[label] = state(counting or model.counting)
    return out


SHAPES = {"known": (3,), "unknown time": (None, 3), "unknown inner": (5, None, 2),
          "all unknown": (None, None)}
