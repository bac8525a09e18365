"""The v2.11+ Optimizer base: minimize's traced path, lazy slots, learning rate, clipping,
errors."""
import logging
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracekeras import optimizers, trace
from tracekeras.backend import GradientTape, Variable, ops
from tracekeras.optimizers import schedules
from tracekeras.utils.tf_utils import can_jit_compile

OPT = "keras.optimizers.optimizer."


def dense_variables():
    return [Variable(np.full((3, 2), 0.5, np.float32), name="dense/kernel"),
            Variable(np.zeros(2, np.float32), name="dense/bias")]


def minimize_once(opt, variables, x=1.0):
    with GradientTape() as tape:
        loss = ops.reduce_sum(ops.square(ops.add(variables[0], x))) + ops.reduce_sum(
            ops.square(variables[1]))
    opt.minimize(loss, variables, tape=tape)


def test_minimize_stage_order_and_lazy_slots():
    opt = optimizers.get("rmsprop")
    variables = dense_variables()
    with trace() as t:
        minimize_once(opt, variables)
        minimize_once(opt, variables)
    names = [n for n in t.names() if n.startswith("keras.")]
    first = [OPT + "_BaseOptimizer.minimize", OPT + "_BaseOptimizer.compute_gradients",
             OPT + "Optimizer.apply_gradients", "keras.optimizers.rmsprop.RMSprop.build",
             OPT + "Optimizer.add_variable_from_reference",
             OPT + "Optimizer.add_variable_from_reference"]
    # the second step builds again (a no-op): no new slot is created
    second = first[:4]
    assert names == first + second
    slots = t.spans(OPT + "Optimizer.add_variable_from_reference")
    assert [(s["args"]["weight"], s["args"]["variable"]) for s in slots] == [
        ("velocity", "dense/kernel:0"), ("velocity", "dense/bias:0")]
    assert {s["stage"] for s in t.spans() if s["name"].startswith(OPT)} == {"optimizer"}
    assert [v.name for v in opt.variables] == [
        "iteration:0", "RMSprop/velocity/dense/kernel:0", "RMSprop/velocity/dense/bias:0"]
    assert opt.iterations.numpy() == 2 and opt.iterations.dtype == np.int64


def test_slot_order_follows_keras_build():
    opt = optimizers.RMSprop(momentum=0.5, centered=True)
    opt.build(dense_variables())
    assert [v.name.split("/")[1] for v in opt.variables[1:]] == [
        "velocity", "velocity", "momentum", "momentum", "average_gradient", "average_gradient"]


def test_update_step_is_traced_only_at_full_level():
    for level, expected in (("stages", 0), ("steps", 0), ("full", 2)):
        opt = optimizers.Adam()
        with trace(level=level) as t:
            minimize_once(opt, dense_variables())
        spans = t.spans("keras.optimizers.adam.Adam.update_step")
        assert len(spans) == expected, level
    assert [s["args"]["variable"] for s in spans] == ["dense/kernel:0", "dense/bias:0"]


def test_minimize_gives_the_hand_computed_step():
    opt = optimizers.SGD(learning_rate=0.1)
    variables = dense_variables()
    minimize_once(opt, variables, x=1.0)
    # d/dw (w + 1)^2 = 2 (w + 1) = 3 at w = 0.5; the bias gradient is 0
    np.testing.assert_allclose(variables[0].numpy(), np.full((3, 2), 0.5 - 0.1 * 3.0), rtol=1e-6)
    np.testing.assert_array_equal(variables[1].numpy(), np.zeros(2, np.float32))


def test_callable_loss_without_tape():
    w = Variable(np.array([2.0], np.float32), name="w")
    opt = optimizers.SGD(learning_rate=0.25)
    opt.minimize(lambda: ops.reduce_sum(ops.square(w)), [w])
    np.testing.assert_allclose(w.numpy(), [2.0 - 0.25 * 4.0])


def test_tensor_loss_needs_a_tape():
    w = Variable(np.array([2.0], np.float32), name="w")
    with pytest.raises(ValueError, match="`tape` is required when a `Tensor` loss is passed"):
        optimizers.SGD().minimize(ops.square(w), [w])


def test_learning_rate_variable_assignment_and_alias():
    opt = optimizers.RMSprop()
    lr = opt.learning_rate
    assert isinstance(lr, Variable) and lr.dtype == np.float32 and lr.name == "learning_rate:0"
    opt.learning_rate = 0.01
    assert opt.learning_rate is lr and lr.numpy() == np.float32(0.01)
    opt.lr = 0.5
    assert opt.lr is lr and lr.numpy() == np.float32(0.5)
    assert opt.get_config()["learning_rate"] == 0.5
    w = Variable(np.ones(2, np.float32), name="w")
    opt2 = optimizers.SGD(learning_rate=1.0)
    opt2.learning_rate = 0.5
    opt2.apply_gradients([(np.ones(2, np.float32), w)])
    np.testing.assert_allclose(w.numpy(), [0.5, 0.5])


def test_schedule_learning_rate_follows_iterations_and_is_not_settable():
    schedule = schedules.ExponentialDecay(0.1, decay_steps=1, decay_rate=0.5)
    opt = optimizers.SGD(learning_rate=schedule)
    w = Variable(np.zeros(1, np.float32), name="w")
    seen = []
    for _ in range(3):
        opt.apply_gradients([(np.ones(1, np.float32), w)])
        seen.append(float(opt.learning_rate.numpy()))
    assert seen == pytest.approx([0.1, 0.05, 0.025])
    np.testing.assert_allclose(w.numpy(), [-0.175], rtol=1e-6)
    with pytest.raises(TypeError, match="hence its learning rate is not settable"):
        opt.learning_rate = 0.3
    config = opt.get_config()["learning_rate"]
    assert config["class_name"] == "ExponentialDecay"
    again = optimizers.SGD.from_config(opt.get_config())
    assert isinstance(again._learning_rate, schedules.ExponentialDecay)


def test_clipnorm_and_global_clipnorm_together_are_rejected():
    with pytest.raises(ValueError, match=r"At most one of `clipnorm` and `global_clipnorm` can "
                                         r"be set\. Received: clipnorm=1\.0, global_clipnorm=2\.0"):
        optimizers.SGD(clipnorm=1.0, global_clipnorm=2.0)


@pytest.mark.parametrize("kw,expected", [
    ({"clipnorm": 1.0}, [[0.6, 0.8], [0.0, 1.0]]),
    ({"global_clipnorm": 1.0}, [[3 / np.sqrt(50), 4 / np.sqrt(50)], [0.0, 5 / np.sqrt(50)]]),
    ({"clipvalue": 2.0}, [[2.0, 2.0], [0.0, 2.0]]),
])
def test_clipping_rules(kw, expected):
    opt = optimizers.SGD(learning_rate=1.0, **kw)
    ws = [Variable(np.zeros(2, np.float32), name="a"), Variable(np.zeros(2, np.float32), name="b")]
    grads = [np.array([3.0, 4.0], np.float32), np.array([0.0, 5.0], np.float32)]
    opt.apply_gradients(zip(grads, ws))
    for w, e in zip(ws, expected):
        np.testing.assert_allclose(-w.numpy(), e, rtol=1e-6)
    np.testing.assert_array_equal(grads[0], [3.0, 4.0])


def test_weight_decay_is_decoupled_and_excludable():
    opt = optimizers.SGD(learning_rate=0.1, weight_decay=0.5)
    kernel, bias = dense_variables()
    bias.assign(np.ones(2, np.float32))
    opt.exclude_from_weight_decay(var_names=["bias"])
    opt.apply_gradients([(np.zeros((3, 2), np.float32), kernel), (np.zeros(2, np.float32), bias)])
    np.testing.assert_allclose(kernel.numpy(), np.full((3, 2), 0.5 * (1 - 0.5 * 0.1)), rtol=1e-6)
    np.testing.assert_array_equal(bias.numpy(), np.ones(2, np.float32))
    with pytest.raises(ValueError, match="can only be configued before the optimizer is built"):
        opt.exclude_from_weight_decay(var_names=["kernel"])


def test_ema_and_finalize():
    opt = optimizers.SGD(learning_rate=1.0, use_ema=True, ema_momentum=0.5)
    w = Variable(np.zeros(1, np.float32), name="w")
    opt.apply_gradients([(np.ones(1, np.float32), w)])       # w = -1, average = 0.5*0 + 0.5*-1
    opt.apply_gradients([(np.ones(1, np.float32), w)])       # w = -2, average = -0.25 - 1
    assert w.numpy()[0] == -2.0
    opt.finalize_variable_values([w])
    assert w.numpy()[0] == -1.25
    with pytest.raises(ValueError, match=r"`ema_momentum` must be in the range \[0, 1\]"):
        optimizers.SGD(use_ema=True, ema_momentum=2.0)


def test_constructor_argument_errors():
    with pytest.raises(ValueError, match="decay is deprecated in the new TF-Keras optimizer"):
        optimizers.Adam(decay=0.1)
    with pytest.raises(TypeError, match="foo is not a valid argument"):
        optimizers.Adam(foo=1)
    with pytest.raises(ValueError, match=r"`momentum` must be between \[0, 1\]\."):
        optimizers.SGD(momentum=1.5)
    with pytest.raises(ValueError, match="`learning_rate_power` needs to be negative or zero"):
        optimizers.Ftrl(learning_rate_power=0.5)


def test_lr_is_ignored_with_a_warning(caplog):
    # tf_keras's _process_kwargs: a truthy `lr` is logged as deprecated and dropped
    with caplog.at_level(logging.WARNING, logger="tracekeras"):
        opt = optimizers.Adam(lr=0.5)
    assert ("`lr` is deprecated in TF-Keras optimizer, please use `learning_rate` or use the "
            "legacy optimizer, e.g.,tf.keras.optimizers.legacy.Adam." in caplog.text)
    assert float(opt.learning_rate.numpy()) == pytest.approx(0.001)


def test_empty_gradients(caplog):
    opt = optimizers.SGD(learning_rate=1.0)
    kernel, bias = dense_variables()
    with pytest.raises(ValueError, match="No gradients provided for any variable"):
        opt.apply_gradients([(None, kernel), (None, bias)])
    with caplog.at_level(logging.WARNING, logger="tracekeras"):
        opt.apply_gradients([(np.ones((3, 2), np.float32), kernel), (None, bias)])
    assert "Gradients do not exist for variables ['dense/bias:0']" in caplog.text
    np.testing.assert_allclose(kernel.numpy(), np.full((3, 2), -0.5))


def test_unknown_variable_after_build():
    opt = optimizers.Adam()
    kernel, bias = dense_variables()
    opt.apply_gradients([(np.ones((3, 2), np.float32), kernel)])
    with pytest.raises(KeyError, match="The optimizer cannot recognize variable dense/bias:0"):
        opt.apply_gradients([(np.ones(2, np.float32), bias)])


def test_set_weights_needs_build_and_matching_shapes():
    opt = optimizers.RMSprop()
    kernel, bias = dense_variables()
    with pytest.raises(ValueError, match="has not yet been built"):
        opt.set_weights([])
    opt.build([kernel, bias])
    values = [np.int64(7), np.full((3, 2), 2.0, np.float32), np.full(2, 3.0, np.float32)]
    opt.set_weights(values)
    assert opt.iterations.numpy() == 7 and opt.variables[2].numpy()[0] == 3.0


def test_can_jit_compile_is_false_and_warns_when_asked():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert can_jit_compile() is False
    with pytest.warns(UserWarning, match="`jit_compile` is switched off"):
        assert can_jit_compile(warn=True) is False
    with trace() as t:
        can_jit_compile()
    (span,) = t.spans("keras.utils.tf_utils.can_jit_compile")
    assert span["stage"] == "compile"
    end = next(r for r in t.records if r["ph"] == "E" and r["id"] == span["id"])
    assert end["args"]["ret"] is False


def test_jit_compile_is_off_in_every_optimizer():
    assert optimizers.Adam(jit_compile=True).jit_compile is False
    assert optimizers.get("sgd").get_config()["jit_compile"] is False


def test_save_and_load_own_variables():
    opt = optimizers.Adam()
    variables = dense_variables()
    minimize_once(opt, variables)
    store = {}
    opt.save_own_variables(store)
    assert sorted(store) == [str(i) for i in range(5)]
    other = optimizers.Adam()
    other.build(dense_variables())
    other.load_own_variables(store)
    for a, b in zip(opt.variables, other.variables):
        np.testing.assert_array_equal(a.numpy(), b.numpy())


@settings(max_examples=30, deadline=None)
@given(values=st.lists(st.floats(-100, 100, width=32), min_size=1, max_size=8),
       clip=st.floats(0.01, 10))
def test_clipnorm_bounds_the_norm_and_keeps_the_direction(values, clip):
    g = np.array(values, np.float32)
    w = Variable(np.zeros_like(g), name="w")
    optimizers.SGD(learning_rate=1.0, clipnorm=clip).apply_gradients([(g, w)])
    step = -w.numpy()
    norm = float(np.linalg.norm(g.astype(np.float64)))
    assert np.linalg.norm(step) <= clip * (1 + 1e-5) + 1e-6
    if norm > 0:
        np.testing.assert_allclose(step, g * min(1.0, clip / norm), rtol=1e-4, atol=1e-6)


def test_a_user_optimizer_subclass_works_like_in_keras():
    class HalfStep(optimizers.Optimizer):
        def __init__(self, learning_rate=0.5, name="HalfStep", **kwargs):
            super().__init__(name=name, **kwargs)
            self._learning_rate = self._build_learning_rate(learning_rate)

        def build(self, var_list):
            super().build(var_list)
            if getattr(self, "_built", False):
                return
            self._built = True
            self.steps = [self.add_variable_from_reference(v, "step") for v in var_list]

        def update_step(self, gradient, variable):
            step = self.steps[self._index_dict[self._var_key(variable)]]
            step.assign(gradient * self.learning_rate.numpy())
            variable.assign_sub(step.value)

    opt = HalfStep()
    w = Variable(np.ones(2, np.float32), name="w")
    opt.apply_gradients([(np.ones(2, np.float32), w)])
    np.testing.assert_allclose(w.numpy(), [0.5, 0.5])
    assert [v.name for v in opt.variables] == ["iteration:0", "HalfStep/step/w:0"]
    assert opt.get_config()["weight_decay"] == 0   # Keras's Optimizer default
