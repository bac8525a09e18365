"""``tf.distribute.OneDeviceStrategy``: everything on one named device.

What it teaches: TensorFlow's ``one_device_strategy``: the strategy API (scope,
``run``, ``reduce``, distributed datasets) with a single replica placed on
``device``, used to try a script written for a strategy before it runs on several
devices. In tracekeras the one device is the CPU
(``/job:localhost/replica:0/task:0/device:CPU:0``); a GPU or TPU device is refused
with the one-line "does not implement" error.

What it owns: :class:`OneDeviceStrategy`. Trace events: the scope span
(:mod:`.distribute_lib`).
"""
from tracekeras.distribute.distribute_lib import Strategy
from tracekeras.distribute.mirrored_strategy import canonical_devices


class OneDeviceStrategy(Strategy):
    """``tf.distribute.OneDeviceStrategy(device)``."""

    def __init__(self, device):
        super().__init__(canonical_devices([device]))
