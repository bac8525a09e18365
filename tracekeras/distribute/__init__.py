"""``tf.distribute``: strategies of one replica, as this CPU-only NumPy engine has one device.

What it teaches: how a Keras program written for several devices runs, and what
``tf.distribute`` keeps track of while it does: the current strategy and its scope
(:mod:`.distribution_strategy_context`), the ``Strategy`` API, its variables and the
default strategy (:mod:`.distribute_lib`), ``MirroredStrategy``
(:mod:`.mirrored_strategy`) and ``OneDeviceStrategy`` (:mod:`.one_device_strategy`),
distributed datasets (:mod:`.input_lib`) and the loss scaling of a custom loop
(:mod:`.loss_reduction`).

The package imports nothing at load time: the backend's ``Variable`` asks
:mod:`.distribution_strategy_context` which strategy creates it, so that module
imports only the standard library.
"""
