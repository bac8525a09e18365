"""``fit_generator``, ``evaluate_generator`` and ``predict_generator`` cases, run on
tf_keras 2.21 (``make_generator_fixtures.py`` writes data/generator_methods.json) and
on tracekeras (``test_generator_methods.py``), written against the public Keras API.
"""
import os
import warnings

import numpy as np

BATCHES = 4


def batches(seed=0):
    rng = np.random.RandomState(seed)
    return [(rng.rand(5, 3).astype("float32"), rng.rand(5, 2).astype("float32"))
            for _ in range(BATCHES)]


def model(keras):
    m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, activation="tanh"),
                          keras.layers.Dense(2)])
    rng = np.random.RandomState(1)
    m.set_weights([rng.uniform(-0.5, 0.5, w.shape).astype("float32")
                   for w in m.get_weights()])
    m.compile(keras.optimizers.SGD(0.1), "mse", metrics=["mae"])
    return m


def sequence(keras, data):
    class Batches(keras.utils.Sequence):
        def __len__(self):
            return len(data)

        def __getitem__(self, index):
            return data[index]
    return Batches()


def endless(data):
    while True:
        yield from data


def deprecation_warnings(keras):
    """The category and text of each method's warning, and the file it points at (the
    caller's, this file, named by its base name)."""
    m, data = model(keras), batches()
    found = {}
    calls = {"fit_generator": lambda: m.fit_generator(sequence(keras, data), verbose=0),
             "evaluate_generator": lambda: m.evaluate_generator(sequence(keras, data)),
             "predict_generator": lambda: m.predict_generator(sequence(keras, data))}
    for method, call in calls.items():
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            call()
        found[method] = [[w.category.__name__, str(w.message), os.path.basename(w.filename)]
                         for w in caught
                         if "deprecated" in str(w.message)]
    return found


def argument_mapping(keras):
    """What each method hands to fit / evaluate / predict: positional count and keywords."""
    m = model(keras)
    handed = {}

    def recorder(name):
        def record(*a, **k):
            handed[name] = {"positional": len(a), "keywords": {
                key: value if isinstance(value, (int, float, str, bool, type(None)))
                else type(value).__name__ for key, value in sorted(k.items())}}
        return record
    for name in ("fit", "evaluate", "predict"):
        setattr(m, name, recorder(name))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m.fit_generator([])
        m.evaluate_generator([])
        m.predict_generator([])
        handed = {f"{name}_defaults": value for name, value in handed.items()}
        m.fit_generator([], 3, 2, 0, None, [], 4, 2, {0: 1.0}, 7, 2, True, False, 1)
        m.evaluate_generator([], 3, None, 7, 2, True, 1)
        m.predict_generator([], 3, None, 7, 2, True, 1)
    return handed


def runs(keras):
    """History, evaluate and predict numbers of the generator methods."""
    data = batches()
    m = model(keras)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        history = m.fit_generator(sequence(keras, data), epochs=2, verbose=0, shuffle=False,
                                  validation_data=sequence(keras, batches(2)))
        # the endless validation generator repeats one batch: tf_keras makes a new
        # validation iterator each epoch and drops what tf.data's prefetch read ahead of
        # the last one, a number of batches that depends on thread timing
        endless_history = m.fit_generator(endless(data), steps_per_epoch=3, epochs=2,
                                          verbose=0, validation_data=endless(batches(2)[:1]),
                                          validation_steps=2)
        evaluated = m.evaluate_generator(endless(data), steps=3)
        predicted = m.predict_generator(sequence(keras, data))
    return {"history": history.history, "endless_history": endless_history.history,
            "evaluate": [float(v) for v in evaluated],
            "predict": np.asarray(predicted).tolist(),
            "weights": [w.tolist() for w in m.get_weights()]}
