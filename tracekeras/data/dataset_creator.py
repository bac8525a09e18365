"""``DatasetCreator`` (``keras.utils.experimental.DatasetCreator``) and ``InputContext``.

What it owns: the wrapper of a function that makes a ``Dataset`` per input
pipeline, and the ``tf.distribute.InputContext`` it is called with (one
pipeline, one replica here: the default strategy). ``DatasetCreatorAdapter``
calls it once when ``DataHandler`` asks for the dataset; ``Model.fit`` then needs
``steps_per_epoch``. No trace events (the adapter's span shows the call).
"""
from tracekeras.data.dataset import Dataset


class InputContext:
    """What a dataset function learns about its input pipeline (``tf.distribute.InputContext``)."""

    def __init__(self, num_input_pipelines=1, input_pipeline_id=0, num_replicas_in_sync=1):
        self.num_input_pipelines = num_input_pipelines
        self.input_pipeline_id = input_pipeline_id
        self.num_replicas_in_sync = num_replicas_in_sync

    def get_per_replica_batch_size(self, global_batch_size):
        if global_batch_size % self.num_replicas_in_sync != 0:
            raise ValueError(f"The `global_batch_size` {global_batch_size} is not divisible by "
                             f"`num_replicas_in_sync` {self.num_replicas_in_sync}")
        return global_batch_size // self.num_replicas_in_sync

    def __repr__(self):
        return (f"tf.distribute.InputContext(input pipeline id {self.input_pipeline_id}, "
                f"total: {self.num_input_pipelines})")


class DatasetCreator:
    """A callable that returns a ``Dataset`` when given an ``InputContext``."""

    def __init__(self, dataset_fn, input_options=None):
        if not callable(dataset_fn):
            raise TypeError("`dataset_fn` for `DatasetCreator` must be a `callable`. "
                            f"Received: {dataset_fn}")
        self.dataset_fn = dataset_fn
        self.input_options = input_options

    def __call__(self, *args, **kwargs):
        dataset = self.dataset_fn(*args, **kwargs)
        if not isinstance(dataset, Dataset):
            raise TypeError("The `callable` provided to `DatasetCreator` must return a Dataset. "
                            f'It returns "{dataset}"')
        return dataset
