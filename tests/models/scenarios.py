"""Models as the Keras guides write them, run the same way on tf_keras (make_fixtures.py
writes data/models.json) and on tracekeras (test_*.py, under the import shim).

Each case takes the ``tf`` and ``keras`` modules, sets fixed weights and data from a
seeded NumPy generator, trains without shuffling and returns what a user would read:
the History's keys and values and ``evaluate(..., return_dict=True)``.
"""
import numpy as np


def data(n=8):
    rng = np.random.default_rng(7)
    return {"a": rng.normal(size=(n, 3)).astype("float32"),
            "b": rng.normal(size=(n, 2)).astype("float32"),
            "reg": rng.normal(size=(n, 2)).astype("float32"),
            "cls": rng.integers(0, 3, size=(n,)).astype("int32")}


def fixed_weights(model):
    rng = np.random.default_rng(11)
    model.set_weights([(0.3 * rng.normal(size=w.shape)).astype("float32")
                       for w in model.get_weights()])


def two_output_model(keras):
    a = keras.Input(shape=(3,), name="a")
    b = keras.Input(shape=(2,), name="b")
    hidden = keras.layers.Dense(4, activation="relu", name="hidden")(
        keras.layers.Concatenate()([a, b]))
    reg = keras.layers.Dense(2, name="reg")(hidden)
    cls = keras.layers.Dense(3, activation="softmax", name="cls")(hidden)
    model = keras.Model({"a": a, "b": b}, [reg, cls])
    fixed_weights(model)
    return model


def run_fit(model, d, x, y, epochs=2):
    history = model.fit(x, y, batch_size=4, epochs=epochs, shuffle=False, verbose=0)
    logs = model.evaluate(x, y, batch_size=4, verbose=0, return_dict=True)
    return {"history": {k: [float(v) for v in vs] for k, vs in history.history.items()},
            "evaluate": {k: float(v) for k, v in logs.items()}}


def two_output_dicts(tf, keras):
    """Dict inputs, dict losses, dict loss_weights, dict metrics per output."""
    d = data()
    model = two_output_model(keras)
    model.compile(optimizer=keras.optimizers.SGD(0.1),
                  loss={"reg": "mse", "cls": "sparse_categorical_crossentropy"},
                  loss_weights={"reg": 1.0, "cls": 0.5},
                  metrics={"reg": ["mae"], "cls": ["accuracy"]})
    return run_fit(model, d, {"a": d["a"], "b": d["b"]}, {"reg": d["reg"], "cls": d["cls"]})


def two_output_lists(tf, keras):
    """List losses, list loss_weights, metrics as a list of lists."""
    d = data()
    model = two_output_model(keras)
    model.compile(optimizer=keras.optimizers.SGD(0.1),
                  loss=["mse", "sparse_categorical_crossentropy"], loss_weights=[0.5, 2.0],
                  metrics=[["mae"], ["accuracy", "sparse_categorical_crossentropy"]])
    return run_fit(model, d, {"a": d["a"], "b": d["b"]}, [d["reg"], d["cls"]])


def custom_train_step(tf, keras):
    """A Model subclass built as ``CustomModel(inputs, outputs)`` with its own train_step,
    an ``add_loss`` layer, compiled_loss with regularization_losses, compiled_metrics."""

    class ActivityLoss(keras.layers.Layer):
        def call(self, inputs, training=None, mask=None):
            self.add_loss(0.01 * tf.reduce_sum(tf.square(inputs)))
            self.add_metric(tf.reduce_mean(inputs), name="mean_hidden")
            return inputs

    class CustomModel(keras.Model):
        def train_step(self, data):
            x, y = data
            with tf.GradientTape() as tape:
                y_pred = self(x, training=True)
                loss = self.compiled_loss(y, y_pred, regularization_losses=self.losses)
            grads = tape.gradient(loss, self.trainable_variables)
            self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
            self.compiled_metrics.update_state(y, y_pred)
            return {m.name: m.result() for m in self.metrics}

    d = data()
    inputs = keras.Input(shape=(3,))
    hidden = ActivityLoss()(keras.layers.Dense(4, activation="relu")(inputs))
    model = CustomModel(inputs, keras.layers.Dense(2)(hidden))
    fixed_weights(model)
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse", metrics=["mae"])
    out = run_fit(model, d, d["a"], d["reg"], epochs=3)
    out["is_functional"] = isinstance(model, keras.Model) and type(model).__mro__[1].__name__
    out["weights"] = len(model.weights)
    return out


def custom_trackers(tf, keras):
    """The guide's own trackers: ``metrics`` overridden, compile with no loss,
    ``test_step`` overridden, an ordinary subclassed model with ``call``."""

    class TrackerModel(keras.Model):
        def __init__(self):
            super().__init__()
            self.dense = keras.layers.Dense(2)
            self.loss_tracker = keras.metrics.Mean(name="loss")
            self.mae_metric = keras.metrics.MeanAbsoluteError(name="mae")

        def call(self, inputs):
            return self.dense(inputs)

        def train_step(self, data):
            x, y = data
            with tf.GradientTape() as tape:
                y_pred = self(x, training=True)
                loss = tf.reduce_mean(tf.square(y - y_pred))
            grads = tape.gradient(loss, self.trainable_variables)
            self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
            self.loss_tracker.update_state(loss)
            self.mae_metric.update_state(y, y_pred)
            return {"loss": self.loss_tracker.result(), "mae": self.mae_metric.result()}

        def test_step(self, data):
            x, y = data
            y_pred = self(x, training=False)
            self.loss_tracker.update_state(tf.reduce_mean(tf.square(y - y_pred)))
            self.mae_metric.update_state(y, y_pred)
            return {m.name: m.result() for m in self.metrics}

        @property
        def metrics(self):
            return [self.loss_tracker, self.mae_metric]

    d = data()
    model = TrackerModel()
    model(d["a"][:1])
    fixed_weights(model)
    model.compile(optimizer=keras.optimizers.SGD(0.1))
    return run_fit(model, d, d["a"], d["reg"], epochs=3)


def logistic_endpoint(tf, keras):
    """The subclassing guide's endpoint layer: add_loss, a metric attribute whose result goes
    to add_metric, ``compile(optimizer=...)`` with no loss, ``fit`` with no targets. (The
    guide calls it with ``(logits, targets)``, so TensorFlow differentiates through the
    labels of the cross-entropy.)"""

    class LogisticEndpoint(keras.layers.Layer):
        def __init__(self, name=None):
            super().__init__(name=name)
            self.loss_fn = keras.losses.BinaryCrossentropy(from_logits=True)
            self.accuracy_fn = keras.metrics.BinaryAccuracy()

        def call(self, targets, logits, sample_weights=None):
            loss = self.loss_fn(targets, logits, sample_weights)
            self.add_loss(loss)
            acc = self.accuracy_fn(targets, logits, sample_weights)
            self.add_metric(acc, name="accuracy")
            return tf.nn.softmax(logits)

    rng = np.random.default_rng(3)
    inputs = keras.Input(shape=(3,), name="inputs")
    targets = keras.Input(shape=(10,), name="targets")
    logits = keras.layers.Dense(10)(inputs)
    predictions = LogisticEndpoint(name="predictions")(logits, targets)
    model = keras.Model(inputs=[inputs, targets], outputs=predictions)
    fixed_weights(model)
    model.compile(optimizer=keras.optimizers.SGD(0.1))
    data = {"inputs": rng.random((6, 3)).astype("float32"),
            "targets": rng.random((6, 10)).astype("float32")}
    history = model.fit(data, batch_size=3, epochs=3, shuffle=False, verbose=0)
    return {"history": {k: [float(v) for v in vs] for k, vs in history.history.items()},
            "evaluate": {k: float(v) for k, v in model.evaluate(
                data, batch_size=3, verbose=0, return_dict=True).items()},
            "weights": len(model.weights), "metrics": [m.name for m in model.metrics]}


def compute_loss_override(tf, keras):
    """``compute_loss`` overridden (the Model docstring's example): the default train_step
    calls it; a tracker reported through an overridden ``metrics``; ``reset_metrics``."""

    class MyModel(keras.Model):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.loss_tracker = keras.metrics.Mean(name="loss")

        def compute_loss(self, x, y, y_pred, sample_weight):
            loss = tf.reduce_mean(tf.square(y_pred - y))
            self.loss_tracker.update_state(loss)
            return loss

        def reset_metrics(self):
            self.loss_tracker.reset_state()

        @property
        def metrics(self):
            return [self.loss_tracker]

    d = data()
    inputs = keras.Input(shape=(3,))
    model = MyModel(inputs, keras.layers.Dense(2)(inputs))
    fixed_weights(model)
    model.compile(optimizer=keras.optimizers.SGD(0.1))
    out = run_fit(model, d, d["a"], d["reg"], epochs=2)
    out["weights"] = len(model.weights)
    return out


def training_flag_through_call(tf, keras):
    """A Model subclass whose ``call`` takes no ``training`` (keras.io's GNN node classifier
    writes it so), around a custom layer that also takes none and calls a Sequential: the
    ``training`` that fit, evaluate, predict or the caller pass reaches the layers inside
    (Keras pops it and makes it the mode of the nested calls). ``Flag`` tells by its output
    what it received: x * 2 for True, x for False, x + 100 for None."""

    class Flag(keras.layers.Layer):
        def call(self, x, training=None):
            if training is None:
                return x + 100.0
            return x * 2.0 if training else x

    class Inner(keras.layers.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.sequence = keras.Sequential([Flag(), keras.layers.Dense(2)])

        def call(self, x):
            return self.sequence(x)

    class Classifier(keras.Model):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.flag = Flag()
            self.inner = Inner()
            self.dense = keras.layers.Dense(2)

        def call(self, x):
            return self.dense(self.inner(self.flag(x)))

    d = data()
    model = Classifier()
    model(d["a"][:1])
    fixed_weights(model)
    outputs = {f"called with training={flag}": model(d["a"][:2], training=flag).numpy().tolist()
               for flag in (True, False, None)}
    outputs["called"] = model(d["a"][:2]).numpy().tolist()
    outputs["predict"] = model.predict(d["a"][:2], verbose=0).tolist()
    model.compile(optimizer=keras.optimizers.SGD(0.01), loss="mse")
    out = run_fit(model, d, d["a"], d["reg"], epochs=2)
    out["outputs"] = outputs
    return out


CASES = {"two_output_dicts": two_output_dicts, "two_output_lists": two_output_lists,
         "custom_train_step": custom_train_step, "custom_trackers": custom_trackers,
         "logistic_endpoint": logistic_endpoint, "compute_loss_override": compute_loss_override,
         "training_flag_through_call": training_flag_through_call}


def inferred_shapes(tf, keras):
    """The batch shape a Sequential without an input shape builds its graph for: called on
    a tensor (Keras reads its shape, batch size included), and inside fit, run eagerly or
    as a tf.function, with every batch full (32 samples) or a partial last one (33); and
    the output shape its layers' rules give before it has a graph."""
    def shape(model):
        return [None if d is None else int(d) for d in model.inputs[0].shape]

    out = {}
    model = keras.Sequential([keras.layers.Dense(2), keras.layers.Dense(3)])
    model(tf.ones((3, 4)))
    out["called on a (3, 4) tensor"] = [shape(model)] + [
        [None if d is None else int(d) for d in layer.output_shape] for layer in model.layers]
    for n in (32, 33):
        for eager in (True, False):
            model = keras.Sequential([keras.layers.Dense(8)])
            model.compile("sgd", "mse", run_eagerly=eager)
            model.fit(np.ones((n, 4), "float32"), np.ones((n, 8), "float32"), batch_size=16,
                      verbose=0)
            out[f"fit on {n} samples, batch 16, run_eagerly={eager}"] = shape(model)
    model = keras.Sequential([keras.layers.Dense(2), keras.layers.Dense(3)])
    out["compute_output_shape((None, 4)) with no graph yet"] = [
        None if d is None else int(d) for d in model.compute_output_shape((None, 4))]
    # a string Input: the placeholders cannot stand for its texts, the layers' rules answer
    encoder = keras.Sequential([keras.layers.StringLookup(vocabulary=["a", "b"]),
                                keras.layers.Embedding(3, 5)])
    ids = keras.Input(shape=(), dtype=tf.string)
    out["StringLookup, Embedding on Input(shape=(), dtype=string)"] = [
        None if d is None else int(d) for d in encoder(ids).shape]
    return out
