"""LossScaleOptimizer (V3): scaled loss, unscaled gradients, skipped steps, scale growth."""
import numpy as np
import pytest

from tracekeras import optimizers, trace
from tracekeras.backend import GradientTape, Variable, ops

LSO = "keras.mixed_precision.loss_scale_optimizer.LossScaleOptimizerV3."


def test_minimize_scales_the_loss_and_unscales_the_gradients():
    w = Variable(np.array([1.0, -2.0], np.float32), name="w")
    opt = optimizers.LossScaleOptimizer(optimizers.SGD(learning_rate=0.1))
    assert opt.loss_scale == 2.0 ** 15 and opt.dynamic and opt.dynamic_growth_steps == 2000
    with trace() as t:
        with GradientTape() as tape:
            loss = ops.reduce_sum(ops.square(w))
        opt.minimize(loss, [w], tape=tape)
    # gradient 2w, unscaled: the plain SGD step
    np.testing.assert_allclose(w.numpy(), [1.0 - 0.2, -2.0 + 0.4], rtol=1e-6)
    names = [n for n in t.names() if n.startswith("keras.")]
    assert names == ["keras.optimizers.optimizer._BaseOptimizer.minimize",
                     LSO + "compute_gradients",
                     "keras.optimizers.optimizer._BaseOptimizer.compute_gradients",
                     LSO + "apply_gradients", "keras.optimizers.sgd.SGD.build",
                     "keras.optimizers.optimizer.Optimizer.add_variable_from_reference",
                     "keras.optimizers.optimizer.Optimizer.apply_gradients",
                     "keras.optimizers.sgd.SGD.build"]
    assert opt.iterations.numpy() == 1 and opt.dynamic_counter.numpy() == 1


def test_non_finite_gradients_skip_the_step_and_halve_the_scale():
    w = Variable(np.array([1.0, 1.0], np.float32), name="w")
    opt = optimizers.LossScaleOptimizer(optimizers.SGD(learning_rate=0.1), initial_scale=4.0)
    for bad in (np.inf, np.nan):
        opt.apply_gradients([(np.array([bad, 1.0], np.float32), w)])
        np.testing.assert_array_equal(w.numpy(), [1.0, 1.0])
    assert opt.loss_scale == 1.0 and opt.iterations.numpy() == 2
    opt.apply_gradients([(np.array([np.inf, 1.0], np.float32), w)])
    assert opt.loss_scale == 1.0          # never below 1
    assert opt.dynamic_counter.numpy() == 0


def test_scale_grows_after_growth_steps_good_steps():
    w = Variable(np.zeros(1, np.float32), name="w")
    opt = optimizers.LossScaleOptimizer(optimizers.SGD(), initial_scale=2.0,
                                        dynamic_growth_steps=3)
    scales = []
    for _ in range(7):
        opt.apply_gradients([(np.ones(1, np.float32), w)])
        scales.append(float(opt.loss_scale))
    assert scales == [2.0, 2.0, 4.0, 4.0, 4.0, 8.0, 8.0]


def test_fixed_loss_scale():
    opt = optimizers.LossScaleOptimizer(optimizers.SGD(), dynamic=False, initial_scale=128)
    assert not opt.dynamic and opt.loss_scale == 128.0 and opt.dynamic_counter is None
    with pytest.raises(ValueError, match='"initial_scale" must be specified if "dynamic" is False'):
        optimizers.LossScaleOptimizer(optimizers.SGD(), dynamic=False)


def test_wrapping_rules():
    inner = optimizers.SGD()
    optimizers.LossScaleOptimizer(inner)
    with pytest.raises(ValueError, match="is already wrapped by a LossScaleOptimizer"):
        optimizers.LossScaleOptimizer(inner)
    with pytest.raises(TypeError, match='"inner_optimizer" must be an instance of Optimizer'):
        optimizers.LossScaleOptimizer("sgd")
    with pytest.raises(TypeError, match='"dynamic" argument to LossScaleOptimizer.__init__ must '
                                        'be a bool'):
        optimizers.LossScaleOptimizer(optimizers.SGD(), dynamic="yes")


def test_delegates_to_the_inner_optimizer_and_round_trips():
    opt = optimizers.LossScaleOptimizer(optimizers.Adam(learning_rate=0.5), initial_scale=8.0)
    assert opt.learning_rate is opt.inner_optimizer.learning_rate
    opt.learning_rate = 0.25
    assert opt.inner_optimizer.learning_rate.numpy() == 0.25
    assert opt.name == "Adam"
    again = optimizers.deserialize(optimizers.serialize(opt))
    assert isinstance(again, optimizers.LossScaleOptimizerV3)
    assert again.get_config() == opt.get_config()
