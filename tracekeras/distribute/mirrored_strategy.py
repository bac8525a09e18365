"""``tf.distribute.MirroredStrategy``: synchronous training on the devices of one machine.

What it teaches: TensorFlow's ``mirrored_strategy``. Each device holds a copy
(mirror) of every variable created in the scope; each step runs on every device on
its slice of the global batch, and the gradients are summed across devices
(all-reduce) before the same update is applied to every copy. ``num_replicas_in_sync``
is the number of devices, so a script sets its global batch size to the
per-replica batch size times it.

Without ``devices`` TensorFlow takes every GPU, or the CPU when it has none: on a
machine without GPUs (and always in tracekeras, which computes on the CPU) that is
one replica on ``/job:localhost/replica:0/task:0/device:CPU:0``, and training gives
the same numbers as without a strategy. TensorFlow logs the devices it uses at INFO
level (hidden by default); so does this class, on the ``tensorflow`` logger.

What it owns: :class:`MirroredStrategy`. Several devices are refused with the one-line
"does not implement" error. Trace events: the scope span (:mod:`.distribute_lib`).
"""
import logging

from tracekeras.distribute.distribute_lib import Strategy
from tracekeras.shim.errors import OperationNotImplementedByTracekeras

CPU = "/job:localhost/replica:0/task:0/device:CPU:0"


def canonical_devices(devices):
    """The one device tracekeras has, by its full name; more than one is not implemented."""
    if devices is None:
        return (CPU,)
    devices = [devices] if isinstance(devices, str) else list(devices)
    if len(devices) != 1 or "GPU" in devices[0].upper() or "TPU" in devices[0].upper():
        raise OperationNotImplementedByTracekeras(
            f"tracekeras does not implement a strategy on the devices {devices}: it computes "
            f"on one CPU, {CPU}")
    return (CPU,)


class MirroredStrategy(Strategy):
    """``tf.distribute.MirroredStrategy(devices=None, cross_device_ops=None)``."""

    def __init__(self, devices=None, cross_device_ops=None):
        super().__init__(canonical_devices(devices))
        logging.getLogger("tensorflow").info(
            "Using MirroredStrategy with devices %s", self.extended.worker_devices)
