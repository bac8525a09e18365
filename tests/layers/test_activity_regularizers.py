"""Activity regularizers against tf_keras 2.21 (fixtures from
make_activity_regularizer_fixtures.py): the losses a call adds (each output's penalty over
its batch size), a short SGD fit of a Sequential and a Functional model, weight by weight,
evaluate's loss, whole configs of layers built with one, a cell called on its own, the
errors of bad values, raised before the layer takes a name, and a saved model's losses.
Tracing never changes the fit."""
import numpy as np
import pytest

from tracekeras import Input, layers, optimizers, regularizers, tracing
from tracekeras.backend import clear_session
from tracekeras.models import Model, Sequential

from .conv_helpers import error_of, jsonable, load

KERAS, ARRAYS = load("activity_regularizers")


def dense_sequential():
    return Sequential([Input((3,)), layers.Dense(4, activity_regularizer=regularizers.L1(0.01))])


def functional():
    inputs = Input((3,))
    hidden = layers.Dense(5, activation="tanh", activity_regularizer="l2")(inputs)
    hidden = layers.Dense(4, activity_regularizer=regularizers.L1L2(0.01, 0.02))(hidden)
    outputs = layers.Dense(2)(hidden)
    return Model(inputs, outputs)


def conv_model():
    return Sequential([Input((5, 5, 2)),
                       layers.Conv2D(3, 3, activity_regularizer=regularizers.L2(0.03)),
                       layers.Flatten(), layers.Dense(1)])


def rnn_model():
    inputs = Input((4, 3))
    sequence, state_h, state_c = layers.LSTM(
        3, return_sequences=True, return_state=True,
        activity_regularizer=regularizers.L1(0.05))(inputs)
    last = layers.GRU(2, activity_regularizer="l1")(sequence)
    return Model(inputs, [last, state_h, state_c])


def embedding_model():
    return Sequential([Input((4,), dtype="int32"),
                       layers.Embedding(6, 3, activity_regularizer=regularizers.L2(0.1)),
                       layers.SimpleRNN(2, activity_regularizer=regularizers.L1(0.2))])


def attention_model():
    query, value = Input((3, 4)), Input((2, 4))
    attention = layers.MultiHeadAttention(2, 3, activity_regularizer=regularizers.L2(0.1))
    output, scores = attention(query, value, return_attention_scores=True)
    return Model([query, value], [output, scores])


MODELS = {"dense_sequential": dense_sequential, "functional": functional,
          "conv2d": conv_model, "lstm_return_state_gru": rnn_model,
          "embedding_simple_rnn": embedding_model, "multi_head_attention": attention_model}


@pytest.mark.parametrize("name", sorted(KERAS["eager"]))
def test_losses_after_an_eager_call_equal_tf_keras(name):
    clear_session()
    model = MODELS[name]()
    key = f"eager/{name}"
    count = len(model.get_weights())
    model.set_weights([ARRAYS[f"{key}/w{i}"] for i in range(count)])
    inputs = [ARRAYS[f"{key}/x{i}"] for i in range(len(model.inputs))]
    model(inputs if len(inputs) > 1 else inputs[0])
    values = [float(v) for v in model.losses]
    assert len(values) == KERAS["eager"][name]["count"]
    np.testing.assert_allclose(values, ARRAYS[f"{key}/losses"], rtol=1e-5, atol=1e-7)
    # the next call replaces them, it does not add to them
    model(inputs if len(inputs) > 1 else inputs[0])
    np.testing.assert_allclose([float(v) for v in model.losses], ARRAYS[f"{key}/losses"],
                               rtol=1e-5, atol=1e-7)


def test_a_cell_called_on_its_own_regularizes_its_output_and_states_as_tf_keras():
    clear_session()
    cell = layers.SimpleRNNCell(2, activity_regularizer=regularizers.L1(0.1))
    cell(ARRAYS["cell/x"], [ARRAYS["cell/state"]])
    cell.set_weights([ARRAYS[f"cell/w{i}"] for i in range(3)])
    cell(ARRAYS["cell/x"], [ARRAYS["cell/state"]])
    assert len(cell.losses) == KERAS["cell_call"]["count"]
    np.testing.assert_allclose([float(v) for v in cell.losses], ARRAYS["cell/losses"],
                               rtol=1e-5)


@pytest.mark.parametrize("cells", [
    lambda: layers.SimpleRNNCell(2, activity_regularizer="l1"),
    lambda: [layers.LSTMCell(2), layers.GRUCell(2, activity_regularizer="l2")],
])
def test_an_rnn_refuses_a_cell_s_activity_regularizer_it_would_not_apply(cells):
    cells = cells()
    with pytest.raises(NotImplementedError, match="activity regularizer of a cell"):
        layers.RNN(cells)


def run_fit(name):
    clear_session()
    model = MODELS[name]()
    key = f"fit/{name}"
    count = len(model.get_weights())
    model.set_weights([ARRAYS[f"{key}/initial{i}"] for i in range(count)])
    x, y = ARRAYS[f"{key}/x"], ARRAYS[f"{key}/y"]
    model.compile(optimizer=optimizers.SGD(learning_rate=0.05), loss="mse")
    history = model.fit(x, y, batch_size=4, epochs=1, shuffle=False, verbose=0)
    steps = model.fit(x, y, batch_size=4, epochs=3, steps_per_epoch=1, shuffle=False,
                      verbose=0)
    evaluated = model.evaluate(x, y, batch_size=6, verbose=0)
    model(x[:5])
    return model, history.history, steps.history, evaluated, [float(v) for v in model.losses]


@pytest.mark.parametrize("name", sorted(KERAS["fits"]))
def test_a_fit_with_activity_regularizers_equals_tf_keras(name):
    key = f"fit/{name}"
    model, history, steps, evaluated, after = run_fit(name)
    expected = KERAS["fits"][name]
    np.testing.assert_allclose(history["loss"], expected["history"]["loss"], rtol=1e-5)
    np.testing.assert_allclose(steps["loss"], expected["steps"]["loss"], rtol=1e-5)
    np.testing.assert_allclose(evaluated, expected["evaluate"], rtol=1e-5)
    np.testing.assert_allclose(after, expected["losses_after_call"], rtol=1e-5)
    for i, weight in enumerate(model.get_weights()):
        np.testing.assert_allclose(weight, ARRAYS[f"{key}/final{i}"], rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name", sorted(KERAS["fits"]))
def test_tracing_does_not_change_a_fit_with_activity_regularizers(name):
    plain = run_fit(name)
    with tracing.trace():
        traced = run_fit(name)
    assert plain[1:] == traced[1:]
    for a, b in zip(plain[0].get_weights(), traced[0].get_weights()):
        assert np.array_equal(a, b)


CONFIGS = {
    "dense": lambda: layers.Dense(4, activity_regularizer=regularizers.L1(0.01)),
    "dense_by_name": lambda: layers.Dense(2, activity_regularizer="l1_l2"),
    "conv2d": lambda: layers.Conv2D(3, 2, activity_regularizer=regularizers.L2(0.2)),
    "conv1d_transpose": lambda: layers.Conv1DTranspose(2, 3, activity_regularizer="l2"),
    "separable_conv2d": lambda: layers.SeparableConv2D(2, 3, activity_regularizer="l1"),
    "depthwise_conv2d": lambda: layers.DepthwiseConv2D(3, activity_regularizer="l2"),
    "lstm": lambda: layers.LSTM(3, activity_regularizer=regularizers.L1L2(0.1, 0.2)),
    "gru": lambda: layers.GRU(3, activity_regularizer={"class_name": "L2",
                                                        "config": {"l2": 0.5}}),
    "simple_rnn": lambda: layers.SimpleRNN(2, activity_regularizer="l1"),
    "embedding": lambda: layers.Embedding(5, 2, activity_regularizer=regularizers.L2(0.3)),
    "multi_head_attention": lambda: layers.MultiHeadAttention(
        2, 3, activity_regularizer=regularizers.L1(0.02)),
    "einsum_dense": lambda: layers.EinsumDense("ab,bc->ac", 4, activity_regularizer="l2"),
}


@pytest.mark.parametrize("name", sorted(KERAS["configs"]))
def test_config_with_an_activity_regularizer_is_tf_keras_s(name):
    clear_session()
    layer = CONFIGS[name]()
    config = jsonable(layer.get_config())
    assert config == KERAS["configs"][name]
    again = type(layer).from_config(layer.get_config())
    assert jsonable(again.get_config())["activity_regularizer"] == config["activity_regularizer"]


ERRORS = {
    "dense_number": lambda: layers.Dense(2, activity_regularizer=5),
    "conv2d_number": lambda: layers.Conv2D(2, 3, activity_regularizer=0.1),
    "lstm_list": lambda: layers.LSTM(2, activity_regularizer=[1]),
    "embedding_number": lambda: layers.Embedding(3, 2, activity_regularizer=2),
}


@pytest.mark.parametrize("name", sorted(KERAS["errors"]))
def test_a_bad_activity_regularizer_raises_what_tf_keras_raises(name):
    clear_session()
    assert error_of(ERRORS[name]) == KERAS["errors"][name]


@pytest.mark.parametrize("build, fresh", [
    (ERRORS["dense_number"], lambda: layers.Dense(1)),
    (ERRORS["conv2d_number"], lambda: layers.Conv2D(1, 1)),
    (ERRORS["lstm_list"], lambda: layers.LSTM(1)),
    (ERRORS["embedding_number"], lambda: layers.Embedding(2, 1)),
])
def test_a_bad_activity_regularizer_is_refused_before_the_layer_takes_a_name(build, fresh):
    clear_session()
    with pytest.raises(ValueError):
        build()
    name = fresh().name
    assert not name[-1].isdigit(), name


def test_a_saved_model_keeps_its_activity_regularizers(tmp_path):
    from tracekeras.models import load_model
    clear_session()
    model = MODELS["functional"]()
    key = "eager/functional"
    model.set_weights([ARRAYS[f"{key}/w{i}"] for i in range(len(model.get_weights()))])
    path = str(tmp_path / "model.keras")
    model.save(path)
    loaded = load_model(path)
    loaded(ARRAYS[f"{key}/x0"])
    np.testing.assert_allclose([float(v) for v in loaded.losses], ARRAYS[f"{key}/losses"],
                               rtol=1e-5, atol=1e-7)


def test_a_failed_call_leaves_the_next_call_outermost():
    class Fails(layers.Layer):
        def call(self, inputs):
            raise ValueError("no")

    with pytest.raises(ValueError):
        Fails()(np.ones((2, 3), np.float32))
    dense = layers.Dense(2, activity_regularizer="l1")
    dense(np.ones((2, 3), np.float32))
    dense(np.ones((2, 3), np.float32))
    assert len(dense.losses) == 1
