"""``keras.utils.set_random_seed`` seeds Python's ``random``, NumPy's global generator and the
engine's generator (initializers, dropout, shuffles), so a seed repeats all three."""
import random

import numpy as np
import pytest

from tracekeras import utils
from tracekeras.backend import random as krandom


def draws():
    return random.random(), np.random.rand(), krandom.generator().random()


def test_the_same_seed_repeats_every_generator():
    utils.set_random_seed(7)
    first = draws()
    utils.set_random_seed(7)
    assert draws() == first
    utils.set_random_seed(8)
    assert all(a != b for a, b in zip(draws(), first))


def test_a_seed_must_be_an_integer():
    with pytest.raises(ValueError, match="Expected `seed` argument to be an integer. "
                                         "Received: seed=1.5"):
        utils.set_random_seed(1.5)
