"""``tf.distribute.Strategy``: the API every strategy shares, and the default strategy.

What it teaches: TensorFlow's ``distribute_lib``. A strategy says where variables
live and where each step runs. ``with strategy.scope():`` makes it current
(:mod:`.distribution_strategy_context`): a variable created inside belongs to it
(``strategy.extended.variable_created_in_scope(v)``), a Keras model built inside
keeps it as ``model.distribute_strategy``, and ``compile``, ``fit``, ``evaluate``
and ``predict`` enter the model's strategy's scope again. Entering another
strategy's scope inside it, or entering a scope inside ``run``, is refused with
TensorFlow's ``RuntimeError``.

``strategy.run(fn, args)`` calls ``fn`` once per replica in replica context and
returns what it returned; ``strategy.reduce(op, value, axis)`` adds (``SUM``) or
averages (``MEAN``) a per-replica value across replicas, and along ``axis`` when
given; ``experimental_local_results`` is the tuple of per-replica values.

tracekeras computes on one CPU with NumPy, so every strategy here has exactly one
replica, as TensorFlow's ``MirroredStrategy`` has on a machine without GPUs: a
per-replica value is the value itself (not a ``PerReplica``), and a variable
created in a scope is an ordinary ``Variable`` that records its strategy (not a
``MirroredVariable``). The names, properties, scope rules and error messages are
TensorFlow 2.21's.

What it owns: :class:`ReduceOp`, :class:`Strategy` and :class:`StrategyExtended`,
:class:`ReplicaContext`, the default strategy (:func:`default_strategy`). Trace
events: the span ``tf.distribute.Strategy.scope`` (stage ``compile`` for a script's
own scope, the engine's stage for ``compile``/``fit``/``evaluate``/``predict``),
``tf.distribute.Strategy.run`` (stage ``step``) and ``tf.distribute.Strategy.reduce``
(stage ``step``, level ``steps``).
"""
import contextlib
import enum

import numpy as np

from tracekeras import tracing
from tracekeras.backend import Tensor, ops
from tracekeras.distribute import distribution_strategy_context as context
from tracekeras.distribute import input_lib
from tracekeras.utils import nest


class ReduceOp(enum.Enum):
    """``tf.distribute.ReduceOp``: how values of several replicas become one."""
    SUM = "SUM"
    MEAN = "MEAN"


class StrategyExtended:
    """``strategy.extended``: the devices and the variable bookkeeping of a strategy."""

    def __init__(self, container_strategy, devices):
        self._container_strategy = container_strategy
        self._devices = tuple(devices)

    @property
    def worker_devices(self):
        return self._devices

    @property
    def parameter_devices(self):
        return self._devices

    def variable_created_in_scope(self, v):
        """Whether ``v`` was created in this strategy's scope (TensorFlow compares the
        variable's ``_distribute_strategy``, None for the default strategy's)."""
        strategy = getattr(v, "_distribute_strategy", None)
        if self._container_strategy._is_default:
            return strategy is None
        return strategy is self._container_strategy


class ReplicaContext:
    """``tf.distribute.ReplicaContext``: what code inside ``strategy.run`` sees."""

    def __init__(self, strategy, replica_id_in_sync_group=0):
        self._strategy = strategy
        self._replica_id = replica_id_in_sync_group

    @property
    def strategy(self):
        return self._strategy

    @property
    def num_replicas_in_sync(self):
        return self._strategy.num_replicas_in_sync

    @property
    def replica_id_in_sync_group(self):
        return Tensor(np.int32(self._replica_id))

    def all_reduce(self, reduce_op, value, options=None):
        """The value summed or averaged over the replicas: with one replica, itself."""
        as_reduce_op(reduce_op)
        return nest.map_structure(ops.convert, value)

    def merge_call(self, merge_fn, args=(), kwargs=None):
        """Call ``merge_fn(strategy, *args)`` in cross-replica context."""
        context.push(context.Mode(self._strategy))
        try:
            return merge_fn(self._strategy, *args, **(kwargs or {}))
        finally:
            context.pop()


def as_reduce_op(reduce_op):
    """A ``ReduceOp`` from itself or its name ("SUM", "mean"), as TensorFlow accepts."""
    if isinstance(reduce_op, str):
        return ReduceOp(reduce_op.upper())
    if not isinstance(reduce_op, ReduceOp):
        raise ValueError(f"{reduce_op!r} is not a valid ReduceOp")
    return reduce_op


class Strategy:
    """``tf.distribute.Strategy``: the shared API; a subclass names its devices."""

    _is_default = False

    def __init__(self, devices):
        self._extended = StrategyExtended(self, devices)

    @property
    def extended(self):
        return self._extended

    @property
    def num_replicas_in_sync(self):
        return 1

    @property
    def cluster_resolver(self):
        return None

    def scope(self):
        """``with strategy.scope():`` makes this strategy current (see the module)."""
        return self.traced_scope("compile")

    @contextlib.contextmanager
    def traced_scope(self, stage):
        """The scope, traced as a span of ``stage`` (the engine's own stage)."""
        self.check_entry()
        with tracing.span("tf.distribute.Strategy.scope", stage,
                          strategy=type(self).__name__,
                          num_replicas_in_sync=self.num_replicas_in_sync):
            pushed = context.current() is None or context.current().strategy is not self
            if pushed:
                context.push(context.Mode(self))
            try:
                yield self
            finally:
                if pushed:
                    context.pop()

    def check_entry(self):
        """TensorFlow's refusals: inside ``run``, or inside another strategy's scope."""
        mode = context.current()
        if mode is None or (mode.strategy._is_default and mode.cross_replica):
            return
        if mode.strategy is not self:
            raise RuntimeError("Mixing different tf.distribute.Strategy objects: "
                               f"{mode.strategy} is not {self}")
        if not mode.cross_replica:
            raise RuntimeError("Method requires being in cross-replica context, use "
                               "get_replica_context().merge_call()")

    def _replica_context(self):
        return ReplicaContext(self)

    @tracing.traced("step", name="tf.distribute.Strategy.run",
                    args=lambda self, fn, *a, **k: {"strategy": type(self).__name__,
                                                    "fn": getattr(fn, "__qualname__", None)})
    def run(self, fn, args=(), kwargs=None, options=None):
        """Call ``fn(*args, **kwargs)`` on each replica (here: once) in replica context."""
        context.push(context.Mode(self, ReplicaContext(self)))
        try:
            return fn(*args, **(kwargs or {}))
        finally:
            context.pop()

    @tracing.traced("step", name="tf.distribute.Strategy.reduce", level="steps",
                    args=lambda self, reduce_op, value, axis=None: {
                        "reduce_op": str(getattr(reduce_op, "value", reduce_op)), "axis": axis})
    def reduce(self, reduce_op, value, axis=None):
        """``reduce_op`` over the replicas' values, and along ``axis`` when it is given
        (``MEAN`` along an axis divides by the count of all replicas' elements)."""
        reduce_op = as_reduce_op(reduce_op)
        reducer = ops.reduce_sum if reduce_op is ReduceOp.SUM else ops.reduce_mean

        def one(v):
            v = ops.convert(v)
            return v if axis is None else reducer(v, axis=axis)
        return nest.map_structure(one, value)

    def experimental_local_results(self, value):
        """The per-replica values of ``value`` on this worker, a tuple (one here)."""
        return (value,)

    def experimental_distribute_dataset(self, dataset, options=None):
        """The dataset's global batches split among the replicas (here: whole)."""
        return input_lib.DistributedDataset(self, dataset)

    def distribute_datasets_from_function(self, dataset_fn, options=None):
        """``dataset_fn(input_context)`` once per input pipeline (here: one)."""
        return input_lib.DistributedDatasetsFromFunction(self, dataset_fn)

    def gather(self, value, axis):
        """The per-replica values concatenated along ``axis``: with one replica, ``value``."""
        return nest.map_structure(ops.convert, value)

    @property
    def _should_use_with_coordinator(self):
        return False


class _DefaultDistributionStrategy(Strategy):
    """The strategy that is current when the script chose none: one device, and a scope
    that changes nothing (Keras still enters it around compile and fit)."""

    _is_default = True

    def __init__(self):
        super().__init__(("/job:localhost/replica:0/task:0/device:CPU:0",))


DEFAULT = []   # the one default strategy, made on first use


def default_strategy():
    if not DEFAULT:
        DEFAULT.append(_DefaultDistributionStrategy())
    return DEFAULT[0]
