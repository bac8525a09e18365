"""Each optimizer's in-place float32 update against a plain NumPy formula, over several steps."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracekeras import optimizers
from tracekeras.backend import Variable

from .helpers import RULES

CASES = [
    ("SGD", {}), ("SGD", {"learning_rate": 0.1, "momentum": 0.9}),
    ("SGD", {"learning_rate": 0.1, "momentum": 0.9, "nesterov": True}),
    ("RMSprop", {}), ("RMSprop", {"learning_rate": 0.01, "momentum": 0.5}),
    ("RMSprop", {"learning_rate": 0.01, "centered": True}),
    ("RMSprop", {"rho": 0.5, "momentum": 0.3, "centered": True, "epsilon": 1e-3}),
    ("Adam", {}), ("Adam", {"learning_rate": 0.01, "amsgrad": True}),
    ("Adam", {"beta_1": 0.5, "beta_2": 0.9, "epsilon": 1e-4}),
    ("Adagrad", {}), ("Adagrad", {"learning_rate": 0.1, "initial_accumulator_value": 1.0}),
    ("Adadelta", {}), ("Adadelta", {"learning_rate": 1.0, "rho": 0.9}),
    ("Adamax", {}), ("Adamax", {"learning_rate": 0.02, "beta_1": 0.8}),
    ("Nadam", {}), ("Nadam", {"learning_rate": 0.01, "beta_2": 0.99}),
    ("Ftrl", {}), ("Ftrl", {"learning_rate": 0.1, "l1_regularization_strength": 0.01,
                            "l2_regularization_strength": 0.02, "beta": 0.1,
                            "l2_shrinkage_regularization_strength": 0.01}),
]


def run_both(name, hp, shapes, steps, seed):
    rng = np.random.default_rng(seed)
    inits = [rng.normal(size=s).astype(np.float32) for s in shapes]
    grads = [[rng.normal(size=s).astype(np.float32) for s in shapes] for _ in range(steps)]
    opt = getattr(optimizers, name)(**hp)
    variables = [Variable(w, name=f"dense/w{i}") for i, w in enumerate(inits)]
    refs = [w.astype(np.float64) for w in inits]
    states = [{} for _ in shapes]
    for t, gs in enumerate(grads, start=1):
        opt.apply_gradients(zip([g.copy() for g in gs], variables))
        refs = [RULES[name](s, g.astype(np.float64), w, t, **hp)
                for s, g, w in zip(states, gs, refs)]
        for v, r in zip(variables, refs):
            assert v.value.dtype == np.float32
            np.testing.assert_allclose(v.value, r, rtol=2e-5, atol=2e-6,
                                       err_msg=f"{name} {hp} step {t}")
    assert opt.iterations.numpy() == steps
    return opt, variables, grads


@pytest.mark.parametrize("name,hp", CASES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CASES)])
def test_update_matches_reference_formula(name, hp):
    run_both(name, hp, [(4, 3), (3,)], steps=5, seed=0)


@settings(max_examples=25, deadline=None)
@given(name=st.sampled_from(sorted(RULES)),
       shape=st.lists(st.integers(1, 5), min_size=0, max_size=3).map(tuple),
       lr=st.floats(1e-4, 0.1), seed=st.integers(0, 2 ** 16))
def test_update_matches_reference_for_any_shape(name, shape, lr, seed):
    run_both(name, {"learning_rate": lr}, [shape], steps=3, seed=seed)


def test_gradients_are_not_modified_and_variables_stay_the_same_objects():
    opt = optimizers.RMSprop(momentum=0.5, centered=True)
    w = Variable(np.ones((3, 2), np.float32), name="dense/kernel")
    buffer = w.value
    g = np.full((3, 2), 0.5, np.float32)
    opt.apply_gradients([(g, w)])
    assert w.value is buffer
    np.testing.assert_array_equal(g, np.full((3, 2), 0.5, np.float32))
