"""TensorFlow's ``tf.errors`` classes that the ops here raise beside ``InvalidArgumentError``
(``string_ops``): ``FailedPreconditionError`` and ``NotFoundError``. Each subclasses
``ValueError``, as tracekeras's ``InvalidArgumentError`` does, so a script's ``except
tf.errors.X`` and ``except ValueError`` both catch them. No trace events."""


class FailedPreconditionError(ValueError):
    """``tf.errors.FailedPreconditionError``: the op's state or input does not allow it to
    run (a sequence length past the time steps; a file name that is a folder)."""


class NotFoundError(ValueError):
    """``tf.errors.NotFoundError``: a file the op was asked to read does not exist."""
