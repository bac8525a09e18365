"""``keras.callbacks.Callback``: the base class every callback extends.

Owns: the hook methods (all no-ops here), ``set_model``/``set_params``, and
Keras's test of whether a callback implements per-batch hooks (the
``@generic_utils.default`` marking of Keras: a hook still equal to the one
defined here is "default" and need not be called every batch). Receives the
model and the params dict from ``CallbackList``; hands on nothing. Emits no
trace events itself: ``CallbackList`` traces each hook it dispatches.

The ``on_batch_begin``/``on_batch_end`` aliases are kept: the default
``on_train_batch_begin/end`` call them, as in Keras, so an old-style callback
that overrides only ``on_batch_end`` is called on every training batch.
"""

TRAIN_BATCH_HOOKS = ("on_batch_begin", "on_batch_end", "on_train_batch_begin",
                     "on_train_batch_end")
TEST_BATCH_HOOKS = ("on_test_batch_begin", "on_test_batch_end")
PREDICT_BATCH_HOOKS = ("on_predict_batch_begin", "on_predict_batch_end")


def is_default(callback, hook_name):
    """True when ``callback.<hook_name>`` is still the no-op defined on ``Callback``."""
    hook = getattr(callback, hook_name)
    return getattr(hook, "__func__", None) is getattr(Callback, hook_name)


class Callback:
    """Abstract base class used to build new callbacks (``keras.callbacks.Callback``).

    Attributes: ``params`` (dict: verbose, epochs, steps) and ``model`` (the
    model being trained), both set by the ``CallbackList`` that holds it.
    """

    def __init__(self):
        self.validation_data = None
        self.model = None
        self.params = {}
        self._chief_worker_only = None

    def set_params(self, params):
        self.params = params

    def set_model(self, model):
        self.model = model

    def on_batch_begin(self, batch, logs=None):
        """A backwards compatibility alias for ``on_train_batch_begin``."""

    def on_batch_end(self, batch, logs=None):
        """A backwards compatibility alias for ``on_train_batch_end``."""

    def on_epoch_begin(self, epoch, logs=None):
        """Called at the start of an epoch (training only)."""

    def on_epoch_end(self, epoch, logs=None):
        """Called at the end of an epoch with its logs (``val_`` keys when validating)."""

    def on_train_batch_begin(self, batch, logs=None):
        """Called at the beginning of a training batch in ``fit``."""
        self.on_batch_begin(batch, logs=logs)

    def on_train_batch_end(self, batch, logs=None):
        """Called at the end of a training batch; logs hold the running metric results."""
        self.on_batch_end(batch, logs=logs)

    def on_test_batch_begin(self, batch, logs=None):
        """Called at the beginning of a batch in ``evaluate`` (and fit's validation)."""

    def on_test_batch_end(self, batch, logs=None):
        """Called at the end of a batch in ``evaluate`` (and fit's validation)."""

    def on_predict_batch_begin(self, batch, logs=None):
        """Called at the beginning of a batch in ``predict``."""

    def on_predict_batch_end(self, batch, logs=None):
        """Called at the end of a batch in ``predict``; logs hold ``outputs``."""

    def on_train_begin(self, logs=None):
        """Called at the beginning of training."""

    def on_train_end(self, logs=None):
        """Called at the end of training with the last epoch's logs."""

    def on_test_begin(self, logs=None):
        """Called at the beginning of evaluation or validation."""

    def on_test_end(self, logs=None):
        """Called at the end of evaluation or validation with its logs."""

    def on_predict_begin(self, logs=None):
        """Called at the beginning of prediction."""

    def on_predict_end(self, logs=None):
        """Called at the end of prediction."""

    def _implements_train_batch_hooks(self):
        """Whether this callback should be called for each train batch."""
        return not all(is_default(self, name) for name in TRAIN_BATCH_HOOKS)

    def _implements_test_batch_hooks(self):
        return not all(is_default(self, name) for name in TEST_BATCH_HOOKS)

    def _implements_predict_batch_hooks(self):
        return not all(is_default(self, name) for name in PREDICT_BATCH_HOOKS)


__all__ = ["Callback"]
