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
"Using ..." lines as Keras. No trace events.
"""
import os

import numpy as np

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
