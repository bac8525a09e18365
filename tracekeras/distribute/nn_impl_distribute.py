"""``tf.nn.compute_average_loss`` and ``tf.nn.scale_regularization_loss``.

What it teaches: TensorFlow's ``nn_impl_distribute``. In a custom training loop
under a strategy each replica computes the loss of its slice of the global batch;
the gradients are then *summed* across replicas. So each replica's loss must be
divided by the *global* batch size, not its own: ``compute_average_loss`` sums the
per-example losses (weighted by ``sample_weight``) and divides by
``global_batch_size``, by default the replica's batch size times
``num_replicas_in_sync``; ``scale_regularization_loss`` divides a regularization
loss by the number of replicas. Called in cross-replica context (inside a scope,
outside ``strategy.run``) without a global batch size they refuse, as TensorFlow's do.

What it owns: the two functions. No trace events (they are ops).
"""
import numpy as np

from tracekeras.backend import array_ops, math_ops, ops
from tracekeras.backend.op_errors import InvalidArgumentError
from tracekeras.distribute import distribution_strategy_context as context


def refuse_cross_replica(name):
    if context.has_strategy() and context.in_cross_replica_context():
        raise RuntimeError(f"You are calling `{name}` in cross replica context, while it was "
                           "expected to be called in replica context.")


def compute_average_loss(per_example_loss, sample_weight=None, global_batch_size=None):
    """The weighted sum of ``per_example_loss`` over ``global_batch_size`` (0 gives 0)."""
    per_example_loss = ops.convert(per_example_loss)
    dtype = per_example_loss.value.dtype
    if sample_weight is not None:
        weights = ops.convert(sample_weight)
        per_example_loss = ops.cast(ops.multiply(per_example_loss, ops.cast(weights, dtype)),
                                    dtype)
    if global_batch_size is None:
        refuse_cross_replica("compute_average_loss")
        num_replicas = context.get_strategy().num_replicas_in_sync
        global_batch_size = per_example_loss.value.shape[0] * num_replicas
    check_global_batch_size(global_batch_size)
    total = ops.reduce_sum(per_example_loss)
    size = np.asarray(getattr(global_batch_size, "value", global_batch_size)).astype(dtype)
    return math_ops.divide_no_nan(total, size)


def check_global_batch_size(global_batch_size):
    """TensorFlow's asserts: a scalar, an integer, not negative."""
    size = np.asarray(getattr(global_batch_size, "value", global_batch_size))
    if size.ndim != 0:
        raise ValueError("global_batch_size must be scalar.")
    if not np.issubdtype(size.dtype, np.integer):
        dtype = "float32" if np.issubdtype(size.dtype, np.floating) else size.dtype.name
        raise TypeError("global_batch_size must be an integer..  Expected \"x\" to be integer "
                        f"type.  Found: tensor of dtype <dtype: '{dtype}'>")
    if size < 0:
        raise InvalidArgumentError("global_batch_size must be non-negative..  ")


def scale_regularization_loss(regularization_loss):
    """The sum of ``regularization_loss`` divided by the number of replicas."""
    refuse_cross_replica("scale_regularization_loss")
    num_replicas = context.get_strategy().num_replicas_in_sync
    if isinstance(regularization_loss, (list, tuple)):
        regularization_loss = array_ops.stack(regularization_loss)
    total = ops.reduce_sum(ops.convert(regularization_loss))
    return ops.divide(total, np.asarray(num_replicas, total.value.dtype))
