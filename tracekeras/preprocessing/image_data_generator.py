"""``keras.preprocessing.image.ImageDataGenerator``: random image augmentation and scaling.

What it owns: the ``ImageDataGenerator`` class. ``flow(x, y)`` and
``flow_from_directory(directory)`` hand back iterators (``image_iterators``) that call,
for every image of a batch, ``get_random_transform`` (the rotation, shifts, shear, zoom,
flips, channel shift of that image, drawn from NumPy's global random state in Keras's
order), ``apply_transform`` (``affine_transform``) and ``standardize`` (``rescale``,
then sample-wise and feature-wise centring and scaling). ``fit(x)`` computes the
feature-wise mean and standard deviation (and the ZCA matrix) that ``standardize`` uses.
The iterators seed NumPy's global random state as Keras's do, so a seeded run draws the
numbers tf_keras draws.

Receives images as arrays or files; hands on float arrays (``floatx`` by default).
Not implemented: ``flow_from_dataframe`` (it needs pandas). No trace events: the iterators are
``keras.utils.Sequence``s, traced where ``fit`` reads them (``KerasSequenceAdapter``).
"""
import warnings

import numpy as np

from tracekeras.backend import floatx, image_data_format

from . import affine_transform as affine
from . import image_iterators


def zoom_pair(zoom_range):
    if isinstance(zoom_range, (float, int)):
        return [1 - zoom_range, 1 + zoom_range]
    if len(zoom_range) == 2 and all(isinstance(val, (float, int)) for val in zoom_range):
        return [zoom_range[0], zoom_range[1]]
    raise ValueError("`zoom_range` should be a float or a tuple or list of two floats. "
                     f"Received: {zoom_range}")


def overrides(generator, zca_whitening, featurewise_std_normalization,
              samplewise_std_normalization):
    """The switches one option turns on or off, with Keras's warnings."""
    if zca_whitening:
        if not generator.featurewise_center:
            generator.featurewise_center = True
            warnings.warn("This ImageDataGenerator specifies `zca_whitening`, which overrides "
                          "setting of `featurewise_center`.", stacklevel=2)
        if featurewise_std_normalization:
            generator.featurewise_std_normalization = False
            warnings.warn("This ImageDataGenerator specifies `zca_whitening` which overrides "
                          "setting of`featurewise_std_normalization`.", stacklevel=2)
    if featurewise_std_normalization and not generator.featurewise_center:
        generator.featurewise_center = True
        warnings.warn("This ImageDataGenerator specifies `featurewise_std_normalization`, "
                      "which overrides setting of `featurewise_center`.", stacklevel=2)
    if samplewise_std_normalization and not generator.samplewise_center:
        generator.samplewise_center = True
        warnings.warn("This ImageDataGenerator specifies `samplewise_std_normalization`, "
                      "which overrides setting of `samplewise_center`.", stacklevel=2)


def random_shift(shift_range, size):
    """A shift drawn as Keras draws it: from a list of pixel counts, or a fraction."""
    try:  # 1-D array-like or int
        shift = np.random.choice(shift_range)
        shift *= np.random.choice([-1, 1])
    except ValueError:  # a float
        shift = np.random.uniform(-shift_range, shift_range)
    if np.max(shift_range) < 1:
        shift *= size
    return shift


class ImageDataGenerator:
    """Batches of images with real-time augmentation (Keras's arguments and defaults)."""

    def __init__(self, featurewise_center=False, samplewise_center=False,
                 featurewise_std_normalization=False, samplewise_std_normalization=False,
                 zca_whitening=False, zca_epsilon=1e-6, rotation_range=0,
                 width_shift_range=0.0, height_shift_range=0.0, brightness_range=None,
                 shear_range=0.0, zoom_range=0.0, channel_shift_range=0.0,
                 fill_mode="nearest", cval=0.0, horizontal_flip=False, vertical_flip=False,
                 rescale=None, preprocessing_function=None, data_format=None,
                 validation_split=0.0, interpolation_order=1, dtype=None):
        data_format = data_format or image_data_format()
        if data_format not in {"channels_last", "channels_first"}:
            raise ValueError('`data_format` should be `"channels_last"` (channel after row and '
                             'column) or `"channels_first"` (channel before row and column). '
                             f"Received: {data_format}")
        if validation_split and not 0 < validation_split < 1:
            raise ValueError("`validation_split` must be strictly between 0 and 1.  "
                             f"Received: {validation_split}")
        if brightness_range is not None and (not isinstance(brightness_range, (tuple, list))
                                             or len(brightness_range) != 2):
            raise ValueError("`brightness_range should be tuple or list of two floats. "
                             f"Received: {brightness_range}")
        affine.check_resampling(fill_mode, interpolation_order)
        self.zoom_range = zoom_pair(zoom_range)
        self.featurewise_center = featurewise_center
        self.samplewise_center = samplewise_center
        self.featurewise_std_normalization = featurewise_std_normalization
        self.samplewise_std_normalization = samplewise_std_normalization
        self.zca_whitening, self.zca_epsilon = zca_whitening, zca_epsilon
        self.rotation_range = rotation_range
        self.width_shift_range, self.height_shift_range = width_shift_range, height_shift_range
        self.shear_range = shear_range
        self.channel_shift_range = channel_shift_range
        self.fill_mode, self.cval = fill_mode, cval
        self.horizontal_flip, self.vertical_flip = horizontal_flip, vertical_flip
        self.rescale = rescale
        self.preprocessing_function = preprocessing_function
        self.dtype = dtype or floatx()
        self.interpolation_order = interpolation_order
        self.data_format = data_format
        self.channel_axis, self.row_axis, self.col_axis = (
            (1, 2, 3) if data_format == "channels_first" else (3, 1, 2))
        self._validation_split = validation_split
        self.brightness_range = brightness_range
        self.mean = self.std = self.zca_whitening_matrix = None
        overrides(self, zca_whitening, featurewise_std_normalization,
                  samplewise_std_normalization)

    def flow(self, x, y=None, batch_size=32, shuffle=True, sample_weight=None, seed=None,
             save_to_dir=None, save_prefix="", save_format="png", ignore_class_split=False,
             subset=None):
        """A ``NumpyArrayIterator`` over ``x`` (and ``y``)."""
        return image_iterators.NumpyArrayIterator(
            x, y, self, batch_size=batch_size, shuffle=shuffle, sample_weight=sample_weight,
            seed=seed, data_format=self.data_format, save_to_dir=save_to_dir,
            save_prefix=save_prefix, save_format=save_format,
            ignore_class_split=ignore_class_split, subset=subset, dtype=self.dtype)

    def flow_from_directory(self, directory, target_size=(256, 256), color_mode="rgb",
                            classes=None, class_mode="categorical", batch_size=32,
                            shuffle=True, seed=None, save_to_dir=None, save_prefix="",
                            save_format="png", follow_links=False, subset=None,
                            interpolation="nearest", keep_aspect_ratio=False):
        """A ``DirectoryIterator`` over the images in ``directory``'s class folders."""
        return image_iterators.DirectoryIterator(
            directory, self, target_size=target_size, color_mode=color_mode,
            keep_aspect_ratio=keep_aspect_ratio, classes=classes, class_mode=class_mode,
            data_format=self.data_format, batch_size=batch_size, shuffle=shuffle, seed=seed,
            save_to_dir=save_to_dir, save_prefix=save_prefix, save_format=save_format,
            follow_links=follow_links, subset=subset, interpolation=interpolation,
            dtype=self.dtype)

    def flow_from_dataframe(self, dataframe, *args, **kwargs):
        raise affine.not_implemented("keras.preprocessing.image.ImageDataGenerator."
                                     "flow_from_dataframe", "use flow_from_directory or flow")

    def standardize(self, x):
        """``x`` (one image or a batch) scaled and centred in place, as Keras does."""
        if self.preprocessing_function:
            x = self.preprocessing_function(x)
        if self.rescale:
            x *= self.rescale
        if self.samplewise_center:
            x -= np.mean(x, keepdims=True)
        if self.samplewise_std_normalization:
            x /= np.std(x, keepdims=True) + 1e-6
        x = self.featurewise(x)
        return x

    def featurewise(self, x):
        """The feature-wise part of ``standardize`` (what ``fit`` computed)."""
        unfit = ("This ImageDataGenerator specifies `{}`, but it hasn't been fit on any "
                 "training data. Fit it first by calling `.fit(numpy_data)`.")
        if self.featurewise_center:
            if self.mean is not None:
                x -= self.mean
            else:
                warnings.warn(unfit.format("featurewise_center"), stacklevel=2)
        if self.featurewise_std_normalization:
            if self.std is not None:
                x /= self.std + 1e-6
            else:
                warnings.warn(unfit.format("featurewise_std_normalization"), stacklevel=2)
        if self.zca_whitening:
            if self.zca_whitening_matrix is not None:
                flat_x = x.reshape(-1, np.prod(x.shape[-3:]))
                x = np.reshape(flat_x @ self.zca_whitening_matrix, x.shape)
            else:
                warnings.warn(unfit.format("zca_whitening"), stacklevel=2)
        return x

    def get_random_transform(self, img_shape, seed=None):
        """This image's transform, drawn in Keras's order from NumPy's global random state."""
        if seed is not None:
            np.random.seed(seed)
        theta = (np.random.uniform(-self.rotation_range, self.rotation_range)
                 if self.rotation_range else 0)
        tx = (random_shift(self.height_shift_range, img_shape[self.row_axis - 1])
              if self.height_shift_range else 0)
        ty = (random_shift(self.width_shift_range, img_shape[self.col_axis - 1])
              if self.width_shift_range else 0)
        shear = np.random.uniform(-self.shear_range, self.shear_range) if self.shear_range else 0
        if self.zoom_range[0] == 1 and self.zoom_range[1] == 1:
            zx, zy = 1, 1
        else:
            zx, zy = np.random.uniform(self.zoom_range[0], self.zoom_range[1], 2)
        flip_horizontal = (np.random.random() < 0.5) * self.horizontal_flip
        flip_vertical = (np.random.random() < 0.5) * self.vertical_flip
        channel_shift_intensity = None
        if self.channel_shift_range != 0:
            channel_shift_intensity = np.random.uniform(-self.channel_shift_range,
                                                        self.channel_shift_range)
        brightness = None
        if self.brightness_range is not None:
            brightness = np.random.uniform(self.brightness_range[0], self.brightness_range[1])
        return {"theta": theta, "tx": tx, "ty": ty, "shear": shear, "zx": zx, "zy": zy,
                "flip_horizontal": flip_horizontal, "flip_vertical": flip_vertical,
                "channel_shift_intensity": channel_shift_intensity, "brightness": brightness}

    def apply_transform(self, x, transform_parameters):
        """One image ``(rows, cols, channels)`` transformed as ``transform_parameters`` says."""
        img_row_axis, img_col_axis = self.row_axis - 1, self.col_axis - 1
        img_channel_axis = self.channel_axis - 1
        get = transform_parameters.get
        x = affine.apply_affine_transform(
            x, get("theta", 0), get("tx", 0), get("ty", 0), get("shear", 0), get("zx", 1),
            get("zy", 1), row_axis=img_row_axis, col_axis=img_col_axis,
            channel_axis=img_channel_axis, fill_mode=self.fill_mode, cval=self.cval,
            order=self.interpolation_order)
        if get("channel_shift_intensity") is not None:
            x = affine.apply_channel_shift(x, transform_parameters["channel_shift_intensity"],
                                           img_channel_axis)
        if get("flip_horizontal", False):
            x = affine.flip_axis(x, img_col_axis)
        if get("flip_vertical", False):
            x = affine.flip_axis(x, img_row_axis)
        if get("brightness") is not None:
            x = affine.apply_brightness_shift(x, transform_parameters["brightness"], False)
        return x

    def random_transform(self, x, seed=None):
        return self.apply_transform(x, self.get_random_transform(x.shape, seed))

    def fit(self, x, augment=False, rounds=1, seed=None):
        """The feature-wise mean, standard deviation (and ZCA matrix) of ``x``."""
        x = np.asarray(x, dtype=self.dtype)
        if x.ndim != 4:
            raise ValueError("Input to `.fit()` should have rank 4. Got array with shape: "
                             + str(x.shape))
        if x.shape[self.channel_axis] not in {1, 3, 4}:
            warnings.warn("Expected input to be images (as Numpy array) following the data "
                          f'format convention "{self.data_format}" (channels on axis '
                          f"{self.channel_axis}), i.e. expected either 1, 3 or 4 channels on "
                          f"axis {self.channel_axis}. However, it was passed an array with "
                          f"shape {x.shape} ({x.shape[self.channel_axis]} channels).", stacklevel=2)
        if seed is not None:
            np.random.seed(seed)
        x = np.copy(x)
        if self.rescale:
            x *= self.rescale
        if augment:
            ax = np.zeros((rounds * x.shape[0],) + x.shape[1:], dtype=self.dtype)
            for r in range(rounds):
                for i in range(x.shape[0]):
                    ax[i + r * x.shape[0]] = self.random_transform(x[i])
            x = ax
        broadcast_shape = [1, 1, 1]
        broadcast_shape[self.channel_axis - 1] = x.shape[self.channel_axis]
        if self.featurewise_center:
            self.mean = np.reshape(np.mean(x, axis=(0, self.row_axis, self.col_axis)),
                                   broadcast_shape)
            x -= self.mean
        if self.featurewise_std_normalization:
            self.std = np.reshape(np.std(x, axis=(0, self.row_axis, self.col_axis)),
                                  broadcast_shape)
            x /= self.std + 1e-6
        if self.zca_whitening:
            n = len(x)
            u, s, _ = np.linalg.svd(np.reshape(x, (n, -1)).T, full_matrices=False)
            s_inv = np.sqrt(n) / (s + self.zca_epsilon)
            self.zca_whitening_matrix = (u * s_inv).dot(u.T)
