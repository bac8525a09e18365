"""``keras.activations.mish`` against real tf_keras (data/mish.npz, make_mish_fixtures.py)."""
import os

import numpy as np

from tracekeras import activations, layers
from tracekeras.backend import GradientTape, Variable

REF = np.load(os.path.join(os.path.dirname(__file__), "data", "mish.npz"))
X = REF["x"]


def test_mish_values_match_keras():
    out = activations.mish(X)
    assert out.numpy().dtype == np.float32
    np.testing.assert_allclose(out.numpy(), REF["mish"], rtol=2e-6, atol=1e-7)


def test_mish_gradient_matches_keras():
    x = Variable(X)
    with GradientTape() as tape:
        y = activations.mish(x)
    np.testing.assert_allclose(np.asarray(tape.gradient(y, x)), REF["mish_gradient"],
                               rtol=1e-5, atol=1e-7)


def test_mish_resolves_by_name_and_serializes_to_it():
    assert activations.get("mish") is activations.mish
    out = layers.Activation("mish")(X[None])
    np.testing.assert_allclose(np.asarray(out)[0], REF["layer"], rtol=2e-6, atol=1e-7)
    assert activations.serialize(activations.mish) == str(REF["serialized"])
