"""The iterators ``ImageDataGenerator.flow`` and ``flow_from_directory`` hand back.

What it owns: ``Iterator`` (a ``keras.utils.Sequence``: batch ``idx`` is the samples
``index_array[idx * batch_size:(idx + 1) * batch_size]``; the index array is
``np.random.permutation(n)`` when shuffling, drawn on first use and again at each
``on_epoch_end``; with a ``seed``, NumPy's global random state is seeded with
``seed + total_batches_seen`` before each batch, as Keras does, so a seeded iterator
draws its order and its transforms as tf_keras's does), ``NumpyArrayIterator`` (images
from an array) and ``DirectoryIterator`` (image files in one folder per class, read
with ``load_img``; labels by ``class_mode``). Iterated with ``next`` (``for x, y in
it``) an iterator loops for ever, as in Keras.

Receives arrays or a directory and the ``ImageDataGenerator`` that transforms each
image; hands on ``(x, y)`` batches (or ``x``, or ``(x, y, sample_weight)``). No trace
events here: ``fit`` reads them through ``KerasSequenceAdapter``, which is traced.
"""
import os
import threading
import warnings

import numpy as np

from tracekeras.backend import floatx
from tracekeras.utils import image_utils
from tracekeras.utils.data_utils import Sequence
from tracekeras.utils.progbar import print_msg


class Iterator(Sequence):
    """Batches of samples by index; subclasses make a batch from an index array."""

    white_list_formats = ("png", "jpg", "jpeg", "bmp", "ppm", "tif", "tiff")

    def __init__(self, n, batch_size, shuffle, seed):
        self.n, self.batch_size, self.seed, self.shuffle = n, batch_size, seed, shuffle
        self.batch_index = 0
        self.total_batches_seen = 0
        self.lock = threading.Lock()
        self.index_array = None
        self.index_generator = self._flow_index()

    def _set_index_array(self):
        self.index_array = np.arange(self.n)
        if self.shuffle:
            self.index_array = np.random.permutation(self.n)

    def __getitem__(self, idx):
        if idx >= len(self):
            raise ValueError(f"Asked to retrieve element {idx}, but the Sequence has length "
                             f"{len(self)}")
        if self.seed is not None:
            np.random.seed(self.seed + self.total_batches_seen)
        self.total_batches_seen += 1
        if self.index_array is None:
            self._set_index_array()
        index_array = self.index_array[self.batch_size * idx:self.batch_size * (idx + 1)]
        return self._get_batches_of_transformed_samples(index_array)

    def __len__(self):
        return (self.n + self.batch_size - 1) // self.batch_size  # round up

    def on_epoch_end(self):
        self._set_index_array()

    def reset(self):
        self.batch_index = 0

    def _flow_index(self):
        """The index arrays ``next`` hands out, round and round the data."""
        self.reset()
        while True:
            if self.seed is not None:
                np.random.seed(self.seed + self.total_batches_seen)
            if self.batch_index == 0:
                self._set_index_array()
            current_index = 0 if self.n == 0 else (self.batch_index * self.batch_size) % self.n
            if self.n > current_index + self.batch_size:
                self.batch_index += 1
            else:
                self.batch_index = 0
            self.total_batches_seen += 1
            yield self.index_array[current_index:current_index + self.batch_size]

    def __iter__(self):
        return self

    def __next__(self):
        return self.next()

    def next(self):
        with self.lock:
            index_array = next(self.index_generator)
        return self._get_batches_of_transformed_samples(index_array)

    def _get_batches_of_transformed_samples(self, index_array):
        raise NotImplementedError

    def transformed(self, x):
        """One image through the generator's random transform and ``standardize``."""
        generator = self.image_data_generator
        x = generator.apply_transform(x, generator.get_random_transform(x.shape))
        return generator.standardize(x)

    def save_batch(self, batch_x, index_array, hash_limit):
        """Each image of the batch written to ``save_to_dir`` (for looking at augmentation)."""
        for i, j in enumerate(index_array):
            img = image_utils.array_to_img(batch_x[i], self.data_format, scale=True)
            fname = (f"{self.save_prefix}_{j}_{np.random.randint(hash_limit)}."
                     f"{self.save_format}")
            img.save(os.path.join(self.save_to_dir, fname))


def check_lengths(x, y, sample_weight):
    if y is not None and len(x) != len(y):
        raise ValueError("`x` (images tensor) and `y` (labels) should have the same length. "
                         f"Found: x.shape = {np.asarray(x).shape}, "
                         f"y.shape = {np.asarray(y).shape}")
    if sample_weight is not None and len(x) != len(sample_weight):
        raise ValueError("`x` (images tensor) and `sample_weight` should have the same length. "
                         f"Found: x.shape = {np.asarray(x).shape}, "
                         f"sample_weight.shape = {np.asarray(sample_weight).shape}")


def split_misc(x):
    """``x`` given as ``(images, other array or list of arrays)``: the images and the others."""
    if not isinstance(x, (tuple, list)):
        return x, []
    x_misc = ([np.asarray(x[1])] if not isinstance(x[1], list)
              else [np.asarray(xx) for xx in x[1]])
    x = x[0]
    for xx in x_misc:
        if len(x) != len(xx):
            raise ValueError("All of the arrays in `x` should have the same length. Found a "
                             f"pair with: len(x[0]) = {len(x)}, len(x[?]) = {len(xx)}")
    return x, x_misc


def take_subset(x, x_misc, y, subset, ignore_class_split, validation_split):
    """The first ``validation_split`` of the samples ("validation") or the rest ("training")."""
    if subset not in {"training", "validation"}:
        raise ValueError("Invalid subset name:", subset, '; expected "training" or "validation".')
    split_idx = int(len(x) * validation_split)
    if (y is not None and not ignore_class_split
            and not np.array_equal(np.unique(y[:split_idx]), np.unique(y[split_idx:]))):
        raise ValueError("Training and validation subsets have different number of classes "
                         "after the split. If your numpy arrays are sorted by the label, you "
                         "might want to shuffle them.")
    part = slice(None, split_idx) if subset == "validation" else slice(split_idx, None)
    return (x[part], [np.asarray(xx[part]) for xx in x_misc],
            None if y is None else y[part])


class NumpyArrayIterator(Iterator):
    """Batches of ``x`` (rank 4) and ``y``, each image transformed by the generator."""

    def __init__(self, x, y, image_data_generator, batch_size=32, shuffle=False,
                 sample_weight=None, seed=None, data_format=None, save_to_dir=None,
                 save_prefix="", save_format="png", subset=None, ignore_class_split=False,
                 dtype=None):
        data_format = data_format or "channels_last"
        self.dtype = dtype or floatx()
        x, x_misc = split_misc(x)
        check_lengths(x, y, sample_weight)
        if subset is not None:
            x, x_misc, y = take_subset(x, x_misc, y, subset, ignore_class_split,
                                       image_data_generator._validation_split)
        self.x = np.asarray(x, dtype=self.dtype)
        self.x_misc = x_misc
        if self.x.ndim != 4:
            raise ValueError("Input data in `NumpyArrayIterator` should have rank 4. You "
                             "passed an array with shape", self.x.shape)
        channels_axis = 3 if data_format == "channels_last" else 1
        if self.x.shape[channels_axis] not in {1, 3, 4}:
            warnings.warn(f'NumpyArrayIterator is set to use the data format convention '
                          f'"{data_format}" (channels on axis {channels_axis}), i.e. expected '
                          f"either 1, 3, or 4 channels on axis {channels_axis}. However, it "
                          f"was passed an array with shape {self.x.shape} "
                          f"({self.x.shape[channels_axis]} channels).", stacklevel=2)
        self.y = None if y is None else np.asarray(y)
        self.sample_weight = None if sample_weight is None else np.asarray(sample_weight)
        self.image_data_generator = image_data_generator
        self.data_format = data_format
        self.save_to_dir, self.save_prefix, self.save_format = (save_to_dir, save_prefix,
                                                                save_format)
        super().__init__(self.x.shape[0], batch_size, shuffle, seed)

    def _get_batches_of_transformed_samples(self, index_array):
        batch_x = np.zeros((len(index_array),) + self.x.shape[1:], dtype=self.dtype)
        for i, j in enumerate(index_array):
            batch_x[i] = self.transformed(self.x[j].astype(self.dtype))
        if self.save_to_dir:
            self.save_batch(batch_x, index_array, 10**4)
        batch_x_miscs = [xx[index_array] for xx in self.x_misc]
        inputs = [batch_x] + batch_x_miscs if batch_x_miscs else batch_x
        if self.y is None:
            return inputs
        output = (inputs, self.y[index_array])
        if self.sample_weight is not None:
            output += (self.sample_weight[index_array],)
        return output


def valid_files(directory, white_list_formats, follow_links):
    """(folder, file name) of each image under ``directory``, walked in sorted order as
    Keras walks it."""
    for root, _, files in sorted(os.walk(directory, followlinks=follow_links),
                                 key=lambda walked: walked[0]):
        for fname in sorted(files):
            if fname.lower().endswith(".tiff"):
                warnings.warn('Using ".tiff" files with multiple bands will cause distortion. '
                              "Please verify your output.", stacklevel=2)
            if fname.lower().endswith(white_list_formats):
                yield root, fname


def list_valid_filenames(directory, white_list_formats, split, class_index, follow_links):
    """(class indices, paths relative to ``directory``'s parent) of one class folder's images;
    with ``split`` (start, stop fractions), only that part of them."""
    found = list(valid_files(directory, white_list_formats, follow_links))
    if split:
        start, stop = int(split[0] * len(found)), int(split[1] * len(found))
        found = found[start:stop]
    dirname = os.path.basename(directory)
    filenames = [os.path.join(dirname, os.path.relpath(os.path.join(root, fname), directory))
                 for root, fname in found]
    return [class_index] * len(filenames), filenames


def directory_split(subset, validation_split):
    """The fractions of each class folder ``subset`` takes (None: all of it)."""
    if subset is None:
        return None
    if subset == "validation":
        return (0, validation_split)
    if subset == "training":
        return (validation_split, 1)
    raise ValueError(f'Invalid subset name: {subset};expected "training" or "validation"')


COLOR_CHANNELS = {"rgb": 3, "rgba": 4, "grayscale": 1}


class DirectoryIterator(Iterator):
    """Batches of the images in ``directory/<class>/...``, labelled by ``class_mode``."""

    allowed_class_modes = {"categorical", "binary", "sparse", "input", None}

    def __init__(self, directory, image_data_generator, target_size=(256, 256),
                 color_mode="rgb", classes=None, class_mode="categorical", batch_size=32,
                 shuffle=True, seed=None, data_format=None, save_to_dir=None, save_prefix="",
                 save_format="png", follow_links=False, subset=None, interpolation="nearest",
                 keep_aspect_ratio=False, dtype=None):
        self.data_format = data_format or "channels_last"
        self.dtype = dtype or floatx()
        self.image_data_generator = image_data_generator
        self.target_size, self.keep_aspect_ratio = tuple(target_size), keep_aspect_ratio
        if color_mode not in COLOR_CHANNELS:
            raise ValueError("Invalid color mode:", color_mode,
                             '; expected "rgb", "rgba", or "grayscale".')
        if class_mode not in self.allowed_class_modes:
            raise ValueError(f"Invalid class_mode: {class_mode}; expected one of: "
                             f"{self.allowed_class_modes}")
        self.split = directory_split(subset, image_data_generator._validation_split)
        self.subset = subset
        self.color_mode, self.class_mode, self.interpolation = (color_mode, class_mode,
                                                                interpolation)
        channels = COLOR_CHANNELS[color_mode]
        self.image_shape = (self.target_size + (channels,) if self.data_format ==
                            "channels_last" else (channels,) + self.target_size)
        self.save_to_dir, self.save_prefix, self.save_format = (save_to_dir, save_prefix,
                                                                save_format)
        self.directory = directory
        if not classes:
            classes = [subdir for subdir in sorted(os.listdir(directory))
                       if os.path.isdir(os.path.join(directory, subdir))]
        self.num_classes = len(classes)
        self.class_indices = dict(zip(classes, range(len(classes))))
        labels, self.filenames = [], []
        for subdir in classes:
            found = list_valid_filenames(os.path.join(directory, subdir),
                                         self.white_list_formats, self.split,
                                         self.class_indices[subdir], follow_links)
            labels += found[0]
            self.filenames += found[1]
        self.samples = len(self.filenames)
        self.classes = np.array(labels, dtype="int32").reshape((self.samples,))
        print_msg(f"Found {self.samples} images belonging to {self.num_classes} classes.")
        self._filepaths = [os.path.join(directory, fname) for fname in self.filenames]
        super().__init__(self.samples, batch_size, shuffle, seed)

    @property
    def filepaths(self):
        return self._filepaths

    @property
    def labels(self):
        return self.classes

    @property
    def sample_weight(self):
        return None

    def _get_batches_of_transformed_samples(self, index_array):
        batch_x = np.zeros((len(index_array),) + self.image_shape, dtype=self.dtype)
        for i, j in enumerate(index_array):
            img = image_utils.load_img(self._filepaths[j], color_mode=self.color_mode,
                                       target_size=self.target_size,
                                       interpolation=self.interpolation,
                                       keep_aspect_ratio=self.keep_aspect_ratio)
            x = image_utils.img_to_array(img, data_format=self.data_format)
            if hasattr(img, "close"):
                img.close()
            batch_x[i] = self.transformed(x) if self.image_data_generator else x
        if self.save_to_dir:
            self.save_batch(batch_x, index_array, 10**7)
        if self.class_mode is None:
            return batch_x
        return batch_x, self.batch_labels(batch_x, index_array)

    def batch_labels(self, batch_x, index_array):
        """The labels ``class_mode`` asks for (the images themselves for "input")."""
        if self.class_mode == "input":
            return batch_x.copy()
        if self.class_mode in {"binary", "sparse"}:
            return self.classes[index_array].astype(self.dtype)
        batch_y = np.zeros((len(batch_x), len(self.class_indices)), dtype=self.dtype)
        batch_y[np.arange(len(index_array)), self.classes[index_array]] = 1.0
        return batch_y
