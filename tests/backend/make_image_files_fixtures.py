"""Record real TensorFlow's ``tf.io.read_file`` and ``tf.io.decode_png``.

Writes ``data/tf_image_files.json``: small PNG files made by ``tf.io.encode_png`` (gray,
gray and alpha, RGB, RGBA; base64), what ``decode_png`` returns for each ``channels`` and
``dtype`` (or the error), and the errors of ``read_file`` and ``decode_png`` for bad
arguments. Run from the repository root with the TensorFlow venv::

    TF_CPP_MIN_LOG_LEVEL=3 /work/tfvenv/bin/python tests/backend/make_image_files_fixtures.py
"""
import base64
import json
import os
import re
import tempfile

import numpy as np
import tensorflow as tf

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "tf_image_files.json")


def error_text(error):
    message = re.sub(r"^\{\{function_node [^}]*\}\} ", "", str(error))
    return re.sub(r"\s*\[Op:\w+\]( name: \S*)?\s*$", "", message)


def outcome(make):
    try:
        value = make()
    except Exception as error:   # the error is the case's result
        return {"error": type(error).__name__, "message": error_text(error)}
    array = value.numpy()
    if isinstance(array, bytes):   # a scalar string tensor
        return {"bytes": base64.b64encode(array).decode("ascii")}
    return {"dtype": array.dtype.name, "values": array.tolist()}


def pictures():
    rng = np.random.default_rng(7)
    return {f"channels{c}": tf.io.encode_png(rng.integers(0, 256, (3, 4, c)).astype("uint8"))
            .numpy() for c in (1, 2, 3, 4)}


def main():
    files = pictures()
    decoded = {}
    for name, data in files.items():
        for channels in (0, 1, 3, 4):
            decoded[f"{name}_to_{channels}"] = outcome(
                lambda d=data, c=channels: tf.io.decode_png(d, channels=c))
        decoded[f"{name}_uint16"] = outcome(
            lambda d=data: tf.io.decode_png(d, dtype=tf.uint16))
    gray = files["channels1"]
    errors = {
        "decode_channels_2": outcome(lambda: tf.io.decode_png(gray, channels=2)),
        "decode_float32": outcome(lambda: tf.io.decode_png(gray, dtype=tf.float32)),
        "decode_not_a_picture": outcome(lambda: tf.io.decode_png(b"hello")),
        "decode_a_batch": outcome(lambda: tf.io.decode_png([gray])),
        "decode_a_number": outcome(lambda: tf.io.decode_png(3)),
    }
    here = os.getcwd()
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)
        with open("x.bin", "wb") as f:
            f.write(gray)
        reads = {"read_a_file": outcome(lambda: tf.io.read_file("x.bin")),
                 "read_missing": outcome(lambda: tf.io.read_file("nope.png")),
                 "read_a_folder": outcome(lambda: tf.io.read_file(".")),
                 "read_a_list": outcome(lambda: tf.io.read_file(["x.bin"]))}
        os.chdir(here)
    fixtures = {"files": {k: base64.b64encode(v).decode("ascii") for k, v in files.items()},
                "decoded": decoded, "errors": errors, "reads": reads,
                "_meta": {"tensorflow": tf.__version__}}
    with open(OUT, "w") as f:
        json.dump(fixtures, f, indent=0)
        f.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
