"""``keras.utils.Sequence``: batches by index, for ``KerasSequenceAdapter``.

What it owns: the ``Sequence`` base class. A user subclass implements
``__getitem__(index)`` (a whole batch) and ``__len__`` (batches per epoch), and
may implement ``on_epoch_end``, which ``DataHandler`` calls after every epoch.
No trace events (``KerasSequenceAdapter.__init__`` is the traced stage).
"""
from abc import abstractmethod


class Sequence:
    """Base object for fitting to a sequence of batches (every batch exactly once per epoch)."""

    @abstractmethod
    def __getitem__(self, index):
        """The batch at position ``index``."""
        raise NotImplementedError

    @abstractmethod
    def __len__(self):
        """The number of batches in the sequence."""
        raise NotImplementedError

    def on_epoch_end(self):
        """Called at the end of every epoch."""

    def __iter__(self):
        for item in (self[i] for i in range(len(self))):
            yield item


__all__ = ["Sequence"]
