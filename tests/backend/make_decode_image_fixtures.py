"""Write ``data/tf_decode_image.npz`` and ``data/tf_decode_image.json`` from TensorFlow
2.21: the PNG and JPEG files ``tf.io.encode_png`` and ``encode_jpeg`` make of
``decode_image_cases.PICTURE``, what ``tf.io.decode_image`` gives for each case of
``DECODES`` (pixels in the ``.npz``, dtype and shape in the ``.json``) and its errors.

Run with the TensorFlow venv from the repository root (tests never import TensorFlow)::

    TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python tests/backend/make_decode_image_fixtures.py
"""
import json
import os
import sys

import numpy as np
import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import decode_image_cases as cases  # noqa: E402


def main():
    files = {"png_rgba": tf.io.encode_png(cases.PICTURE),
             "png_rgb": tf.io.encode_png(cases.PICTURE[..., :3]),
             "png_gray": tf.io.encode_png(cases.PICTURE[..., :1]),
             "jpeg_rgb": tf.io.encode_jpeg(cases.PICTURE[..., :3])}
    arrays = {f"file_{name}": np.frombuffer(data.numpy(), np.uint8)
              for name, data in files.items()}
    facts = {"decodes": {}, "errors": {}, "tensorflow": tf.__version__}
    for name, (file, options) in cases.DECODES.items():
        image = tf.io.decode_image(files[file], **options)
        arrays[f"decoded_{name}"] = image.numpy()
        facts["decodes"][name] = {"dtype": image.dtype.name, "shape": image.shape.as_list()}
    for name, (data, options) in cases.ERRORS.items():
        try:
            tf.io.decode_image(data, **options)
            facts["errors"][name] = None
        except Exception as exc:  # noqa: BLE001 - the error is the fact
            facts["errors"][name] = [type(exc).__name__, cases.clean(exc)]
    np.savez(os.path.join(HERE, "data", "tf_decode_image.npz"), **arrays)
    with open(os.path.join(HERE, "data", "tf_decode_image.json"), "w") as f:
        json.dump(facts, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
