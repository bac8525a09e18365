"""``tf.compat``: here only ``v1``, the switch back to the Keras 2.2 training loop."""
from . import v1

__all__ = ["v1"]
