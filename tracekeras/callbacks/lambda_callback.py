"""``keras.callbacks.LambdaCallback`` and ``keras.callbacks.TerminateOnNaN``: small callbacks.

LambdaCallback owns nothing but the functions it is given: each replaces the
hook of the same name on the instance (``on_epoch_begin(epoch, logs)``,
``on_batch_end(batch, logs)``, ``on_train_begin(logs)``, ...; extra keyword
arguments become attributes, so any other hook can be set too). A given
``on_batch_begin/end`` makes it a per-batch callback (the default
``on_train_batch_*`` call these aliases).

TerminateOnNaN watches each batch's ``loss``: NaN or infinite prints
"Batch 3: Invalid loss, terminating training" and sets
``model.stop_training`` (the fit loop stops after this step). Emit no trace
events.
"""
import numpy as np

from tracekeras.callbacks.callback import Callback
from tracekeras.utils.progbar import print_msg


class TerminateOnNaN(Callback):
    """Callback that terminates training when a NaN loss is encountered."""

    def on_batch_end(self, batch, logs=None):
        logs = logs or {}
        loss = logs.get("loss")
        if loss is not None:
            loss = np.asarray(getattr(loss, "value", loss))
            if np.isnan(loss) or np.isinf(loss):
                print_msg(f"Batch {batch}: Invalid loss, terminating training")
                self.model.stop_training = True


class LambdaCallback(Callback):
    """Callback for creating simple, custom callbacks on-the-fly.

    Args: on_epoch_begin, on_epoch_end (``(epoch, logs)``), on_batch_begin,
    on_batch_end (``(batch, logs)``), on_train_begin, on_train_end (``(logs)``);
    ``**kwargs`` set as attributes (e.g. ``on_test_end=...``).
    """

    def __init__(self, on_epoch_begin=None, on_epoch_end=None, on_batch_begin=None,
                 on_batch_end=None, on_train_begin=None, on_train_end=None, **kwargs):
        super().__init__()
        self.__dict__.update(kwargs)
        given = {"on_epoch_begin": on_epoch_begin, "on_epoch_end": on_epoch_end,
                 "on_batch_begin": on_batch_begin, "on_batch_end": on_batch_end,
                 "on_train_begin": on_train_begin, "on_train_end": on_train_end}
        for name, fn in given.items():
            if fn is not None:
                setattr(self, name, fn)


__all__ = ["LambdaCallback", "TerminateOnNaN"]
