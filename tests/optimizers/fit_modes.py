"""One small fit per optimizer, run eagerly and as a traced function (data/tf_keras_fit_modes.json).

``run(keras, name, run_eagerly)`` is written against the public Keras API only,
so the same code runs on tf_keras 2.21 (``make_fit_modes_fixtures.py``) and on
tracekeras (``test_fit_modes.py``): fixed initial weights, fixed data, three
epochs of four full batches and a partial one, no shuffling.
"""
import numpy as np

OPTIMIZERS = ["SGD", "RMSprop", "Adam", "AdamW", "Adamax", "Adagrad", "Adadelta", "Nadam",
              "Ftrl"]
EPOCHS = 3


def data():
    rng = np.random.RandomState(0)
    x = rng.rand(18, 3).astype("float32")
    y = (x @ np.array([[1.0], [-2.0], [0.5]], "float32") + 0.3).astype("float32")
    return x, y


def initial_weights():
    rng = np.random.RandomState(1)
    return [rng.uniform(-0.5, 0.5, shape).astype("float32") for shape in [(3, 2), (2,), (2, 1),
                                                                            (1,)]]


def run(keras, name, run_eagerly):
    x, y = data()
    model = keras.Sequential([keras.layers.Dense(2, activation="tanh", input_shape=(3,)),
                              keras.layers.Dense(1)])
    model.set_weights(initial_weights())
    optimizer = getattr(keras.optimizers, name)(learning_rate=0.05)
    model.compile(optimizer, "mse", metrics=["mae"], run_eagerly=run_eagerly)
    history = model.fit(x, y, batch_size=4, epochs=EPOCHS, shuffle=False, verbose=0)
    out = {"history": {k: [float(v) for v in vs] for k, vs in history.history.items()},
           "weights": [w.tolist() for w in model.get_weights()]}
    if name == "Nadam":
        out["u_product"] = float(np.asarray(optimizer._u_product))
        out["u_product_counter"] = int(optimizer._u_product_counter)
    return out
