"""``tf.distribute.cluster_resolver.TPUClusterResolver``: finding a TPU to train on.

What it teaches: a script written for Colab's TPUs asks for one first
(``TPUClusterResolver.connect()``) and falls back to ``MirroredStrategy`` when the
``ValueError`` says there is none. tracekeras runs on the CPU only: with no TPU name the
resolver raises TensorFlow's ``ValueError`` ("Please provide a TPU Name to connect to."),
as TensorFlow does on a machine without a TPU; a named TPU is refused with the one-line
"does not implement" error.

What it owns: :class:`TPUClusterResolver`. No trace events.
"""


class TPUClusterResolver:
    """``tf.distribute.cluster_resolver.TPUClusterResolver(tpu=None, ...)``."""

    def __init__(self, tpu=None, zone=None, project=None, job_name="worker",
                 coordinator_name=None, coordinator_address=None, credentials="default",
                 service=None, discovery_url=None):
        if not tpu:
            raise ValueError("Please provide a TPU Name to connect to.")
        from tracekeras.shim.errors import PACKAGE, OperationNotImplementedByTracekeras, caller
        raise OperationNotImplementedByTracekeras(
            "tracekeras does not implement tf.distribute.cluster_resolver.TPUClusterResolver "
            f"of a TPU ({tpu!r}, used by {caller(PACKAGE)}); it runs on the CPU only")

    @classmethod
    def connect(cls, tpu=None, zone=None, project=None):
        """Resolve the TPU and connect to it (here: the errors of the constructor)."""
        return cls(tpu=tpu, zone=zone, project=project)
