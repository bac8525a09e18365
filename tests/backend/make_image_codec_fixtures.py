"""Write ``data/tf_image_codecs.npz`` and ``data/tf_image_codecs.json`` from TensorFlow
2.21: the JPEG bytes ``tf.io.encode_jpeg`` makes of ``image_codec_cases.IMAGES``, the pixels
``tf.io.decode_jpeg`` gives for them, the errors, and ``tf.io.gfile.glob``'s paths.

Run with the TensorFlow venv from the repository root (tests never import TensorFlow)::

    /work/tfvenv/bin/python tests/backend/make_image_codec_fixtures.py
"""
import json
import os
import sys
import tempfile

import numpy as np
import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import image_codec_cases as cases  # noqa: E402


def main():
    arrays = {}
    for name, (image, options) in cases.ENCODINGS.items():
        jpeg = tf.io.encode_jpeg(cases.IMAGES[image], **options).numpy()
        arrays[f"jpeg_{name}"] = np.frombuffer(jpeg, np.uint8)
    for name, (image, channels) in cases.DECODES.items():
        jpeg = arrays[f"jpeg_{image}"].tobytes()     # the file TensorFlow wrote above
        arrays[f"decoded_{name}"] = tf.io.decode_jpeg(jpeg, channels=channels).numpy()
    np.savez(os.path.join(HERE, "data", "tf_image_codecs.npz"), **arrays)
    errors = {}
    for name, call in cases.encode_errors(tf).items():
        try:
            call()
            errors[name] = None
        except Exception as exc:  # noqa: BLE001 - the error is the fact
            errors[name] = [type(exc).__name__, cases.clean(exc)]
    with tempfile.TemporaryDirectory() as folder:
        facts = {"errors": errors, "glob": cases.globbed(tf, folder)}
        with open(os.path.join(folder, "file.bin"), "wb") as f:
            f.write(bytes(range(256)))
        read = tf.io.read_file(os.path.join(folder, "file.bin"))
        facts["read_file"] = {"dtype": read.dtype.name, "shape": list(read.shape),
                              "hex": read.numpy().hex()}
    with open(os.path.join(HERE, "data", "tf_image_codecs.json"), "w") as f:
        json.dump(facts, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
