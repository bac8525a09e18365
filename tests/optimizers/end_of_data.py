"""Fits whose train function is called once more than there are batches
(data/tf_keras_end_of_data.json).

When Keras does not know how many batches an epoch holds (a filtered dataset, a Python
generator) it calls the train function until the data runs out; a dataset shorter than
``steps_per_epoch`` runs out the same way. That last call finds no batch. In tf_keras
2.21 the traced graph's optimizer ops that wait for no batch run in it all the same
(``tracekeras.backend.graph_capture``). ``run(tf, case)`` is written against the public
API of ``tensorflow`` (``tf.keras``, ``tf.data``, ``tf.GradientTape``), so the same code
runs on tf_keras 2.21 (``make_end_of_data_fixtures.py``) and on tracekeras
(``test_end_of_data.py``, through ``tracekeras.shim``).
"""
import numpy as np

EPOCHS = 3


def arrays():
    rng = np.random.RandomState(0)
    x = rng.rand(10, 3).astype("float32")
    y = (x @ np.array([[1.0], [-2.0], [0.5]], "float32") + 0.3).astype("float32")
    return x, y


def batches():
    x, y = arrays()
    for start in range(0, len(x), 4):
        yield x[start:start + 4], y[start:start + 4]


def words():
    """Word ids (0 to 7 of a vocabulary of 10: rows 8 and 9 never get a gradient)."""
    rng = np.random.RandomState(2)
    x = rng.randint(0, 8, size=(10, 5)).astype("int32")
    y = (x.mean(axis=1, keepdims=True) / 8).astype("float32")
    return x, y


def dense_model(keras):
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, activation="tanh"),
                              keras.layers.Dense(1)])
    rng = np.random.RandomState(1)
    model.set_weights([rng.uniform(-0.5, 0.5, w.shape).astype("float32")
                       for w in model.get_weights()])
    return model


def embedding_model(keras):
    """Its Embedding's gradient is an IndexedSlices in TensorFlow."""
    model = keras.Sequential([keras.Input((5,), dtype="int32"), keras.layers.Embedding(10, 2),
                              keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(1)])
    rng = np.random.RandomState(3)
    model.set_weights([rng.uniform(-0.5, 0.5, w.shape).astype("float32")
                       for w in model.get_weights()])
    return model


def two_optimizer_model(keras, tf):
    """A train step applying gradients three times: once with ``first``, twice with
    ``second``."""
    class TwoOptimizers(keras.Model):
        def __init__(self):
            super().__init__()
            self.a = keras.layers.Dense(2, activation="tanh")
            self.b = keras.layers.Dense(1)

        def call(self, x):
            return self.b(self.a(x))

        def compile(self, first, second):
            super().compile()
            self.first, self.second = first, second

        def train_step(self, data):
            x, y = data
            for optimizer, layer in [(self.first, self.a), (self.second, self.b),
                                     (self.second, self.b)]:
                with tf.GradientTape() as tape:
                    loss = tf.reduce_mean(keras.losses.mean_squared_error(y, self(x)))
                grads = tape.gradient(loss, layer.trainable_weights)
                optimizer.apply_gradients(zip(grads, layer.trainable_weights))
            return {"loss": loss}
    model = TwoOptimizers()
    model.build((None, 3))
    model.set_weights(dense_model(keras).get_weights())
    return model


def optimizer(keras, name):
    if name == "SGD-schedule":
        return keras.optimizers.SGD(keras.optimizers.schedules.ExponentialDecay(0.1, 1, 0.5))
    if name == "SGD-momentum":
        return keras.optimizers.SGD(0.05, momentum=0.9)
    if name == "RMSprop-centered-momentum":
        return keras.optimizers.RMSprop(0.01, momentum=0.5, centered=True)
    if name == "AdamW":
        return keras.optimizers.AdamW(0.01, weight_decay=0.5)
    return getattr(keras.optimizers, name)(learning_rate=0.05)


def losses(history):
    return {key: [float(np.asarray(v)) for v in values] for key, values in history.history.items()}


def numbers(model, optimizer, history, iterations):
    out = {"iterations": iterations, "history": losses(history),
           "weights": [w.tolist() for w in model.get_weights()],
           "optimizer": [np.asarray(v).tolist() for v in optimizer.variables()]}
    if hasattr(optimizer, "_u_product"):   # Nadam's, advanced by each variable's tf.cond
        out["u_product"] = float(np.asarray(optimizer._u_product))
    return out


def keep(x, y):
    return True


def run(tf, case, run_eagerly=False):
    """``case``: "<input>/<optimizer>" with input one of filtered (a filtered dataset),
    generator, short (a dataset of 3 batches, steps_per_epoch=4), sparse (an Embedding
    model on a filtered dataset), two (two optimizers in a custom train step)."""
    keras = tf.keras
    source, name = case.split("/")
    iterations = []

    class Count(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            iterations.append(int(np.asarray(self.model.optimizer.iterations)))

    fit = {"epochs": EPOCHS, "verbose": 0, "callbacks": [Count()]}
    if source == "two":
        model = two_optimizer_model(keras, tf)
        model.compile(optimizer(keras, name), optimizer(keras, "Adam"))
        model.run_eagerly = run_eagerly
        history = model.fit(tf.data.Dataset.from_tensor_slices(arrays()).filter(keep).batch(4),
                            **fit)
        counts = [int(np.asarray(model.first.iterations)),
                  int(np.asarray(model.second.iterations))]
        return {"iterations": counts, "history": losses(history),
                "weights": [w.tolist() for w in model.get_weights()]}
    model = embedding_model(keras) if source == "sparse" else dense_model(keras)
    opt = optimizer(keras, name)
    model.compile(opt, "mse", run_eagerly=run_eagerly)
    if source == "generator":
        history = model.fit(batches(), **fit)
    elif source == "short":
        history = model.fit(tf.data.Dataset.from_tensor_slices(arrays()).batch(4), epochs=1,
                            steps_per_epoch=4, verbose=0, callbacks=[Count()])
    else:
        xy = words() if source == "sparse" else arrays()
        history = model.fit(tf.data.Dataset.from_tensor_slices(xy).filter(keep).batch(4),
                            **fit)
    return numbers(model, opt, history, iterations)


CASES = (["filtered/" + name for name in ["SGD", "Adam", "AdamW", "SGD-schedule", "Nadam"]]
         + ["generator/Adam", "short/Adam", "two/SGD"]
         + ["sparse/" + name for name in ["SGD", "SGD-momentum", "RMSprop-centered-momentum",
                                          "Adam", "AdamW", "Adamax", "Adagrad", "Adadelta",
                                          "Nadam", "Ftrl"]])
EAGER_CASES = ["filtered/Adam", "sparse/Adam", "two/SGD"]
