"""``tf.einsum``: a sum of products named by index letters, with its backward rule.

What it owns: ``einsum(equation, *inputs)`` for equations of letters
(``"bij,ijkl->bkl"``; without ``->`` the output is the letters used once, in
alphabetical order, as NumPy and TensorFlow read it). The gradient of each input is
another einsum: the output's gradient times the other inputs, summed down to that
input's letters; a letter only that input has (summed away in the forward pass) is
broadcast back over its axis. An ellipsis or a letter repeated inside one input (a
diagonal) is refused with a clear error before anything is computed.

What it receives: an equation and Tensors (or arrays). What it hands on: a Tensor a
tape can follow. Trace events: a ``backend`` instant ``tf.einsum`` at level full.
"""
import numpy as np

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


def einsum(equation, *inputs, **kwargs):
    """``tf.einsum(equation, *inputs)``."""
    inputs = tuple(convert(x) for x in inputs)
    terms, out_term = parse(equation, len(inputs))
    values = [x.value for x in inputs]
    for term, value in zip(terms, values):
        if len(term) != value.ndim:
            raise ValueError(f"The equation {equation!r} gives an input {len(term)} axes "
                             f"({term!r}), but it has shape {value.shape}.")
    out = np.einsum(f"{','.join(terms)}->{out_term}", *values)

    def gradient(k, g):
        others = [i for i in range(len(terms)) if i != k]
        seen = out_term + "".join(terms[i] for i in others)
        kept = "".join(c for c in terms[k] if c in seen)
        spec = ",".join([out_term] + [terms[i] for i in others]) + "->" + kept
        grad = np.einsum(spec, g, *[values[i] for i in others])
        if kept != terms[k]:    # a letter only this input has: the same gradient all along it
            grad = np.expand_dims(grad, [terms[k].index(c) for c in terms[k] if c not in kept])
            grad = np.broadcast_to(grad, values[k].shape).copy()
        return grad.astype(values[k].dtype, copy=False)

    def backward(g, needs):
        return tuple(gradient(k, g) if need else None for k, need in enumerate(needs))
    return record("tf.einsum", np.asarray(out), inputs, backward)
