"""Write what real tf_keras 2.21 returns for ``image_dataset_from_directory`` and ``load_img``.

Run with the reference venv (TensorFlow, tf_keras 2.21, Pillow) from the repository root:

    /work/tfvenv/bin/python tests/utils/make_image_fixtures.py

It writes ``tests/utils/data/images/`` (a tiny folder of class subfolders of PNG,
JPEG, BMP and GIF files of several sizes and modes, a hidden folder, a nested folder,
upper-case extensions and a file that is not an image; TensorFlow decodes a GIF
to 3 channels only, a BMP to 3 or 4 and a JPEG to 1 or 3, so the grayscale case
reads the ``daisy`` folder alone and the RGBA case the ``tulips`` folder) and, in
``tests/utils/data/``:

- ``images_expected.json``: the file order, labels and class names Keras finds for
  several seeds and splits (``file_paths`` of each subset), the label batches and
  image batch shapes and dtypes of unshuffled datasets for several arguments, and the
  errors bad arguments raise;
- ``images_expected.npz``: the image batches of those unshuffled datasets
  (``dataset/<case>/<batch>``) and the arrays of ``load_img`` + ``img_to_array``
  (``load_img/<case>``).

Paths are stored relative to ``data/images``.
"""
import json
import os
import shutil

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"

import numpy as np  # noqa: E402
import tf_keras as keras  # noqa: E402
from PIL import Image  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "data")
IMAGES = os.path.join(FIXTURES, "images")
# path: (height, width, PIL mode)
FILES = {
    "tulips/t1.png": (9, 12, "RGB"), "roses/r5.jpg": (16, 10, "RGB"),
    "tulips/T3.PNG": (8, 8, "L"), "tulips/t4.bmp": (7, 11, "RGB"),
    "roses/r1.jpeg": (12, 12, "RGB"), "roses/r2.png": (10, 6, "RGBA"),
    "roses/nested/r3.gif": (9, 9, "P"), "roses/r4.JPG": (11, 15, "RGB"),
    "daisy/d1.png": (13, 7, "RGB"), "daisy/d2.png": (6, 6, "P"),
    "daisy/d3.jpg": (8, 14, "L"), "daisy/notes.txt": None,
    ".hidden/h1.png": (5, 5, "RGB"),
}
DATASET_CASES = {
    "default": {"image_size": (6, 7)},
    "grayscale_nearest": {"directory": "daisy", "labels": None, "image_size": (5, 5),
                          "color_mode": "grayscale", "interpolation": "nearest"},
    "rgba": {"directory": "tulips", "labels": None, "image_size": (4, 6),
             "color_mode": "rgba"},
    "crop_area": {"image_size": (6, 4), "crop_to_aspect_ratio": True, "interpolation": "area"},
    "bicubic_no_labels": {"image_size": (7, 7), "interpolation": "bicubic", "labels": None},
    "class_names_categorical": {"image_size": (3, 3), "label_mode": "categorical",
                                "class_names": ["tulips", "roses", "daisy"]},
    "unbatched": {"image_size": (3, 4), "batch_size": None},
}
LOAD_CASES = {
    "plain": ("tulips/t1.png", {}),
    "grayscale": ("roses/r4.JPG", {"color_mode": "grayscale"}),
    "rgba": ("roses/r2.png", {"color_mode": "rgba"}),
    "target_nearest": ("roses/r5.jpg", {"target_size": (5, 7)}),
    "target_bilinear": ("roses/r5.jpg", {"target_size": (5, 7), "interpolation": "bilinear"}),
    "keep_aspect": ("roses/r4.JPG", {"target_size": (6, 6), "keep_aspect_ratio": True}),
    "gif": ("roses/nested/r3.gif", {}),
}
ERROR_CASES = [
    {"labels": "folders"}, {"labels": [0, 1], "class_names": ["a"]},
    {"label_mode": "sparse"}, {"color_mode": "cmyk"}, {"interpolation": "cubic"},
    {"label_mode": "binary"}, {"validation_split": 0.2, "subset": "training"},
    {"validation_split": 1.5, "subset": "training", "seed": 1}, {"subset": "training"},
    {"validation_split": 0.2, "subset": "test", "seed": 1}, {"labels": [0, 1, 2]},
    {"class_names": ["tulips", "roses"]}, {"smart_resize": True, "image_size": (3, 3),
                                           "shuffle": False, "unknown": 1},
]


def pixels(height, width, mode, index):
    rng = np.random.default_rng(index)
    ramp = np.linspace(0, 255, width)[None, :, None] * np.ones((height, 1, 1))
    noise = rng.integers(0, 60, (height, width, 4))
    array = np.clip(ramp * [1.0, 0.5, 0.2, 1.0] + noise, 0, 255).astype("uint8")
    if mode == "L":
        return Image.fromarray(array[:, :, 0], "L")
    if mode == "RGBA":
        array[:, :, 3] = rng.integers(100, 256, (height, width))
        return Image.fromarray(array, "RGBA")
    image = Image.fromarray(array[:, :, :3], "RGB")
    return image.quantize(16) if mode == "P" else image


def write_images():
    shutil.rmtree(IMAGES, ignore_errors=True)
    for index, (name, spec) in enumerate(FILES.items()):
        path = os.path.join(IMAGES, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if spec is None:
            with open(path, "w") as f:
                f.write("not an image")
            continue
        image = pixels(*spec, index)
        extension = name.rsplit(".", 1)[1].lower()
        fmt = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "bmp": "BMP", "gif": "GIF"}
        image.save(path, format=fmt[extension], **({"quality": 90} if fmt[extension] == "JPEG"
                                                   else {}))


def relative(paths):
    return [os.path.relpath(p, IMAGES) for p in paths]


def split_cases():
    out = []
    for seed, split, subset in ((42, 0.2, "both"), (123, 0.3, "both"), (7, 0.5, "both")):
        train, val = keras.utils.image_dataset_from_directory(
            IMAGES, seed=seed, validation_split=split, subset=subset, image_size=(4, 4))
        out.append({"seed": seed, "validation_split": split, "class_names": train.class_names,
                    "training": relative(train.file_paths),
                    "validation": relative(val.file_paths)})
    dataset = keras.utils.image_dataset_from_directory(IMAGES, seed=11, image_size=(4, 4))
    out.append({"seed": 11, "validation_split": None, "class_names": dataset.class_names,
                "training": relative(dataset.file_paths), "validation": []})
    return out


def dataset_cases(arrays):
    out = {}
    for case, kwargs in DATASET_CASES.items():
        arguments = {"batch_size": 4, **kwargs}
        directory = os.path.join(IMAGES, arguments.pop("directory", ""))
        dataset = keras.utils.image_dataset_from_directory(directory, shuffle=False, **arguments)
        batches = []
        for i, element in enumerate(dataset):
            images, labels = element if isinstance(element, tuple) else (element, None)
            arrays[f"dataset/{case}/{i}"] = images.numpy()
            batches.append({"shape": list(images.shape), "dtype": images.dtype.name,
                            "labels": None if labels is None else labels.numpy().tolist(),
                            "label_dtype": None if labels is None else labels.dtype.name})
            if kwargs.get("batch_size", 4) is None and i == 2:
                break
        out[case] = {"kwargs": kwargs, "class_names": dataset.class_names,
                     "file_paths": relative(dataset.file_paths), "batches": batches}
    return out


def load_cases(arrays):
    out = {}
    for case, (name, kwargs) in LOAD_CASES.items():
        image = keras.utils.load_img(os.path.join(IMAGES, name), **kwargs)
        array = keras.utils.img_to_array(image)
        arrays[f"load_img/{case}"] = array
        out[case] = {"mode": image.mode, "size": list(image.size), "shape": list(array.shape),
                     "dtype": array.dtype.name}
    return out


def error_cases():
    out = []
    for kwargs in ERROR_CASES:
        try:
            keras.utils.image_dataset_from_directory(IMAGES, **kwargs)
        except Exception as e:  # noqa: BLE001 - recording whatever Keras raises
            out.append({"kwargs": kwargs, "type": type(e).__name__,
                        "message": str(e).replace(IMAGES, "<IMAGES>")})
        else:
            raise AssertionError(f"{kwargs} raised nothing")
    return out


def main():
    write_images()
    arrays = {}
    expected = {"splits": split_cases(), "datasets": dataset_cases(arrays),
                "load_img": load_cases(arrays), "errors": error_cases()}
    with open(os.path.join(FIXTURES, "images_expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
    np.savez_compressed(os.path.join(FIXTURES, "images_expected.npz"), **arrays)
    print("wrote", len(arrays), "arrays")


if __name__ == "__main__":
    main()
