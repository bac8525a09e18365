"""The CartPole of ``examples/corpus/corpus_data.py`` that stands in for gym's (gym is not
installed beside tf_keras): the spaces, the ``reset``/``step`` contract of the gym 0.17-0.21
years, one Euler step worked out by hand from the cart-pole equations, the failure
thresholds and the step limits of v0 and v1."""
import os
import sys

import numpy as np
import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), "examples", "corpus"))
import corpus_data  # noqa: E402
from corpus_data import gym  # noqa: E402


def test_spaces_are_gyms():
    env = gym.make("CartPole-v0")
    assert env.observation_space.shape == (4,) and env.observation_space.dtype == np.float32
    assert env.action_space.n == 2
    high = env.observation_space.high
    np.testing.assert_allclose(high[[0, 2]], [4.8, 24 * np.pi / 180], rtol=1e-6)
    assert high[1] == high[3] == np.finfo(np.float32).max


def test_reset_draws_a_small_float32_state_and_a_seed_repeats_it():
    env = gym.make("CartPole-v0")
    assert env.seed(42) == [42]
    first = env.reset()
    assert first.dtype == np.float32 and first.shape == (4,)
    assert np.all(np.abs(first) <= 0.05)
    np.testing.assert_array_equal(env.reset(seed=42), first)
    assert not np.array_equal(env.reset(), first)


def test_one_push_from_rest_follows_the_cart_pole_equations():
    """From rest, 10 N to the right: temp = 10 / 1.1; the pole's angular acceleration is
    -temp / (0.5 * (4/3 - 0.1 / 1.1)) and the cart's temp - 0.05 * theta_acc / 1.1;
    Euler over 0.02 s moves only the velocities."""
    env = gym.make("CartPole-v0")
    env.reset()
    env.state = np.zeros(4)
    observation, reward, done, info = env.step(1)
    temp = 10 / 1.1
    theta_acc = -temp / (0.5 * (4 / 3 - 0.1 / 1.1))
    x_acc = temp - 0.05 * theta_acc / 1.1
    np.testing.assert_allclose(observation, [0, 0.02 * x_acc, 0, 0.02 * theta_acc], rtol=1e-6)
    np.testing.assert_allclose(observation[[1, 3]], [0.195122, -0.292683], rtol=1e-5)
    assert (reward, done, info) == (1.0, False, {})
    assert observation.dtype == np.float32


def test_pushing_one_way_drops_the_pole_past_twelve_degrees():
    env = gym.make("CartPole-v0")
    env.seed(0)
    env.reset()
    steps, done = 0, False
    while not done:
        observation, reward, done, _ = env.step(np.int64(1))
        steps += 1
        assert reward == 1.0   # the falling step is rewarded too
    assert 5 <= steps <= 15
    assert abs(observation[2]) > 12 * np.pi / 180
    assert env.step(1)[1] == 0.0   # a step after the end earns nothing


@pytest.mark.parametrize("name,limit", [("CartPole-v0", 200), ("CartPole-v1", 500)])
def test_a_balanced_pole_ends_at_the_step_limit(name, limit):
    env = gym.make(name)
    observation, steps, done = env.reset(seed=1), 0, False
    while not done:
        # push toward where the pole leans: it stays up
        action = int(observation[2] + 0.5 * observation[3] > 0)
        observation, reward, done, info = env.step(action)
        steps += 1
    assert steps == limit
    assert info == {"TimeLimit.truncated": True}


def test_bad_uses_are_refused_as_gym_refuses_them():
    env = gym.make("CartPole-v0")
    with pytest.raises(AssertionError, match=r"Cannot call env.step\(\) before calling reset"):
        env.step(0)
    env.reset()
    with pytest.raises(AssertionError, match=r"^2 \(<class 'int'>\) invalid$"):
        env.step(2)
    with pytest.raises(AssertionError, match="invalid"):
        env.step(np.array([1]))
    with pytest.raises(ValueError, match="makes only"):
        gym.make("MountainCar-v0")
    assert isinstance(env, corpus_data.CartPoleEnv)
