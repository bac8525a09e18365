"""TensorFlow's op dispatch (``tf.__internal__.dispatch``), for the ops that have it here.

What it owns: ``add_dispatch_support``, the decorator of an op that a library may take
over for arguments of its own types, and ``add_dispatcher``, how a library registers
one. TensorFlow's ops all have it; Keras registers a dispatcher for KerasTensors
(``keras.layers.core.tf_op_layer.KerasOpDispatcher``), so that ``tf.one_hot(inputs,
depth=...)`` on a model's symbolic input adds a ``TFOpLambda`` layer instead of failing.
Here only the ops decorated with it dispatch (``tf.one_hot``, ``tf.nn.relu``,
``tf.math.sigmoid``, ``tf.math.tanh``, ``tf.math.exp``, ``tf.math.square``, ``tf.math.abs``,
``tf.math.reduce_sum``, ``tf.math.reduce_mean``, ``tf.nn.depth_to_space``,
``tf.nn.space_to_depth``, ``tf.nn.softmax``, ``tf.matmul`` (``tf.linalg.matmul``, which
``K.dot`` calls too), ``tf.expand_dims``, ``tf.squeeze`` (through its v1 op,
``tf.compat.v1.squeeze``), ``tf.math.l2_normalize``: also what
``keras.activations.relu``, ``sigmoid``, ``tanh`` and ``K.exp``, ``K.square``, ``K.sum``,
``K.mean`` run, so those make a TFOpLambda named after the op, as in Keras);
the others refuse a KerasTensor with Keras's TypeError, as TensorFlow's non-dispatching
APIs do.

What it receives: the op's arguments. What it hands on: the dispatcher's result, or the
op's own when no dispatcher takes the call. No trace events (the layer a dispatcher makes
traces its own call).
"""
import functools

DISPATCHERS = []


def add_dispatcher(dispatcher):
    """Register ``dispatcher(op_name, op, args, kwargs)``: its result, or
    ``NotImplemented`` to leave the call to the op."""
    if dispatcher not in DISPATCHERS:
        DISPATCHERS.append(dispatcher)


def add_dispatch_support(op_name):
    """The op, called under ``op_name`` (its name under ``tf.``) by the dispatchers."""
    def decorate(op):
        @functools.wraps(op)
        def dispatching(*args, **kwargs):
            for dispatcher in DISPATCHERS:
                result = dispatcher(op_name, op, args, kwargs)
                if result is not NotImplemented:
                    return result
            return op(*args, **kwargs)
        dispatching.op_name = op_name
        dispatching.undispatched = op
        return dispatching
    return decorate
