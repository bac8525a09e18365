"""tracekeras.callbacks: ``keras.callbacks`` - utilities called at points of fit/evaluate/predict.

One module per Keras concept:

- ``callback``         ``Callback``, the base class with every hook
- ``callback_list``    ``CallbackList``, the container the loops call (traced)
- ``history``          ``History`` (``fit``'s return value), ``BaseLogger`` (Keras 2.2 loop)
- ``progbar_logger``   ``ProgbarLogger`` (the bar; its text by ``tracekeras.utils.progbar``)
- ``early_stopping``   ``EarlyStopping``
- ``model_checkpoint`` ``ModelCheckpoint`` (files by ``tracekeras.saving.weights_format``)
- ``learning_rate``    ``ReduceLROnPlateau``, ``LearningRateScheduler``
- ``csv_logger``       ``CSVLogger``
- ``lambda_callback``  ``LambdaCallback``, ``TerminateOnNaN``
- ``backup_and_restore`` ``BackupAndRestore`` (resume an interrupted ``fit``)
- ``tensorboard``      ``TensorBoard`` (scalars; bytes by ``event_file``)

Every trace event of the room is named ``keras.callbacks.<Class>.<method>``
(Keras defines all of them in the one module ``keras/callbacks.py``). Warnings
go to the ``logging`` logger "tracekeras", messages to ``sys.stdout``.
``RemoteMonitor`` is not provided.
"""
from tracekeras.callbacks.backup_and_restore import BackupAndRestore
from tracekeras.callbacks.callback import Callback
from tracekeras.callbacks.callback_list import CallbackList
from tracekeras.callbacks.csv_logger import CSVLogger
from tracekeras.callbacks.early_stopping import EarlyStopping
from tracekeras.callbacks.history import BaseLogger, History
from tracekeras.callbacks.lambda_callback import LambdaCallback, TerminateOnNaN
from tracekeras.callbacks.learning_rate import LearningRateScheduler, ReduceLROnPlateau
from tracekeras.callbacks.model_checkpoint import ModelCheckpoint
from tracekeras.callbacks.progbar_logger import ProgbarLogger
from tracekeras.callbacks.tensorboard import TensorBoard

__all__ = ["BackupAndRestore", "BaseLogger", "CSVLogger", "Callback", "CallbackList",
           "EarlyStopping", "History", "LambdaCallback", "LearningRateScheduler",
           "ModelCheckpoint", "ProgbarLogger", "ReduceLROnPlateau", "TensorBoard",
           "TerminateOnNaN"]
