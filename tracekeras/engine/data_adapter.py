"""``keras.engine.data_adapter``: how ``fit`` turns any input into epochs of batches.

What it owns: ``get_data_handler`` -> ``DataHandler`` (epochs, steps,
``steps_per_execution`` in the ``StepsPerExecution`` the model shares with it,
running out of data, ``class_weight``) and
``select_data_adapter``, which asks each of the eight adapter classes in
``ALL_ADAPTER_CLS`` (Keras's order) whether it ``can_handle`` the input: exactly
one must accept. The adapters themselves live in ``engine/data_adapters/``
(arrays in ``array_adapters``, datasets/generators/Sequences in
``stream_adapters``); this module is the import point for all of it. Also the
helpers the training code uses: ``unpack_x_y_sample_weight``,
``pack_x_y_sample_weight``, ``train_validation_split``, ``single_batch_iterator``
and ``expand_1d``.

What it receives: ``Model.fit``/``evaluate``/``predict`` arguments. What it hands
on: ``enumerate_epochs()`` yields ``(epoch, iterator)``; ``next(iterator)`` is one
batch, ``x`` or ``(x,)``, ``(x, y)`` or ``(x, y, sample_weight)`` of NumPy arrays,
which ``train_function`` passes to ``train_step``.

Trace events (stage "data"): spans ``get_data_handler``, ``DataHandler.__init__``
(end: adapter, inferred_steps), ``select_data_adapter`` (end: ``asked`` in order,
each ``can_handle`` answer, ``accepted``, ``chosen``), the chosen adapter's
``__init__``; an instant ``DataHandler.catch_stop_iteration`` when the data runs out.
"""
import contextlib
import logging
import math

import numpy as np

from tracekeras import tracing
from tracekeras.backend import Tensor
from tracekeras.data import INFINITE_CARDINALITY, Dataset
from tracekeras.engine.data_adapters.array_adapters import (
    CompositeTensorDataAdapter,
    DataAdapter,
    GenericArrayLikeDataAdapter,
    ListsOfScalarsDataAdapter,
    TensorLikeDataAdapter,
)
from tracekeras.engine.data_adapters.class_weight import (
    _make_class_weight_map_fn,
    check_single_output,
)
from tracekeras.engine.data_adapters.stream_adapters import (
    DatasetAdapter,
    DatasetCreatorAdapter,
    GeneratorDataAdapter,
    KerasSequenceAdapter,
)
from tracekeras.engine.data_adapters.structure import (
    _check_data_cardinality,
    _get_tensor_types,
    _process_tensorlike,
    _type_name,
    describe,
    pack_x_y_sample_weight,
    unpack_x_y_sample_weight,
)
from tracekeras.utils import nest

logger = logging.getLogger("tracekeras")
PREFIX = "keras.engine.data_adapter."

ALL_ADAPTER_CLS = [
    ListsOfScalarsDataAdapter,
    TensorLikeDataAdapter,
    GenericArrayLikeDataAdapter,
    DatasetAdapter,
    GeneratorDataAdapter,
    KerasSequenceAdapter,
    CompositeTensorDataAdapter,
    DatasetCreatorAdapter,
]


@tracing.traced("data",
                args=lambda x, y: {"x": describe(x), "y": describe(y)},
                result=lambda cls: {"chosen": cls.__name__})
def select_data_adapter(x, y):
    """The one adapter class whose ``can_handle(x, y)`` says yes."""
    answers = {cls.__name__: bool(cls.can_handle(x, y)) for cls in ALL_ADAPTER_CLS}
    adapter_cls = [cls for cls in ALL_ADAPTER_CLS if answers[cls.__name__]]
    tracing.note(asked=list(answers), answers=answers,
                 accepted=[cls.__name__ for cls in adapter_cls])
    if not adapter_cls:
        raise ValueError("Failed to find data adapter that can handle input: "
                         f"{_type_name(x)}, {_type_name(y)}")
    if len(adapter_cls) > 1:
        raise RuntimeError("Data adapters should be mutually exclusive for handling inputs. "
                           f"Found multiple adapters {adapter_cls} to handle input: "
                           f"{_type_name(x)}, {_type_name(y)}")
    return adapter_cls[0]


class StepsPerExecution:
    """Keras's ``tf.Variable`` holding ``steps_per_execution``, shared with the model.

    The model makes one at ``compile`` and hands it to ``get_data_handler``;
    ``DataHandler`` shortens an execution (the last one of an epoch, or all of
    them when an epoch has fewer steps) by assigning it, so the model's
    ``train_function``, which reads it at every call, runs the shortened count.
    """

    def __init__(self, value):
        self.value = int(value)

    def numpy(self):
        return self.value

    def assign(self, value):
        self.value = int(value)


def as_steps_per_execution(value):
    """The model's shared ``StepsPerExecution`` as given; a number (or None: 1) gets its own."""
    if isinstance(value, StepsPerExecution):
        return value
    return StepsPerExecution(1 if value is None else np.asarray(value))


def _check_non_negative(name, value):
    if value < 0:
        raise ValueError(f"Expected {name} to be non-negative. Received is {value}.")
    return value


def _check_positive(name, value):
    if value <= 0:
        raise ValueError(f"Expected {name} to be positive. Received is {value}.")
    return value


def handler_args(self, x=None, y=None, sample_weight=None, batch_size=None, steps_per_epoch=None,
                 initial_epoch=0, epochs=1, shuffle=False, *a, **k):
    return {"batch_size": batch_size, "steps_per_epoch": steps_per_epoch,
            "initial_epoch": initial_epoch, "epochs": epochs, "shuffle": shuffle,
            "class_weight": k.get("class_weight") is not None,
            "steps_per_execution": spe_count(k.get("steps_per_execution"))}


def spe_count(value):
    """``steps_per_execution`` as the trace shows it: a number, or None when not given."""
    return value.numpy() if isinstance(value, StepsPerExecution) else value


class DataHandler:
    """Handles iterating over epoch-level iterators of the chosen adapter's dataset."""

    @tracing.traced("data", args=handler_args)
    def __init__(self, x, y=None, sample_weight=None, batch_size=None, steps_per_epoch=None,
                 initial_epoch=0, epochs=1, shuffle=False, class_weight=None, max_queue_size=10,
                 workers=1, use_multiprocessing=False, model=None, steps_per_execution=None,
                 distribute=True, pss_evaluation_shards=0):
        if batch_size is not None:
            _check_positive("batch_size", batch_size)
        if steps_per_epoch not in (None, -1) and steps_per_epoch <= 0:
            raise ValueError("steps_per_epoch must be positive, None or -1. Received "
                             f"{steps_per_epoch}. See `Model.fit`.")
        self._initial_epoch = _check_non_negative("initial_epoch", initial_epoch)
        _check_positive("max_queue_size", max_queue_size)
        _check_positive("workers", workers)
        steps_per_execution = as_steps_per_execution(steps_per_execution)
        _check_positive("steps_per_execution", steps_per_execution.numpy())
        class_weight_map_fn = _make_class_weight_map_fn(class_weight) if class_weight else None
        self._initial_step = 0
        self._epochs = _check_positive("epochs", epochs)
        self._insufficient_data = False
        self._model = model
        self._steps_per_epoch = steps_per_epoch
        self._steps_per_execution = steps_per_execution

        adapter_cls = select_data_adapter(x, y)
        self._adapter = adapter_cls(
            x, y, batch_size=batch_size, steps=steps_per_epoch, epochs=epochs - initial_epoch,
            sample_weights=sample_weight, shuffle=shuffle, max_queue_size=max_queue_size,
            workers=workers, use_multiprocessing=use_multiprocessing, model=model)
        self._current_step = 0
        self._step_increment = self._steps_per_execution.numpy() - 1
        self._configure_dataset_and_inferred_steps(x, steps_per_epoch, class_weight_map_fn)
        if self._inferred_steps == 0:
            raise ValueError("Expected input data to be non-empty. Received data that gives 0 "
                             f"steps ({adapter_cls.__name__}: {describe_empty(x)}).")
        tracing.note(adapter=adapter_cls.__name__, inferred_steps=self._inferred_steps)

    @tracing.traced("data",
                    args=lambda self, x, steps_per_epoch, class_weight_map_fn: {
                        "steps_per_epoch": steps_per_epoch,
                        "class_weight": class_weight_map_fn is not None})
    def _configure_dataset_and_inferred_steps(self, x, steps_per_epoch, class_weight_map_fn):
        """The adapter's dataset (class weights mapped in) and the steps per epoch."""
        dataset = self._adapter.get_dataset()
        if class_weight_map_fn is not None:
            check_single_output(self._adapter)
            dataset = dataset.map(class_weight_map_fn)
        self._inferred_steps = self._infer_steps(steps_per_epoch, dataset)
        self._dataset = dataset
        tracing.note(inferred_steps=self._inferred_steps)
        self._validate_data_handler()

    def enumerate_epochs(self):
        """Yields ``(epoch, iterator)`` from ``initial_epoch`` up to ``epochs``."""
        with self._truncate_execution_to_epoch():
            data_iterator = as_tensors(iter(self._dataset))
            for epoch in range(self._initial_epoch, self._epochs):
                if self._insufficient_data:  # set by catch_stop_iteration
                    break
                if self._adapter.should_recreate_iterator():
                    data_iterator = as_tensors(iter(self._dataset))
                    steps = self._infer_steps(self._steps_per_epoch, self._dataset)
                    if steps is not None:
                        self._inferred_steps = steps
                yield epoch, data_iterator
                self._adapter.on_epoch_end()

    @contextlib.contextmanager
    def _truncate_execution_to_epoch(self):
        """Steps per execution at most one epoch while the epochs run."""
        original_value = self._steps_per_execution.numpy()
        should_truncate = (self._inferred_steps is not None
                           and original_value > self._inferred_steps)
        try:
            if should_truncate:
                self._steps_per_execution.assign(self._inferred_steps)
            yield
        finally:
            if should_truncate:
                self._steps_per_execution.assign(original_value)

    def sync(self):
        """Waits for pending work (nothing is asynchronous here)."""

    @contextlib.contextmanager
    def catch_stop_iteration(self):
        """Catches the iterator running out: learns the epoch size, or stops training."""
        try:
            yield
            self.sync()
        except StopIteration:
            if self._inferred_steps is None:
                self._inferred_steps = self._current_step
                tracing.instant(PREFIX + "DataHandler.catch_stop_iteration", "data",
                                inferred_steps=self._inferred_steps)
            else:
                self._insufficient_data = True
                total_epochs = self._epochs - self._initial_epoch
                tracing.instant(PREFIX + "DataHandler.catch_stop_iteration", "data",
                                insufficient_data=True, step=self._current_step)
                logger.warning(
                    "Your input ran out of data; interrupting training. Make sure that your "
                    "dataset or generator can generate at least `steps_per_epoch * epochs` "
                    f"batches (in this case, {total_epochs * self._inferred_steps} batches). "
                    "You may need to use the repeat() function when building your dataset.")

    def steps(self):
        """Yields the step number at the start of each execution of the current epoch."""
        self._current_step = self._initial_step
        self._initial_step = 0
        while self._inferred_steps is None or self._current_step < self._inferred_steps:
            if self._insufficient_data:  # set by catch_stop_iteration
                break
            original_spe = self._steps_per_execution.numpy()
            can_run_full_execution = (original_spe == 1 or self._inferred_steps is None
                                      or self._inferred_steps - self._current_step >= original_spe)
            if can_run_full_execution:
                self._step_increment = original_spe - 1
                yield self._current_step
                self._current_step += original_spe
            else:
                steps_remaining = self._inferred_steps - self._current_step
                self._steps_per_execution.assign(steps_remaining)
                self._step_increment = steps_remaining - 1
                yield self._current_step
                self._current_step += steps_remaining
                self._steps_per_execution.assign(original_spe)

    @property
    def step_increment(self):
        """What to add to the step for ``on_batch_end`` (the execution's last step)."""
        return self._step_increment

    @property
    def inferred_steps(self):
        """Steps per epoch; None for data of unknown size until the first epoch ends."""
        return self._inferred_steps

    @property
    def should_sync(self):
        return self._inferred_steps is None

    def _log_indefinite_training_warning(self):
        logger.warning("The training loop will run indefinitely since you have set "
                       "`steps_per_epoch=-1`. Please use batch-level callbacks to save "
                       "checkpoints or log training progress, etc")

    def _infer_steps(self, steps, dataset):
        """``steps_per_epoch``, else the adapter's size, else the dataset's cardinality."""
        if steps == -1:
            self._log_indefinite_training_warning()
            return None
        if steps is not None:
            return steps
        adapter_steps = self._adapter.get_size()
        if adapter_steps is not None:
            return adapter_steps
        if not isinstance(dataset, Dataset):
            return None
        size = int(dataset.cardinality())
        if size == INFINITE_CARDINALITY:
            raise ValueError("When passing an infinitely repeating dataset, please specify a "
                             "`steps_per_epoch` value so that epoch level callbacks continue to "
                             "work. The value can be arbitrary, or a number that you think "
                             "correctly defines the size of an epoch. Epoch-level callbacks will "
                             "then be called at this interval.")
        return size if size >= 0 else None

    @property
    def _samples(self):
        return self._adapter.get_samples()

    def _validate_data_handler(self):
        if self._steps_per_execution.numpy() > 1 and self._inferred_steps is None:
            raise ValueError("Could not infer the size of the data. With "
                             "`steps_per_execution > 1`, you must specify the number of steps "
                             "to run.")


def as_tensors(iterator):
    """The batches as Tensors: Keras's steps receive ``tf.Tensor``s, never NumPy arrays, so
    a custom loss's ``y_true - y_pred`` is a Tensor op whichever side comes first."""
    for batch in iterator:
        yield nest.map_structure(to_tensor, batch)


def to_tensor(value):
    return Tensor(value) if isinstance(value, np.ndarray) else value


@tracing.traced("data",
                args=lambda *a, **k: {"batch_size": k.get("batch_size"),
                                      "epochs": k.get("epochs", 1)})
def get_data_handler(*args, **kwargs):
    """A ``DataHandler`` for the arguments of ``fit``/``evaluate``/``predict``."""
    return DataHandler(*args, **kwargs)


def train_validation_split(arrays, validation_split):
    """Split arrays into train and validation parts: the last part validates."""
    flat_arrays = nest.flatten(arrays)
    tensor_types = _get_tensor_types()
    unsplitable = [type(t) for t in flat_arrays if not (isinstance(t, tensor_types) or t is None)]
    if unsplitable:
        raise ValueError("`validation_split` is only supported for Tensors or NumPy arrays, "
                         f"found following types in the input: {unsplitable}")
    if not 0 <= validation_split <= 1:
        raise ValueError("`validation_split` must be a float between 0 and 1. "
                         f"Received: validation_split={validation_split}")
    if all(t is None for t in flat_arrays):
        return arrays, arrays
    first_non_none = next(t for t in flat_arrays if t is not None)
    batch_dim = int(first_non_none.shape[0])
    split_at = int(math.floor(batch_dim * (1.0 - validation_split)))
    if split_at == 0 or split_at == batch_dim:
        raise ValueError(f"Training data contains {batch_dim} samples, which is not sufficient "
                         "to split it into a validation and training set as specified by "
                         f"`validation_split={validation_split}`. Either provide more data, or "
                         "a different value for the `validation_split` argument.")

    def split(start, end):
        return nest.map_structure(lambda t: None if t is None else t[start:end], arrays)

    return split(0, split_at), split(split_at, batch_dim)


def single_batch_iterator(x, y=None, sample_weight=None, class_weight=None):
    """An iterator over one batch: the data of ``train_on_batch`` and friends."""
    x, y, sample_weight = _process_tensorlike((x, y, sample_weight))
    if y is None:
        data = (x,)
    elif sample_weight is None:
        data = (x, y)
    else:
        data = (x, y, sample_weight)
    _check_data_cardinality(data)
    dataset = Dataset(lambda: iter([data]), 1)
    if class_weight:
        dataset = dataset.map(_make_class_weight_map_fn(class_weight))
    return iter(dataset)


def expand_1d(data):
    """Expand 1-D arrays to 2-D (a trailing axis of 1), as Keras 2.2-2.3 did per batch."""
    def expand(t):
        value = getattr(t, "value", t)
        if isinstance(value, np.ndarray) and value.ndim == 1:
            return np.expand_dims(value, axis=-1)
        return t
    return nest.map_structure(expand, data)


def describe_empty(x):
    """What the user passed, in a few words, for the empty-data error."""
    shape = getattr(x, "shape", None)
    if shape is not None:
        return f"x of shape {tuple(shape)}"
    if isinstance(x, (list, tuple, dict)):
        return f"x a {type(x).__name__} of {len(x)} item(s)"
    return f"x of type {type(x).__name__}"


__all__ = ["ALL_ADAPTER_CLS", "CompositeTensorDataAdapter", "DataAdapter", "DataHandler",
           "DatasetAdapter", "DatasetCreatorAdapter", "GeneratorDataAdapter",
           "GenericArrayLikeDataAdapter", "KerasSequenceAdapter", "ListsOfScalarsDataAdapter",
           "TensorLikeDataAdapter", "expand_1d", "get_data_handler", "pack_x_y_sample_weight",
           "select_data_adapter", "single_batch_iterator", "train_validation_split",
           "unpack_x_y_sample_weight"]

