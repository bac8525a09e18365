"""``keras.utils.image_dataset_from_directory``: a folder of class subfolders of images.

What it owns: Keras's argument checks and assembly, and ``load_image`` (decode, then
resize). ``dataset_utils`` finds the files (``.bmp .gif .jpeg .jpg .png``, any case)
and orders them exactly as Keras does, so with the same ``seed`` the same files land
in the training and validation subsets (``dataset.file_paths`` lists them). Each image
is decoded by Pillow the way ``tf.image.decode_image`` decodes it (uint8; the first
frame of a GIF; ``color_mode`` gives 1, 3 or 4 channels, a JPEG read as grayscale
takes its luma plane, as libjpeg gives it), then resized by ``tf.image.resize``
(``image_ops``; float32, except ``nearest`` which keeps uint8) or, with
``crop_to_aspect_ratio``, by ``smart_resize``. Batches of ``batch_size`` (32) are
shuffled with ``seed`` through Keras's buffer, drawn from NumPy's generator, so the
order inside a subset differs from TensorFlow's.

Hands on a ``tracekeras.data.Dataset`` (a list of two for ``subset="both"``) with
``class_names`` and ``file_paths``. No trace events.
"""
import numpy as np

from tracekeras.data import Dataset, TensorSpec
from tracekeras.utils import dataset_utils, image_ops, image_utils

ALLOWLIST_FORMATS = (".bmp", ".gif", ".jpeg", ".jpg", ".png")
CHANNELS = {"grayscale": 1, "rgb": 3, "rgba": 4}
PIL_MODES = {1: "L", 3: "RGB", 4: "RGBA"}
# the channel counts tf.image.decode_image accepts for each format (0: as stored)
DECODABLE = {"GIF": (3,), "BMP": (3, 4), "JPEG": (1, 3)}


def image_dataset_from_directory(directory, labels="inferred", label_mode="int",
                                 class_names=None, color_mode="rgb", batch_size=32,
                                 image_size=(256, 256), shuffle=True, seed=None,
                                 validation_split=None, subset=None, interpolation="bilinear",
                                 follow_links=False, crop_to_aspect_ratio=False, **kwargs):
    """A ``Dataset`` of ``(images, labels)`` batches (images alone when there are no labels)."""
    if "smart_resize" in kwargs:
        crop_to_aspect_ratio = kwargs.pop("smart_resize")
    if kwargs:
        raise TypeError(f"Unknown keywords argument(s): {tuple(kwargs.keys())}")
    dataset_utils.check_labels_arguments(labels, label_mode, class_names, "image")
    if labels is None or label_mode is None:
        labels, label_mode = None, None
    if color_mode not in CHANNELS:
        raise ValueError('`color_mode` must be one of {"rgb", "rgba", "grayscale"}. '
                         f"Received: color_mode={color_mode}")
    interpolation = image_utils.get_interpolation(interpolation)
    dataset_utils.check_validation_split_arg(validation_split, subset, shuffle, seed)
    if seed is None:
        seed = np.random.randint(1e6)
    image_paths, labels, class_names = dataset_utils.index_directory(
        directory, labels, formats=ALLOWLIST_FORMATS, class_names=class_names, shuffle=shuffle,
        seed=seed, follow_links=follow_links)
    dataset_utils.check_binary_classes(label_mode, class_names)

    def empty(part):
        which = f"{part} " if subset == "both" else ""
        return ValueError(f"No {which}images found in directory {directory}. "
                          f"Allowed formats: {ALLOWLIST_FORMATS}")
    reading = (tuple(image_size), CHANNELS[color_mode], interpolation, crop_to_aspect_ratio)
    made = []
    for part, paths, part_labels in dataset_utils.subsets(image_paths, labels, validation_split,
                                                          subset, empty):
        dataset = paths_and_labels_to_dataset(paths, reading, part_labels, label_mode,
                                              len(class_names))
        # with subset="both" Keras shuffles the training part only
        reshuffled = shuffle and not (subset == "both" and part == "validation")
        dataset = dataset_utils.batched(dataset, batch_size, reshuffled, seed)
        dataset.class_names = class_names
        dataset.file_paths = paths
        made.append(dataset)
    return made if subset == "both" else made[0]


def paths_and_labels_to_dataset(image_paths, reading, labels, label_mode, num_classes):
    image_size, num_channels, interpolation, _ = reading
    dtype = np.uint8 if interpolation == "nearest" else np.float32
    images = Dataset(lambda: (load_image(path, *reading) for path in image_paths),
                     len(image_paths), TensorSpec(tuple(image_size) + (num_channels,), dtype))
    if not label_mode:
        return images
    return Dataset.zip((images, dataset_utils.labels_to_dataset(labels, label_mode,
                                                                num_classes)))


def decode_image(path, num_channels):
    """``tf.image.decode_image(contents, channels=num_channels, expand_animations=False)``."""
    img = image_utils.open_image(path)
    allowed = DECODABLE.get(img.format)
    if allowed and num_channels not in allowed:
        raise ValueError(f"{img.format} files decode to {' or '.join(map(str, allowed))} "
                         f"channels, not {num_channels} (file {path})")
    if img.format == "JPEG" and num_channels == 1 and img.mode != "L":
        img.draft("L", img.size)   # the decoder's luma plane, as libjpeg's grayscale output
    if num_channels == 1 and img.mode not in ("L", "1"):
        return png_gray(np.asarray(img.convert("RGB"), dtype=np.uint32))
    mode = PIL_MODES[num_channels]
    return np.asarray(img if img.mode == mode else img.convert(mode),
                      dtype=np.uint8).reshape(img.size[1], img.size[0], num_channels)


def png_gray(rgb):
    """libpng's grayscale as TensorFlow asks for it: 0.299 R + 0.587 G + 0.114 B in 15-bit
    fixed point, truncated."""
    gray = (9798 * rgb[..., 0] + 19235 * rgb[..., 1] + 3735 * rgb[..., 2]) >> 15
    return gray.astype(np.uint8)[..., None]


def load_image(path, image_size, num_channels, interpolation, crop_to_aspect_ratio=False):
    """One image read from ``path`` and resized to ``image_size``."""
    img = decode_image(path, num_channels)
    if crop_to_aspect_ratio:
        return image_utils.smart_resize(img, image_size, interpolation=interpolation)
    return image_ops.resize(img, image_size, interpolation)
