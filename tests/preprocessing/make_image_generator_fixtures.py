"""Write what real tf_keras 2.21's ``ImageDataGenerator`` gives (run by hand, never by tests).

tf_keras's transforms need SciPy and its image loading Pillow, which the reference venv
lacks; put them on the path:

    pip install --no-deps --target /tmp/scipy-only scipy pillow
    PYTHONPATH=/tmp/scipy-only TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python \
        tests/preprocessing/make_image_generator_fixtures.py

It writes ``data/cats_and_dogs/`` (two class folders of small PNG pictures of several
sizes, made from a seeded RandomState, and a file that is not an image), and in
``data/``: ``image_generator.npz`` (the batches of every case of
``image_generator_cases.py``, and the pictures of its ``random_functions``) and
``image_generator.json`` (the directory iterators' file order, class indices and lengths,
the data adapter ``fit`` chooses for each iterator kind, the errors of ``errors``, the
files of ``saved_pictures``, and the history and weights of ``fit_on_iterators``).
"""
import json
import os
import shutil
import sys
import tempfile
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

import numpy as np  # noqa: E402
import scipy  # noqa: E402, F401 - fail here, not inside tf_keras, when SciPy is missing
import tf_keras  # noqa: E402
from PIL import Image  # noqa: E402
from tf_keras.src.engine import data_adapter  # noqa: E402

from tests.preprocessing.image_generator_cases import (  # noqa: E402
    IMAGES,
    errors,
    fit_on_iterators,
    images,
    random_functions,
    run_all,
    saved_pictures,
)

# class folder: sizes (height, width) of its pictures
PICTURES = {"cats": [(10, 12), (12, 12), (9, 14), (11, 8), (13, 10)],
            "dogs": [(12, 9), (10, 10), (15, 11), (8, 13)]}


def write_pictures():
    shutil.rmtree(IMAGES, ignore_errors=True)
    rng = np.random.RandomState(42)
    for folder, sizes in PICTURES.items():
        os.makedirs(os.path.join(IMAGES, folder))
        for i, (h, w) in enumerate(sizes):
            pixels = rng.randint(0, 256, (h, w, 3)).astype("uint8")
            Image.fromarray(pixels, "RGB").save(os.path.join(IMAGES, folder, f"{folder}.{i}.png"))
    with open(os.path.join(IMAGES, "cats", "notes.txt"), "w") as f:
        f.write("not an image\n")


if __name__ == "__main__":
    write_pictures()
    image = tf_keras.preprocessing.image
    arrays, facts = run_all(image)
    arrays.update(random_functions(image))
    x, y = images()
    generator = image.ImageDataGenerator()
    facts["_adapters"] = {
        "NumpyArrayIterator": data_adapter.select_data_adapter(generator.flow(x, y), None).__name__,
        "DirectoryIterator": data_adapter.select_data_adapter(
            generator.flow_from_directory(IMAGES), None).__name__}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        facts["_fit_generator"] = fit_on_iterators(tf_keras)
    facts["_errors"] = errors(image)
    with tempfile.TemporaryDirectory() as folder:
        facts["_saved_pictures"] = saved_pictures(image, folder)
    facts["_source"] = f"tf_keras {tf_keras.__version__}"
    np.savez_compressed(os.path.join(HERE, "data", "image_generator.npz"), **arrays)
    with open(os.path.join(HERE, "data", "image_generator.json"), "w") as f:
        json.dump(facts, f, indent=1, sort_keys=True)
