"""What the step's shortcuts must never change.

Each shortcut skips work that cannot change a result; these tests pin down the
cases where the work is NOT skipped: a recompile re-reads the trainable
variables, a new input shape is checked again, a regularizer is collected, the
in-place RMSprop equals its formula, the sparse crossentropy's N-D path equals
its 2-D path.
"""
import numpy as np
import pytest

from tracekeras import layers
from tracekeras.backend import GradientTape, Variable, nn, ops
from tracekeras.models import Sequential
from tracekeras.optimizers.rmsprop import RMSprop


def small_model(**dense_kwargs):
    model = Sequential([layers.Dense(4, activation="relu", **dense_kwargs),
                        layers.Dense(3, activation="softmax")])
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    return model


def data(n=16):
    rng = np.random.default_rng(0)
    return rng.random((n, 5), dtype=np.float32), rng.integers(0, 3, n)


def test_recompile_rereads_the_trainable_variables():
    x, y = data()
    model = small_model()
    model.fit(x, y, batch_size=8, verbose=0)
    model.layers[0].trainable = False
    model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy")
    frozen = [w.numpy() for w in model.layers[0].weights]
    moving = [w.numpy() for w in model.layers[1].weights]
    model.fit(x, y, batch_size=8, verbose=0)
    for before, w in zip(frozen, model.layers[0].weights):
        np.testing.assert_array_equal(before, w.numpy())
    assert any(not np.array_equal(b, w.numpy()) for b, w in zip(moving, model.layers[1].weights))


def test_without_compile_the_train_function_keeps_its_variables_as_keras_does():
    """Keras's rule: ``trainable`` changed after compile counts from the next compile."""
    x, y = data()
    model = small_model()
    model.fit(x, y, batch_size=8, verbose=0)
    model.layers[0].trainable = False
    kernel = model.layers[0].kernel.numpy()
    model.fit(x, y, batch_size=8, verbose=0)
    assert not np.array_equal(kernel, model.layers[0].kernel.numpy())
    assert model.trainable_variables_of_train_function() is not model.trainable_variables


def test_train_step_outside_a_train_function_reads_the_variables_afresh():
    x, y = data()
    model = small_model()
    model.train_step((x, y))
    model.layers[1].trainable = False
    bias = model.layers[1].bias.numpy()
    model.train_step((x, y))
    np.testing.assert_array_equal(bias, model.layers[1].bias.numpy())


def test_an_input_spec_checks_a_new_shape_after_accepting_one():
    layer = layers.Dense(2)
    layer(np.ones((3, 4), np.float32))
    layer(np.ones((5, 4), np.float32))
    with pytest.raises(ValueError, match="expected axis -1 of input shape to have value 4"):
        layer(np.ones((3, 6), np.float32))


def test_a_regularizer_is_collected_in_the_loss():
    x, y = data()
    model = small_model(kernel_regularizer=lambda w: ops.multiply(ops.reduce_sum(
        ops.square(w)), 0.01))
    model.build((None, 5))
    assert len(model.losses) == 1
    kernel = model.layers[0].kernel.numpy()
    np.testing.assert_allclose(float(model.losses[0].value), 0.01 * np.sum(kernel ** 2),
                               rtol=1e-6)
    plain = small_model()
    plain.build((None, 5))
    plain.set_weights(model.get_weights())
    reg = float(model.compute_loss(x, y, model(x))) - float(plain.compute_loss(x, y, plain(x)))
    assert reg == pytest.approx(0.01 * np.sum(kernel ** 2), rel=1e-4)


@pytest.mark.parametrize("centered, momentum", [(False, 0.0), (True, 0.0), (False, 0.5),
                                                (True, 0.5)])
def test_rmsprop_in_place_equals_its_formula(centered, momentum):
    rng = np.random.default_rng(1)
    w0 = rng.standard_normal((6, 3)).astype(np.float32)
    grads = [rng.standard_normal((6, 3)).astype(np.float32) for _ in range(3)]
    var = Variable(w0, name="w")
    opt = RMSprop(learning_rate=0.01, centered=centered, momentum=momentum)
    w, v, avg, mom = w0.astype(np.float64), 0.0, 0.0, 0.0
    for g in grads:
        opt.apply_gradients([(g, var)])
        g = g.astype(np.float64)
        v = 0.9 * v + 0.1 * g * g
        denominator = v + 1e-7
        if centered:
            avg = 0.9 * avg + 0.1 * g
            denominator = v - avg * avg + 1e-7
        increment = 0.01 * g / np.sqrt(denominator)
        mom = momentum * mom + increment
        w = w - (mom if momentum > 0 else increment)
    np.testing.assert_allclose(var.numpy(), w, rtol=1e-5, atol=1e-6)


def test_sparse_crossentropy_nd_equals_2d():
    rng = np.random.default_rng(2)
    logits = rng.standard_normal((2, 3, 5)).astype(np.float32)
    labels = rng.integers(0, 5, (2, 3))
    results = []
    for shape in ((2, 3, 5), (6, 5)):
        x = Variable(logits.reshape(shape), name="logits")
        with GradientTape() as tape:
            loss = ops.reduce_sum(nn.sparse_softmax_cross_entropy_with_logits(
                labels.reshape(shape[:-1]), x))
        results.append((float(loss.value), tape.gradient(loss, x).reshape(-1, 5)))
    assert results[0][0] == pytest.approx(results[1][0], rel=1e-6)
    np.testing.assert_allclose(results[0][1], results[1][1], rtol=1e-6, atol=1e-7)
    probs = np.exp(logits) / np.exp(logits).sum(-1, keepdims=True)
    expected = probs.reshape(-1, 5) - np.eye(5)[labels.reshape(-1)]
    np.testing.assert_allclose(results[1][1], expected, rtol=1e-5, atol=1e-6)
