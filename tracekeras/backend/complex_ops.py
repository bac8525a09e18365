"""Complex numbers: the complex Fourier transforms of ``tf.signal`` and ``tf.math.real``,
``imag`` and ``conj``.

What it owns, each as TensorFlow 2.21 computes it:

- ``fft``, ``fft2d``, ``fft3d`` and their inverses ``ifft``, ``ifft2d``, ``ifft3d``: the
  discrete Fourier transform of the last one, two or three axes of a complex64 or complex128
  tensor (the same dtype out; NumPy's ``fftn`` with the inverse scaled by ``1 / size``).
  Anything else is TensorFlow's InvalidArgumentError: a real tensor (the op takes only
  complex ones: FNet's ``tf.signal.fft2d(tf.cast(x, tf.complex64))`` casts first), or fewer
  axes than the transform needs. Their gradients are TensorFlow's: a transform's gradient
  is the inverse transform of the incoming gradient times ``size`` (the number of values
  transformed), an inverse's the transform divided by ``size``;
- ``complex(real, imag)``: a complex tensor from two float32 (or float64) ones, each
  getting its part of the gradient back;
- ``real(x)``, ``imag(x)``: the parts of a complex tensor (of a real one, the tensor itself
  and zeros); the gradient of a real loss through them comes back as ``complex(g, 0)`` and
  ``complex(0, g)``; ``conj(x)``, whose gradient is the conjugate of the incoming one.

For a complex value the gradient is ``dL/dRe + i dL/dIm``, TensorFlow's convention, which
``ops.cast`` keeps between real and complex dtypes (``tf.cast`` of a complex tensor to a
real dtype keeps the real part and passes ``complex(g, 0)`` back).

What it receives: Tensors or arrays. What it hands on: Tensors recorded on the active tapes.

Trace events: one ``backend`` instant per op at trace level ``full`` (``tape.record``).
"""
import numpy as np

from .dispatch import add_dispatch_support
from .op_errors import InvalidArgumentError
from .tape import record
from .tensor import convert

COMPLEX = (np.dtype(np.complex64), np.dtype(np.complex128))
COMPLEX_OF = {np.dtype(np.float32): np.complex64, np.dtype(np.float64): np.complex128}
REAL_PART = {np.dtype(np.complex64): np.float32, np.dtype(np.complex128): np.float64}
TF_NAMES = {"float32": "float", "float64": "double", "int32": "int32", "int64": "int64",
            "float16": "half"}


def kernel_error(op, message):
    return InvalidArgumentError(
        f"{{{{function_node __wrapped__{op}_device_/job:localhost/replica:0/task:0/device:CPU:0"
        f"}}}} {message} [Op:{op}] name: ")


def complex_input(x, op):
    """``x`` as a Tensor, checked to be complex (TensorFlow's message for any other dtype)."""
    x = convert(x)
    if x.value.dtype not in COMPLEX:
        name = TF_NAMES.get(x.value.dtype.name, x.value.dtype.name)
        raise InvalidArgumentError(
            f"Value for attr 'Tcomplex' of {name} is not in the list of allowed values: "
            f"complex64, complex128\n\t; NodeDef: {{{{node {op}}}}}; Op<name={op}; "
            f"signature=input:Tcomplex -> output:Tcomplex; attr=Tcomplex:type,"
            f"default=DT_COMPLEX64,allowed=[DT_COMPLEX64, DT_COMPLEX128]> [Op:{op}] name: ")
    return x


def transform(input, rank, inverse, op):
    """The (inverse) DFT of the last ``rank`` axes, with its gradient."""
    x = complex_input(input, op)
    xv = x.value
    if xv.ndim < rank:
        dims = ",".join(str(d) for d in xv.shape)
        raise kernel_error(op, f"Input must have rank of at least {rank} but got: [{dims}]")
    axes = tuple(range(-rank, 0))
    size = int(np.prod(xv.shape[-rank:])) if xv.size else 1
    forward = np.fft.ifftn if inverse else np.fft.fftn
    backward_fn = np.fft.fftn if inverse else np.fft.ifftn
    # fftn's scale is 1 for the transform and 1 / size for the inverse; each gradient is the
    # other direction scaled as TensorFlow scales it (times size, divided by size)
    scale = 1.0 / size if inverse else float(size)
    out = forward(xv, axes=axes).astype(xv.dtype)

    def backward(g, needs):
        return ((backward_fn(g, axes=axes) * scale).astype(xv.dtype),)
    return record(f"tf.signal.{op.lower()}", out, (x,), backward)


@add_dispatch_support("signal.fft")   # of a KerasTensor: a TFOpLambda layer
def fft(input, name=None):
    """``tf.signal.fft``: the DFT of the last axis."""
    return transform(input, 1, False, "FFT")


@add_dispatch_support("signal.ifft")
def ifft(input, name=None):
    return transform(input, 1, True, "IFFT")


@add_dispatch_support("signal.fft2d")
def fft2d(input, name=None):
    """``tf.signal.fft2d``: the DFT of the last two axes."""
    return transform(input, 2, False, "FFT2D")


@add_dispatch_support("signal.ifft2d")
def ifft2d(input, name=None):
    return transform(input, 2, True, "IFFT2D")


@add_dispatch_support("signal.fft3d")
def fft3d(input, name=None):
    return transform(input, 3, False, "FFT3D")


@add_dispatch_support("signal.ifft3d")
def ifft3d(input, name=None):
    return transform(input, 3, True, "IFFT3D")


@add_dispatch_support("dtypes.complex")
def complex(real, imag, name=None):
    """``tf.complex``: ``real + i imag`` from two float32 (complex64) or float64 (complex128)
    tensors; a real loss's gradient ``g`` comes back as ``real(g)`` and ``imag(g)``."""
    re, im = convert(real), convert(imag)
    for what, part in (("real", re), ("imag", im)):
        if part.value.dtype not in COMPLEX_OF:
            raise TypeError(f"Value passed to parameter '{what}' has DataType "
                            f"{part.value.dtype.name} not in list of allowed values: float32, "
                            "float64")
    if re.value.dtype != im.value.dtype:
        raise TypeError(f"Input 'imag' of 'Complex' Op has type {im.value.dtype.name} that does "
                        f"not match type {re.value.dtype.name} of argument 'real'.")
    out = (re.value + 1j * im.value).astype(COMPLEX_OF[re.value.dtype])

    def backward(g, needs):
        return (g.real.astype(re.value.dtype), g.imag.astype(im.value.dtype))
    return record("tf.complex", out, (re, im), backward)


@add_dispatch_support("math.real")
def real(input, name=None):
    """``tf.math.real``: the real part (a real tensor as it is)."""
    x = convert(input)
    if x.value.dtype not in COMPLEX:
        return x
    dtype = x.value.dtype
    return record("tf.math.real", x.value.real.astype(REAL_PART[dtype]), (x,),
                  lambda g, needs: (g.astype(dtype),))


@add_dispatch_support("math.imag")
def imag(input, name=None):
    """``tf.math.imag``: the imaginary part (zeros for a real tensor)."""
    x = convert(input)
    if x.value.dtype not in COMPLEX:
        return record("tf.math.imag", np.zeros_like(x.value), (), None)
    dtype = x.value.dtype
    return record("tf.math.imag", x.value.imag.astype(REAL_PART[dtype]), (x,),
                  lambda g, needs: ((1j * g).astype(dtype),))


@add_dispatch_support("math.conj")
def conj(x, name=None):
    """``tf.math.conj``: the complex conjugate (a real tensor as it is)."""
    x = convert(x)
    if x.value.dtype not in COMPLEX:
        return x
    return record("tf.math.conj", np.conj(x.value), (x,), lambda g, needs: (np.conj(g),))


__all__ = ["complex", "fft", "ifft", "fft2d", "ifft2d", "fft3d", "ifft3d", "real", "imag", "conj"]
