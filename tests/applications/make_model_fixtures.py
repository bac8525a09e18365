"""Write data/<family>.json (and a small weights file) from real tf_keras 2.21; run by hand,
never by tests:

    TF_USE_LEGACY_KERAS=1 /work/tfvenv/bin/python tests/applications/make_model_fixtures.py \
        efficientnet mobilenet_v2 resnet resnet_v2 vgg16 vgg19 inception_v3

(``mobilenet_v2`` also runs tracekeras, with ``$TRACEKERAS_PYTHON``, by default the
repository's ``.venv/bin/python``: see ``cache_layout``.)

Nothing here downloads: every model is built with ``weights=None`` or fails on its
arguments before a weights file is asked for. The weights files (``data/<name>.h5``) are
written by tf_keras's ``save_weights`` after ``model_cases.set_formula_weights`` (numbers
that keep a signal through the network, unlike a fresh initialization, whose outputs are
nearly equal), with the outputs they give on ``model_cases.formula_images``; each is a
small member of its family (hundreds of kilobytes, not the tens of megabytes of ImageNet
weights), so ResNet and VGG16, which have no width to shrink, have none.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

import tf_keras  # noqa: E402

from tests.applications import model_cases  # noqa: E402


def weights_file(name, model, input_shape):
    """Save ``model``'s weights as data/<name>.h5; its outputs on the formula images."""
    model.save_weights(os.path.join(HERE, "data", name + ".h5"))
    return model.predict(model_cases.formula_images(input_shape), verbose=0).tolist()


def efficientnet():
    from tf_keras.src.applications.efficientnet import EfficientNet
    result = model_cases.efficientnet_builds(tf_keras)
    result["errors"] = model_cases.efficientnet_errors(tf_keras)
    tf_keras.backend.clear_session()
    tf_keras.utils.set_random_seed(0)
    tiny = model_cases.set_formula_weights(model_cases.tiny_efficientnet(EfficientNet))
    # the stem's Normalization holds ImageNet's statistics, as in the published files
    tiny.get_layer("normalization").set_weights(model_cases.IMAGENET_NORMALIZATION)
    result["weights_file"] = weights_file("efficientnet_tiny", tiny, (2, 32, 32, 3))
    return result


CACHE_LAYOUT_RUN = """
import json, sys
import numpy as np
import tracekeras
from tests.applications import model_cases
model = tracekeras.applications.MobileNetV2(input_shape=(96, 96, 3), alpha=0.35,
                                            include_top=False, pooling="avg")
print(json.dumps(model.predict(model_cases.formula_images((2, 96, 96, 3)), verbose=0).tolist()))
"""


def cache_layout():
    """A MobileNetV2 file tf_keras wrote, under the name and folder Keras keeps ImageNet
    weights in (``$KERAS_HOME/models/...0.35_96_no_top.h5``: that file has no hash to
    check), loaded by tracekeras with ``weights='imagenet'`` in a process of its own (the
    project's Python); both engines' outputs, which must agree."""
    import subprocess
    import tempfile

    import numpy as np
    tf_keras.backend.clear_session()
    tf_keras.utils.set_random_seed(1)
    model = model_cases.set_formula_weights(tf_keras.applications.MobileNetV2(
        input_shape=(96, 96, 3), alpha=0.35, include_top=False, weights=None, pooling="avg"))
    theirs = model.predict(model_cases.formula_images((2, 96, 96, 3)), verbose=0)
    with tempfile.TemporaryDirectory() as home:
        os.makedirs(os.path.join(home, "models"))
        model.save_weights(os.path.join(
            home, "models", "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_96_no_top.h5"))
        root = os.path.dirname(os.path.dirname(HERE))
        python = (os.environ.get("TRACEKERAS_PYTHON")
                  or os.path.join(root, ".venv", "bin", "python"))
        run = subprocess.run([python, "-c", CACHE_LAYOUT_RUN], capture_output=True,
                             text=True, check=True, cwd=root,
                             env={**os.environ, "KERAS_HOME": home, "PYTHONPATH": root})
    ours = np.asarray(json.loads(run.stdout.strip().splitlines()[-1]))
    difference = float(np.abs(ours - theirs).max())
    assert difference <= 1e-4 * np.abs(theirs).max(), (difference, np.abs(theirs).max())
    return {"tf_keras": theirs[:, :16].tolist(), "tracekeras": ours[:, :16].tolist(),
            "max_abs_difference": difference, "max_abs_output": float(np.abs(theirs).max())}


def mobilenet_v2():
    result = model_cases.mobilenet_v2_builds(tf_keras)
    result["errors"] = model_cases.mobilenet_v2_errors(tf_keras)
    tf_keras.backend.clear_session()
    tf_keras.utils.set_random_seed(0)
    tiny = model_cases.set_formula_weights(
        model_cases.tiny_mobilenet_v2(tf_keras.applications.MobileNetV2))
    result["weights_file"] = weights_file("mobilenet_v2_tiny", tiny, (2, 32, 32, 3))
    result["cache_layout"] = cache_layout()
    return result


def resnet():
    result = model_cases.resnet_builds(tf_keras)
    result["errors"] = model_cases.resnet_errors(tf_keras)
    return result


def resnet_v2():
    result = model_cases.resnet_v2_builds(tf_keras)
    result["errors"] = model_cases.resnet_v2_errors(tf_keras)
    return result


def vgg16():
    result = model_cases.vgg16_builds(tf_keras)
    result["errors"] = model_cases.vgg16_errors(tf_keras)
    return result


def inception_v3():
    result = model_cases.inception_v3_builds(tf_keras)
    result["errors"] = model_cases.inception_v3_errors(tf_keras)
    return result


def vgg19():
    result = model_cases.vgg19_builds(tf_keras)
    result["errors"] = model_cases.vgg19_errors(tf_keras)
    return result


FAMILIES = {"efficientnet": efficientnet, "mobilenet_v2": mobilenet_v2, "resnet": resnet,
            "resnet_v2": resnet_v2, "vgg16": vgg16, "vgg19": vgg19,
            "inception_v3": inception_v3}

if __name__ == "__main__":
    for family in sys.argv[1:] or sorted(FAMILIES):
        tf_keras.backend.clear_session()   # each family's automatic names start afresh
        result = FAMILIES[family]()
        result["_source"] = f"tf_keras {tf_keras.__version__}"
        with open(os.path.join(HERE, "data", family + ".json"), "w") as f:
            json.dump(result, f, sort_keys=True, separators=(",", ":"))
