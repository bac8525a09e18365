"""The ``tensorflow`` logger, set up as importing TensorFlow sets it up.

tf_keras and TensorFlow log their warnings through the Python logger named
``tensorflow`` (``tf.get_logger()``), to which TensorFlow gives a handler of its own: a
warning reaches stderr as ``WARNING:tensorflow:<message>``. tracekeras's engine logs the
same warnings through the same logger (``logging.getLogger("tensorflow")``), so
``install`` gives it the same handler once, when the backend is imported: without it
Python's last-resort handler would print the bare message.

The handler writes to whatever ``sys.stderr`` is when a record comes (a test's capture,
a redirected stream), and records still reach the root logger's handlers, as with
TensorFlow's. No trace events.
"""
import logging
import sys

FORMAT = logging.BASIC_FORMAT     # "%(levelname)s:%(name)s:%(message)s", TensorFlow's


class StderrHandler(logging.StreamHandler):
    """A stream handler on the current ``sys.stderr``."""

    def __init__(self):
        logging.Handler.__init__(self)
        self.setFormatter(logging.Formatter(FORMAT))

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value):   # the stream is always sys.stderr's current one
        pass


def install():
    """Give the ``tensorflow`` logger TensorFlow's handler, unless it has a handler already."""
    logger = logging.getLogger("tensorflow")
    if not logger.handlers:
        logger.addHandler(StderrHandler())
    return logger
