"""What a user's layer keeps: weights made in ``__init__``, Variables kept as attributes,
sub-layers' weights, ``add_loss`` / ``add_metric``, and the errors tf_keras 2.21 raises
(messages checked against tf_keras by hand, see make_fixtures.py for the numbers)."""
import numpy as np
import pytest

from tracekeras import layers, models, trace
from tracekeras.backend import Variable, clear_session, ops
from tracekeras.engine.functional import Functional
from tracekeras.engine.training import Model


class Linear(layers.Layer):
    def __init__(self, units=2, input_dim=3):
        super().__init__()
        self.w = self.add_weight(shape=(input_dim, units), initializer="ones", trainable=True)
        self.b = Variable(np.zeros(units, "float32"), trainable=False)

    def call(self, inputs):
        return ops.add(ops.matmul(inputs, self.w), self.b)


class MLP(layers.Layer):
    def __init__(self):
        super().__init__()
        self.l1 = Linear(4, 3)
        self.l2 = Linear(1, 4)

    def call(self, x):
        return self.l2(self.l1(x))


class ActivityLoss(layers.Layer):
    def __init__(self):
        super().__init__()
        self.seen_training = []

    def call(self, inputs, training=None, mask=None):
        self.seen_training.append(training)
        self.add_loss(ops.multiply(ops.reduce_sum(inputs), 0.01))
        return inputs


class Outer(layers.Layer):
    def __init__(self):
        super().__init__()
        self.inner = ActivityLoss()

    def call(self, inputs):
        return self.inner(inputs)


def setup_function():
    clear_session()


def test_weights_made_in_init_and_variable_attributes_are_tracked():
    layer = Linear()
    assert [tuple(w.shape) for w in layer.trainable_weights] == [(3, 2)]
    assert [tuple(w.shape) for w in layer.non_trainable_weights] == [(2,)]
    np.testing.assert_allclose(layer(np.ones((2, 3), "float32")).numpy(), np.full((2, 2), 3.0))


def test_nested_layers_weights():
    mlp = MLP()
    assert len(mlp.weights) == 4 and len(mlp.trainable_weights) == 2


def test_add_loss_collected_per_outer_call_and_cleared():
    outer = Outer()
    outer(np.ones((2, 2), "float32"))
    assert len(outer.losses) == 1 and len(outer.inner.losses) == 1
    np.testing.assert_allclose(float(outer.losses[0].numpy()), 0.04, rtol=1e-6)
    outer(np.ones((2, 2), "float32"))
    assert len(outer.losses) == 1   # the second outer call replaced the first's loss


def test_add_loss_outside_call_and_add_metric_without_name_raise():
    with pytest.raises(ValueError, match="wrap your loss computation in a zero argument"):
        layers.Layer().add_loss(np.float32(1.0))

    class NoName(layers.Layer):
        def call(self, x):
            self.add_metric(ops.reduce_mean(x))
            return x
    with pytest.raises(ValueError, match="Please provide a name for your metric"):
        NoName()(np.ones((2, 2), "float32"))


def test_callable_kernel_regularizer_is_a_loss():
    dense = layers.Dense(2, kernel_initializer="ones",
                         kernel_regularizer=lambda w: ops.multiply(ops.reduce_sum(ops.square(w)),
                                                                   1e-3))
    dense(np.ones((1, 3), "float32"))
    np.testing.assert_allclose([float(v.numpy()) for v in dense.losses], [0.006], rtol=1e-6)


def test_training_flag_reaches_call_and_add_loss_enters_the_training_loss():
    inputs = layers.Input((3,))
    act = ActivityLoss()
    outputs = layers.Dense(1, kernel_initializer="ones")(act(inputs))
    model = models.Model(inputs, outputs)
    model.compile(optimizer="sgd", loss="mse")
    x, y = np.ones((4, 3), "float32"), np.zeros((4, 1), "float32")
    history = model.fit(x, y, batch_size=4, verbose=0)
    # mse 9 plus 0.01 * sum(x) = 0.12, as tf_keras reports it
    np.testing.assert_allclose(history.history["loss"], [9.12], rtol=1e-6)
    assert act.seen_training[-1] is True
    model.predict(x, verbose=0)
    assert act.seen_training[-1] is False


def test_model_subclass_without_call_raises():
    class Empty(Model):
        pass
    with pytest.raises(NotImplementedError, match=r"Unimplemented `tf.keras.Model.call\(\)`"):
        Empty()(np.zeros((2, 3), "float32"))


def test_subclass_built_from_inputs_outputs_is_functional_and_traces_its_train_step():
    class CustomModel(Model):
        def train_step(self, data):
            return super().train_step(data)

    inputs = layers.Input((3,))
    model = CustomModel(inputs, layers.Dense(1)(inputs))
    assert isinstance(model, Functional) and model.name == "custom_model"
    assert len(model.weights) == 2
    model.compile(optimizer="sgd", loss="mse")
    with trace() as t:
        model.fit(np.ones((4, 3), "float32"), np.ones((4, 1), "float32"), verbose=0)
    names = t.names()
    user = f"{__name__}.{CustomModel.train_step.__qualname__}"
    assert names.index(user) < names.index("keras.engine.training.Model.train_step")


def test_nested_models_shared_layers_dict_outputs_and_tuple_outputs():
    """Key names as tf_keras 2.21 writes them for the same program (checked by hand)."""
    inner = models.Sequential([layers.Dense(4, activation="relu"), layers.Dense(2)])
    outer = models.Sequential([layers.Input((3,)), inner, layers.Dense(1)])
    assert len(outer.weights) == 6 and outer.output_shape == (None, 1)
    enc_in = layers.Input((3,))
    enc = models.Model(enc_in, layers.Dense(2)(enc_in), name="enc")
    a, b = layers.Input((3,), name="a"), layers.Input((3,), name="b")
    shared = layers.Dense(2, name="shared")
    model = models.Model({"a": a, "b": b}, {
        "x": layers.Concatenate(name="x")([enc(a), shared(a), shared(b)]),
        "y": layers.Dense(1, name="y")(shared(b))})
    assert len(model.weights) == 6
    model.compile("sgd", loss={"x": "mse", "y": "mse"}, metrics={"y": "mae"})
    x = {"a": np.ones((4, 3), "float32"), "b": np.ones((4, 3), "float32")}
    history = model.fit(x, {"x": np.zeros((4, 6)), "y": np.zeros((4, 1))}, verbose=0)
    assert sorted(history.history) == ["loss", "x_loss", "y_loss", "y_mae"]

    class TwoHeads(Model):
        def __init__(self):
            super().__init__()
            self.d1, self.d2 = layers.Dense(2), layers.Dense(1)

        def call(self, x):
            h = self.d1(x)
            return h, self.d2(h)

    heads = TwoHeads()
    heads.compile("sgd", loss=["mse", "mse"], metrics=[["mae"], ["mae"]])
    history = heads.fit(np.ones((4, 3)), (np.zeros((4, 2)), np.zeros((4, 1))), verbose=0)
    assert sorted(history.history) == ["loss", "output_1_loss", "output_1_mae",
                                       "output_2_loss", "output_2_mae"]
    predictions = heads.predict(np.ones((4, 3)), verbose=0)
    assert isinstance(predictions, tuple) and len(predictions) == 2


def test_metric_attributes_are_tracked_like_sublayers():
    """tf_keras 2.21: a Mean kept as an attribute is in ``model.metrics`` (after the compiled
    ones) and its state is among the non-trainable weights, in attribute order."""
    from tracekeras import metrics

    class Tracked(Model):
        def __init__(self):
            super().__init__()
            self.d = layers.Dense(1)
            self.tracker = metrics.Mean(name="trk")
            self.d2 = layers.Dense(1, trainable=False)

        def call(self, x):
            return self.d2(self.d(x))

    model = Tracked()
    model(np.ones((2, 3), "float32"))
    assert [w.name.split("/")[-1] for w in model.non_trainable_weights] == [
        "total:0", "count:0", "kernel:0", "bias:0"]
    assert len(model.get_weights()) == 6
    assert [m.name for m in model.metrics] == ["trk"]
    model.compile("sgd", "mse")
    model.fit(np.ones((4, 3), "float32"), np.ones((4, 1), "float32"), verbose=0)
    assert [m.name for m in model.metrics] == ["loss", "trk"]


def test_custom_loss_function_with_array_arithmetic_trains_like_mse():
    """The training guide's ``custom_mean_squared_error`` (``y_true - y_pred`` with NumPy
    targets): the difference is a Tensor the tape follows, as with tf.Tensor targets."""
    def custom_mean_squared_error(y_true, y_pred):
        return ops.reduce_mean(ops.square(y_true - y_pred))

    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(8, 3)).astype("float32"), rng.normal(size=(8, 2)).astype("float32")
    histories = []
    for loss in (custom_mean_squared_error, "mse"):
        clear_session()
        inputs = layers.Input((3,))
        model = models.Model(inputs, layers.Dense(2, kernel_initializer="ones")(inputs))
        model.compile(optimizer="sgd", loss=loss)
        histories.append(model.fit(x, y, batch_size=4, epochs=2, shuffle=False,
                                   verbose=0).history["loss"])
    np.testing.assert_allclose(histories[0], histories[1], rtol=1e-6)
    assert histories[0][1] < histories[0][0]


def test_a_subclassed_model_lists_its_layers_and_summarises_them_as_multiple():
    """Keras's ``Model.layers`` for a subclassed model: the layers set as attributes, in
    order; ``summary`` (the text generation tutorial's) has a row for each, whose output
    shape is "multiple" (a subclassed model keeps no graph)."""
    from tracekeras import Model, layers

    class Chars(Model):
        def __init__(self):
            super().__init__(self)   # as the tutorial writes it: Keras ignores the argument
            self.embedding = layers.Embedding(10, 4)
            self.gru = layers.GRU(5, return_sequences=True, return_state=True)
            self.dense = layers.Dense(3)

        def call(self, inputs):
            x, _ = self.gru(self.embedding(inputs))
            return self.dense(x)

    model = Chars()
    model(np.zeros((2, 4), "int64"))
    assert [layer.name for layer in model.layers] == ["embedding", "gru", "dense"]
    lines = []
    model.summary(print_fn=lines.append)
    rows = [line.split() for line in lines if "multiple" in line]
    assert [row[0] for row in rows] == ["embedding", "gru", "dense"]
    assert [row[-1] for row in rows] == ["40", "165", "18"]
