"""Indexing a directory of class subfolders (shared by the ``*_dataset_from_directory`` makers).

What it owns: Keras's ``dataset_utils`` steps before any file is read:
``index_directory`` (class names are the sorted subfolders not starting with a
dot; files are taken in sorted walk order, folder by folder, matched by
extension without regard to case; then one ``RandomState(seed)`` permutation
is applied to paths and labels alike), ``get_training_or_validation_split``
(the last ``int(validation_split * n)`` files are the validation subset), the
argument checks, ``labels_to_dataset`` (``int``, ``binary``, ``categorical``) and the
steps the ``*_dataset_from_directory`` makers share around their own file reader:
``subsets`` (the parts ``subset`` asks for, "both" giving training then validation)
and ``batched`` (Keras's shuffle buffer of ``8 * batch_size``, then ``batch``).
Receives a directory path; hands on file paths, labels and class names, then a
``tracekeras.data.Dataset`` of labels. Prints the same "Found ..." and
"Using ..." lines as Keras.

It also owns ``split_dataset`` (``keras.utils.split_dataset``): an array, a list or tuple
of arrays, or a Dataset (unbatched first when its last step is a batch) is read into a
list of samples, shuffled by Python's ``random`` when asked (seeded by ``seed``, else by a
seed drawn from it), and cut into a left part (the first ``left_size``) and a right part
(the last ``right_size``): a float is a fraction of the samples (rounded), an int a
count, and a missing one the rest. Each part is ``Dataset.from_tensor_slices`` of its
samples, batched again as a batched input was, then prefetched. No trace events.
"""
import os
import random
import time
import warnings

import numpy as np

from tracekeras.backend import Tensor
from tracekeras.data import Dataset
from tracekeras.utils.np_utils import to_categorical

LABEL_MODES = ("int", "categorical", "binary", None)


def check_labels_arguments(labels, label_mode, class_names, kind):
    """The checks both makers run first; ``kind`` ("text" or "image") names what is read."""
    if labels not in ("inferred", None):
        if not isinstance(labels, (list, tuple)):
            samples = "text samples" if kind == "text" else "images"
            raise ValueError("`labels` argument should be a list/tuple of integer labels, of "
                             f"the same size as the number of {kind} files in the target "
                             "directory. If you wish to infer the labels from the subdirectory "
                             'names in the target directory, pass `labels="inferred"`. If you '
                             f"wish to get a dataset that only contains {samples} "
                             f"(no labels), pass `labels=None`. Received: labels={labels}")
        if class_names:
            raise ValueError('You can only pass `class_names` if `labels="inferred"`. '
                             f"Received: labels={labels}, and class_names={class_names}")
    if label_mode not in LABEL_MODES:
        raise ValueError('`label_mode` argument must be one of "int", "categorical", "binary", '
                         f"or None. Received: label_mode={label_mode}")


def check_binary_classes(label_mode, class_names):
    if label_mode == "binary" and len(class_names) != 2:
        raise ValueError('When passing `label_mode="binary"`, there must be exactly 2 '
                         f"class_names. Received: class_names={class_names}")


def subsets(file_paths, labels, validation_split, subset, empty_error):
    """``[(part, paths, labels)]`` for the subset asked (two parts for "both");
    ``empty_error(part)`` is raised for a part without files."""
    parts = ["training", "validation"] if subset == "both" else [subset]
    made = []
    for part in parts:
        paths, part_labels = get_training_or_validation_split(file_paths, labels,
                                                              validation_split, part)
        if not paths:
            raise empty_error(part)
        made.append((part, paths, part_labels))
    return made


def batched(dataset, batch_size, shuffle, seed):
    """Shuffled through ``8 * batch_size`` elements (1024 unbatched), then batched."""
    if batch_size is not None:
        if shuffle:
            dataset = dataset.shuffle(buffer_size=batch_size * 8, seed=seed)
        return dataset.batch(batch_size)
    return dataset.shuffle(buffer_size=1024, seed=seed) if shuffle else dataset


def check_validation_split_arg(validation_split, subset, shuffle, seed):
    if validation_split and not 0 < validation_split < 1:
        raise ValueError(f"`validation_split` must be between 0 and 1, received: "
                         f"{validation_split}")
    if (validation_split or subset) and not (validation_split and subset):
        raise ValueError("If `subset` is set, `validation_split` must be set, and inversely.")
    if subset not in ("training", "validation", "both", None):
        raise ValueError('`subset` must be either "training", "validation" or "both", '
                         f"received: {subset}")
    if validation_split and shuffle and seed is None:
        raise ValueError("If using `validation_split` and shuffling the data, you must provide "
                         "a `seed` argument, to make sure that there is no overlap between the "
                         "training and validation subset.")


def class_subdirs(directory):
    """The sorted subfolder names of ``directory`` that do not start with a dot."""
    return [name for name in sorted(os.listdir(directory))
            if os.path.isdir(os.path.join(directory, name)) and not name.startswith(".")]


def index_directory(directory, labels, formats, class_names=None, shuffle=True, seed=None,
                    follow_links=False):
    """``(file_paths, labels, class_names)`` as Keras finds and orders them."""
    if labels != "inferred":
        subdirs = [""]
        class_names = subdirs
    else:
        subdirs = class_subdirs(directory)
        if not class_names:
            class_names = subdirs
        elif set(class_names) != set(subdirs):
            raise ValueError("The `class_names` passed did not match the names of the "
                             f"subdirectories of the target directory. Expected: {subdirs}, "
                             f"but received: {class_names}")
    class_indices = {name: i for i, name in enumerate(class_names)}
    filenames, found_labels = [], []
    for subdir in subdirs:
        names, ids = index_subdirectory(os.path.join(directory, subdir), class_indices,
                                        follow_links, formats)
        filenames += names
        found_labels += ids
    if labels not in ("inferred", None):
        if len(labels) != len(filenames):
            raise ValueError("Expected the lengths of `labels` to match the number of files in "
                             f"the target directory. len(labels) is {len(labels)} while we "
                             f"found {len(filenames)} files in directory {directory}.")
        class_names = sorted(set(labels))
    else:
        labels = np.asarray(found_labels, dtype="int32")
    if labels is None:
        print(f"Found {len(filenames)} files.")
    else:
        print(f"Found {len(filenames)} files belonging to {len(class_names)} classes.")
    file_paths = [os.path.join(directory, name) for name in filenames]
    if shuffle:
        if seed is None:
            seed = np.random.randint(1e6)
        np.random.RandomState(seed).shuffle(file_paths)
        np.random.RandomState(seed).shuffle(labels)
    return file_paths, labels, class_names


def index_subdirectory(directory, class_indices, follow_links, formats):
    """Paths relative to the parent of ``directory`` and their labels, in sorted walk order."""
    dirname = os.path.basename(directory)
    walk = sorted(os.walk(directory, followlinks=follow_links), key=lambda entry: entry[0])
    filenames = [os.path.join(dirname, os.path.relpath(os.path.join(root, name), directory))
                 for root, _, files in walk for name in sorted(files)
                 if name.lower().endswith(formats)]
    return filenames, [class_indices[dirname]] * len(filenames)


def get_training_or_validation_split(samples, labels, validation_split, subset):
    """The training files (all but the last ``int(validation_split * n)``) or the rest."""
    if not validation_split:
        return samples, labels
    num_val_samples = int(validation_split * len(samples))
    if subset == "training":
        print(f"Using {len(samples) - num_val_samples} files for training.")
        return samples[:-num_val_samples], labels[:-num_val_samples]
    if subset == "validation":
        print(f"Using {num_val_samples} files for validation.")
        return samples[-num_val_samples:], labels[-num_val_samples:]
    raise ValueError(f'`subset` must be either "training" or "validation", received: {subset}')


def labels_to_dataset(labels, label_mode, num_classes):
    """int32 labels; ``binary``: float32 of shape (1,); ``categorical``: float32 one-hot."""
    if label_mode == "binary":
        labels = np.asarray(labels, dtype="float32")[:, None]
    elif label_mode == "categorical":
        labels = to_categorical(labels, num_classes, dtype="float32")
    return Dataset.from_tensor_slices(labels)   # a list of Python ints becomes int32, as in TF


# -- split_dataset -------------------------------------------------------------

def _get_type_spec(dataset):
    for kind in (tuple, list, np.ndarray, dict, Dataset):
        if isinstance(dataset, kind):
            return kind
    return None


def is_batched(dataset):
    """Whether the dataset's last step is a batch (TensorFlow's batch datasets keep
    ``_batch_size``)."""
    return hasattr(dataset, "_batch_size")


def get_batch_size(dataset):
    return dataset._batch_size if is_batched(dataset) else None


def split_dataset(dataset, left_size=None, right_size=None, shuffle=False, seed=None):
    """``keras.utils.split_dataset``: two Datasets, the left and the right part of the
    samples."""
    kind = _get_type_spec(dataset)
    if kind not in (Dataset, list, tuple, np.ndarray):
        raise TypeError("The `dataset` argument must be either a `tf.data.Dataset` object or a "
                        f"list/tuple of arrays. Received: dataset={dataset} of type "
                        f"{type(dataset)}")
    if right_size is None and left_size is None:
        raise ValueError("At least one of the `left_size` or `right_size` must be specified. "
                         "Received: left_size=None and right_size=None")
    samples = _convert_dataset_to_list(dataset, kind)
    if shuffle:
        if seed is None:
            seed = random.randint(0, int(1e6))
        random.seed(seed)
        random.shuffle(samples)
    left_size, right_size = _rescale_dataset_split_sizes(left_size, right_size, len(samples))
    parts = [Dataset.from_tensor_slices(_restore_dataset_from_list(part, kind, dataset))
             for part in (list(samples[:left_size]), list(samples[-right_size:]))]
    if kind is Dataset and is_batched(dataset):
        parts = [part.batch(get_batch_size(dataset)) for part in parts]
    left, right = [part.prefetch(-1) for part in parts]
    return left, right


def _convert_dataset_to_list(dataset, kind):
    samples = []
    for sample in _get_next_sample(_get_data_iterator_from_dataset(dataset, kind)):
        if kind in (tuple, list):
            try:
                sample = np.array(sample)
            except ValueError:
                sample = np.array(sample, dtype=object)
        samples.append(sample)
    return samples


def _get_data_iterator_from_dataset(dataset, kind):
    if kind in (list, tuple):
        name, article = ("list", "a list") if kind is list else ("tuple", "a tuple")
        if len(dataset) == 0:
            raise ValueError(f"Received an empty list dataset.{' ' if kind is list else ''}"
                             f"Please provide a non-empty {name} of arrays.")
        if _get_type_spec(dataset[0]) is not np.ndarray:
            raise ValueError(f"Expected {article} of `numpy.ndarray` objects,"
                             f"{' ' if kind is tuple else ''}Received: {type(dataset[0])}")
        expected = dataset[0].shape
        for i, element in enumerate(dataset):
            if np.array(element).shape[0] != expected[0]:
                raise ValueError(f"Received {article} of NumPy arrays with different lengths. "
                                 f"Mismatch found at index {i}, Expected shape={expected} "
                                 f"Received shape={np.array(element).shape}.Please provide "
                                 f"{article} of NumPy arrays with the same length.")
        return iter(zip(*dataset))
    if kind is Dataset:
        return iter(dataset.unbatch() if is_batched(dataset) else dataset)
    return iter(dataset)


def _get_next_sample(iterator, ensure_shape_similarity=True, data_size_warning_flag=True):
    """The samples, each of the first one's shape (when it is an array), with Keras's
    warning when reading them takes over ten seconds."""
    start_time = time.time()
    try:
        first = next(iterator)
    except StopIteration:
        raise ValueError("Received an empty Dataset. `dataset` must be a non-empty list/tuple "
                         "of `numpy.ndarray` objects or `tf.data.Dataset` objects.") from None
    is_array = isinstance(first, (Tensor, np.ndarray))
    first_shape = np.array(first).shape if is_array else None
    yield first
    for i, sample in enumerate(iterator):
        if is_array and ensure_shape_similarity and first_shape != np.array(sample).shape:
            raise ValueError(f"All `dataset` samples must have same shape, Expected shape: "
                             f"{first_shape} Received shape: {np.array(sample).shape} at "
                             f"index {i}.")
        if data_size_warning_flag and i % 10 == 0 and int(time.time() - start_time) > 10:
            warnings.warn("The dataset is taking longer than 10 seconds to iterate over. This "
                          "may be due to the size of the dataset. Keep in mind that the "
                          "`split_dataset` utility is only for small in-memory dataset (e.g. "
                          "< 10,000 samples).", category=ResourceWarning, stacklevel=2,
                          source="split_dataset")
            data_size_warning_flag = False
        yield sample


def _restore_dataset_from_list(samples, kind, original):
    if kind is Dataset and isinstance(original.element_spec, dict):
        restored = {}
        for sample in samples:
            for key, value in sample.items():
                restored.setdefault(key, []).append(value)
        return {key: np.array(values) for key, values in restored.items()}
    if kind in (tuple, list, Dataset):
        return tuple(np.array(column) for column in zip(*samples))
    return samples


def _rescale_dataset_split_sizes(left_size, right_size, total_length):
    """The two sizes as counts of samples, after Keras's checks of their types and ranges."""
    left_type, right_type = type(left_size), type(right_size)
    left_bad = left_size is not None and left_type not in (int, float)
    right_bad = right_size is not None and right_type not in (int, float)
    if left_bad and right_bad:
        raise TypeError("Invalid `left_size` and `right_size` Types. Expected: integer or float "
                        f"or None, Received: type(left_size)={left_type} and "
                        f"type(right_size)={right_type}")
    if left_bad:
        raise TypeError("Invalid `left_size` Type. Expected: int or float or None, Received: "
                        f"type(left_size)={left_type}.  ")
    if right_bad:
        raise TypeError("Invalid `right_size` Type. Expected: int or float or None,Received: "
                        f"type(right_size)={right_type}.")
    if left_size == 0 and right_size == 0:
        raise ValueError("Both `left_size` and `right_size` are zero. At least one of the split "
                         "sizes must be non-zero.")
    if out_of_range(left_size, total_length):
        raise ValueError(f"`left_size` should be either a positive integer smaller than "
                         f"{total_length}, or a float within the range `[0, 1]`. Received: "
                         f"left_size={left_size}")
    if out_of_range(right_size, total_length):
        raise ValueError(f"`right_size` should be either a positive integer and smaller than "
                         f"{total_length} or a float within the range `[0, 1]`. Received: "
                         f"right_size={right_size}")
    if right_type is float and left_type is float and right_size + left_size > 1:
        raise ValueError("The sum of `left_size` and `right_size` is greater than 1. It must be "
                         "less than or equal to 1.")
    left_size, right_size = as_count(left_size, total_length), as_count(right_size, total_length)
    if left_size is None:
        left_size = total_length - right_size
    elif right_size is None:
        right_size = total_length - left_size
    if left_size + right_size > total_length:
        # tf_keras's message leaves "{total_length}" as written
        raise ValueError("The sum of `left_size` and `right_size` should be smaller than the "
                         "{total_length}. Received: left_size + right_size = "
                         f"{left_size + right_size}and total_length = {total_length}")
    for split, side in ((left_size, "left"), (right_size, "right")):
        if split == 0:
            raise ValueError(f"With `dataset` of length={total_length}, `left_size`={left_size} "
                             f"and `right_size`={right_size}.Resulting {side} side dataset "
                             "split will be empty. Adjust any of the aforementioned parameters")
    return int(left_size), int(right_size)


def out_of_range(size, total_length):
    if type(size) is int:
        return size <= 0 or size >= total_length
    if type(size) is float:
        return size <= 0 or size >= 1
    return False


def as_count(size, total_length):
    """A float is a fraction of the samples (rounded), an int a count (as a float)."""
    if type(size) is float:
        return round(size * total_length)
    if type(size) is int:
        return float(size)
    return size
