"""TensorFlow's ``tf.errors`` classes that the ops here raise: ``InvalidArgumentError`` (a bad
argument or input), ``UnimplementedError`` (an op TensorFlow has no kernel for),
``FailedPreconditionError``, ``NotFoundError``, ``AlreadyExistsError`` (``tf.io.gfile``),
``OutOfRangeError`` (``tf.TensorArray``), ``UnknownError`` (an exception a
``tf.py_function`` raised), and their base ``OpError``. Each subclasses ``ValueError``
too, so a script's ``except tf.errors.X``, ``except tf.errors.OpError`` and
``except ValueError`` all catch them. No trace events."""


class OpError(ValueError):
    """``tf.errors.OpError``: the base of TensorFlow's op errors."""


class InvalidArgumentError(OpError):
    """``tf.errors.InvalidArgumentError``: an argument or input the op refuses."""


class UnimplementedError(OpError):
    """``tf.errors.UnimplementedError``: an op TensorFlow has no kernel for."""


class FailedPreconditionError(OpError):
    """``tf.errors.FailedPreconditionError``: the op's state or input does not allow it to
    run (a sequence length past the time steps; a file name that is a folder)."""


class NotFoundError(OpError):
    """``tf.errors.NotFoundError``: a file the op was asked to read does not exist."""


class AlreadyExistsError(OpError):
    """``tf.errors.AlreadyExistsError``: a target that is there already (a copy's)."""


class OutOfRangeError(OpError):
    """``tf.errors.OutOfRangeError``: an index past the end (a TensorArray's)."""


class UnknownError(OpError):
    """``tf.errors.UnknownError``: an error the runtime could not classify (an exception a
    ``tf.py_function``'s Python function raised)."""
