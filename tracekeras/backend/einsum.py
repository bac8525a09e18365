"""``tf.einsum``: a sum of products named by index letters, with its backward rule.

What it owns: ``einsum(equation, *inputs)`` for equations of letters
(``"bij,ijkl->bkl"``; without ``->`` the output is the letters used once, in
alphabetical order, as NumPy and TensorFlow read it). The gradient of each input is
another einsum: the output's gradient times the other inputs, summed down to that
input's letters; a letter only that input has (summed away in the forward pass) is
broadcast back over its axis. An ellipsis or a letter repeated inside one input (a
diagonal) is refused with a clear error before anything is computed.

Two inputs (every einsum of EinsumDense and MultiHeadAttention, and their gradients)
run as one batched matmul on BLAS (``contract``: transpose to batch, kept and summed
axes, reshape, ``np.matmul``), which NumPy's own einsum does not call; inside the
training loops the stack of matrices is shared out over ``parallel``'s threads (the
attention's 64 products of an example and a head each). More inputs go to ``np.einsum``.

What it receives: an equation and Tensors (or arrays). What it hands on: a Tensor a
tape can follow. Trace events: a ``backend`` instant ``tf.einsum`` at level full.
"""
import functools

import numpy as np

from . import parallel
from .string_ops import InvalidArgumentError
from .tape import record
from .tensor import convert


def parse(equation, count):
    """(input letter strings, output letters) of an equation, checked."""
    equation = equation.replace(" ", "")
    lhs, arrow, rhs = equation.partition("->")
    terms = lhs.split(",")
    if "." in equation:
        raise NotImplementedError("tracekeras's tf.einsum has no ellipsis ('...') yet. "
                                  f"Received: equation={equation!r}")
    if len(terms) != count:
        raise ValueError(f"The equation {equation!r} names {len(terms)} inputs, but "
                         f"{count} were given.")
    for term in terms:
        if not term.isalpha() or len(set(term)) != len(term):
            raise NotImplementedError(
                "tracekeras's tf.einsum takes one distinct letter per axis of each input "
                f"(no diagonals). Received: equation={equation!r}")
    if not arrow:
        letters = "".join(terms)
        rhs = "".join(sorted(c for c in set(letters) if letters.count(c) == 1))
    return terms, rhs


@functools.lru_cache(maxsize=512)
def matmul_plan(a_term, b_term, out_term):
    """How ``a,b->out`` runs as one batched matmul (NumPy's einsum of two operands does
    not call BLAS): (letters summed away in a, in b; a's axes as batch + kept + summed,
    b's as batch + summed + kept; the product's letters), or None when a letter of the
    output is in neither input."""
    if any(c not in a_term and c not in b_term for c in out_term):
        return None
    a_only_sum = "".join(c for c in a_term if c not in b_term and c not in out_term)
    b_only_sum = "".join(c for c in b_term if c not in a_term and c not in out_term)
    a_term2 = "".join(c for c in a_term if c not in a_only_sum)
    b_term2 = "".join(c for c in b_term if c not in b_only_sum)
    batch = "".join(c for c in a_term2 if c in b_term2 and c in out_term)
    summed = "".join(c for c in a_term2 if c in b_term2 and c not in out_term)
    a_kept = "".join(c for c in a_term2 if c not in b_term2)
    b_kept = "".join(c for c in b_term2 if c not in a_term2)
    product = batch + a_kept + b_kept
    if sorted(product) != sorted(out_term):
        return None
    return (tuple(a_term.index(c) for c in a_only_sum), tuple(b_term.index(c) for c in b_only_sum),
            tuple(a_term2.index(c) for c in batch + a_kept + summed),
            tuple(b_term2.index(c) for c in batch + summed + b_kept),
            len(batch), len(a_kept), len(b_kept), tuple(product.index(c) for c in out_term))


def contract(a_term, b_term, out_term, a, b):
    """``np.einsum(f"{a_term},{b_term}->{out_term}", a, b)`` as a batched BLAS matmul; the
    operands are swapped when that gives the output's axis order with no transpose."""
    plan = matmul_plan(a_term, b_term, out_term)
    if plan is not None and plan[-1] != tuple(range(len(out_term))):
        swapped = matmul_plan(b_term, a_term, out_term)
        if swapped is not None and swapped[-1] == tuple(range(len(out_term))):
            plan, a, b = swapped, b, a
    if plan is None:
        return np.einsum(f"{a_term},{b_term}->{out_term}", a, b)
    a_sum, b_sum, a_order, b_order, n_batch, n_a, n_b, out_order = plan
    if a_sum:
        a = a.sum(axis=a_sum)
    if b_sum:
        b = b.sum(axis=b_sum)
    a = a.transpose(a_order)
    b = b.transpose(b_order)
    batch_shape = a.shape[:n_batch]
    a_kept_shape = a.shape[n_batch:n_batch + n_a]
    b_kept_shape = b.shape[b.ndim - n_b:]
    size = int(np.prod(batch_shape, dtype=np.int64))
    m = int(np.prod(a_kept_shape, dtype=np.int64))
    n = int(np.prod(b_kept_shape, dtype=np.int64))
    k = int(np.prod(a.shape[n_batch + n_a:], dtype=np.int64))
    out = matmul_stack(a.reshape(size, m, k), b.reshape(size, k, n))
    out = out.reshape(batch_shape + a_kept_shape + b_kept_shape)
    if out_order == tuple(range(out.ndim)):
        return out
    return np.ascontiguousarray(out.transpose(out_order))


def matmul_stack(a, b):
    """``np.matmul(a, b)`` of two stacks of matrices, the stack shared out over ``parallel``'s
    threads: NumPy multiplies a stack one matrix at a time, so each product is the same
    BLAS call on whichever thread, and the numbers do not depend on the split."""
    out = np.empty((a.shape[0], a.shape[1], b.shape[2]), np.result_type(a, b))

    def run(part):
        np.matmul(a[part], b[part], out=out[part])
    parallel.rows(run, a.shape[0], (a.size + b.size + out.size) * out.itemsize)
    return out


def product(terms, out_term, values):
    """The einsum of ``values``: two operands as one batched matmul, others as NumPy's."""
    if len(values) == 2:
        return contract(terms[0], terms[1], out_term, values[0], values[1])
    return np.einsum(f"{','.join(terms)}->{out_term}", *values)


def einsum(equation, *inputs, **kwargs):
    """``tf.einsum(equation, *inputs)``."""
    inputs = tuple(convert(x) for x in inputs)
    terms, out_term = parse(equation, len(inputs))
    values = [x.value for x in inputs]
    for term, value in zip(terms, values):
        if len(term) != value.ndim:
            raise ValueError(f"The equation {equation!r} gives an input {len(term)} axes "
                             f"({term!r}), but it has shape {value.shape}.")
    sizes = {}
    for term, value in zip(terms, values):
        for axis, (letter, size) in enumerate(zip(term, value.shape)):
            if sizes.setdefault(letter, size) != size:     # TensorFlow does not broadcast
                raise InvalidArgumentError(
                    f"Expected dimension {sizes[letter]} at axis {axis} of the input shaped "
                    f"[{','.join(map(str, value.shape))}] but got dimension {size} [Op:Einsum]")
    out = product(terms, out_term, values)

    def gradient(k, g):
        others = [i for i in range(len(terms)) if i != k]
        seen = out_term + "".join(terms[i] for i in others)
        kept = "".join(c for c in terms[k] if c in seen)
        grad = product([out_term] + [terms[i] for i in others], kept,
                       [g] + [values[i] for i in others])
        if kept != terms[k]:    # a letter only this input has: the same gradient all along it
            grad = np.expand_dims(grad, [terms[k].index(c) for c in terms[k] if c not in kept])
            grad = np.broadcast_to(grad, values[k].shape).copy()
        return grad.astype(values[k].dtype, copy=False)

    def backward(g, needs):
        return tuple(gradient(k, g) if need else None for k, need in enumerate(needs))
    return record("tf.einsum", np.asarray(out), inputs, backward)
