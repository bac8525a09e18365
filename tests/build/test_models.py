"""Sequential and Functional models: build paths, graphs, errors, the graph snapshot."""
import numpy as np
import pytest

import tracekeras
from tracekeras import layers
from tracekeras.backend import GradientTape, ops
from tracekeras.engine.functional import Functional
from tracekeras.models import Model, Sequential

HELPER = "keras.engine.functional._build_map_helper"


def seed_sequential():
    return Sequential([layers.Dense(512, activation="relu"),
                       layers.Dense(10, activation="softmax")])


# -- Sequential build paths ----------------------------------------------------------

def test_build_makes_the_graph_and_names():
    model = seed_sequential()
    assert not model.built and not model._graph_initialized
    model.build(input_shape=(None, 784))
    assert model.built and model._graph_initialized
    assert [layer.name for layer in model.layers] == ["dense", "dense_1"]
    assert [layer.name for layer in model._self_tracked_trackables] == [
        "dense_input", "dense", "dense_1"]
    assert model.inputs[0].shape == (None, 784) and model.outputs[0].shape == (None, 10)
    assert [w.name for w in model.weights] == ["dense/kernel:0", "dense/bias:0",
                                               "dense_1/kernel:0", "dense_1/bias:0"]
    assert model.count_params() == 407050
    assert model.input_names == ["dense_input"] and model.output_names == ["dense_1"]


def test_explicit_inputs_build_at_add_time():
    for first in (layers.Input((4,)), layers.InputLayer(input_shape=(4,))):
        model = Sequential([first, layers.Dense(3)])
        assert model.built and model._graph_initialized and model._has_explicit_input_shape
        assert [type(layer).__name__ for layer in model.layers] == ["Dense"]
    model = Sequential([layers.Dense(3, input_shape=(4,)), layers.Dense(2)])
    assert model.built and model.inputs[0]._keras_history.layer.name == "dense_2_input"
    assert model.output_shape == (None, 2)


def test_build_without_input_shape_changes_nothing():
    model = seed_sequential()
    with pytest.raises(ValueError, match=r"^You must provide an `input_shape` argument\.$"):
        model.build()
    assert not model.built and not model._graph_initialized
    assert not any(layer.built for layer in model.layers)


def test_weights_before_build_raise_keras_error():
    model = seed_sequential()
    message = ("Weights for model 'sequential' have not yet been created. Weights are created "
               "when the model is first called on inputs or `build()` is called with an "
               "`input_shape`.")
    with pytest.raises(ValueError) as info:
        model.get_weights()
    assert str(info.value) == message
    with pytest.raises(ValueError, match="You tried to call `count_params` on layer sequential"):
        model.count_params()


def test_add_errors_leave_the_model_alone():
    model = Sequential([layers.Dense(2, name="a")])
    with pytest.raises(TypeError, match=r"The added layer must be an instance of class Layer\. "
                                        r"Received: layer=3 of type <class 'int'>\."):
        model.add(3)
    with pytest.raises(ValueError) as info:
        model.add(layers.Dense(2, name="a"))
    assert str(info.value) == ('All layers added to a Sequential model should have unique names. '
                               'Name "a" is already the name of a layer in this model. Update '
                               "the `name` argument to pass a unique name.")
    assert [layer.name for layer in model.layers] == ["a"]


def test_lazy_build_on_first_call_takes_the_batch_s_shape_and_rejects_other_features():
    model = seed_sequential()
    out = model(np.zeros((3, 784), np.float32))
    assert out.shape == (3, 10) and model.built
    # called eagerly, Keras builds for the tensor's own shape (keras_behaviour.json: lazy_call)
    assert model.inputs[0].shape == (3, 784)
    assert model.layers[0]._build_input_shape == (3, 784)
    weights = model.get_weights()
    with pytest.raises(ValueError) as info:
        model(np.zeros((2, 5), np.float32))
    # Keras names the model whose call failed and lists its arguments around the message.
    assert str(info.value) == (
        "Exception encountered when calling layer 'sequential' (type Sequential).\n\n"
        'Input 0 of layer "dense" is incompatible with the layer: expected axis -1 of input '
        "shape to have value 784, but received input with shape (2, 5)\n\n"
        "Call arguments received by layer 'sequential' (type Sequential):\n"
        "  \u2022 inputs=tf.Tensor(shape=(2, 5), dtype=float32)\n"
        "  \u2022 training=None\n  \u2022 mask=None")
    assert all(np.array_equal(a, b) for a, b in zip(weights, model.get_weights()))
    assert model(np.zeros((1, 784), np.float32)).shape == (1, 10)   # still intact


def test_pop_and_add_after_build():
    model = Sequential([layers.Dense(3, input_shape=(4,)), layers.Dense(2)])
    model.pop()
    assert [layer.name for layer in model.layers] == ["dense"] and model.output_shape == (None, 3)
    model.add(layers.Dense(5))
    assert model.output_shape == (None, 5) and model(np.ones((2, 4))).shape == (2, 5)
    with pytest.raises(TypeError, match="There are no layers in the model."):
        Sequential().pop()


# -- Functional -----------------------------------------------------------------------

def test_model_new_returns_functional_and_forward_matches_sequential():
    seq = seed_sequential()
    seq.build((None, 784))
    inputs = layers.Input((784,))
    h = layers.Dense(512, activation="relu")(inputs)
    func = Model(inputs, layers.Dense(10, activation="softmax")(h))
    assert type(func) is Functional and func.name == "model"
    func.set_weights(seq.get_weights())
    x = np.random.default_rng(0).random((5, 784), dtype=np.float32)
    np.testing.assert_array_equal(func(x).value, seq(x).value)
    assert func(x.astype(np.float64)).dtype == np.float32


def test_input_spec_of_a_functional_model():
    inputs = layers.Input((784,))
    model = Model(inputs, layers.Dense(2)(inputs))
    with pytest.raises(ValueError) as info:
        model(np.ones((2, 5)))
    assert str(info.value) == ('Input 0 of layer "model" is incompatible with the layer: '
                               "expected shape=(None, 784), found shape=(2, 5)")
    assert model(np.ones((2, 784, 1))).shape == (2, 2)    # a trailing 1 is squeezed


def test_multi_input_multi_output_with_lists_and_dicts():
    a, b = layers.Input((3,), name="a"), layers.Input((4,), name="b")
    joined = layers.Concatenate()([a, b])
    o1, o2 = layers.Dense(1, name="o1")(joined), layers.Dense(2, name="o2")(joined)
    model = Model([a, b], [o1, o2])
    xa, xb = np.ones((2, 3), np.float32), np.ones((2, 4), np.float32)
    out_list = model([xa, xb])
    out_dict = model({"b": xb, "a": xa})
    assert [o.shape for o in out_list] == [(2, 1), (2, 2)]
    np.testing.assert_array_equal(out_list[1].value, out_dict[1].value)
    with pytest.raises(ValueError, match=r'Missing data for input "b"\. You passed a data '
                                         r"dictionary with keys \['a'\]\. Expected the following "
                                         r"keys: \['a', 'b'\]"):
        model({"a": xa})
    with pytest.raises(ValueError, match=r'Layer "model" expects 2 input\(s\), but it received 1'):
        model([xa])
    named = Model({"a": a, "b": b}, {"y": o2, "z": o1})
    out = named({"a": xa, "b": xb})
    assert set(out) == {"y", "z"} and out["y"].shape == (2, 2)
    assert named.input_names == ["a", "b"]


def test_graph_disconnected_names_the_tensor_and_the_layers_reached():
    a, b = layers.Input((3,)), layers.Input((3,))
    out = layers.Dense(1)(layers.Concatenate()([a, b]))
    with pytest.raises(ValueError) as info:
        Model(a, out)
    assert str(info.value) == (
        "Graph disconnected: cannot obtain value for tensor KerasTensor(type_spec=TensorSpec("
        "shape=(None, 3), dtype=tf.float32, name='input_2'), name='input_2', description="
        "\"created by layer 'input_2'\") at layer \"concatenate\". The following previous layers "
        "were accessed without issue: []")
    h = layers.Dense(3, name="h2")(layers.Dense(3, name="h1")(a))
    with pytest.raises(ValueError, match=r'at layer "join"\. The following previous layers were '
                                         r"accessed without issue: \['h1', 'h2'\]$"):
        Model(a, layers.Concatenate(name="join")([h, b]))


def test_duplicate_names_and_bad_inputs():
    a = layers.Input((3,))
    out = layers.Dense(2, name="x")(layers.Dense(2, name="x")(a))
    with pytest.raises(ValueError, match='The name "x" is used 2 times in the model. All layer '
                                         "names should be unique."):
        Model(a, out)
    with pytest.raises(ValueError, match="Output tensors of a Functional model must be the "
                                         "output of a TensorFlow `Layer`"):
        Model(a, np.ones(3))
    with pytest.raises(ValueError, match="contains the same input multiple times"):
        Model([a, a], out)
    with pytest.raises(ValueError, match="Please provide to Input a `shape`"):
        layers.Input()


def test_shared_layer_gets_the_deeper_depth():
    a = layers.Input((4,))
    shared = layers.Dense(4, name="shared")
    out = shared(shared(a))
    model = Model(a, out)
    assert [layer.name for layer in model.layers] == ["input_1", "shared"]
    assert len(shared._inbound_nodes) == 2
    x = np.ones((1, 4), np.float32)
    w, bias = shared.kernel.value, shared.bias.value
    np.testing.assert_allclose(model(x).value, (x @ w + bias) @ w + bias, rtol=1e-6)


def test_training_flag_reaches_dropout_inside_models():
    inputs = layers.Input((100,))
    model = Model(inputs, layers.Dropout(0.5)(layers.Dense(100, kernel_initializer="ones")(inputs)))
    x = np.ones((4, 100), np.float32)
    assert (model(x).value == 100).all()
    assert (model(x, training=True).value == 0).any()
    seq = Sequential([layers.Dense(100, input_shape=(100,)), layers.Dropout(0.9)])
    assert (seq(x, training=True).value == 0).mean() > 0.5


def test_gradients_flow_through_a_model():
    model = seed_sequential()
    x = np.random.default_rng(1).random((8, 784), dtype=np.float32)
    with GradientTape() as tape:
        loss = ops.reduce_mean(ops.square(model(x, training=True)))
    grads = tape.gradient(loss, model.trainable_variables)
    assert [g.shape for g in grads] == [w.shape for w in model.trainable_variables]
    assert all(np.abs(g).sum() > 0 for g in grads)


# -- the graph walk -----------------------------------------------------------------

def chain(n, layer=lambda: layers.Activation("linear")):
    inputs = x = layers.Input((2,))
    for _ in range(n):
        x = layer()(x)
    return inputs, x


def test_ten_thousand_layer_chain_without_recursion():
    inputs, outputs = chain(10000)
    model = Model(inputs, outputs)
    assert len(model.layers) == 10001 and len(model._nodes_by_depth) == 10001
    assert model.layers[0].name == "input_1" and model.layers[-1].name == "activation_9999"
    np.testing.assert_array_equal(model(np.full((1, 2), 3.0, np.float32)).value, [[3.0, 3.0]])


def test_traced_chain_visits_depth_first_with_nested_spans():
    inputs, outputs = chain(200)
    with tracekeras.trace() as t:
        model = Model(inputs, outputs)
    helpers = [r for r in t.records if r["name"] == HELPER and r["ph"] == "B"]
    assert [h["args"]["visit"] for h in helpers] == list(range(201))
    assert [h["args"]["depth"] for h in helpers] == list(range(201))
    assert helpers[0]["args"]["layer"] == "activation_199"
    assert helpers[-1]["args"]["layer"] == "input_1"
    for parent, child in zip(helpers, helpers[1:]):
        assert child["parent"] == parent["id"]
    ends = [r for r in t.records if r["name"] == HELPER and r["ph"] == "E"]
    assert [e["id"] for e in ends] == [h["id"] for h in reversed(helpers)]
    assert len(model.layers) == 201


def test_wide_dag_visit_order_and_layer_order():
    inputs = layers.Input((2,))
    branches = [layers.Dense(1, name=f"b{i}")(inputs) for i in range(300)]
    out = layers.Concatenate(name="join")(branches)
    with tracekeras.trace() as t:
        model = Model(inputs, out)
    helpers = [r["args"] for r in t.records if r["name"] == HELPER and r["ph"] == "B"]
    assert len(helpers) == 1 + 300 * 2
    assert [h["layer"] for h in helpers[:4]] == ["join", "b0", "input_1", "b1"]
    assert [h["depth"] for h in helpers[:5]] == [0, 1, 2, 1, 2]
    ends = {r["id"]: r.get("args", {}) for r in t.records if r["name"] == HELPER and r["ph"] == "E"}
    finished = sum(1 for args in ends.values() if args.get("finished"))
    assert finished == 299    # input_1 is reached again from every later branch
    assert [layer.name for layer in model.layers] == (
        ["input_1"] + [f"b{i}" for i in range(300)] + ["join"])
    assert model(np.ones((3, 2), np.float32)).shape == (3, 300)


def test_graph_snapshot_describes_the_model():
    with tracekeras.trace() as t:
        inputs = layers.Input(shape=(784,))
        h = layers.Dense(64, activation="relu")(inputs)
        outputs = layers.Dense(10, activation="softmax")(h)
        Model(inputs=inputs, outputs=outputs)
    graphs = [r for r in t.records if r["ph"] == "G"]
    assert len(graphs) == 1
    snap = graphs[0]["args"]
    assert graphs[0]["name"] == "keras.engine.functional.Functional._init_graph_network"
    assert (snap["model"], snap["class"], snap["inputs"], snap["outputs"]) == (
        "model", "Functional", ["input_1"], ["dense_1"])
    assert snap["edges"] == [["input_1", "dense"], ["dense", "dense_1"]]
    by_name = {layer["name"]: layer for layer in snap["layers"]}
    assert [layer["name"] for layer in snap["layers"]] == ["input_1", "dense", "dense_1"]
    assert by_name["dense"] == {
        "name": "dense", "class": "Dense", "input_shape": [None, 784], "output_shape": [None, 64],
        "dtype": "float32", "params": 50240, "trainable": True, "activation": "relu",
        "depth": 1, "visit": 1, "built_in": "build"}
    assert by_name["input_1"]["depth"] == 2 and by_name["input_1"]["activation"] is None
    assert by_name["dense_1"]["visit"] == 0 and by_name["dense_1"]["activation"] == "softmax"


def test_sequential_snapshot_records_that_it_was_built_in_fit_stage_name():
    model = seed_sequential()
    with tracekeras.trace() as t:
        model.build((None, 784))
    snap = [r for r in t.records if r["ph"] == "G"][0]["args"]
    assert snap["class"] == "Sequential" and snap["inputs"] == ["dense_input"]
    assert [layer["built_in"] for layer in snap["layers"]] == [None, "build", "build"]


def test_tracing_does_not_change_results():
    tracekeras.utils.set_random_seed(5)
    plain = seed_sequential()
    plain.build((None, 784))
    tracekeras.backend.clear_session()
    tracekeras.utils.set_random_seed(5)
    with tracekeras.trace(level="full"):
        traced = seed_sequential()
        traced.build((None, 784))
    for a, b in zip(plain.get_weights(), traced.get_weights()):
        assert a.tobytes() == b.tobytes()


def test_layers_built_inside_fit_say_so_in_the_snapshot():
    model = seed_sequential()
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy")
    x, y = np.zeros((8, 784), np.float32), np.zeros(8, np.int64)
    with tracekeras.trace() as t:
        model.fit(x, y, epochs=1, batch_size=4, verbose=0)
    graphs = [r["args"] for r in t.records if r["ph"] == "G"]
    assert len(graphs) == 1    # the graph is made once, in the first train step
    assert [layer["built_in"] for layer in graphs[0]["layers"]] == [None, "fit", "fit"]


def test_ten_thousand_layer_sequential_builds_and_runs():
    model = Sequential([layers.Activation("linear") for _ in range(10000)])
    model.build((None, 3))
    assert len(model.layers) == 10000 and model.built
    np.testing.assert_array_equal(model(np.full((1, 3), 2.0, np.float32)).value, [[2.0] * 3])
    with pytest.raises(ValueError, match='Name "activation" is already the name'):
        Sequential([layers.Activation("linear", name="activation")] + model.layers[:1])


def test_functional_config_has_keras_layout_and_rebuilds_the_graph():
    a, b = layers.Input((3,), name="a"), layers.Input((4,), name="b")
    c = layers.Concatenate()([a, b])
    shared = layers.Dense(3, name="shared")
    model = Model([a, b], [layers.Dense(1, name="o1")(shared(shared(layers.Dense(3)(c)))),
                           layers.Dense(2, name="o2")(c)])
    config = model.get_config()
    # What tf_keras 2.21's get_config gives for this model (its extra keys aside).
    assert (config["name"], config["input_layers"], config["output_layers"]) == (
        "model", [["a", 0, 0], ["b", 0, 0]], [["o1", 0, 0], ["o2", 0, 0]])
    assert [(layer["name"], layer["inbound_nodes"]) for layer in config["layers"]] == [
        ("a", []), ("b", []), ("concatenate", [[["a", 0, 0, {}], ["b", 0, 0, {}]]]),
        ("dense", [[["concatenate", 0, 0, {}]]]),
        ("shared", [[["dense", 0, 0, {}]], [["shared", 0, 0, {}]]]),
        ("o1", [[["shared", 1, 0, {}]]]), ("o2", [[["concatenate", 0, 0, {}]]])]
    clone = Functional.from_config(config)
    clone.set_weights(model.get_weights())
    x = [np.ones((2, 3), np.float32), np.ones((2, 4), np.float32)]
    for mine, theirs in zip(model(x), clone(x)):
        np.testing.assert_array_equal(mine.value, theirs.value)
    assert clone.get_config()["layers"] == config["layers"]
    single = Model(a, layers.Dense(2, name="single")(a)).get_config()
    assert (single["input_layers"], single["output_layers"]) == ([["a", 0, 0]], [["single", 0, 0]])


def test_sequential_config_round_trip():
    model = Sequential([layers.Dense(3), layers.Dense(2, activation="relu")])
    model.build((None, 4))
    config = model.get_config()
    assert sorted(config) == ["layers", "name"]
    assert [layer["config"]["name"] for layer in config["layers"]] == [
        "dense_input", "dense", "dense_1"]
    assert config["layers"][0]["config"]["batch_input_shape"] == (None, 4)
    clone = Sequential.from_config(config)
    assert clone.built and [layer.name for layer in clone.layers] == ["dense", "dense_1"]
    clone.set_weights(model.get_weights())
    x = np.ones((2, 4), np.float32)
    np.testing.assert_array_equal(clone(x).value, model(x).value)


def test_lazy_build_inside_a_training_call_draws_no_extra_random_numbers():
    class Block(layers.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.dense = layers.Dense(8)
            self.dropout = layers.Dropout(0.5)

        def call(self, inputs):
            return self.dropout(self.dense(inputs))

    x = np.ones((4, 3), np.float32)
    outputs = []
    for explicit_build in (False, True):
        tracekeras.backend.clear_session()
        tracekeras.utils.set_random_seed(11)
        model = Sequential([Block()])
        if explicit_build:
            model.build((None, 3))
        outputs.append(model(x, training=True).value)
    np.testing.assert_array_equal(outputs[0], outputs[1])
