"""``tf.nn.depth_to_space`` and ``tf.nn.space_to_depth``, forward with backward.

What it owns: the two rearrangements of a ``(batch, height, width, depth)`` tensor by a
``block_size`` ``b`` (TensorFlow's ``NHWC`` layout), each the other's inverse and so each
the other's gradient (NumPy ``backward`` and the differentiable ``backward_ops`` alike):

- ``depth_to_space``: ``(n, h, w, b * b * c)`` to ``(n, h * b, w * b, c)``; output pixel
  ``(y * b + i, x * b + j)`` takes channels ``(i * b + j) * c`` to ``(i * b + j + 1) * c``
  of input pixel ``(y, x)`` (the "sub-pixel convolution" of ESPCN);
- ``space_to_depth``: the reverse, each ``b x b`` block of pixels stacked into channels.

Both have TensorFlow's op dispatch (``add_dispatch_support``): on a model's KerasTensor
they make a ``TFOpLambda`` layer named ``tf.nn.depth_to_space`` (``space_to_depth``), as in
Keras. Bad arguments raise TensorFlow's ``InvalidArgumentError`` with its eager messages
(a block size under 2, a rank other than 4, a depth or a size that the block does not
divide); a ``data_format`` other than ``NHWC`` is not implemented.

What it receives: a Tensor or array of rank 4 and an int ``block_size``.
What it hands on: a Tensor recorded on the active tapes.
Trace events: one ``backend`` instant per op at trace level ``full`` (``tape.record``).
"""
import numpy as np

from .dispatch import add_dispatch_support
from .string_ops import InvalidArgumentError
from .tape import record
from .tensor import convert

OP_DEF = ('Op<name={op}; signature=input:T -> output:T; attr=T:type; attr=block_size:int,'
          'min=2; attr=data_format:string,default="NHWC",allowed=["NHWC", "NCHW", '
          '"NCHW_VECT_C"]>')


def eager_error(op, message):
    """TensorFlow's eager kernel error, worded as it words it."""
    return InvalidArgumentError(
        f"{{{{function_node __wrapped__{op}_device_/job:localhost/replica:0/task:0/device:CPU:0"
        f"}}}} {message} [Op:{op}] name: ")


def checked(op, input, block_size, data_format):
    """The input as a Tensor and the block size, refused as TensorFlow refuses them."""
    if data_format != "NHWC":
        from tracekeras.shim.errors import PACKAGE, OperationNotImplementedByTracekeras, caller
        name = "depth_to_space" if op == "DepthToSpace" else "space_to_depth"
        raise OperationNotImplementedByTracekeras(
            f"tracekeras does not implement tf.nn.{name} with data_format={data_format!r} "
            f"(used by {caller(PACKAGE)})")
    x = convert(input)
    block_size = int(block_size)
    if block_size < 2:
        raise InvalidArgumentError(
            f"Value for attr 'block_size' of {block_size} must be at least minimum 2\n\t; "
            f"NodeDef: {{{{node {op}}}}}; {OP_DEF.format(op=op)} [Op:{op}] name: ")
    if x.value.ndim != 4:
        between = ": " if op == "DepthToSpace" else " "
        raise eager_error(op, f"Input rank should be{between}4 instead of{between}"
                              f"{x.value.ndim}")
    return x, block_size


def to_space(xv, b):
    n, h, w, depth = xv.shape
    c = depth // (b * b)
    return xv.reshape(n, h, w, b, b, c).transpose(0, 1, 3, 2, 4, 5).reshape(n, h * b, w * b, c)


def to_depth(xv, b):
    n, h, w, c = xv.shape
    return xv.reshape(n, h // b, b, w // b, b, c).transpose(0, 1, 3, 2, 4, 5).reshape(
        n, h // b, w // b, b * b * c)


@add_dispatch_support("nn.depth_to_space")
def depth_to_space(input, block_size, data_format="NHWC", name=None):
    """``tf.nn.depth_to_space``: ``(n, h, w, b * b * c)`` to ``(n, h * b, w * b, c)``."""
    x, b = checked("DepthToSpace", input, block_size, data_format)
    depth = x.value.shape[-1]
    if depth % (b * b):
        raise eager_error("DepthToSpace", f"Input depth dimension {depth} should be divisible "
                                          f"by: {b * b}")
    return record("tf.nn.depth_to_space", to_space(x.value, b), (x,),
                  lambda g, needs: (to_depth(g, b),),
                  lambda g, needs, out: (space_to_depth.undispatched(g, b),))


@add_dispatch_support("nn.space_to_depth")
def space_to_depth(input, block_size, data_format="NHWC", name=None):
    """``tf.nn.space_to_depth``: ``(n, h * b, w * b, c)`` to ``(n, h, w, b * b * c)``."""
    x, b = checked("SpaceToDepth", input, block_size, data_format)
    _, height, width, _ = x.value.shape
    if height % b or width % b:
        raise eager_error("SpaceToDepth", f"Image width {width} and height {height} should be "
                                          f"divisible by block_size: {b}")
    return record("tf.nn.space_to_depth", np.ascontiguousarray(to_depth(x.value, b)), (x,),
                  lambda g, needs: (to_space(g, b),),
                  lambda g, needs, out: (depth_to_space.undispatched(g, b),))
