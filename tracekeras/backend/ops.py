"""Differentiable ops, each forward computation with its backward rule beside it.

Every op takes Tensors (or anything ``convert`` accepts), computes its result
with NumPy, and returns ``record(name, value, inputs, backward, backward_ops)``.
The backward rule gets the gradient of the output ``g`` and ``needs`` (which
inputs a tape follows) and returns one gradient per input (None where not
needed). ``backward`` computes with NumPy (the fast rule of a training step);
``backward_ops(g, needs, out)`` is the same rule written with these ops, so a
tape recording while a gradient is taken records it too (second derivatives,
see :mod:`tracekeras.backend.tape`). Names are the TensorFlow functions Keras
calls for the same step, so a ``full`` trace reads like Keras's graph.

The module is longer than 400 lines because it is the core set every layer uses
(arithmetic, products, reductions, reshapes), each op short and self-contained beside
its backward rule; the wider surface lives in the modules named after TensorFlow's own
(``math_ops``, ``array_ops``, ``nn_ops``, ``random`` ...).
"""
import logging

import numpy as np

from . import parallel
from .dispatch import add_dispatch_support
from .op_errors import InvalidArgumentError, UnimplementedError
from .tape import indexed_slices, record
from .tensor import Tensor, convert, default_dtype


def unbroadcast(g, shape):
    """Sum ``g`` down to ``shape``: the backward rule of NumPy broadcasting."""
    if g.shape == shape:
        return g
    extra = g.ndim - len(shape)
    if extra > 0:
        g = g.sum(axis=tuple(range(extra)))
    axes = tuple(i for i, d in enumerate(shape) if d == 1 and g.shape[i] != 1)
    return g.sum(axis=axes, keepdims=True) if axes else g


def unbroadcast_ops(g, shape):
    """``unbroadcast`` with the differentiable ``reduce_sum``: ``g`` summed down to ``shape``."""
    if g.shape == shape:
        return g
    extra = g.ndim - len(shape)
    if extra > 0:
        g = reduce_sum(g, axis=tuple(range(extra)))
    axes = tuple(i for i, d in enumerate(shape) if d == 1 and g.shape[i] != 1)
    return reduce_sum(g, axis=axes, keepdims=True) if axes else g


def maybe(need, make):
    """``make()`` where the input needs a gradient, else None."""
    return make() if need else None


def as_shape(shape):
    """A tuple of ints from a shape given as a list, a tuple or an int tensor (or ints in it)."""
    if isinstance(shape, Tensor):
        shape = shape.value
    if isinstance(shape, np.ndarray):
        return tuple(int(d) for d in shape.reshape(-1)) if shape.ndim else (int(shape),)
    if isinstance(shape, (list, tuple)):
        return tuple(-1 if d is None else int(d) for d in shape)
    return (int(shape),)


def bound(value):
    """A clip bound or similar as a NumPy value (Tensors give theirs)."""
    return value.value if isinstance(value, Tensor) else value


# what ``pair`` converts to the other side's dtype beside a tensor
CONVERTED = (int, float, str, bytes, np.ndarray, np.generic, list)


def pair(a, b, kernel=None):
    """Both operands as Tensors; a Python number takes the other side's dtype, on either
    side (``2 - x`` of an int64 ``x`` is int64, as ``x - 2`` is). A Python float does not
    fit an integer tensor, even a whole one: ``0.5 * x`` of an int64 ``x`` raises
    TensorFlow's ``TypeError`` (NumPy would truncate it to 0 silently). A NumPy array or
    scalar, or a list, converts to the tensor's dtype as well. Two tensors are never
    promoted: of different dtypes they are ``same_dtype``'s InvalidArgumentError of
    TensorFlow's ``kernel`` (``AddV2``, ``Mul`` ...)."""
    if isinstance(b, Tensor) and isinstance(a, CONVERTED) and not isinstance(a, bool):
        a = number_as(a, b.value.dtype)
    a = convert(a)
    b = convert(b) if isinstance(b, Tensor) else number_as(b, a.value.dtype)
    if kernel is not None:
        same_dtype(a, b, kernel)
    return a, b


def same_dtype(a, b, kernel, index=1):
    """TensorFlow's InvalidArgumentError for two tensors of different dtypes given to one
    kernel: the first input's dtype is the one input ``index`` was expected to have. (Equal
    dtypes, every op of a training step, are settled by one comparison.)"""
    if a.value.dtype != b.value.dtype and type_name(a.value.dtype) != type_name(b.value.dtype):
        raise InvalidArgumentError(
            f"cannot compute {kernel} as input #{index}(zero-based) was expected to be a "
            f"{type_name(a.value.dtype)} tensor but is a {type_name(b.value.dtype)} tensor "
            f"[Op:{kernel}] name: ")


def type_name(dtype):
    """TensorFlow's own name of a dtype in its op messages: ``float``, ``double``, ``string``."""
    name = "string" if np.dtype(dtype).kind in "OUS" else np.dtype(dtype).name
    return TF_TYPE_NAMES.get(name, name)


def number_as(value, dtype):
    """``value`` converted to ``dtype`` as TensorFlow converts an operand."""
    check_fits(value, dtype)
    return convert(value, dtype=dtype)


def check_fits(value, dtype):
    """A Python ``float`` going to an integer dtype is refused with TensorFlow's message."""
    if type(value) is float and np.dtype(dtype).kind in "iu":
        raise TypeError(f"Cannot convert {value!r} to EagerTensor of dtype "
                        f"{np.dtype(dtype).name}")


def python_float_beside_integers(a, b):
    """True for an integer Tensor ``a`` with a Python float ``b``, which ``tf.add`` and
    ``tf.math.truediv`` convert on its own (to float32) rather than to ``a``'s dtype
    (the operators ``+`` and ``/`` with the float on the left convert it to ``a``'s
    dtype first, and so raise ``number_as``'s ``TypeError``)."""
    return (isinstance(a, Tensor) and type(b) is float
            and a.value.dtype.kind in "iu")


def on_its_own(value):
    """An operand converted without looking at the other one: a Python float is float32."""
    return convert(value, dtype=np.float32) if type(value) is float else convert(value)


# -- arithmetic ------------------------------------------------------------

def add(a, b):
    if python_float_beside_integers(a, b) or python_float_beside_integers(b, a):
        same_dtype(on_its_own(a), on_its_own(b), "AddV2")
    a, b = pair(a, b, "AddV2")

    def backward(g, needs):
        return (unbroadcast(g, a.shape) if needs[0] else None,
                unbroadcast(g, b.shape) if needs[1] else None)

    def backward_ops(g, needs, out):
        return (maybe(needs[0], lambda: unbroadcast_ops(g, a.shape)),
                maybe(needs[1], lambda: unbroadcast_ops(g, b.shape)))
    if a.value.dtype == object or b.value.dtype == object:   # string tensors: joined bytes
        joined = np.frompyfunc(lambda x, y: as_bytes(x) + as_bytes(y), 2, 1)(a.value, b.value)
        return record("tf.math.add", np.asarray(joined, dtype=object), (a, b), backward,
                      backward_ops)
    return record("tf.math.add", a.value + b.value, (a, b), backward, backward_ops)


def as_bytes(value):
    """A string tensor's element as bytes (a Python ``str`` in UTF-8, as TensorFlow keeps it)."""
    return value.encode("utf-8") if isinstance(value, str) else value


def subtract(a, b):
    a, b = pair(a, b, "Sub")

    def backward(g, needs):
        return (unbroadcast(g, a.shape) if needs[0] else None,
                unbroadcast(-g, b.shape) if needs[1] else None)

    def backward_ops(g, needs, out):
        return (maybe(needs[0], lambda: unbroadcast_ops(g, a.shape)),
                maybe(needs[1], lambda: unbroadcast_ops(negative(g), b.shape)))
    return record("tf.math.subtract", a.value - b.value, (a, b), backward, backward_ops)


def multiply(a, b):
    a, b = pair(a, b, "Mul")
    av, bv = a.value, b.value

    def backward(g, needs):
        return (unbroadcast(g * bv, av.shape) if needs[0] else None,
                unbroadcast(g * av, bv.shape) if needs[1] else None)

    def backward_ops(g, needs, out):
        return (maybe(needs[0], lambda: unbroadcast_ops(multiply(g, b), av.shape)),
                maybe(needs[1], lambda: unbroadcast_ops(multiply(g, a), bv.shape)))
    return record("tf.math.multiply", av * bv, (a, b), backward, backward_ops)


def divide(a, b):
    # ``tf.math.truediv`` checks the dtypes before its kernel
    a, b = (on_its_own(a), on_its_own(b)) if python_float_beside_integers(a, b) else pair(a, b)
    if a.value.dtype != b.value.dtype:
        raise TypeError(f"`x` and `y` must have the same dtype, got tf.{a.value.dtype.name} "
                        f"!= tf.{b.value.dtype.name}.")
    av, bv = a.value, b.value
    out = av / bv

    def backward(g, needs):
        return (unbroadcast(g / bv, av.shape) if needs[0] else None,
                unbroadcast(-g * out / bv, bv.shape) if needs[1] else None)

    def backward_ops(g, needs, out):
        return (maybe(needs[0], lambda: unbroadcast_ops(divide(g, b), av.shape)),
                maybe(needs[1], lambda: unbroadcast_ops(
                    negative(divide(multiply(g, out), b)), bv.shape)))
    return record("tf.math.truediv", out, (a, b), backward, backward_ops)


def negative(a):
    a = convert(a)
    return record("tf.math.negative", -a.value, (a,), lambda g, needs: (-g,),
                  lambda g, needs, out: (negative(g),))


@add_dispatch_support("math.square")
def square(a):
    a = convert(a)
    av = a.value
    return record("tf.math.square", av * av, (a,), lambda g, needs: (g * 2 * av,),
                  lambda g, needs, out: (multiply(g, multiply(a, 2)),))


def sqrt(a):
    a = convert(a)
    out = np.sqrt(a.value)
    return record("tf.math.sqrt", out, (a,), lambda g, needs: (g / (2 * out),),
                  lambda g, needs, out: (divide(g, multiply(out, 2)),))


@add_dispatch_support("math.exp")
def exp(a):
    a = convert(a)
    out = np.exp(a.value)
    return record("tf.math.exp", out, (a,), lambda g, needs: (g * out,),
                  lambda g, needs, out: (multiply(g, out),))


def log(a):
    a = convert(a)
    av = a.value
    return record("tf.math.log", np.log(av), (a,), lambda g, needs: (g / av,),
                  lambda g, needs, out: (divide(g, a),))


@add_dispatch_support("math.abs")   # of a KerasTensor: a TFOpLambda layer
def abs(a):  # noqa: A001 - the TensorFlow name
    a = convert(a)
    av = a.value
    return record("tf.math.abs", np.abs(av), (a,), lambda g, needs: (g * np.sign(av),),
                  lambda g, needs, out: (multiply(g, np.sign(av)),))


def maximum(a, b):
    a, b = pair(a, b, "Maximum")
    av, bv = a.value, b.value
    pick_a = av >= bv

    def backward(g, needs):
        return (unbroadcast(np.where(pick_a, g, 0), av.shape) if needs[0] else None,
                unbroadcast(np.where(pick_a, 0, g), bv.shape) if needs[1] else None)
    return record("tf.math.maximum", np.maximum(av, bv), (a, b), backward, pick_ops(pick_a, av, bv))


def minimum(a, b):
    a, b = pair(a, b, "Minimum")
    av, bv = a.value, b.value
    pick_a = av <= bv

    def backward(g, needs):
        return (unbroadcast(np.where(pick_a, g, 0), av.shape) if needs[0] else None,
                unbroadcast(np.where(pick_a, 0, g), bv.shape) if needs[1] else None)
    return record("tf.math.minimum", np.minimum(av, bv), (a, b), backward, pick_ops(pick_a, av, bv))


def pick_ops(pick_a, av, bv):
    """The differentiable backward of an op that passes ``a`` where ``pick_a``, else ``b``."""
    def backward_ops(g, needs, out):
        zeros = np.zeros(g.shape, g.dtype)
        return (maybe(needs[0], lambda: unbroadcast_ops(where(pick_a, g, zeros), av.shape)),
                maybe(needs[1], lambda: unbroadcast_ops(where(pick_a, zeros, g), bv.shape)))
    return backward_ops


def clip_by_value(t, clip_value_min, clip_value_max, name=None):
    a = convert(t)
    av = a.value
    low, high = bound(clip_value_min), bound(clip_value_max)
    inside = (av >= low) & (av <= high)
    return record("tf.clip_by_value", np.clip(av, low, high).astype(av.dtype, copy=False), (a,),
                  lambda g, needs: (np.where(inside, g, 0).astype(g.dtype, copy=False),),
                  lambda g, needs, out: (where(inside, g, np.zeros(g.shape, g.dtype)),))


TF_TYPE_NAMES = {"float32": "float", "float64": "double", "float16": "half"}


@add_dispatch_support("cast")   # of a KerasTensor: a TFOpLambda layer
def cast(a, dtype):
    if hasattr(a, "with_values"):   # a SparseTensor: its values cast, its indices kept
        return a.with_values(cast(a.values, dtype))
    a = convert(a)
    src = a.value.dtype
    if src.kind in "OSU" and np.dtype(dtype).kind not in "OSU":   # strings stay strings
        for item in (a.value.flat if src.kind == "O" else ()):
            if not isinstance(item, (str, bytes)):   # None: no tensor at all in TensorFlow
                raise ValueError(f"Attempt to convert a value ({item!r}) with an unsupported "
                                 f"type ({type(item)}) to a Tensor.")
        name = np.dtype(dtype).name
        raise UnimplementedError(f"Cast string to {TF_TYPE_NAMES.get(name, name)} is not "
                                 "supported")
    value = a.value
    if src.kind == "c" and np.dtype(dtype).kind != "c":
        value = value.real   # TensorFlow keeps the real part (NumPy would warn, then do so)
    if src.kind == "c" and np.dtype(dtype).kind == "f":
        # and says so when the target is floating (not for integers or bools): at every
        # call here, as TensorFlow does eagerly (a tf.function says it once a trace)
        logging.getLogger("tensorflow").warning(
            f"You are casting an input of type {src.name} to an incompatible dtype "
            f"{np.dtype(dtype).name}.  This will discard the imaginary part and may not be "
            "what you intended.")
    out = value.astype(dtype)
    # As TensorFlow's cast gradient: only a cast between float and complex dtypes passes a
    # gradient back (complex -> real: complex(g, 0); real -> complex: the real part of g).
    floating = src.kind in "fc" and out.dtype.kind in "fc"

    def to_source(g):
        return (g.real if np.iscomplexobj(g) and src.kind != "c" else g).astype(src)
    return record("tf.cast", out, (a,),
                  lambda g, needs: (to_source(g) if floating else None,),
                  lambda g, needs, out: (cast(g, src) if floating else None,))


def stop_gradient(a):
    return Tensor(convert(a).value)


# -- linear algebra ----------------------------------------------------------

def matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False,
           name=None):
    """a @ b; either side may have leading batch dimensions (broadcast as NumPy does).
    ``transpose_a``/``transpose_b`` (``adjoint_*``: the same for real numbers) multiply by
    the matrix with its last two axes swapped, as ``tf.linalg.matmul`` does.

    The 2-D kernel of a Dense layer (the hot path) takes the direct route:
    dA = g @ B.T and dB = A.T @ g with A's batch axes folded into its rows (a sequence's or
    an image's many rows: ``parallel.rows_product_sum``, in fixed chunks that threads share).
    """
    if transpose_a or transpose_b or adjoint_a or adjoint_b:
        return transposed_matmul(a, b, bool(transpose_a or adjoint_a),
                                 bool(transpose_b or adjoint_b))
    a, b = matmul_operands(a, b)
    av, bv = a.value, b.value

    def backward(g, needs):
        if bv.ndim == 2:
            ga = product(g, bv.T) if needs[0] else None
            gb = None
            if needs[1]:
                a2, g2 = av.reshape(-1, av.shape[-1]), g.reshape(-1, g.shape[-1])
                gb = (product(a2.T, g2) if av.ndim == 2 or av.dtype == np.float16
                      else parallel.rows_product_sum(a2, g2))
            return ga, gb
        ga = unbroadcast(product(g, np.swapaxes(bv, -1, -2)), av.shape) if needs[0] else None
        gb = unbroadcast(product(np.swapaxes(av, -1, -2), g), bv.shape) if needs[1] else None
        return ga, gb

    def backward_ops(g, needs, out):
        return (maybe(needs[0], lambda: unbroadcast_ops(matmul(g, matrix_transpose(b)),
                                                        av.shape)),
                maybe(needs[1], lambda: unbroadcast_ops(matmul(matrix_transpose(a), g),
                                                        bv.shape)))

    try:
        value = product(av, bv)
    except ValueError:   # TensorFlow's error for matrices whose inner sizes differ
        if av.ndim < 2 or bv.ndim < 2:
            raise
        raise matmul_mismatch(av.shape, bv.shape) from None
    return record("tf.linalg.matmul", value, (a, b), backward, backward_ops)


def matmul_operands(a, b):
    """``matmul``'s operands as Tensors of one dtype: a NumPy array beside a tensor takes its
    dtype; two tensors of different dtypes are the InvalidArgumentError of TensorFlow's
    ``MatMul`` kernel (``BatchMatMulV2`` past two dimensions)."""
    a, b = pair(a, b)
    same_dtype(a, b, "MatMul" if a.value.ndim <= 2 and b.value.ndim <= 2 else "BatchMatMulV2")
    return a, b


def product(x, y):
    """``x @ y`` of NumPy arrays; two float16 matrices are multiplied in float32 and the
    product rounded to float16 once, as TensorFlow's CPU kernel accumulates half products in
    float32 (NumPy has no float16 BLAS: its own float16 product is about 50x slower)."""
    if x.dtype == np.float16 and y.dtype == np.float16:
        return np.matmul(x.astype(np.float32), y.astype(np.float32)).astype(np.float16)
    if x.ndim == 3 and y.ndim == 2 and x.dtype == y.dtype and x.shape[-1] == y.shape[0] \
            and parallel.allowed() > 1:
        # a stack of matrices times one (a sequence layer's projection, its input gradient):
        # the stack's matrices shared out among ``parallel``'s threads, each the same BLAS
        # call as in one piece (the same bits)
        out = np.empty((x.shape[0], x.shape[1], y.shape[1]), dtype=x.dtype)
        parallel.split(lambda part: np.matmul(x[part], y, out=out[part]),
                       parallel.parts(x.shape[0], out.nbytes + x.nbytes))
        return out
    return x @ y


# a script's ``tf.matmul`` and ``tf.linalg.matmul``: the op with TensorFlow's dispatch, so a
# KerasTensor makes a TFOpLambda layer (the engine's own products, a Dense kernel's, skip
# the check)
linalg_matmul = add_dispatch_support("linalg.matmul")(matmul)


def matmul_mismatch(a_shape, b_shape):
    """The ``InvalidArgumentError`` TensorFlow's MatMul (2-D) or BatchMatMulV2 kernel raises
    when the columns of ``a`` are not the rows of ``b``."""
    def listed(shape):
        return "[" + ",".join(str(n) for n in shape) + "]"
    if len(a_shape) == 2 and len(b_shape) == 2:
        return InvalidArgumentError(f"Matrix size-incompatible: In[0]: {listed(a_shape)}, "
                                    f"In[1]: {listed(b_shape)} [Op:MatMul] name: ")
    return InvalidArgumentError(   # "0 0": neither side adjointed
        f"Matrix size-incompatible: In[0]: {listed(a_shape)}, In[1]: {listed(b_shape)} 0 0 "
        "[Op:BatchMatMulV2] name: ")


def transposed_matmul(a, b, transpose_a, transpose_b):
    """``tf.linalg.matmul(a, b, transpose_a=..., transpose_b=...)``: one op, op(a) @ op(b).
    With C = op(A) op(B), the gradient of op(A) is g op(B)^T and of op(B) op(A)^T g; a
    transposed side takes the transpose of its gradient."""
    a, b = matmul_operands(a, b)

    def side(v, flag):
        return np.swapaxes(v, -1, -2) if flag else v
    at, bt = side(a.value, transpose_a), side(b.value, transpose_b)

    def backward(g, needs):
        ga = side(unbroadcast(product(g, np.swapaxes(bt, -1, -2)), at.shape), transpose_a) \
            if needs[0] else None
        gb = side(unbroadcast(product(np.swapaxes(at, -1, -2), g), bt.shape), transpose_b) \
            if needs[1] else None
        return ga, gb

    def backward_ops(g, needs, out):
        def grad_a():
            if transpose_a:     # (g op(B)^T)^T = op(B) g^T
                return matmul(b, g, transpose_a=transpose_b, transpose_b=True)
            return matmul(g, b, transpose_b=not transpose_b)

        def grad_b():
            if transpose_b:     # (op(A)^T g)^T = g^T op(A)
                return matmul(g, a, transpose_a=True, transpose_b=transpose_a)
            return matmul(a, g, transpose_a=not transpose_a)
        return (maybe(needs[0], lambda: unbroadcast_ops(grad_a(), a.value.shape)),
                maybe(needs[1], lambda: unbroadcast_ops(grad_b(), b.value.shape)))

    return record("tf.linalg.matmul", product(at, bt), (a, b), backward, backward_ops)


def matrix_transpose(a):
    """``tf.linalg.matrix_transpose``: the last two axes swapped."""
    a = convert(a)
    return record("tf.linalg.matrix_transpose", np.swapaxes(a.value, -1, -2), (a,),
                  lambda g, needs: (np.swapaxes(g, -1, -2),),
                  lambda g, needs, out: (matrix_transpose(g),))


def bias_add(x, bias, overwrite=False):
    """``tf.nn.bias_add``. ``overwrite=True``: the caller hands over ``x``'s array, which no
    one reads again (a layer's own intermediate result), and the sum is written into it
    when it has the sum's dtype: the same numbers without a fresh array (speed: 0.8 ms
    less for the MNIST convnet's first convolution, whose output is 11 MB)."""
    x, bias = convert(x), convert(bias)

    def backward(g, needs):
        return (g if needs[0] else None,
                column_sums(g.reshape(-1, g.shape[-1])) if needs[1] else None)

    def backward_ops(g, needs, out):
        return g if needs[0] else None, maybe(needs[1], lambda: unbroadcast_ops(g, bias.shape))

    xv, bv = x.value, bias.value
    if np.broadcast_shapes(np.shape(xv), np.shape(bv)) != np.shape(xv):
        return record("tf.nn.bias_add", xv + bv, (x, bias), backward, backward_ops)
    x2, b2 = wide_rows(xv, bv)
    if overwrite and np.result_type(xv, bv) == xv.dtype and xv.flags.writeable:
        out2 = x2
    else:
        out2 = np.empty(np.shape(x2), dtype=np.result_type(xv, bv))
    if np.ndim(x2) == 2:
        parallel.rows(lambda part: np.add(x2[part], b2, out=out2[part]), len(x2), x2.nbytes)
    else:
        np.add(x2, b2, out=out2)
    return record("tf.nn.bias_add", out2.reshape(np.shape(xv)), (x, bias), backward,
                  backward_ops)


def wide_rows(x, row, most=1 << 15):
    """``(x2, row2)``: ``x`` ``(batch, *spatial, c)`` seen as rows of up to ``most`` values
    (its trailing spatial axes folded into the channels) and the ``(c,)`` ``row`` repeated to
    match, so ``x2 op row2`` is ``x op row`` element for element (and its rows can be
    shared out among ``parallel``'s threads). Speed: NumPy runs an op
    against a short row ``c`` values at a time; along whole rows it is 3x faster (the bias
    of the MNIST convnet's first convolution, 128 x 26 x 26 x 32: 0.28 ms instead of 0.94).
    ``x`` and ``row`` as they are when there is nothing to fold."""
    if (x.ndim < 3 or np.ndim(row) != 1 or x.shape[-1] != np.shape(row)[0]
            or not x.flags.c_contiguous):
        return x, row
    fold = 1
    for n in reversed(x.shape[1:-1]):
        if fold * n * x.shape[-1] > most:
            break
        fold *= n
    if fold == 1:
        return x, row
    return x.reshape(-1, fold * x.shape[-1]), np.tile(row, fold)


def column_sums(rows, width=2048):
    """``rows.sum(axis=0)`` of a ``(m, c)`` array. Speed: NumPy sums a narrow array ``c``
    values at a time; the rows are first folded ``k`` at a time into rows of about ``width``
    values (``(m // k, k * c)``), summed, and the ``k`` partial sums added (6x faster for a
    convolution's 86528 x 32 gradient, and no less accurate)."""
    m, c = rows.shape
    k = width // c
    if k < 2 or m * c < 1 << 16:
        return rows.sum(axis=0)
    q = m // k * k
    total = rows[:q].reshape(-1, k * c).sum(axis=0).reshape(k, c).sum(axis=0)
    return total + rows[q:].sum(axis=0) if q < m else total


# -- reductions and shapes ---------------------------------------------------


def norm_axis(axis, ndim):
    if axis is None:
        return tuple(range(ndim))
    axes = axis if isinstance(axis, (tuple, list)) else (axis,)
    return tuple(a % ndim for a in axes)


@add_dispatch_support("math.reduce_sum")
def reduce_sum(a, axis=None, keepdims=False):
    a = convert(a)
    av = a.value
    axes = norm_axis(axis, av.ndim)

    def backward(g, needs):
        if not keepdims and g.ndim:  # a 0-d gradient (a full reduction) broadcasts as it is
            g = np.expand_dims(g, axes)
        return (np.broadcast_to(g, av.shape),)

    def backward_ops(g, needs, out):
        return (spread(g, axes, av.shape, keepdims),)

    # an integer sum keeps its dtype, wrapping as TensorFlow's does (NumPy's would widen an
    # int32 or uint8 sum to 64 bits)
    total = av.sum(axis=axes, keepdims=keepdims, dtype=av.dtype if av.dtype.kind in "iu" else None)
    return record("tf.math.reduce_sum", total, (a,), backward, backward_ops)


def spread(g, axes, shape, keepdims):
    """A reduction's output gradient (a Tensor) broadcast back over the reduced axes."""
    if not keepdims:
        g = reshape(g, [1 if i in axes else d for i, d in enumerate(shape)])
    return broadcast_to(g, shape)


@add_dispatch_support("math.reduce_mean")
def reduce_mean(a, axis=None, keepdims=False):
    a = convert(a)
    av = a.value
    axes = norm_axis(axis, av.ndim)
    count = int(np.prod([av.shape[i] for i in axes])) if axes else 1

    def backward(g, needs):
        if not keepdims and g.ndim:
            g = np.expand_dims(g, axes)
        return (np.broadcast_to(g / np.asarray(count, dtype=g.dtype), av.shape),)

    def backward_ops(g, needs, out):
        return (spread(divide(g, np.asarray(count, dtype=g.dtype)), axes, av.shape, keepdims),)

    return record("tf.math.reduce_mean", av.mean(axis=axes, keepdims=keepdims, dtype=av.dtype),
                  (a,), backward, backward_ops)


def broadcast_to(input, shape, name=None):
    """``tf.broadcast_to``: ``input`` repeated along the axes it broadcasts over."""
    x = convert(input)
    xv = x.value
    return record("tf.broadcast_to", np.broadcast_to(xv, as_shape(shape)).copy(), (x,),
                  lambda g, needs: (unbroadcast(g, xv.shape),),
                  lambda g, needs, out: (unbroadcast_ops(g, xv.shape),))


class ReshapeError(InvalidArgumentError):
    """TensorFlow's refusal of a reshape whose sizes disagree. It keeps the sizes: ``values``
    in the tensor and ``requested`` by a shape with no -1 (None with a -1), so a call on
    placeholders can learn the batch the reshape asks for (see ``base_layer``)."""
    values = requested = multiple = None


def reshape_error(values, shape):
    free = [axis for axis, d in enumerate(shape) if d == -1]
    known = int(np.prod([d for d in shape if d != -1], dtype=np.int64))
    if len(free) > 1:
        what = f"Only one input size may be -1, not both {free[0]} and {free[1]}"
    elif free:
        what = (f"Input to reshape is a tensor with {values} values, but the requested shape "
                f"requires a multiple of {known}")
    else:
        what = (f"Input to reshape is a tensor with {values} values, but the requested shape "
                f"has {known}")
    error = ReshapeError(f"{what} [Op:Reshape]")
    error.values = values
    if len(free) < 2:
        error.requested, error.multiple = (None, known) if free else (known, None)
    return error


def reshape(a, shape, name=None):
    if type(a).__name__ == "RaggedTensor":   # TF's ragged dispatch: its values, row-major
        a = a.flat_values
    a = convert(a)
    av = a.value
    shape = as_shape(shape)
    try:
        value = av.reshape(shape)
    except ValueError:
        if any(d < -1 for d in shape):
            raise
        raise reshape_error(av.size, shape) from None
    return record("tf.reshape", value, (a,),
                  lambda g, needs: (g.reshape(av.shape),),
                  lambda g, needs, out: (reshape(g, av.shape),))


def concatenate(tensors, axis=-1):
    """``tf.concat``: a Python list of numbers among the tensors takes the first tensor's
    dtype (else TensorFlow's default, int32 for ints and float32 for floats), as TensorFlow
    converts it; arrays and tensors keep theirs."""
    like = next((t.value.dtype for t in tensors if isinstance(t, Tensor)), None)
    tensors = [convert(t, dtype=like if like is not None else default_dtype(t))
               if is_python_numbers(t) else convert(t) for t in tensors]
    values = [t.value for t in tensors]
    axis = axis % values[0].ndim
    ends = np.cumsum([v.shape[axis] for v in values])
    parts = [(slice(None),) * axis + (slice(int(start), int(end)),)
             for start, end in zip(np.concatenate([[0], ends[:-1]]), ends)]
    return record("tf.concat", np.concatenate(values, axis=axis), tuple(tensors),
                  lambda g, needs: tuple(np.split(g, ends[:-1], axis=axis)),
                  lambda g, needs, out: tuple(getitem(g, part) for part in parts))


def is_python_numbers(value):
    """A Python number or (nested) list of numbers: what TensorFlow converts to a dtype."""
    if isinstance(value, (Tensor, np.ndarray, np.generic, str, bytes)):
        return False
    return np.asarray(value).dtype.kind in "iuf"


def getitem(a, index):
    a = convert(a)
    av = a.value
    index = tuple(bound(i) for i in index) if isinstance(index, tuple) else bound(index)

    def backward(g, needs):
        out = np.zeros_like(av)
        np.add.at(out, index, g)
        return (out,)
    out = av[index]
    if isinstance(out, bytes):
        out = np.asarray(out, dtype=object)   # one string: a 0-d array of its bytes, not bytes
    return record("tf.__operators__.getitem", out, (a,), backward,
                  lambda g, needs, out: (scatter(g, index, av.shape),))


def scatter(g, index, shape):
    """The gradient of ``x[index]``: ``g`` added into zeros of ``shape`` at ``index`` (repeated
    places add up); its own gradient takes ``[index]`` back."""
    g = convert(g)
    value = np.zeros(shape, g.dtype)
    np.add.at(value, index, g.value)
    return record("tf.scatter_nd", value, (g,), lambda gg, needs: (gg[index],),
                  lambda gg, needs, out: (getitem(gg, index),))


def gather(params, indices, validate_indices=None, axis=None, batch_dims=0, name=None):
    """tf.gather: the slices of ``params`` at ``indices`` along ``axis`` (0: Embedding's lookup)."""
    params = convert(params)
    pv = params.value
    idx = np.asarray(convert(indices).value).astype(np.int64)
    axis = 0 if axis is None else int(bound(axis)) % pv.ndim
    if batch_dims:
        from ..shim.errors import OperationNotImplementedByTracekeras, caller
        raise OperationNotImplementedByTracekeras(
            f"tracekeras does not implement tf.gather with batch_dims={batch_dims!r} (used by "
            f"{caller()})")
    outside = np.flatnonzero((idx < 0) | (idx >= pv.shape[axis]))
    if outside.size:      # TensorFlow's CPU kernel refuses them (NumPy would wrap negatives)
        at = ",".join(str(int(i)) for i in np.unravel_index(outside[0], idx.shape))
        raise InvalidArgumentError(f"indices[{at}] = {int(idx.reshape(-1)[outside[0]])} is "
                                   f"not in [0, {pv.shape[axis]}) [Op:GatherV2]")
    index = (slice(None),) * axis + (idx,)

    def backward(g, needs):   # from the first axis TensorFlow gives IndexedSlices
        out = np.zeros_like(pv)
        np.add.at(out, index, g)
        return (indexed_slices(out) if axis == 0 and not batch_dims else out,)

    return record("tf.gather", pv[index], (params,), backward,
                  lambda g, needs, out: (scatter(g, index, pv.shape),))


def where(condition, a=None, b=None, name=None):
    """tf.where: ``a`` where ``condition`` holds, else ``b``; alone, where it holds
    (coordinates)."""
    cond = np.asarray(convert(condition).value, dtype=bool)
    if a is None and b is None:
        return Tensor(np.argwhere(cond).astype(np.int64))
    if all(type(v) is int for v in (a, b)):   # tf.where(c, 0, 1) is int32, as TF's is
        a, b = convert(a, dtype=np.int32), convert(b, dtype=np.int32)
    a, b = pair(a, b)

    def backward(g, needs):
        return (
            unbroadcast(np.where(cond, g, 0), a.shape) if needs[0] else None,
            unbroadcast(np.where(cond, 0, g), b.shape) if needs[1] else None,
        )

    return record("tf.where", np.where(cond, a.value, b.value), (a, b), backward,
                  pick_ops(cond, a.value, b.value))
