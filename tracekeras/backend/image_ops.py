"""``tf.image.resize`` as a script calls it (the book's interpolation of VAE codings).

What it owns: ``resize(images, size, method="bilinear")`` for a 3-D ``(h, w, c)`` or 4-D
``(n, h, w, c)`` tensor, TensorFlow 2's kernels (``tracekeras.utils.image_ops``: bilinear,
nearest, bicubic and area, half-pixel centres; float32 out except for nearest). Its
gradient is not implemented: asking for one ends in the one-line "does not implement"
error, never a silent zero. ``preserve_aspect_ratio`` and ``antialias`` are refused the same
way.

What it receives: Tensors or arrays. What it hands on: a Tensor. No trace events of its
own (the ``tf.image.resize`` op at trace level ``full``).
"""
from tracekeras.utils import image_ops

from .tape import record
from .tensor import convert


def not_implemented(what):
    from tracekeras.shim.errors import PACKAGE, OperationNotImplementedByTracekeras, caller
    return OperationNotImplementedByTracekeras(
        f"tracekeras does not implement {what} (used by {caller(PACKAGE)})")


def resize(images, size, method="bilinear", preserve_aspect_ratio=False, antialias=False,
           name=None):
    if preserve_aspect_ratio or antialias:
        raise not_implemented("tf.image.resize with preserve_aspect_ratio or antialias")
    x = convert(images)
    out = image_ops.resize(x.value, [int(d) for d in convert(size).value], method=str(method))

    def backward(g, needs):
        raise not_implemented("the gradient of tf.image.resize")
    return record("tf.image.resize", out, (x,), backward)
