"""Which ``tf.distribute.Strategy`` is current, and in which context the code runs.

What it teaches: TensorFlow's ``distribute_lib`` keeps, per thread, a stack of
modes. Outside any ``strategy.scope()`` the default strategy is current and the code
is in its (default) replica context. ``with strategy.scope():`` pushes a
*cross-replica* mode: ``has_strategy()`` is True, ``get_strategy()`` is that strategy,
``get_replica_context()`` is None. ``strategy.run(fn)`` pushes a *replica* mode
around ``fn``: ``get_replica_context()`` is the replica's context and
``in_cross_replica_context()`` False.

What it owns: that stack (:func:`push`, :func:`pop`, :func:`current`) and the
questions ``tf.distribute`` answers from it; :func:`creating_strategy` tells a new
``Variable`` which strategy creates it (None under the default strategy), as
TensorFlow's variable creator scope does. Standard library only (``backend`` imports
it); the default strategy comes from :mod:`.distribute_lib` on first use. No trace
events (the scope spans are :mod:`.distribute_lib`'s).
"""
import importlib
import threading


class Mode:
    """One entry of the stack: a strategy, and the replica context when inside ``run``."""

    def __init__(self, strategy, replica_context=None):
        self.strategy = strategy
        self.replica_context = replica_context

    @property
    def cross_replica(self):
        return self.replica_context is None


class Stack(threading.local):
    def __init__(self):
        self.modes = []


STACK = Stack()


def push(mode):
    STACK.modes.append(mode)


def pop():
    STACK.modes.pop()


def current():
    """The innermost mode, or None under the default strategy outside ``run``."""
    return STACK.modes[-1] if STACK.modes else None


def default_strategy():
    # imported on first use: distribute_lib imports the backend, which imports this module
    return importlib.import_module("tracekeras.distribute.distribute_lib").default_strategy()


def get_strategy():
    """``tf.distribute.get_strategy``: the current strategy, else the default one."""
    mode = current()
    return mode.strategy if mode is not None else default_strategy()


def has_strategy():
    """``tf.distribute.has_strategy``: whether a non-default strategy is current."""
    mode = current()
    return mode is not None and not mode.strategy._is_default


def in_cross_replica_context():
    """``tf.distribute.in_cross_replica_context``: inside a scope, outside ``run``."""
    mode = current()
    return mode is not None and mode.cross_replica and not mode.strategy._is_default


def get_replica_context():
    """``tf.distribute.get_replica_context``: None in cross-replica context, else the
    replica's context (the default strategy's outside any scope)."""
    mode = current()
    if mode is None:
        return default_strategy()._replica_context()
    if mode.cross_replica:
        return None if not mode.strategy._is_default else mode.strategy._replica_context()
    return mode.replica_context


def get_cross_replica_context():
    """``tf.distribute.get_cross_replica_context``: the strategy in cross-replica context,
    the default strategy outside any scope, None inside ``run``."""
    mode = current()
    if mode is None:
        return default_strategy()
    return mode.strategy if mode.cross_replica else None


def creating_strategy():
    """The strategy a new variable belongs to: the current one, None for the default."""
    mode = current()
    if mode is None or mode.strategy._is_default:
        return None
    return mode.strategy
