"""``keras.utils.audio_dataset_from_directory``: a folder of class subfolders of ``.wav`` files.

What it owns: Keras's argument checks (with its messages) and assembly. ``dataset_utils``
finds the files and orders them exactly as Keras does (so with the same ``seed`` the same
files land in the training and validation subsets) and prints Keras's "Found N files
belonging to C classes." and "Using ..." lines. Each file is read and decoded by
``tf.audio.decode_wav`` (:mod:`tracekeras.backend.audio_ops`): float32 ``(samples,
channels)``, cut or zero-padded to ``output_sequence_length`` when it is given. Batches of
``batch_size`` (32) are shuffled with ``seed`` through Keras's buffer of ``8 *
batch_size`` elements (1024 unbatched), as tf.data shuffles, so a seeded folder gives
Keras's batches in Keras's order; with ``subset="both"`` the validation part is not
shuffled, as in Keras. Without ``output_sequence_length`` the clips of a batch are padded
with zeros to the longest (``padded_batch``). ``sampling_rate`` needs ``tensorflow_io``
(as in Keras: its ImportError after the checks); ``ragged=True`` ends in tracekeras's "does
not implement".

Hands on a ``tracekeras.data.Dataset`` (a list of two for ``subset="both"``) with
``class_names``. No trace events.
"""
import os

import numpy as np

from tracekeras.backend import audio_ops
from tracekeras.backend.op_errors import NotFoundError
from tracekeras.data import Dataset, TensorSpec
from tracekeras.utils import dataset_utils

ALLOWED_FORMATS = (".wav",)


def check_arguments(labels, label_mode, class_names, ragged, output_sequence_length,
                    sampling_rate):
    """Keras's checks, in its order, before anything is read."""
    if labels not in ("inferred", None):
        if not isinstance(labels, (list, tuple)):
            raise ValueError("The `labels` argument should be a list/tuple of integer labels, "
                             "of the same size as the number of audio files in the target "
                             "directory. If you wish to infer the labels from the subdirectory "
                             'names in the target directory, pass `labels="inferred"`. If you '
                             "wish to get a dataset that only contains audio samples (no "
                             f"labels), pass `labels=None`. Received: labels={labels}")
        if class_names:
            raise ValueError('You can only pass `class_names` if `labels="inferred"`. '
                             f"Received: labels={labels}, and class_names={class_names}")
    if label_mode not in dataset_utils.LABEL_MODES:
        raise ValueError('`label_mode` argument must be one of "int", "categorical", "binary", '
                         f"or None. Received: label_mode={label_mode}")
    if ragged and output_sequence_length is not None:
        raise ValueError("Cannot set both `ragged` and `output_sequence_length`")
    if sampling_rate is not None:
        if not isinstance(sampling_rate, int):
            raise ValueError("`sampling_rate` should have an integer value. "
                             f"Received: sampling_rate={sampling_rate}")
        if sampling_rate <= 0:
            raise ValueError("`sampling_rate` should be higher than 0. "
                             f"Received: sampling_rate={sampling_rate}")
        raise ImportError("To use the argument `sampling_rate`, you should install "
                          "tensorflow_io. You can install it via `pip install tensorflow-io`.")
    if ragged:
        from tracekeras.shim.errors import PACKAGE, OperationNotImplementedByTracekeras, caller
        raise OperationNotImplementedByTracekeras(
            "tracekeras does not implement keras.utils.audio_dataset_from_directory with "
            f"ragged=True (used by {caller(PACKAGE)})")


def audio_dataset_from_directory(directory, labels="inferred", label_mode="int",
                                 class_names=None, batch_size=32, sampling_rate=None,
                                 output_sequence_length=None, ragged=False, shuffle=True,
                                 seed=None, validation_split=None, subset=None,
                                 follow_links=False):
    """A ``Dataset`` of ``(audio, label)`` batches (audio alone when there are no labels)."""
    check_arguments(labels, label_mode, class_names, ragged, output_sequence_length,
                    sampling_rate)
    if labels is None or label_mode is None:
        labels, label_mode = None, None
    dataset_utils.check_validation_split_arg(validation_split, subset, shuffle, seed)
    if not os.path.isdir(directory):   # Keras lists it with tf.io.gfile
        raise NotFoundError(f"Could not find directory {directory}")
    if seed is None:
        seed = np.random.randint(1e6)
    file_paths, labels, class_names = dataset_utils.index_directory(
        directory, labels, formats=ALLOWED_FORMATS, class_names=class_names, shuffle=shuffle,
        seed=seed, follow_links=follow_links)
    dataset_utils.check_binary_classes(label_mode, class_names)

    def empty(part):
        which = f"{part} " if subset == "both" else ""
        return ValueError(f"No {which}audio files found in directory {directory}. "
                          f"Allowed format(s): {ALLOWED_FORMATS}")
    made = []
    for part, paths, part_labels in dataset_utils.subsets(file_paths, labels, validation_split,
                                                          subset, empty):
        dataset = paths_and_labels_to_dataset(paths, part_labels, label_mode, len(class_names),
                                              output_sequence_length)
        # with subset="both" Keras shuffles the training part only
        reshuffled = shuffle and not (subset == "both" and part == "validation")
        made.append(prepare_dataset(dataset, batch_size, reshuffled, seed, class_names,
                                    output_sequence_length))
    return made if subset == "both" else made[0]


def prepare_dataset(dataset, batch_size, shuffle, seed, class_names, output_sequence_length):
    """Shuffled through Keras's buffer, then batched: padded to the longest clip of each
    batch when no ``output_sequence_length`` makes them equal."""
    if batch_size is not None:
        if shuffle:
            dataset = dataset.shuffle(buffer_size=batch_size * 8, seed=seed)
        if output_sequence_length is None:
            if not isinstance(dataset.element_spec, tuple):
                # Keras pads as if there were labels: TF refuses the padded shape () then
                raise ValueError("Attempt to convert a value (None) with an unsupported type "
                                 "(<class 'NoneType'>) to a Tensor.")
            dataset = dataset.padded_batch(batch_size, padded_shapes=([None, None], []))
        else:
            dataset = dataset.batch(batch_size)
    elif shuffle:
        dataset = dataset.shuffle(buffer_size=1024, seed=seed)
    dataset.class_names = class_names
    return dataset


def read_and_decode_audio(path, output_sequence_length=None):
    """The float32 ``(samples, channels)`` of one file."""
    with open(path, "rb") as f:
        contents = f.read()
    desired = -1 if output_sequence_length is None else output_sequence_length
    audio, _ = audio_ops.decode_wav(contents, desired_samples=desired)
    return audio.value


def paths_and_labels_to_dataset(file_paths, labels, label_mode, num_classes,
                                output_sequence_length):
    audio = Dataset(lambda: (read_and_decode_audio(path, output_sequence_length)
                             for path in file_paths),
                    len(file_paths), TensorSpec((output_sequence_length, None), np.float32))
    if not label_mode:
        return audio
    return Dataset.zip((audio, dataset_utils.labels_to_dataset(labels, label_mode,
                                                               num_classes)))
