"""Layers on their own: names, weights, numbers, gradients, configs and Keras's errors."""
import numpy as np
import pytest

import tracekeras
from tracekeras import activations, initializers, layers
from tracekeras.backend import GradientTape, Tensor, Variable, clear_session
from tracekeras.engine.input_spec import InputSpec, assert_input_compatibility


def test_names_count_per_class_and_inputs_start_at_one():
    names = [layers.Dense(1).name, layers.Dense(1).name, layers.Dropout(0.1).name,
             layers.Dense(1).name]
    assert names == ["dense", "dense_1", "dropout", "dense_2"]
    assert layers.Input((2,)).shape == (None, 2)
    inputs = [layers.InputLayer(input_shape=(2,)).name, layers.InputLayer(input_shape=(2,)).name]
    assert inputs == ["input_2", "input_3"]
    clear_session()
    assert layers.Dense(1).name == "dense"


def test_eager_call_builds_with_the_batch_shape_and_names_weights_in_scope():
    layer = layers.Dense(3)
    out = layer(np.ones((2, 4), np.float32))
    assert isinstance(out, Tensor) and out.shape == (2, 3) and out.dtype == np.float32
    assert layer.built and layer._build_input_shape == (2, 4)
    assert [w.name for w in layer.weights] == ["dense/kernel:0", "dense/bias:0"]
    assert isinstance(layer.kernel, Variable) and layer.kernel.shape == (4, 3)
    # Keras names a weight after its layer only inside the layer's call (name scope).
    direct = layers.Dense(3)
    direct.build((None, 4))
    assert [w.name for w in direct.weights] == ["kernel:0", "bias:0"]


def test_dense_computes_activation_of_xw_plus_b():
    layer = layers.Dense(2, activation="relu")
    x = np.array([[1.0, -2.0, 3.0]], np.float32)
    layer.build((None, 3))
    kernel = np.array([[1, -1], [2, 0], [0, 1]], np.float32)
    layer.set_weights([kernel, np.array([0.5, -10.0], np.float32)])
    np.testing.assert_allclose(layer(x).value, [[0.0, 0.0]])
    layer.activation = activations.linear
    np.testing.assert_allclose(layer(x).value, [[-2.5, -8.0]])
    # float64 input is cast to the layer's float32 (Keras's autocast); ints are cast by Dense.
    assert layer(x.astype(np.float64)).dtype == np.float32
    assert layer(np.ones((1, 3), np.int64)).dtype == np.float32


def test_softmax_output_keeps_its_logits():
    layer = layers.Dense(3, activation="softmax")
    out = layer(np.ones((2, 4), np.float32))
    np.testing.assert_allclose(out.value.sum(axis=1), 1, rtol=1e-6)
    assert out.keras_logits is not None and out.keras_logits.shape == (2, 3)


def test_dense_gradients_match_central_differences():
    layer = layers.Dense(3, activation="tanh")
    x = np.random.default_rng(0).standard_normal((4, 5)).astype(np.float64)
    layer.build((None, 5))
    layer.set_weights([w.astype(np.float32) for w in layer.get_weights()])
    kernel, bias = layer.kernel, layer.bias

    def loss_value():
        return float((layer(x).value.astype(np.float64) ** 2).sum())

    with GradientTape() as tape:
        y = layer(x)
        loss = tracekeras.backend.ops.reduce_sum(tracekeras.backend.ops.square(y))
    grads = tape.gradient(loss, [kernel, bias])
    eps = 1e-2
    for var, grad in zip([kernel, bias], grads):
        flat = var.value.reshape(-1)
        numeric = np.zeros(flat.size)
        for i in range(flat.size):
            old = flat[i]
            flat[i] = old + eps
            up = loss_value()
            flat[i] = old - eps
            down = loss_value()
            flat[i] = old
            numeric[i] = (up - down) / (2 * eps)
        np.testing.assert_allclose(grad.reshape(-1), numeric, rtol=2e-2, atol=2e-3)


def test_min_ndim_error_and_nothing_built():
    layer = layers.Dense(3)
    with pytest.raises(ValueError) as info:
        layer(np.ones(3, np.float32))
    assert str(info.value) == ('Input 0 of layer "dense" is incompatible with the layer: '
                               "expected min_ndim=2, found ndim=1. Full shape received: (3,)")
    assert not layer.built and layer.weights == []


def test_axis_error_after_build():
    layer = layers.Dense(3)
    layer(np.ones((2, 4), np.float32))
    before = layer.get_weights()
    with pytest.raises(ValueError) as info:
        layer(np.ones((2, 5), np.float32))
    assert str(info.value) == ('Input 0 of layer "dense" is incompatible with the layer: '
                               "expected axis -1 of input shape to have value 4, but received "
                               "input with shape (2, 5)")
    assert all(np.array_equal(a, b) for a, b in zip(before, layer.get_weights()))


def test_other_input_spec_errors():
    spec = InputSpec(ndim=2)
    with pytest.raises(ValueError, match=r"expected ndim=2, found ndim=3\. Full shape received: "
                                         r"\(1, 2, 3\)"):
        assert_input_compatibility(spec, np.ones((1, 2, 3)), "x")
    with pytest.raises(ValueError, match="expected max_ndim=2, found ndim=3"):
        assert_input_compatibility(InputSpec(max_ndim=2), np.ones((1, 2, 3)), "x")
    with pytest.raises(TypeError, match="Inputs to a layer should be tensors"):
        assert_input_compatibility(spec, "text", "x")
    with pytest.raises(ValueError, match=r'Layer "x" expects 2 input\(s\), but it received 1'):
        assert_input_compatibility([spec, spec], [np.ones((1, 2))], "x")
    with pytest.raises(ValueError, match=r"expected shape=\(None, 3\), found shape=\(2, 4\)"):
        assert_input_compatibility(InputSpec(shape=(None, 3)), np.ones((2, 4)), "x")


def test_dense_build_errors_raise_before_weights_exist():
    layer = layers.Dense(3)
    with pytest.raises(ValueError, match="The last dimension of the inputs to a Dense layer "
                                         r"should be defined\. Found None\. Full input shape "
                                         r"received: \(None, None\)"):
        layer.build((None, None))
    assert layer.weights == [] and not layer.built
    with pytest.raises(ValueError, match="Received an invalid value for `units`, expected a "
                                         "positive integer. Received: units=-1"):
        layers.Dense(-1)
    with pytest.raises(TypeError) as info:
        layers.Dense(2, foo=1)
    assert info.value.args == ("Keyword argument not understood:", "foo")
    with pytest.raises(ValueError, match="^Unknown activation function 'nope' cannot be "
                                         "deserialized.$"):
        layers.Dense(2, activation="nope")
    with pytest.raises(ValueError, match="Unknown initializer: 'nope'"):
        layers.Dense(2, kernel_initializer="nope")


def test_count_params_and_weights_before_and_after_build():
    layer = layers.Dense(10)
    with pytest.raises(ValueError) as info:
        layer.count_params()
    assert str(info.value) == ("You tried to call `count_params` on layer dense, but the layer "
                               "isn't built. You can build it manually via: "
                               "`dense.build(batch_input_shape)`.")
    layer.build((None, 784))
    assert layer.count_params() == 7850
    assert layer.trainable_weights == layer.weights and layer.non_trainable_weights == []
    layer.trainable = False
    assert layer.trainable_weights == [] and len(layer.non_trainable_weights) == 2


def test_set_weights_checks_everything_before_assigning():
    layer = layers.Dense(2)
    layer.build((None, 3))
    before = layer.get_weights()
    with pytest.raises(ValueError, match=r'You called `set_weights\(weights\)` on layer "dense" '
                                         "with a weight list of length 1, but the layer was "
                                         "expecting 2 weights"):
        layer.set_weights([np.ones((3, 2))])
    with pytest.raises(ValueError) as info:
        layer.set_weights([np.ones((3, 2)), np.ones(5)])
    assert str(info.value) == ("Layer dense weight shape (2,) is not compatible with provided "
                               "weight shape (5,).")
    assert all(np.array_equal(a, b) for a, b in zip(before, layer.get_weights()))
    layer.set_weights([np.full((3, 2), 2.0), np.zeros(2)])
    assert layer.get_weights()[0].sum() == 12.0


def test_weights_kwarg_and_input_shape_kwargs():
    kernel, bias = np.ones((2, 3), np.float32), np.arange(3, dtype=np.float32)
    layer = layers.Dense(3, weights=[kernel, bias], input_shape=(2,))
    assert layer._batch_input_shape == (None, 2)
    np.testing.assert_allclose(layer(np.ones((1, 2), np.float32)).value, [[2, 3, 4]])
    assert layers.Dense(1, input_dim=5)._batch_input_shape == (None, 5)
    assert layers.Dense(1, batch_input_shape=(8, 5))._batch_input_shape == (8, 5)


def test_initializers_follow_keras_defaults_and_the_seed():
    tracekeras.utils.set_random_seed(3)     # the draws below are unseeded: fix them
    glorot = initializers.get("glorot_uniform")((784, 512))
    limit = np.sqrt(6 / (784 + 512))
    # a draw is a float32: at most the limit rounded to float32
    assert glorot.dtype == np.float32 and np.abs(glorot).max() <= np.float32(limit)
    assert abs(np.abs(glorot).max() - limit) < 1e-3
    he = initializers.HeNormal(seed=1)((1000, 100))
    assert abs(he.std() - np.sqrt(2 / 1000)) < 0.05 * np.sqrt(2 / 1000)
    assert np.abs(he).max() <= 2 * np.sqrt(2 / 1000) / 0.87962566103423978 + 1e-6
    assert (initializers.get("zeros")((2,)) == 0).all() and (initializers.Ones()((2,)) == 1).all()
    assert (initializers.Constant(3)((2,)) == 3).all()
    normal = initializers.get("random_normal")((20000,))
    assert abs(normal.std() - 0.05) < 0.002
    uniform = initializers.RandomUniform()((1000,))
    assert uniform.min() >= -0.05 and uniform.max() <= 0.05
    trunc = initializers.TruncatedNormal(stddev=1.0)((10000,))
    assert np.abs(trunc).max() <= 2.0
    tracekeras.utils.set_random_seed(7)
    a = layers.Dense(4)
    a.build((None, 3))
    tracekeras.utils.set_random_seed(7)
    b = layers.Dense(4)
    b.build((None, 3))
    assert np.array_equal(a.kernel.value, b.kernel.value)
    config = initializers.serialize(initializers.get("he_uniform"))
    assert config == {"module": "keras.initializers", "class_name": "HeUniform",
                      "config": {"seed": None}, "registered_name": None}   # tf_keras 2.21's form
    assert isinstance(initializers.get(config), initializers.HeUniform)
    legacy = {"class_name": "HeUniform", "config": {"seed": None}}
    assert isinstance(initializers.get(legacy), initializers.HeUniform)


def test_activations_by_name():
    x = Tensor(np.array([[-1.0, 0.0, 2.0]], np.float32))
    expected = {"relu": [0, 0, 2], "linear": [-1, 0, 2], "tanh": np.tanh([-1, 0, 2]),
                "sigmoid": 1 / (1 + np.exp([1, 0, -2])), "softplus": np.log1p(np.exp([-1, 0, 2])),
                "softsign": [-0.5, 0, 2 / 3], "elu": [np.exp(-1) - 1, 0, 2],
                "exponential": np.exp([-1, 0, 2])}
    for name, want in expected.items():
        got = activations.get(name)(x)
        np.testing.assert_allclose(getattr(got, "value", got)[0], want, rtol=1e-5, atol=1e-7)
    assert activations.get(None) is activations.linear
    np.testing.assert_allclose(activations.relu(x, alpha=0.5, max_value=1.0).value,
                               [[-0.5, 0, 1]])
    with pytest.raises(TypeError, match="Could not interpret activation function identifier: 3"):
        activations.get(3)
    assert activations.serialize(activations.get("softmax")) == "softmax"


def test_dropout_only_when_training():
    layer = layers.Dropout(0.5)
    x = np.ones((200, 50), np.float32)
    assert layer(x).value is not None and np.array_equal(layer(x).value, x)
    tracekeras.utils.set_random_seed(3)
    dropped = layer(x, training=True).value
    assert set(np.unique(dropped)) <= {0.0, 2.0}
    assert 0.4 < (dropped == 0).mean() < 0.6
    tracekeras.utils.set_random_seed(3)
    assert np.array_equal(dropped, layer(x, training=True).value)
    with pytest.raises(ValueError, match="Invalid value 1.5 received for `rate`, expected a value "
                                         "between 0 and 1."):
        layers.Dropout(1.5)


def test_flatten_reshape_activation():
    x = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
    assert layers.Flatten()(x).shape == (2, 12)
    assert layers.Reshape((4, -1))(x).shape == (2, 4, 3)
    np.testing.assert_allclose(layers.Activation("relu")(x - 5).value, np.maximum(x - 5, 0))
    with pytest.raises(ValueError) as info:
        layers.Reshape((7,), name="reshape")(layers.Input((3, 2)))
    assert str(info.value) == (
        'Exception encountered when calling layer "reshape" (type Reshape).\n\n'
        "total size of new array must be unchanged, input_shape = [3, 2], output_shape = [7]\n\n"
        'Call arguments received by layer "reshape" (type Reshape):\n'
        "  \u2022 inputs=tf.Tensor(shape=(None, 3, 2), dtype=float32)")
    symbolic = layers.Flatten()(layers.Input((3, 4)))
    assert symbolic.shape == (None, 12)


def test_configs_round_trip():
    layer = layers.Dense(5, activation="relu", use_bias=False, name="fc")
    config = layer.get_config()
    assert config["units"] == 5 and config["activation"] == "relu" and config["name"] == "fc"
    assert config["kernel_initializer"] == {"module": "keras.initializers",
                                            "class_name": "GlorotUniform",
                                            "config": {"seed": None}, "registered_name": None}
    clone = layers.Dense.from_config(config)
    assert clone.units == 5 and clone.activation is activations.relu and not clone.use_bias
    assert layers.Dropout.from_config(layers.Dropout(0.3).get_config()).rate == 0.3


def test_nested_layers_contribute_their_weights():
    class Block(layers.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.first = layers.Dense(4)
            self.second = layers.Dense(2)

        def call(self, inputs):
            return self.second(self.first(inputs))

    block = Block()
    out = block(np.ones((3, 5), np.float32))
    assert out.shape == (3, 2) and block.name == "block"
    assert [w.shape for w in block.weights] == [(5, 4), (4,), (4, 2), (2,)]
    assert block.count_params() == 5 * 4 + 4 + 4 * 2 + 2
    block.trainable = False
    assert not block.first.trainable and block.trainable_weights == []


def test_add_weight_is_traced_with_its_shape_and_initializer():
    layer = layers.Dense(2)
    with tracekeras.trace() as t:
        layer(np.ones((1, 3), np.float32))
    adds = [r["args"] for r in t.records if r["ph"] == "B"
            and r["name"] == "keras.engine.base_layer.Layer.add_weight"]
    assert [(a["layer"], a["weight"], a["shape"]) for a in adds] == [
        ("dense", "kernel", [3, 2]), ("dense", "bias", [2])]
    assert adds[0]["initializer"] == "GlorotUniform"
    builds = [r["args"] for r in t.records if r["ph"] == "B"
              and r["name"] == "keras.layers.core.dense.Dense.build"]
    assert builds == [{"layer": "dense", "input_shape": [1, 3]}]


def test_regularizer_functions_give_losses_of_weights_and_of_outputs():
    from tracekeras.backend import ops
    layer = layers.Dense(2, kernel_regularizer=lambda w: ops.multiply(ops.reduce_sum(
        ops.square(w)), 0.5))
    layer.build((None, 3))
    layer.set_weights([np.ones((3, 2)), np.zeros(2)])
    assert len(layer.losses) == 1 and float(layer.losses[0].value) == 3.0
    assert layers.Dense(2).losses == []
    by_name = layers.Dense(2, kernel_regularizer="l2")      # Keras's L2, factor 0.01
    by_name.build((None, 3))
    by_name.set_weights([np.ones((3, 2)), np.zeros(2)])
    np.testing.assert_allclose(float(by_name.losses[0].value), 0.06, rtol=1e-6)
    activity = layers.Dense(2, activity_regularizer=lambda out: ops.reduce_sum(out))
    activity.build((None, 3))
    activity.set_weights([np.ones((3, 2)), np.zeros(2)])
    activity(np.ones((4, 3), np.float32))        # 8 outputs of 3, over a batch of 4
    assert [float(v.value) for v in activity.losses] == [6.0]
    activity(np.ones((0, 3), np.float32))        # an empty batch adds 0, not NaN
    assert [float(v.value) for v in activity.losses] == [0.0]


def test_call_inputs_by_keyword_use_call_s_own_name():
    class Twice(layers.Layer):
        def call(self, x):
            return x * 2

    np.testing.assert_array_equal(Twice()(x=np.ones((1, 2), np.float32)).value, [[2, 2]])
    with pytest.raises(ValueError, match="The first argument to `Layer.call` must always be "
                                         "passed."):
        Twice()()


def test_add_weight_takes_a_regularizer_by_name_and_refuses_a_bad_one_before_adding():
    class Scaled(layers.Layer):
        def build(self, input_shape):
            self.w = self.add_weight("w", (input_shape[-1],), initializer="ones",
                                     regularizer="l2")

        def call(self, inputs):
            return inputs * self.w

    layer = Scaled()
    layer(np.ones((2, 3), "float32"))
    # Keras's "l2" is L2(0.01): 0.01 * sum(w ** 2) with w = 1, 1, 1
    assert [float(loss) for loss in layer.losses] == [pytest.approx(0.03)]
    with pytest.raises(ValueError, match="Could not interpret regularizer identifier: 3"):
        layers.Embedding(10, 4, embeddings_regularizer=3)
    bad = Scaled()
    with pytest.raises(ValueError, match="Could not interpret regularizer identifier"):
        bad.add_weight("v", (2,), regularizer=3)
    assert bad.weights == []


def test_an_empty_name_is_kept_and_a_name_must_be_a_string():
    # tf_keras 2.21 (TensorFlow's "Custom layers" tutorial builds its block with
    # super().__init__(name=''), and its summary reads Model: ""): only None draws a
    # unique name; a Sequential's constructor gives '' its default name
    from tracekeras import layers, models
    from tracekeras.engine.training import Model

    class Block(Model):
        def __init__(self):
            super().__init__(name="")

        def call(self, x):
            return x

    assert layers.Dense(2, name="").name == ""
    assert Block().name == ""
    assert models.Sequential(name="").name.startswith("sequential")
    with pytest.raises(TypeError, match=r"^Expected `name` argument to be a string, but "
                                        r"got: 3$"):
        layers.Dense(2, name=3)
