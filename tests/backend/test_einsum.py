"""tf.einsum of two inputs runs as one batched matmul: the same numbers and shapes as
NumPy's einsum, forward and backward, for every kind of letter (batch, kept, summed,
summed away in one input only, an outer product)."""
import numpy as np
import pytest

from tracekeras.backend import GradientTape, Tensor, ops
from tracekeras.backend.einsum import contract, einsum

EQUATIONS = ["abc,cde->abde", "aecd,abcd->acbe", "acbe,aecd->abcd", "abcd,cde->abe",
             "ab,bc->ac", "abc,abd->cd", "abcd,abcd->abcd", "ab,cd->abcd", "abc,c->ab",
             "abc,bd->d", "ab,b->a", "ba,cb->ca"]
SIZES = {c: i + 2 for i, c in enumerate("abcde")}


def operands(equation, seed=0):
    rng = np.random.default_rng(seed)
    a, b = equation.split("->")[0].split(",")
    return [rng.normal(size=[SIZES[c] for c in term]).astype("float32") for term in (a, b)]


@pytest.mark.parametrize("equation", EQUATIONS)
def test_contract_equals_numpy_einsum(equation):
    x, y = operands(equation)
    (a, b), out = equation.split("->")[0].split(","), equation.split("->")[1]
    got = contract(a, b, out, x, y)
    want = np.einsum(equation, x, y)
    assert got.shape == want.shape and got.dtype == want.dtype
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("equation", EQUATIONS)
def test_gradients_equal_numpy_einsum(equation):
    x, y = operands(equation)
    r = np.random.default_rng(1).normal(size=np.einsum(equation, x, y).shape).astype("float32")
    tx, ty = Tensor(x), Tensor(y)
    with GradientTape(persistent=True) as tape:
        tape.watch(tx)
        tape.watch(ty)
        loss = ops.reduce_sum(ops.multiply(einsum(equation, tx, ty), r))
    gx, gy = tape.gradient(loss, tx), tape.gradient(loss, ty)
    # d sum(einsum(x, y) * r) / dx, by NumPy: r contracted with y onto x's letters
    (a, b), out = equation.split("->")[0].split(","), equation.split("->")[1]
    want_x = np.einsum(f"{out},{b}->{''.join(c for c in a if c in out + b)}", r, y)
    want_y = np.einsum(f"{out},{a}->{''.join(c for c in b if c in out + a)}", r, x)
    want_x = np.broadcast_to(np.expand_dims(want_x, [a.index(c) for c in a if c not in out + b]),
                             x.shape)
    want_y = np.broadcast_to(np.expand_dims(want_y, [b.index(c) for c in b if c not in out + a]),
                             y.shape)
    np.testing.assert_allclose(np.asarray(getattr(gx, "value", gx)), want_x, rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(np.asarray(getattr(gy, "value", gy)), want_y, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("equation, shapes, message", [
    # TensorFlow 2.21's words for these two calls (its op name prefix left out)
    ("ab,ab->a", [(1, 3), (4, 3)],
     "Expected dimension 1 at axis 0 of the input shaped [4,3] but got dimension 4 [Op:Einsum]"),
    ("ab,bc->ac", [(2, 3), (4, 5)],
     "Expected dimension 3 at axis 0 of the input shaped [4,5] but got dimension 4 [Op:Einsum]"),
])
def test_a_letter_of_two_sizes_is_refused_as_tensorflow_refuses_it(equation, shapes, message):
    with pytest.raises(ValueError) as error:
        einsum(equation, *[np.ones(shape, "float32") for shape in shapes])
    assert type(error.value).__name__ == "InvalidArgumentError"
    assert str(error.value) == message
