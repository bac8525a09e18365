"""``keras.utils.timeseries_dataset_from_array``: sliding windows over an array of time steps.

What it owns: Keras's checks of ``start_index``, ``end_index``, ``sampling_rate`` and
``sequence_stride`` (the same ``ValueError`` messages), and the windows Keras makes: the
number of windows is ``end_index - start_index - (sequence_length - 1) * sampling_rate``
(at most ``len(targets)``), window ``i`` starts at the ``i``-th start position
(``0, sequence_stride, 2 * sequence_stride ...``, shuffled with
``np.random.RandomState(seed)`` when ``shuffle`` is asked for, as Keras shuffles them) and
takes ``sequence_length`` rows ``sampling_rate`` apart from ``data[start_index:end_index]``;
its target is row ``start`` of ``targets[start_index:end_index]``.

What it receives / hands on: an array-like of rows (and of targets, or ``None``); a
``tracekeras.data.Dataset`` of windows (``(window, target)`` pairs with targets), each
gathered when it is reached, batched by ``batch_size`` (with ``shuffle``, first through a
buffer of ``8 * batch_size`` windows; without a ``batch_size``, of 1024). No trace events.
"""
import numpy as np

from tracekeras.data import Dataset, TensorSpec


def check_indices(data_length, start_index, end_index, sampling_rate, sequence_stride):
    """Keras's argument checks, in its order."""
    if start_index:
        if start_index < 0:
            raise ValueError("`start_index` must be 0 or greater. Received: "
                             f"start_index={start_index}")
        if start_index >= data_length:
            raise ValueError("`start_index` must be lower than the length of the data. "
                             f"Received: start_index={start_index}, for data of length "
                             f"{data_length}")
    if end_index:
        if start_index and end_index <= start_index:
            raise ValueError("`end_index` must be higher than `start_index`. Received: "
                             f"start_index={start_index}, and end_index={end_index} ")
        if end_index >= data_length:
            raise ValueError("`end_index` must be lower than the length of the data. "
                             f"Received: end_index={end_index}, for data of length {data_length}")
        if end_index <= 0:
            raise ValueError(f"`end_index` must be higher than 0. Received: end_index={end_index}")
    for name, value in (("sampling_rate", sampling_rate), ("sequence_stride", sequence_stride)):
        if value <= 0:
            raise ValueError(f"`{name}` must be higher than 0. Received: {name}={value}")
        if value >= data_length:
            raise ValueError(f"`{name}` must be lower than the length of the data. Received: "
                             f"{name}={value}, for data of length {data_length}")


def gathered(array, start_positions, offsets):
    """A Dataset whose ``i``-th element is ``array[start_positions[i] + offsets]``."""
    def make_iterator():
        for start in start_positions:
            yield array[start + offsets]
    shape = np.shape(offsets) + array.shape[1:]
    return Dataset(make_iterator, len(start_positions), TensorSpec(shape, array.dtype))


def timeseries_dataset_from_array(data, targets, sequence_length, sequence_stride=1,
                                  sampling_rate=1, batch_size=128, shuffle=False, seed=None,
                                  start_index=None, end_index=None):
    """Windows of ``sequence_length`` rows of ``data`` (with their targets), in batches."""
    data = np.asarray(data)
    check_indices(len(data), start_index, end_index, sampling_rate, sequence_stride)
    start_index = 0 if start_index is None else start_index
    end_index = len(data) if end_index is None else end_index
    num_seqs = end_index - start_index - (sequence_length - 1) * sampling_rate
    if targets is not None:
        num_seqs = min(num_seqs, len(targets))
    index_dtype = "int32" if num_seqs < 2147483647 else "int64"
    start_positions = np.arange(0, num_seqs, sequence_stride, dtype=index_dtype)
    if shuffle:
        if seed is None:
            seed = np.random.randint(1e6)
        np.random.RandomState(seed).shuffle(start_positions)
    offsets = np.arange(0, sequence_length * sampling_rate, sampling_rate, dtype=index_dtype)
    dataset = gathered(data[start_index:end_index], start_positions, offsets)
    if targets is not None:
        targets = np.asarray(targets)[start_index:end_index]
        dataset = Dataset.zip((dataset, gathered(targets, start_positions,
                                                 np.asarray(0, index_dtype))))
    if batch_size is not None:
        if shuffle:
            dataset = dataset.shuffle(buffer_size=batch_size * 8, seed=seed)
        return dataset.batch(batch_size)
    if shuffle:
        dataset = dataset.shuffle(buffer_size=1024, seed=seed)
    return dataset
