"""What a graph knows of a tensor's shape where it knows less than the value shows.

In TensorFlow a tensor of a graph (the scratch graph of a symbolic call, the graph
``fit`` traces) has a static shape that may leave an axis unknown although each run fills
it: ``RandomWidth`` resizes to a width drawn at run time, so its output's width is None
(``tf_keras``'s ``set_shape``), and so is the width of every tensor computed from it. An
input spec is checked against that static shape: a functional model made for 32x32
pictures takes RandomWidth's output in a ``fit`` of the graph, and refuses the same
pictures in an eager call. tracekeras computes every tensor's value; the few tensors
whose static shape is less known than their value carry it here.

What it owns: the note of such a tensor's static shape (kept while the tensor lives).
What it receives: ``set_static_shape`` from a layer that makes such an output
(``RandomHeight``, ``RandomWidth``) or hands one on (``Layer.__call__``, from the
layer's shape rule). What it hands on: ``static_shape(tensor)``, the noted shape or the
value's, and ``has_static_shape``. The engine notes shapes only where TensorFlow has a
graph: a call on placeholders, or a function TensorFlow runs as a graph
(``in_a_function``: a non-eager train, test or predict function, a ``tf.function``, a
``tf.data`` function). No trace events.
"""
import weakref

from . import graph_capture, random

NOTED = {}   # id(tensor) -> (weak reference to the tensor, its static shape)


def set_static_shape(tensor, shape):
    """Note ``shape`` (a tuple, None for an unknown axis) as ``tensor``'s static shape."""
    key = id(tensor)
    NOTED[key] = (weakref.ref(tensor, lambda _, key=key: NOTED.pop(key, None)), tuple(shape))


def has_static_shape(tensor):
    noted = NOTED.get(id(tensor))
    return noted is not None and noted[0]() is tensor


def static_shape(tensor):
    """The static shape noted for ``tensor``, else the shape of its value."""
    noted = NOTED.get(id(tensor))
    if noted is not None and noted[0]() is tensor:
        return noted[1]
    return tuple(tensor.shape)


def in_a_function():
    """Is a function TensorFlow would run as a graph running: a train, test or predict
    function that does not run eagerly, a ``tf.function``, a ``tf.data`` function?"""
    return graph_capture.current() is not None or bool(random.DATASET_FUNCTIONS)
