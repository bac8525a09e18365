"""``keras.utils.text_dataset_from_directory``: a folder of class subfolders of ``.txt`` files.

What it owns: Keras's argument checks and assembly. ``dataset_utils`` finds the
files and orders them exactly as Keras does (so with the same ``seed`` the same
files land in the training and validation subsets); each element is the raw
bytes of one file (cut to ``max_length`` bytes) as a 0-d object array, like a
``tf.string`` scalar's ``.numpy()``, with its label when labels are asked for.
Batches of ``batch_size`` (32) are shuffled with ``seed`` through a buffer of
``8 * batch_size`` elements: the same buffer as Keras, drawn from NumPy's
generator, so the order inside a subset differs from TensorFlow's.
Hands on a ``tracekeras.data.Dataset`` (a list of two for ``subset="both"``)
with ``class_names``. No trace events.
"""
import numpy as np

from tracekeras.data import Dataset, TensorSpec
from tracekeras.utils import dataset_utils


def text_dataset_from_directory(directory, labels="inferred", label_mode="int",
                                class_names=None, batch_size=32, max_length=None, shuffle=True,
                                seed=None, validation_split=None, subset=None,
                                follow_links=False):
    """A ``Dataset`` of ``(text, label)`` batches (texts alone when there are no labels)."""
    dataset_utils.check_labels_arguments(labels, label_mode, class_names, "text")
    if labels is None or label_mode is None:
        labels, label_mode = None, None
    dataset_utils.check_validation_split_arg(validation_split, subset, shuffle, seed)
    if seed is None:
        seed = np.random.randint(1e6)
    file_paths, labels, class_names = dataset_utils.index_directory(
        directory, labels, formats=(".txt",), class_names=class_names, shuffle=shuffle,
        seed=seed, follow_links=follow_links)
    dataset_utils.check_binary_classes(label_mode, class_names)

    def empty(part):
        which = f"{part} " if subset == "both" else ""
        return ValueError(f"No {which}text files found in directory {directory}. "
                          "Allowed format: .txt")
    made = []
    for part, paths, part_labels in dataset_utils.subsets(file_paths, labels, validation_split,
                                                          subset, empty):
        dataset = paths_and_labels_to_dataset(paths, part_labels, label_mode, len(class_names),
                                              max_length)
        # with subset="both" Keras shuffles the training part only
        reshuffled = shuffle and not (subset == "both" and part == "validation")
        dataset = dataset_utils.batched(dataset, batch_size, reshuffled, seed)
        dataset.class_names = class_names
        made.append(dataset)
    return made if subset == "both" else made[0]


def read_text(path, max_length):
    with open(path, "rb") as f:
        content = f.read()
    return np.array(content if max_length is None else content[:max_length], dtype=object)


def paths_and_labels_to_dataset(file_paths, labels, label_mode, num_classes, max_length):
    texts = Dataset(lambda: (read_text(path, max_length) for path in file_paths),
                    len(file_paths), TensorSpec((), object))
    if not label_mode:
        return texts
    return Dataset.zip((texts, dataset_utils.labels_to_dataset(labels, label_mode,
                                                               num_classes)))
